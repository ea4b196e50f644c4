import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_ROLES } from '../../src/console/send-console-link.ts';
import { LOCALES, messages, type Locale } from '../../src/i18n/index.ts';
import { DECIDING_ROLES } from '../../src/meeting/decide-command.ts';
import type { Role } from '../../src/members/member.ts';
import { STAFF_VERBS } from '../../src/staff/handle-staff-event.ts';
import { ADMIN_VERBS } from '../../src/staff/member-commands.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const GROUPS = { committee: 'committee-room', party_branch: 'party-room', street: 'street-room' } as const;

/** The command verbs a help text names ("/decide", "/tpl"…). */
function verbsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w/])\/([a-z]+)/g)].map((m) => m[1]!))].sort();
}

/**
 * What each role may send, from the tables the chat dispatches on: the staff verbs (less `/staff`,
 * which is this help, and `/workload`, which is the admins'), the admin verbs, `/decide` for the
 * deciding roles, `/console` for the roles that get a link in private, `/cancel` for the staff's
 * explain dialogue, `/done` for the committee's 回访.
 */
function usableBy(role: Role): string[] {
  const acting = role === 'staff' || role === 'admin';
  const verbs = [
    ...(acting ? [...STAFF_VERBS].filter((v) => v !== 'staff' && v !== 'workload') : []),
    ...(acting ? ['cancel'] : []),
    ...(role === 'admin' ? [...ADMIN_VERBS, 'workload'] : []),
    ...(DECIDING_ROLES.includes(role) ? ['decide'] : []),
    ...(CONSOLE_ROLES.includes(role) ? ['console'] : []),
    ...(role === 'committee' ? ['done'] : []),
  ];
  return [...new Set(verbs)].sort();
}

describe('/help in each role’s chat names exactly the commands that role can use', () => {
  let store: TestStore;
  let h: Harness;

  beforeAll(async () => {
    store = await createTestStore('sqlite');
  });
  afterAll(async () => {
    await store.cleanup();
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const m = messages(locale as Locale);
      beforeEach(async () => {
        await store.reset();
        h = await createHarness(store, { env: { DEFAULT_LOCALE: locale } });
        await h.registerStaff(STAFF_ROOM, ['wang']);
        const members = new KyselyMemberStore(store.db);
        await members.grant(
          { platform: PLATFORM, kind: 'user', id: 'boss', displayName: 'boss' },
          'admin',
          h.clock.now(),
        );
        for (const [role, group] of Object.entries(GROUPS))
          await members.grant({ platform: PLATFORM, kind: 'group', id: group }, role as Role, h.clock.now());
      });

      it('staff and admins in the staff group', async () => {
        await h.sayInGroup(STAFF_ROOM, 'wang', '/help');
        expect(verbsIn(h.groupTexts(STAFF_ROOM).at(-1)!)).toEqual(usableBy('staff'));
        await h.sayInGroup(STAFF_ROOM, 'boss', '/help');
        expect(verbsIn(h.groupTexts(STAFF_ROOM).at(-1)!)).toEqual(usableBy('admin'));
      });

      it('the committee’s group, with 回访: the 我来回访 button and /done OUTCOME', async () => {
        await h.sayInGroup(GROUPS.committee, 'elder', '/help');
        const help = h.groupTexts(GROUPS.committee).at(-1)!;
        expect(verbsIn(help)).toEqual(usableBy('committee'));
        expect(help).toContain(m.revisit.help);
        expect(help).toContain(m.revisit.buttonStart);
        expect(help).toContain(m.agenda.decideUsage);
      });

      it('the Party branch’s group and the street’s', async () => {
        await h.sayInGroup(GROUPS.party_branch, 'secretary', '/help');
        const party = h.groupTexts(GROUPS.party_branch).at(-1)!;
        expect(verbsIn(party)).toEqual(usableBy('party_branch'));
        expect(party).not.toContain(m.revisit.help);
        await h.sayInGroup(GROUPS.street, 'officer', '/help');
        expect(h.groupTexts(GROUPS.street).at(-1)).toBe(m.agenda.noCommandsHere);
        expect(usableBy('street')).toEqual([]);
      });

      it('what a meeting group’s help leaves out is refused there', async () => {
        for (const group of Object.values(GROUPS))
          for (const verb of [...STAFF_VERBS, ...ADMIN_VERBS]) {
            await h.sayInGroup(group, 'someone', `/${verb}`);
            expect(h.groupTexts(group).at(-1), `${group} /${verb}`).toBe(m.staff.notHere);
          }
      });
    });
  }
});
