import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { weekBounds } from '../../src/agenda/iso-week.ts';
import { weekFigures } from '../../src/agenda/compile.ts';
import { compileStreetDigest } from '../../src/agenda/street-digest.ts';
import { KyselyAgendaStore } from '../../src/store/agenda-store.ts';
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
      expect(input.estates.map((e) => [e.code, e.name])).toEqual([
        ['east', '东苑'],
        ['west', '西苑'],
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

    it('counts every figure as the agenda does, week after week, on a busy random estate', async () => {
      const other = await createTestStore(dialect);
      try {
        const db = other.db;
        const added = await new KyselyEstateStore(db).add(
          'solo',
          { name: '独园', community: null, street: '单街道', settings: NO_SETTINGS },
          new Date('2026-01-01T00:00:00Z'),
        );
        if (added.kind !== 'added') throw new Error('solo');
        // Deterministic noise over five weeks: every branch of the rules (late and early answers,
        // closed before the deadline, explained before and after it, duplicates, reopenings, ratings).
        let seed = 7;
        const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        const at = (ms: number): string => new Date(ms).toISOString();
        const from = Date.parse('2026-02-16T00:00:00Z');
        const HOUR = 3_600_000;
        const resident = await seedResident(db, { name: '住户', chatId: 'r1' });
        for (let i = 0; i < 160; i++) {
          const created = from + rand() * 35 * 24 * HOUR;
          const responseDue = created + (1 + rand() * 30) * HOUR;
          const resolutionDue = created + (24 + rand() * 200) * HOUR;
          const roll = rand();
          const status =
            roll < 0.25
              ? 'open'
              : roll < 0.45
                ? 'resolved'
                : roll < 0.6
                  ? 'closed'
                  : roll < 0.7
                    ? 'explained'
                    : roll < 0.8
                      ? 'duplicate'
                      : roll < 0.9
                        ? 'acknowledged'
                        : 'in_progress';
          const responded = rand() < 0.7 ? created + rand() * 40 * HOUR : null;
          const resolvedAt =
            status === 'resolved' || (status === 'closed' && rand() < 0.6) ? created + rand() * 240 * HOUR : null;
          const id = await seedTicket(
            db,
            {
              reference: `R-${String(i + 1).padStart(4, '0')}`,
              status,
              createdAt: at(created),
              responseDueAt: at(responseDue),
              resolutionDueAt: at(resolutionDue),
              firstResponseAt: responded === null ? null : at(responded),
              resolvedAt: resolvedAt === null ? null : at(resolvedAt),
            },
            [resident],
          );
          await db
            .updateTable('tickets')
            .set({
              estate_id: added.estate.id,
              duplicate_of: status === 'duplicate' && id > 1 ? id - 1 : null,
              closed_at:
                status === 'closed' || (status === 'open' && rand() < 0.2) ? at(created + rand() * 100 * HOUR) : null,
            })
            .where('id', '=', id)
            .execute();
          if (resolvedAt !== null) await seedEvent(db, id, 'resolved', at(resolvedAt));
          if (status === 'explained') {
            await seedEvent(db, id, 'explained', at(created + rand() * 200 * HOUR));
            if (rand() < 0.3) await seedEvent(db, id, 'explained', at(created + rand() * 300 * HOUR));
          }
          if (rand() < 0.15) await seedEvent(db, id, 'reopened', at(created + rand() * 200 * HOUR));
          if (rand() < 0.5) {
            const r = rand();
            await db
              .updateTable('ticket_reporters')
              .set({
                fixed_answer: r < 0.3 ? 'yes' : r < 0.5 ? 'no' : r < 0.6 ? 'maybe' : null,
                rating: rand() < 0.6 ? 1 + Math.floor(rand() * 5) : null,
                answered_at: at(created + rand() * 300 * HOUR),
              })
              .where('ticket_id', '=', id)
              .execute();
          }
        }
        const agendas = new KyselyAgendaStore(db);
        const digests = new KyselyStreetDigestStore(db);
        for (const [week, asOf] of [
          ['2026-W08', '2026-02-23T01:00:00Z'],
          ['2026-W09', '2026-03-02T01:00:00Z'],
          ['2026-W10', '2026-03-05T01:00:00Z'],
          ['2026-W10', '2026-03-09T01:00:00Z'],
          ['2026-W11', '2026-03-16T01:00:00Z'],
        ] as const) {
          const options = { week, timeZone: TZ, asOf: new Date(asOf) };
          const agenda = await agendas.weekInput({ ...options, estateId: added.estate.id, community: '独园' });
          const street = (await digests.weekInput({ ...options, street: '单街道', unnamed: '' }))!;
          const figures = street.estates[0]!.figures;
          expect(figures, `${week} at ${asOf}`).toEqual(weekFigures(agenda));
          // Not an agreement on nothing: each week has tickets in every flow and rate.
          expect(figures.thisWeek.new * figures.thisWeek.resolved * figures.thisWeek.overdue).toBeGreaterThan(0);
          expect(
            figures.rates.thisWeek.response.denominator * figures.rates.thisWeek.satisfaction.denominator,
          ).toBeGreaterThan(0);
        }
      } finally {
        await other.cleanup();
      }
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
