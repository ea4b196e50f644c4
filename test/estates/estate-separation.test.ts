import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agendaEstates, compileAgenda, runWeeklyAgendas, type AgendaDeps } from '../../src/agenda/weekly-job.ts';
import { actOnTicket } from '../../src/console/act-on-ticket.ts';
import { messages } from '../../src/i18n/index.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';
import { addEstate, NO_SETTINGS } from '../support/estates.ts';

const DAY = 86_400_000;

/*
 * Two estates in one install: a staff member of one tries every way there is to see or act on the
 * other's tickets, and each estate's agenda holds its own tickets and goes to its own chats.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: estates kept apart`, () => {
    let store: TestStore;
    let h: Harness;
    let dataDir: string;
    let north: number;
    let south: number;
    let mine: Ticket;
    let theirs: Ticket;
    const tickets = () => new KyselyTicketStore(store.db);

    beforeAll(async () => {
      store = await createTestStore(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'linli-estates-'));
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store, { env: { WORKING_HOURS: '00:00-24:00', DATA_DIR: dataDir } });
      north = await addEstate(store.db, 'north', '北苑', h.clock.now(), {
        settings: { ...NO_SETTINGS, emergencyNumbers: 'police=999' },
      });
      south = await addEstate(store.db, 'south', '南苑', h.clock.now());
      await h.registerStaff('north-room', ['wang'], north);
      await h.registerStaff('south-room', ['li'], south);
      await h.say('amy', '/start north');
      await h.say('bob', '/start south');
      // The same problem at the same building, in two estates: two tickets, never one.
      await h.say('amy', '3号楼电梯坏了，一直停在5楼');
      await h.say('bob', '3号楼电梯坏了，一直停在5楼');
      const all = await tickets().list();
      expect(all).toHaveLength(2);
      mine = all.find((t) => t.estateId === north)!;
      theirs = all.find((t) => t.estateId === south)!;
      expect(mine.reference).not.toBe(theirs.reference);
    });

    async function untouched(): Promise<void> {
      const now = (await tickets().findById(theirs.id))!;
      expect(now.status).toBe('open');
      expect(now.assigneeId).toBeNull();
      expect((await tickets().events(theirs.id)).map((e) => e.kind)).toEqual(['created']);
    }

    it("announces each ticket in its own estate's staff group only", () => {
      expect(h.groupTexts('north-room').join('\n')).toContain(mine.reference);
      expect(h.groupTexts('north-room').join('\n')).not.toContain(theirs.reference);
      expect(h.groupTexts('south-room').join('\n')).toContain(theirs.reference);
      expect(h.groupTexts('south-room').join('\n')).not.toContain(mine.reference);
    });

    it("keeps another estate's tickets from a staff member's commands, in the group and in private", async () => {
      const ref = theirs.reference;
      for (const command of [
        '/tickets',
        '/tickets all',
        '/search 电梯',
        `/search ${ref}`,
        `/show ${ref}`,
        `/ack ${ref}`,
        `/work ${ref}`,
        `/resolve ${ref}`,
        `/reply ${ref} 明天来修`,
        `/note ${ref} 看看`,
        `/explain ${ref} 没钱 | 明年`,
        `/category ${ref} 供水`,
        `/assign ${ref}`,
        `/merge ${ref} ${mine.reference}`,
        `/merge ${mine.reference} ${ref}`,
        `/decide ${ref} 下周修好 | property`,
      ]) {
        await h.sayInGroup('north-room', 'wang', command);
        await h.say('wang', command);
      }
      const seen = [...h.groupTexts('north-room'), ...h.inbox('wang')].join('\n');
      // Answered as a reference that does not exist, nothing more.
      expect(seen.replaceAll(messages('zh-CN').staff.notFound(ref), '')).not.toContain(ref);
      expect(seen).toContain(mine.reference); // /tickets and /search do list their own
      await untouched();
      expect((await tickets().findById(mine.id))!.status).toBe('open');
    });

    it("refuses another estate's card buttons and replies to its cards", async () => {
      for (const action of ['ack', 'res', 'exp', 'cat', 'expok']) {
        await h.pressInGroup('north-room', 'wang', `st:${action}:${theirs.id}`);
        await h.press('wang', `st:${action}:${theirs.id}`);
      }
      await h.pressInGroup('north-room', 'wang', `st:setcat:${theirs.id}:water_supply`);
      // In the other estate's staff group a member of this one is nobody: their commands show nothing.
      await h.sayInGroup('south-room', 'wang', `/show ${theirs.reference}`);
      await h.sayInGroup('south-room', 'wang', '/tickets');
      expect(h.groupTexts('south-room').slice(-2).join('\n')).not.toContain('电梯');
      await untouched();
    });

    it('lets one person hold the staff role in two estates: their private chat lists and acts on both, marked by estate; each role is revoked on its own', async () => {
      const members = new KyselyMemberStore(store.db);
      const inSouth = await members.grant(
        { platform: PLATFORM, kind: 'user', id: 'wang', displayName: 'wang' },
        'staff',
        h.clock.now(),
        south,
      );
      const inNorth = (await members.find(PLATFORM, 'user', 'wang', 'staff', north))!;
      expect(inSouth.id).not.toBe(inNorth.id);

      await h.say('wang', '/tickets');
      const listed = h.inbox('wang').at(-1)!;
      expect(listed).toContain(`[北苑] ${mine.reference}`);
      expect(listed).toContain(`[南苑] ${theirs.reference}`);
      await h.say('wang', '/search 电梯');
      expect(h.inbox('wang').at(-1)).toContain(`[南苑] ${theirs.reference}`);

      // The north staff group stays bound to its estate, whoever writes there.
      await h.sayInGroup('north-room', 'wang', `/show ${theirs.reference}`);
      expect(h.groupTexts('north-room').at(-1)).toBe(messages('zh-CN').staff.notFound(theirs.reference));

      // In private, the south ticket is acted on with the south role: its history names that member.
      await h.say('wang', `/ack ${theirs.reference}`);
      const acked = (await tickets().events(theirs.id)).find((e) => e.kind === 'acknowledged');
      expect(acked?.actor).toEqual({ kind: 'member', id: inSouth.id });
      await h.say('wang', `/ack ${mine.reference}`);
      expect((await tickets().events(mine.id)).find((e) => e.kind === 'acknowledged')?.actor).toEqual({
        kind: 'member',
        id: inNorth.id,
      });

      // Revoked in the south only: the south is out of reach, the north still works.
      await members.revoke({ kind: 'id', id: inSouth.id }, h.clock.now());
      await h.say('wang', '/tickets all');
      const after = h.inbox('wang').at(-1)!;
      expect(after).toContain(mine.reference);
      expect(after).not.toContain(theirs.reference);
      await h.say('wang', `/work ${theirs.reference}`);
      expect(h.inbox('wang').at(-1)).toBe(messages('zh-CN').staff.notFound(theirs.reference));
      expect((await tickets().findById(theirs.id))!.status).not.toBe('in_progress');
      await h.say('wang', `/work ${mine.reference}`);
      expect((await tickets().findById(mine.id))!.status).toBe('in_progress');
    });

    it("names the estate in /mine only for a person of several estates, and a staff group's /mine keeps to its estate", async () => {
      const members = new KyselyMemberStore(store.db);
      await members.grant(
        { platform: PLATFORM, kind: 'user', id: 'wang', displayName: 'wang' },
        'staff',
        h.clock.now(),
        south,
      );
      await h.sayInGroup('north-room', 'wang', `/assign ${mine.reference}`);
      await h.say('wang', `/assign ${theirs.reference}`);
      expect((await tickets().findById(theirs.id))!.assigneeId).not.toBeNull();

      await h.say('wang', '/mine');
      const listed = h.inbox('wang').at(-1)!;
      expect(listed).toContain(`[北苑] ${mine.reference}`);
      expect(listed).toContain(`[南苑] ${theirs.reference}`);
      await h.sayInGroup('north-room', 'wang', '/mine');
      const inGroup = h.groupTexts('north-room').at(-1)!;
      expect(inGroup).toContain(mine.reference);
      expect(inGroup).not.toContain(theirs.reference);
      expect(inGroup).not.toContain('[北苑]');

      // A person of one estate reads the list as before, with no estate named.
      await h.sayInGroup('south-room', 'li', `/assign ${theirs.reference} li`);
      await h.say('li', '/mine');
      expect(h.inbox('li').at(-1)).toContain(theirs.reference);
      expect(h.inbox('li').at(-1)).not.toContain('[南苑]');
    });

    it("lets a person on two estates' committees take a 回访 of either", async () => {
      const members = new KyselyMemberStore(store.db);
      const zhou = { platform: PLATFORM, kind: 'user' as const, id: 'zhou', displayName: 'zhou' };
      await members.grant(zhou, 'committee', h.clock.now(), north);
      await members.grant(zhou, 'committee', h.clock.now(), south);
      await members.grant(
        { platform: PLATFORM, kind: 'group', id: 'south-committee' },
        'committee',
        h.clock.now(),
        south,
      );
      await h.sayInGroup('south-room', 'li', `/resolve ${theirs.reference}`);
      await h.press('bob', `rate:${theirs.id}:1`);
      const card = h.sender.sent.find((s) => s.chatId === 'south-committee' && s.message.buttons !== undefined)!;
      await h.pressInGroup('south-committee', 'zhou', card.message.buttons!.flat()[0]!.data);
      expect(h.groupTexts('south-committee').at(-1)).toContain(`（${theirs.reference}）由 zhou 负责`);
      const started = (await tickets().events(theirs.id)).find(
        (e) => e.kind === 'revisit' && e.data.step === 'started',
      );
      expect(started?.actor).toEqual({
        kind: 'member',
        id: (await members.find(PLATFORM, 'user', 'zhou', 'committee', south))!.id,
      });
    });

    it("keeps an estate's admin to its members and figures: /members, /revoke, /workload, /help", async () => {
      const members = new KyselyMemberStore(store.db);
      const boss = { platform: PLATFORM, kind: 'user' as const, id: 'boss', displayName: 'boss' };
      await members.grant(boss, 'admin', h.clock.now(), north);
      await members.grant(boss, 'staff', h.clock.now(), south);
      await h.registerStaff('south-room', ['boss'], south);
      const s = messages('zh-CN').staff;

      await h.sayInGroup('north-room', 'boss', '/members');
      expect(h.groupTexts('north-room').at(-1)).toContain('wang');
      expect(h.groupTexts('north-room').at(-1)).not.toContain('li');
      await h.say('boss', '/members');
      expect(h.inbox('boss').at(-1)).not.toContain('test:li');
      await h.sayInGroup('north-room', 'boss', `/revoke ${PLATFORM}:li`);
      expect(h.groupTexts('north-room').at(-1)).toBe(s.revokeNone(`${PLATFORM}:li`));
      expect(await members.find(PLATFORM, 'user', 'li', 'staff', south)).toBeDefined();

      // Staff in the south: no admin there, whatever they are in the north.
      for (const command of ['/members', '/workload', `/revoke ${PLATFORM}:li`]) {
        await h.sayInGroup('south-room', 'boss', command);
        expect(h.groupTexts('south-room').at(-1), command).toBe(s.adminOnly);
      }
      await h.sayInGroup('south-room', 'boss', '/help');
      expect(h.groupTexts('south-room').at(-1)).toBe(s.usage);
      await h.sayInGroup('north-room', 'boss', '/help');
      expect(h.groupTexts('north-room').at(-1)).toBe(`${s.usage}\n\n${s.adminUsage}`);
      // In private, the workload of the estate they are admin of.
      await h.say('boss', '/workload');
      expect(h.inbox('boss').at(-1)).toContain('wang');
      expect(h.inbox('boss').at(-1)).not.toContain('li');

      // A person revoked by an admin keeps their roles in another estate.
      await members.grant(
        { platform: PLATFORM, kind: 'user', id: 'li', displayName: 'li' },
        'staff',
        h.clock.now(),
        north,
      );
      await h.sayInGroup('north-room', 'boss', `/revoke ${PLATFORM}:li`);
      expect(await members.find(PLATFORM, 'user', 'li', 'staff', north)).toBeUndefined();
      expect(await members.find(PLATFORM, 'user', 'li', 'staff', south)).toBeDefined();
    });

    it("keeps the console's actions to the member's estate", async () => {
      const wang = (await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'wang', 'staff'))!;
      const li = (await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'li', 'staff'))!;
      for (const action of [
        { kind: 'ack' },
        { kind: 'resolve' },
        { kind: 'reply', text: '明天来修' },
        { kind: 'contact' },
      ] as const)
        expect((await actOnTicket(h.core, wang.id, theirs.id, action)).kind).toBe('not-found');
      expect((await actOnTicket(h.core, wang.id, mine.id, { kind: 'assign', assigneeId: li.id })).kind).toBe(
        'no-such-assignee',
      );
      expect((await actOnTicket(h.core, wang.id, mine.id, { kind: 'merge', into: theirs.reference })).kind).toBe(
        'no-such-target',
      );
      await untouched();
      expect((await actOnTicket(h.core, li.id, theirs.id, { kind: 'ack' })).kind).toBe('ok');
    });

    it("tells each estate's residents its own emergency numbers", async () => {
      await h.say('amy', '8号楼燃气泄漏，味道很大');
      await h.say('bob', '8号楼燃气泄漏，味道很大');
      expect(h.inbox('amy').at(-1)).toContain('999');
      expect(h.inbox('bob').at(-1)).not.toContain('999');
      expect(h.inbox('bob').at(-1)).toContain('110');
    });

    it("compiles one agenda per estate, with only its tickets, sent to that estate's chats", async () => {
      h.clock.advance(8 * DAY);
      const deps: AgendaDeps = { unitOfWork: h.core.unitOfWork, config: h.core.config };
      const estates = await agendaEstates(deps);
      const of = (id: number) => estates.find((e) => e.id === id)!;
      const northAgenda = await compileAgenda(deps, '2026-W48', h.clock.now(), of(north));
      const southAgenda = await compileAgenda(deps, '2026-W48', h.clock.now(), of(south));
      expect(northAgenda.community).toBe('北苑');
      expect(northAgenda.items.map((i) => i.reference)).toEqual([mine.reference]);
      expect(southAgenda.items.map((i) => i.reference)).toEqual([theirs.reference]);
      expect(northAgenda.figures.thisWeek.new).toBe(1);

      const results = await runWeeklyAgendas(deps, h.clock.now(), '2026-W48');
      expect(results.filter((r) => r.kind === 'published')).toHaveLength(2);
      await h.settle();
      const northTexts = h.groupTexts('north-room').join('\n');
      const southTexts = h.groupTexts('south-room').join('\n');
      expect(northTexts).toContain('北苑');
      expect(northTexts.split(mine.reference).length).toBeGreaterThan(2); // card and agenda
      expect(northTexts).not.toContain(theirs.reference);
      expect(southTexts).toContain('南苑');
      expect(southTexts).not.toContain(mine.reference);
      // Run again (a second instance, a restart): nothing is sent twice.
      const sent = h.sender.sent.length;
      await runWeeklyAgendas(deps, h.clock.now(), '2026-W48');
      await h.settle();
      expect(h.sender.sent.length).toBe(sent);
    });
  });
}
