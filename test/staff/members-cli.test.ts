import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { createTestStore, DIALECTS } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';

const T0 = new Date('2026-11-23T02:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: linli members and linli revoke`, () => {
    // Four CLI processes, each a second or more on a loaded machine.
    it(
      'lists members in local time, revokes by id and by platform:id, and says when nothing matched',
      { timeout: 120_000 },
      async () => {
        const store = await createTestStore(dialect);
        const dir = mkdtempSync(join(tmpdir(), 'linli-members-'));
        try {
          const members = new KyselyMemberStore(store.db);
          const wang = await members.grant(
            { platform: 'telegram', kind: 'user', id: '100', displayName: 'Wang Li' },
            'staff',
            T0,
          );
          await members.grant({ platform: 'telegram', kind: 'user', id: '100' }, 'admin', T0);
          const room = await members.grant({ platform: 'telegram', kind: 'group', id: '-1001' }, 'staff', T0);
          const linli = (...args: string[]) =>
            runCli(args, { cwd: dir, env: { DATABASE_URL: store.config.url, TIMEZONE: 'Asia/Shanghai' } });

          const listed = await linli('members', '--estate', 'default');
          expect(listed.code).toBe(0);
          expect(listed.stdout.split('\n')).toEqual([
            'id\trole\tplatform\tname\tchat\tjoined\trevoked',
            `${wang.id}\tstaff\ttelegram\tWang Li\tuser:100\t2026-11-23 10:00\t-`,
            `${wang.id + 1}\tadmin\ttelegram\t-\tuser:100\t2026-11-23 10:00\t-`,
            `${room.id}\tstaff\ttelegram\t-\tgroup:-1001\t2026-11-23 10:00\t-`,
            '',
          ]);

          const byId = await linli('revoke', String(room.id));
          expect(byId.code).toBe(0);
          expect(byId.stdout).toContain(`${room.id}\tstaff\ttelegram\t-\tgroup:-1001`);
          expect(byId.stderr).toContain('no more cards or agendas');
          expect(await members.groups('staff')).toEqual([]);

          const bySubject = await linli('revoke', 'telegram:100');
          expect(bySubject.stdout.trim().split('\n')).toHaveLength(2);
          expect(bySubject.stderr).toContain('Revoked 2 roles');
          expect(await members.rolesOf('telegram', '100')).toEqual([]);

          const unknown = await linli('revoke', '#424242');
          expect(unknown.code).toBe(1);
          expect(unknown.stderr).toContain('No member #424242');
        } finally {
          rmSync(dir, { recursive: true, force: true });
          await store.cleanup();
        }
      },
    );
  });
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: a person with roles in two estates (linli members, revoke --estate, console-link --estate)`, () => {
    it(
      'lists the estate of each role, revokes one estate’s role, and signs in to the estate asked for',
      { timeout: 120_000 },
      async () => {
        const store = await createTestStore(dialect);
        const dir = mkdtempSync(join(tmpdir(), 'linli-members-'));
        try {
          const linli = (...args: string[]) =>
            runCli(args, { cwd: dir, env: { DATABASE_URL: store.config.url, TIMEZONE: 'Asia/Shanghai' } });
          expect((await linli('estate', 'add', 'north', '--name', '北苑')).code).toBe(0);
          const north = (await new KyselyEstateStore(store.db).findByCode('north'))!;
          const members = new KyselyMemberStore(store.db);
          const person = { platform: 'telegram', kind: 'user' as const, id: '100', displayName: 'Wang Li' };
          const home = await members.grant(person, 'staff', T0);
          const away = await members.grant(person, 'staff', T0, north.id);
          expect(away.id).not.toBe(home.id);

          const listed = await linli('members');
          expect(listed.stdout.split('\n')).toEqual([
            'id\trole\tplatform\tname\tchat\tjoined\trevoked\testate',
            `${home.id}\tstaff\ttelegram\tWang Li\tuser:100\t2026-11-23 10:00\t-\tdefault`,
            `${away.id}\tstaff\ttelegram\tWang Li\tuser:100\t2026-11-23 10:00\t-\tnorth`,
            '',
          ]);

          const link = await linli('console-link', '--user', 'telegram:100', '--estate', 'north');
          expect(link.code, link.stderr).toBe(0);
          expect(link.stderr).toContain(`member #${away.id}`);
          const plain = await linli('console-link', '--user', 'telegram:100');
          expect(plain.stderr).toContain('reads and acts on estate default; for another estate');

          expect((await linli('revoke', '12', '--estate', 'north')).code).toBe(2);
          const revoked = await linli('revoke', 'telegram:100', '--estate', 'north');
          expect(revoked.code, revoked.stderr).toBe(0);
          expect(revoked.stderr).toContain('Revoked 1 role');
          expect((await members.list()).map((m) => [m.id, m.revokedAt === null])).toEqual([
            [home.id, true],
            [away.id, false],
          ]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
          await store.cleanup();
        }
      },
    );
  });
}
