import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyResidentStore } from '../../src/store/resident-store.ts';
import { createTestStore, DIALECTS } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';

const T0 = new Date('2026-11-23T02:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: linli estate, invite --estate, chat --estate`, () => {
    // Several CLI processes, each a second or more on a loaded machine.
    it(
      'adds, changes and lists estates, and binds invites and console residents to one',
      { timeout: 180_000 },
      async () => {
        const store = await createTestStore(dialect);
        const dir = mkdtempSync(join(tmpdir(), 'linli-estates-'));
        try {
          const env = { DATABASE_URL: store.config.url, COMMUNITY_NAME: '幸福里', EMERGENCY_NUMBERS: 'gas=96777' };
          const linli = (...args: string[]) => runCli(args, { cwd: dir, env });

          // One estate: an invite needs no --estate, as before estates.
          const first = await linli('invite', '--role', 'staff');
          expect(first.code).toBe(0);
          expect(first.stderr).toContain('in estate default');

          const added = await linli(
            'estate',
            'add',
            'lincheng-1',
            '--name',
            '临城一号院',
            '--community',
            '临城社区',
            '--street',
            '临城街道',
            '--working-hours',
            '08:30-12:00,13:00-17:30',
            '--emergency-numbers',
            'lift=96333,gas=96888',
          );
          expect(added.code).toBe(0);
          expect(added.stdout).toBe(
            'lincheng-1\t临城一号院\t临城社区\t临城街道\temergency-numbers=lift=96333,gas=96888 working-hours=08:30-12:00,13:00-17:30\n',
          );
          expect((await linli('estate', 'add', 'lincheng-1', '--name', 'again')).code).toBe(1);

          const refused = await Promise.all([
            linli('estate', 'add', 'Bad Code', '--name', 'x'),
            linli('estate', 'add', 'lincheng-2'),
            linli(
              'estate',
              'add',
              'lincheng-2',
              '--name',
              'x',
              '--deadlines',
              '{"upkeep":{"normal":{"response":"soon"}}}',
            ),
            linli('estate', 'add', 'lincheng-2', '--name', 'x', '--working-hours', '18:00-09:00'),
          ]);
          expect(refused.map((r) => r.code)).toEqual([2, 2, 2, 2]);
          expect(refused[0]!.stderr).toContain('lowercase letters, digits and dashes');
          expect(refused[1]!.stderr).toContain('--name');
          expect(refused[2]!.stderr).toContain('--deadlines: upkeep.normal.response "soon" is not a duration');
          expect(refused[3]!.stderr).toContain('--working-hours:');

          const renamed = await linli('estate', 'set', 'default', '--street', '临城街道');
          expect(renamed.code).toBe(0);
          const listed = await linli('estate', 'list');
          expect(listed.stdout.split('\n')).toEqual([
            'code\tname\tcommunity\tstreet\tsettings',
            'default\t幸福里 (COMMUNITY_NAME)\t-\t临城街道\t-',
            'lincheng-1\t临城一号院\t临城社区\t临城街道\temergency-numbers=lift=96333,gas=96888 working-hours=08:30-12:00,13:00-17:30',
            '',
          ]);

          // Two estates: an invite must say which; the code holds the role in that estate.
          const ambiguous = await linli('invite', '--role', 'staff');
          expect(ambiguous.code).toBe(2);
          expect(ambiguous.stderr).toContain('--estate');
          expect((await linli('invite', '--role', 'staff', '--estate', 'nowhere')).stderr).toContain(
            'no estate "nowhere"',
          );
          const invite = await linli('invite', '--role', 'committee', '--estate', 'lincheng-1');
          expect(invite.code).toBe(0);
          const lincheng = (await new KyselyEstateStore(store.db).findByCode('lincheng-1'))!;
          const redeemed = await new KyselyMemberStore(store.db).redeem(
            invite.stdout.trim(),
            { platform: 'telegram', kind: 'group', id: '-77' },
            new Date(),
          );
          expect(redeemed).toMatchObject({ kind: 'granted', member: { role: 'committee', estateId: lincheng.id } });

          const [tickets, agenda] = await Promise.all([
            linli('tickets', '--estate', 'lincheng-1'),
            linli('agenda', '--week', '2026-W47'),
          ]);
          expect(tickets.stdout).toBe('No tickets.\n');
          expect(agenda.code).toBe(2);
          expect(agenda.stderr).toContain('--estate');

          const chat = await linli('chat', '--user', 'ann', '--estate', 'lincheng-1');
          expect(chat.code).toBe(0);
          const ann = await new KyselyResidentStore(store.db).findOrCreate(
            { platform: 'console', platformUserId: 'ann', chatId: 'user:ann' },
            T0,
          );
          expect(ann.estateId).toBe(lincheng.id);
        } finally {
          rmSync(dir, { recursive: true, force: true });
          await store.cleanup();
        }
      },
    );
  });
}
