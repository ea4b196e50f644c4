import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { weekBounds } from '../../src/agenda/iso-week.ts';
import { compileStreetDigest } from '../../src/agenda/street-digest.ts';
import { publishStreetDigest, runStreetDigestJob } from '../../src/agenda/street-job.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyStreetDigestStore } from '../../src/store/street-digest-store.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTestStore, DIALECTS, MIGRATIONS, type TestStore } from '../support/databases.ts';
import { seedEvent, seedResident, seedTicket } from './seed.ts';

const TZ = 'Asia/Shanghai';
const WEEK = '2026-W10';
const AS_OF = new Date('2026-03-09T01:00:00Z');
const STREET = '朝阳街道';
const NO_SETTINGS = { emergencyNumbers: null, deadlines: null, workingHours: null };

for (const dialect of DIALECTS) {
  describe(`${dialect}: street digest store and job`, () => {
    let store: TestStore;
    let dataDir: string;
    beforeAll(async () => {
      store = await createTestStore(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'linli-street-'));
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Two estates of the street, one of another street, and tickets in each (and in `default`). */
    async function seed(): Promise<void> {
      const estates = new KyselyEstateStore(store.db);
      const at = new Date('2026-01-01T00:00:00Z');
      const add = async (code: string, name: string, street: string) => {
        const result = await estates.add(code, { name, community: '幸福社区', street, settings: NO_SETTINGS }, at);
        if (result.kind !== 'added') throw new Error(code);
        return result.estate.id;
      };
      const east = await add('east', '东苑', STREET);
      const west = await add('west', '西苑', STREET);
      const north = await add('north', '北苑', '其他街道');
      const inEstate = async (estate: number, id: number) =>
        store.db.updateTable('tickets').set({ estate_id: estate }).where('id', '=', id).execute();

      const resolved = await seedTicket(store.db, {
        reference: 'W-0001',
        category: 'water_supply',
        status: 'resolved',
        createdAt: '2026-03-03T00:00:00.000Z',
        responseDueAt: '2026-03-03T04:00:00.000Z',
        firstResponseAt: '2026-03-03T01:00:00.000Z',
        resolutionDueAt: '2026-03-05T00:00:00.000Z',
        resolvedAt: '2026-03-04T00:00:00.000Z',
      });
      await inEstate(east, resolved);
      await seedEvent(store.db, resolved, 'resolved', '2026-03-04T00:00:00.000Z');
      const wang = await seedResident(store.db, { name: '王五', phone: '13912345678', chatId: 'w5' });
      const escalated = await seedTicket(
        store.db,
        {
          reference: 'S-0002',
          category: 'security',
          status: 'open',
          summary: '门禁坏了，王五 13912345678',
          createdAt: '2026-02-20T00:00:00.000Z',
          responseDueAt: '2026-02-20T04:00:00.000Z',
          resolutionDueAt: '2026-02-23T00:00:00.000Z',
        },
        [wang],
      );
      await inEstate(east, escalated);
      for (const [step, at] of [
        ['admin', '2026-02-23T04:00:00.000Z'],
        ['committee', '2026-02-25T04:00:00.000Z'],
        ['party_branch', '2026-02-28T04:00:00.000Z'],
      ] as const)
        await store.db
          .insertInto('ticket_escalations')
          .values({ ticket_id: escalated, step, due_at: at, taken_at: at, recipients: 1 })
          .execute();
      await inEstate(
        west,
        await seedTicket(store.db, {
          reference: 'U-0003',
          createdAt: '2026-03-04T00:00:00.000Z',
          responseDueAt: '2026-03-04T04:00:00.000Z',
        }),
      );
      await inEstate(north, await seedTicket(store.db, { reference: 'U-0004', createdAt: '2026-03-04T00:00:00.000Z' }));
      await seedTicket(store.db, { reference: 'U-0005', createdAt: '2026-03-04T00:00:00.000Z' });
    }

    beforeEach(async () => {
      await store.reset();
      await seed();
    });

    it('rolls its migration back and applies it again', async () => {
      const other = await createTestStore(dialect, { migrate: false });
      try {
        const mine = '20261216090000_street_digests';
        await migrateToLatest(other);
        await migrateToLatest(other, MIGRATIONS[MIGRATIONS.indexOf(mine) - 1]!);
        await expect(other.db.selectFrom('street_digests').selectAll().execute()).rejects.toThrow();
        expect(await migrateToLatest(other)).toContain(mine);
        expect(await other.db.selectFrom('street_digests').selectAll().execute()).toEqual([]);
      } finally {
        await other.cleanup();
      }
    });

    it('lists the streets that have estates', async () => {
      expect((await new KyselyStreetDigestStore(store.db).streets()).sort()).toEqual(['其他街道', STREET].sort());
    });

    it("loads the week of the street's estates only, each with its own tickets", async () => {
      const digests = new KyselyStreetDigestStore(store.db);
      const input = (await digests.weekInput({
        street: STREET,
        week: WEEK,
        timeZone: TZ,
        asOf: AS_OF,
        unnamed: '本小区',
      }))!;
      expect(input.start).toEqual(weekBounds(WEEK, TZ).start);
      expect(input.estates.map((e) => [e.code, e.name, e.tickets.map((t) => t.reference).sort()])).toEqual([
        ['east', '东苑', ['S-0002', 'W-0001']],
        ['west', '西苑', ['U-0003']],
      ]);
      expect(await digests.weekInput({ street: '无此街道', week: WEEK, timeZone: TZ, asOf: AS_OF, unnamed: '' })).toBe(
        undefined,
      );
      const digest = compileStreetDigest(input);
      const east = digest.estates.find((e) => e.code === 'east')!;
      expect(east.thisWeek).toMatchObject({ new: 1, resolved: 1 });
      expect(east.rates.thisWeek.response).toMatchObject({ numerator: 1, denominator: 1 });
      expect(digest.estates.find((e) => e.code === 'west')!.thisWeek).toMatchObject({ new: 1, overdue: 1 });
      expect(digest.escalated.map((s) => s.reference)).toEqual(['S-0002']);
      expect(JSON.stringify(digest)).not.toMatch(/王五|13912345678/);
    });

    it('gives a street invite its street, and finds the groups of a street', async () => {
      const members = new KyselyMemberStore(store.db);
      const now = new Date('2026-03-08T00:00:00Z');
      const { code } = await members.createStreetInvite(STREET, new Date('2026-03-10T00:00:00Z'), now);
      const result = await members.redeem(code, { platform: 'telegram', kind: 'group', id: '-100' }, now);
      expect(result).toMatchObject({ kind: 'granted', member: { role: 'street', street: STREET } });
      expect((await members.streetGroups(STREET)).map((m) => m.subjectId)).toEqual(['-100']);
      expect(await members.streetGroups('其他街道')).toEqual([]);
    });

    it("stores the digest once and sends it once to each of the street's groups", async () => {
      const members = new KyselyMemberStore(store.db);
      const now = new Date('2026-03-08T00:00:00Z');
      for (const [street, chat] of [
        [STREET, '-100'],
        [STREET, '-101'],
        ['其他街道', '-200'],
      ] as const) {
        const { code } = await members.createStreetInvite(street, new Date('2026-03-10T00:00:00Z'), now);
        await members.redeem(code, { platform: 'console', kind: 'group', id: chat }, now);
      }
      const deps = {
        unitOfWork: new KyselyUnitOfWork(store.db),
        config: {
          timezone: TZ,
          communityName: undefined,
          defaultLocale: 'zh-CN' as const,
          publicUrl: undefined,
          dataDir,
        },
      };
      const first = await publishStreetDigest(deps, STREET, WEEK, AS_OF);
      expect(first).toMatchObject({ kind: 'published', compiled: true, chats: 2 });
      const again = await publishStreetDigest(deps, STREET, WEEK, AS_OF);
      expect(again).toMatchObject({ kind: 'published', compiled: false, chats: 2, queued: 0 });
      const rows = await store.db.selectFrom('outbox').select(['chat_id', 'payload']).orderBy('id').execute();
      expect(new Set(rows.map((r) => r.chat_id))).toEqual(new Set(['-100', '-101']));
      const text = rows.map((r) => r.payload).join('\n');
      expect(text).toContain('东苑');
      expect(text).toContain('西苑');
      expect(text).not.toContain('北苑');
      expect(text).not.toMatch(/王五|13912345678/);
      const stored = await new KyselyStreetDigestStore(store.db).findByToken(
        (first as { stored: { imageToken: string } }).stored.imageToken,
      );
      expect(stored?.sentAt).not.toBeNull();

      // The weekly job: every street with a group, once per week however often it runs.
      const results = await runStreetDigestJob(deps, AS_OF);
      expect(results.map((r) => r.street).sort()).toEqual(['其他街道', STREET].sort());
      expect((await runStreetDigestJob(deps, AS_OF)).every((r) => r.result === 'claimed-elsewhere')).toBe(true);
      expect(
        (await store.db.selectFrom('outbox').select('chat_id').where('chat_id', '=', '-200').execute()).length,
      ).toBeGreaterThan(0);
      expect((await store.db.selectFrom('street_digests').select('id').execute()).length).toBe(2);
    });
  });
}
