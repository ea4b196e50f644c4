import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Place } from '../../src/classify/classifier.ts';
import { KyselyResidentStore } from '../../src/store/resident-store.ts';
import { KyselyTicketStore, type NewTicket } from '../../src/store/ticket-store.ts';
import type { Category } from '../../src/tickets/category.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  const createdAt = overrides.createdAt ?? T0;
  return {
    category: 'water_supply',
    urgency: 'normal',
    summary: '停水',
    description: '3号楼2单元停水一天了',
    place: { building: '3', unit: '2', text: '3号楼2单元' },
    language: 'zh-CN',
    classifierSource: 'offline',
    responseDueAt: new Date(createdAt.getTime() + 4 * HOUR),
    resolutionDueAt: new Date(createdAt.getTime() + 2 * DAY),
    createdAt,
    ...overrides,
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: ticket store`, () => {
    let store: TestStore;
    let tickets: KyselyTicketStore;
    let residents: KyselyResidentStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
      tickets = new KyselyTicketStore(store.db);
      residents = new KyselyResidentStore(store.db);
    });
    beforeEach(() => store.reset());
    afterAll(() => store.cleanup());

    async function resident(userId: string): Promise<number> {
      return (await residents.findOrCreate({ platform: 'telegram', platformUserId: userId, chatId: userId }, T0)).id;
    }

    describe('create', () => {
      it('gives references W-0001 then W-0002 within a category', async () => {
        const first = await tickets.create(newTicket(), null);
        const second = await tickets.create(newTicket({ createdAt: at(1000) }), null);
        expect(first.reference).toBe('W-0001');
        expect(second.reference).toBe('W-0002');
        expect(second.id).not.toBe(first.id);
      });

      it('counts each category on its own', async () => {
        await tickets.create(newTicket(), null);
        await tickets.create(newTicket(), null);
        const greening = await tickets.create(newTicket({ category: 'greening' }), null);
        const security = await tickets.create(newTicket({ category: 'security' }), null);
        const third = await tickets.create(newTicket(), null);
        expect([greening.reference, security.reference, third.reference]).toEqual(['G-0001', 'S-0001', 'W-0003']);
      });

      it('hands out distinct numbers to concurrent creators on two instances', async () => {
        const other = new KyselyTicketStore(store.reopen().db);
        const created = await Promise.all([
          ...Array.from({ length: 5 }, () => tickets.create(newTicket(), null)),
          ...Array.from({ length: 5 }, () => other.create(newTicket(), null)),
        ]);
        expect(new Set(created.map((t) => t.reference)).size).toBe(10);
        expect(created.map((t) => t.reference).sort()).toEqual(
          Array.from({ length: 10 }, (_, i) => `W-${String(i + 1).padStart(4, '0')}`),
        );
      });

      it('stores what it was given and reads it back the same', async () => {
        const created = await tickets.create(
          newTicket({
            urgency: 'urgent',
            location: { latitude: 31.2304, longitude: 121.4737 },
            classifierModel: 'm',
            classifierLatencyMs: 12.6,
            confidence: 0.75,
          }),
          null,
        );
        expect(created).toMatchObject({
          status: 'open',
          category: 'water_supply',
          urgency: 'urgent',
          summary: '停水',
          description: '3号楼2单元停水一天了',
          place: { building: '3', unit: '2', text: '3号楼2单元' },
          location: { latitude: 31.2304, longitude: 121.4737 },
          classifierSource: 'offline',
          classifierModel: 'm',
          classifierLatencyMs: 13,
          confidence: 0.75,
          createdAt: T0,
          responseDueAt: at(4 * HOUR),
          resolutionDueAt: at(2 * DAY),
          firstResponseAt: null,
          explanation: null,
        });
        expect(await tickets.findById(created.id)).toEqual(created);
        expect(await tickets.findByReference('w-0001')).toEqual(created);
        expect(await tickets.findByReference('W-0002')).toBeUndefined();
      });

      it('keeps a ticket without a place placeless', async () => {
        const created = await tickets.create(newTicket({ place: null }), null);
        expect((await tickets.findById(created.id))?.place).toBeNull();
      });

      it('records the creation in the history and the resident as the first reporter', async () => {
        const residentId = await resident('100');
        const ticket = await tickets.create(newTicket(), residentId);
        expect(await tickets.events(ticket.id)).toMatchObject([
          {
            ticketId: ticket.id,
            kind: 'created',
            actor: { kind: 'resident', id: residentId },
            data: { category: 'water_supply', urgency: 'normal', source: 'offline' },
            createdAt: T0,
          },
        ]);
        expect(await tickets.reporterIds(ticket.id)).toEqual([residentId]);
      });

      it('records a system creation without reporters', async () => {
        const ticket = await tickets.create(newTicket(), null);
        expect((await tickets.events(ticket.id)).map((e) => e.actor)).toEqual([{ kind: 'system' }]);
        expect(await tickets.reporterCount(ticket.id)).toBe(0);
      });
    });

    describe('history', () => {
      it('lists events in the order they happened, with who and what', async () => {
        const ticket = await tickets.create(newTicket(), null);
        await tickets.addEvent(ticket.id, 'acknowledged', { kind: 'member', id: 7 }, {}, at(HOUR));
        await tickets.addEvent(ticket.id, 'replied', { kind: 'member', id: 7 }, { text: '明天上午来修' }, at(2 * HOUR));
        const events = await tickets.events(ticket.id);
        expect(events.map((e) => [e.kind, e.actor, e.data, e.createdAt])).toEqual([
          ['created', { kind: 'system' }, { category: 'water_supply', urgency: 'normal', source: 'offline' }, T0],
          ['acknowledged', { kind: 'member', id: 7 }, {}, at(HOUR)],
          ['replied', { kind: 'member', id: 7 }, { text: '明天上午来修' }, at(2 * HOUR)],
        ]);
      });

      it('keeps each ticket history apart', async () => {
        const a = await tickets.create(newTicket(), null);
        const b = await tickets.create(newTicket(), null);
        await tickets.addEvent(b.id, 'note', { kind: 'system' }, {}, at(1));
        expect((await tickets.events(a.id)).map((e) => e.kind)).toEqual(['created']);
        expect((await tickets.events(b.id)).map((e) => e.kind)).toEqual(['created', 'note']);
      });
    });

    describe('reporters', () => {
      it('adds a resident once, however often asked', async () => {
        const first = await resident('100');
        const second = await resident('200');
        const ticket = await tickets.create(newTicket(), first);
        expect(await tickets.addReporter(ticket.id, first, false, at(1))).toBe(false);
        expect(await tickets.addReporter(ticket.id, second, false, at(2))).toBe(true);
        expect(await tickets.addReporter(ticket.id, second, false, at(3))).toBe(false);
        expect(await tickets.reporterIds(ticket.id)).toEqual([first, second]);
        expect(await tickets.reporterCount(ticket.id)).toBe(2);
        expect(await tickets.isReporter(ticket.id, second)).toBe(true);
        expect(await tickets.isReporter(ticket.id, second + 1000)).toBe(false);
      });

      it("records a reporter's answer", async () => {
        const residentId = await resident('100');
        const ticket = await tickets.create(newTicket(), residentId);
        await tickets.recordReporterAnswer(ticket.id, residentId, { fixed: 'no' }, at(1));
        await tickets.recordReporterAnswer(ticket.id, residentId, { rating: 4 }, at(2));
        const row = await store.db
          .selectFrom('ticket_reporters')
          .selectAll()
          .where('ticket_id', '=', ticket.id)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({ fixed_answer: 'no', rating: 4, answered_at: at(2).toISOString(), is_original: 1 });
      });
    });

    describe('update', () => {
      it('changes columns and bumps updated_at', async () => {
        const ticket = await tickets.create(newTicket(), null);
        const updated = await tickets.update(
          ticket.id,
          { status: 'acknowledged', first_response_at: at(HOUR).toISOString() },
          at(HOUR),
        );
        expect(updated).toMatchObject({
          status: 'acknowledged',
          firstResponseAt: at(HOUR),
          updatedAt: at(HOUR),
          createdAt: T0,
        });
      });
    });

    describe('findOpenCandidates', () => {
      const since = at(-14 * DAY);
      const ids = (list: Ticket[]) => list.map((t) => t.id);

      it('finds the active tickets of any category in the same building, newest first', async () => {
        const water = await tickets.create(newTicket(), null);
        const lift = await tickets.create(newTicket({ category: 'upkeep', createdAt: at(HOUR) }), null);
        const found = await tickets.findOpenCandidates({ place: { building: '3', text: '3号楼' }, since, limit: 10 });
        expect(ids(found)).toEqual([lift.id, water.id]);
        expect(found[0]).toMatchObject({ category: 'upkeep', description: expect.any(String) });
      });

      it('finds them at the same spot when the place names no building', async () => {
        const garden = await tickets.create(
          newTicket({ place: { spot: '中心花园', text: '中心花园' }, category: 'greening' }),
          null,
        );
        const place = { spot: '中心花园', text: '花园' };
        expect(ids(await tickets.findOpenCandidates({ place, since, limit: 10 }))).toEqual([garden.id]);
        const garage = { spot: '地下车库', text: '车库' };
        expect(await tickets.findOpenCandidates({ place: garage, since, limit: 10 })).toEqual([]);
      });

      it('keeps to the limit, the newest first', async () => {
        await tickets.create(newTicket(), null);
        const newer = await tickets.create(newTicket({ createdAt: at(HOUR) }), null);
        const found = await tickets.findOpenCandidates({ place: { building: '3', text: '' }, since, limit: 1 });
        expect(ids(found)).toEqual([newer.id]);
      });

      it('ignores another building, an old ticket, a finished ticket, and a report without a place', async () => {
        await tickets.create(newTicket({ createdAt: at(-15 * DAY) }), null);
        const done = await tickets.create(newTicket({ createdAt: at(-DAY) }), null);
        await tickets.update(done.id, { status: 'resolved' }, T0);
        const at3 = { building: '3', text: '3号楼' };
        expect(await tickets.findOpenCandidates({ place: at3, since, limit: 10 })).toEqual([]);
        await tickets.create(newTicket(), null);
        expect(await tickets.findOpenCandidates({ place: { building: '4', text: '4号楼' }, since, limit: 10 })).toEqual(
          [],
        );
        expect(await tickets.findOpenCandidates({ place: null, since, limit: 10 })).toEqual([]);
        expect(await tickets.findOpenCandidates({ place: { unit: '2', text: '2单元' }, since, limit: 10 })).toEqual([]);
      });

      it('finds candidates only within the estate asked for; lists and the backlog keep to an estate when asked', async () => {
        const other = await tickets.create(newTicket({ estateId: 2 }), null);
        const at3 = { building: '3', text: '3号楼' };
        expect(await tickets.findOpenCandidates({ estateId: 1, place: at3, since, limit: 10 })).toEqual([]);
        expect(ids(await tickets.findOpenCandidates({ estateId: 2, place: at3, since, limit: 10 }))).toEqual([
          other.id,
        ]);
        const own = await tickets.create(newTicket(), null);
        expect(own.estateId).toBe(1);
        expect((await tickets.list({ estateId: 2 })).map((t) => t.id)).toEqual([other.id]);
        expect((await tickets.list({ estateId: 1 })).map((t) => t.id)).toEqual([own.id]);
        expect((await tickets.list()).length).toBe(2);
        expect(await tickets.backlog(5, 2)).toMatchObject({ total: 1, first: [{ id: other.id }] });
        expect((await tickets.backlog(5)).total).toBe(2);
      });
    });

    describe('list', () => {
      async function make(
        category: Category,
        summary: string,
        createdAt: Date,
        place: Place | null = null,
        extra: Partial<NewTicket> = {},
      ) {
        return tickets.create(newTicket({ category, summary, description: summary, createdAt, place, ...extra }), null);
      }

      it('lists newest first and honours the limit', async () => {
        const a = await make('water_supply', 'a', at(0));
        const b = await make('greening', 'b', at(1000));
        const c = await make('upkeep', 'c', at(2000));
        expect((await tickets.list()).map((t) => t.id)).toEqual([c.id, b.id, a.id]);
        expect((await tickets.list({ limit: 2 })).map((t) => t.id)).toEqual([c.id, b.id]);
      });

      it('filters by status and category', async () => {
        const water = await make('water_supply', 'water', at(0));
        const tree = await make('greening', 'tree', at(1));
        const lift = await make('upkeep', 'lift', at(2));
        await tickets.update(tree.id, { status: 'resolved' }, at(3));
        expect((await tickets.list({ status: 'resolved' })).map((t) => t.id)).toEqual([tree.id]);
        expect((await tickets.list({ status: ['open', 'resolved'] })).map((t) => t.id)).toEqual([
          lift.id,
          tree.id,
          water.id,
        ]);
        expect((await tickets.list({ category: 'upkeep' })).map((t) => t.id)).toEqual([lift.id]);
        expect(await tickets.list({ category: 'upkeep', status: 'resolved' })).toEqual([]);
      });

      it('finds overdue tickets: no response in time, or not resolved in time, and still active', async () => {
        const now = at(10 * HOUR);
        const noResponse = await make('water_supply', 'no response', at(0), null, {
          responseDueAt: at(HOUR),
          resolutionDueAt: at(DAY),
        });
        const answered = await make('water_supply', 'answered', at(0), null, {
          responseDueAt: at(HOUR),
          resolutionDueAt: at(DAY),
        });
        await tickets.update(
          answered.id,
          { first_response_at: at(HOUR / 2).toISOString(), status: 'acknowledged' },
          at(HOUR / 2),
        );
        const late = await make('water_supply', 'late', at(0), null, {
          responseDueAt: at(HOUR),
          resolutionDueAt: at(5 * HOUR),
        });
        await tickets.update(
          late.id,
          { first_response_at: at(HOUR / 2).toISOString(), status: 'in_progress' },
          at(HOUR / 2),
        );
        const resolved = await make('water_supply', 'resolved', at(0), null, {
          responseDueAt: at(HOUR),
          resolutionDueAt: at(5 * HOUR),
        });
        await tickets.update(resolved.id, { status: 'resolved' }, at(6 * HOUR));
        await make('water_supply', 'fresh', at(9 * HOUR), null, {
          responseDueAt: at(13 * HOUR),
          resolutionDueAt: at(2 * DAY),
        });
        expect((await tickets.list({ overdueAt: now })).map((t) => t.id).sort((x, y) => x - y)).toEqual([
          noResponse.id,
          late.id,
        ]);
        expect((await tickets.list({ overdueAt: at(0) })).map((t) => t.id)).toEqual([]);
      });

      it('searches reference, summary, description and place, ignoring case', async () => {
        const pipe = await make('water_supply', 'Burst PIPE', at(0), { building: '3', text: '3号楼' });
        const tree = await make('greening', '树倒了', at(1), { spot: '中心花园', text: '中心花园东侧' });
        expect((await tickets.list({ search: 'pipe' })).map((t) => t.id)).toEqual([pipe.id]);
        expect((await tickets.list({ search: 'g-0001' })).map((t) => t.id)).toEqual([tree.id]);
        expect((await tickets.list({ search: '花园东' })).map((t) => t.id)).toEqual([tree.id]);
        expect((await tickets.list({ search: '树倒' })).map((t) => t.id)).toEqual([tree.id]);
        expect((await tickets.list({ search: '  ' })).map((t) => t.id)).toEqual([tree.id, pipe.id]);
        expect(await tickets.list({ search: 'elevator' })).toEqual([]);
      });

      it('finds a search in simplified or traditional characters, whichever the ticket was written in', async () => {
        const traditional = await make('upkeep', '第三棟的電梯壞了', at(0), { building: '3', text: '第三棟' });
        const simplified = await make('upkeep', '5号楼电梯坏了', at(1), { building: '5', text: '5号楼' });
        await make('greening', '中心花园的树', at(2), { spot: '中心花园', text: '中心花园' });
        expect((await tickets.list({ search: '电梯' })).map((t) => t.id)).toEqual([simplified.id, traditional.id]);
        expect((await tickets.list({ search: '電梯壞' })).map((t) => t.id)).toEqual([simplified.id, traditional.id]);
      });

      it('finds a building however the search writes it, alone or with more words', async () => {
        const three = await make('upkeep', '第三棟的電梯壞了', at(0), { building: '3', text: '第三棟' });
        const threeTree = await make('greening', '樹枝擋住窗戶', at(1), { building: '3', text: '第三棟' });
        await make('upkeep', '电梯坏了', at(2), { building: '13', text: '13号楼' });
        await make('greening', '花园的树', at(3), { spot: '中心花园', text: '中心花园' });
        for (const search of ['3号楼', '3號樓', '三号楼', '第三栋', 'building 3']) {
          expect(
            (await tickets.list({ search })).map((t) => t.id),
            search,
          ).toEqual([threeTree.id, three.id]);
        }
        expect((await tickets.list({ search: '3号楼电梯' })).map((t) => t.id)).toEqual([three.id]);
        expect((await tickets.list({ search: '3號樓的電梯' })).map((t) => t.id)).toEqual([three.id]);
        expect((await tickets.list({ search: '中心花园' })).map((t) => t.id)).toHaveLength(1);
      });

      it('searches what residents added later, and only that of the events', async () => {
        const first = await make('upkeep', '电梯坏了', at(0), { building: '3', text: '3号楼' });
        const second = await make('upkeep', '楼道灯不亮', at(1));
        const third = await make('upkeep', '门禁坏了', at(2));
        await tickets.addEvent(
          first.id,
          'reporter_added',
          { kind: 'system' },
          { text: '电梯里有异响，像是钢丝绳' },
          at(3),
        );
        await tickets.addEvent(second.id, 'details_added', { kind: 'system' }, { text: '從昨天晚上開始的' }, at(4));
        await tickets.addEvent(third.id, 'replied', { kind: 'system' }, { text: '钢丝绳明天换' }, at(5));
        await tickets.addEvent(
          third.id,
          'details_added',
          { kind: 'system' },
          { location: { latitude: 1, longitude: 2 } },
          at(6),
        );
        expect((await tickets.list({ search: '钢丝绳' })).map((t) => t.id)).toEqual([first.id]);
        expect((await tickets.list({ search: '昨天晚上' })).map((t) => t.id)).toEqual([second.id]);
        expect(await tickets.list({ search: 'text' })).toEqual([]);
        expect(await tickets.list({ search: 'latitude' })).toEqual([]);
      });

      it('treats SQL-looking text, % and _ as plain text', async () => {
        const percent = await make('other', '物业费涨了20%', at(0));
        const underscore = await make('other', 'wifi name is linli_2', at(1));
        const quote = await make('other', "it's O'Brien's dog; drop it", at(2));
        await make('other', '物业费涨了200元', at(3));
        await make('other', 'linli-2 ok', at(4));
        expect((await tickets.list({ search: '20%' })).map((t) => t.id)).toEqual([percent.id]);
        expect((await tickets.list({ search: '%' })).map((t) => t.id)).toEqual([percent.id]);
        expect((await tickets.list({ search: 'linli_2' })).map((t) => t.id)).toEqual([underscore.id]);
        expect((await tickets.list({ search: '_' })).map((t) => t.id)).toEqual([underscore.id]);
        expect((await tickets.list({ search: "o'brien" })).map((t) => t.id)).toEqual([quote.id]);
        expect(await tickets.list({ search: "' or '1'='1" })).toEqual([]);
        expect(await tickets.list({ search: "x'; drop table tickets; --" })).toEqual([]);
        expect(await tickets.list({ search: '\\' })).toEqual([]);
        expect(await tickets.list()).toHaveLength(5);
      });

      it("lists a resident's tickets, as first reporter or co-reporter", async () => {
        const alice = await resident('100');
        const bob = await resident('200');
        const mine = await tickets.create(newTicket({ createdAt: at(0) }), alice);
        const shared = await tickets.create(newTicket({ createdAt: at(1) }), bob);
        await tickets.addReporter(shared.id, alice, false, at(2));
        await tickets.create(newTicket({ createdAt: at(3) }), bob);
        expect((await tickets.list({ residentId: alice })).map((t) => t.id)).toEqual([shared.id, mine.id]);
        expect(await tickets.list({ residentId: alice + bob + 1000 })).toEqual([]);
      });
    });

    describe('reporterContacts', () => {
      it('gives each current reporter unmasked: name, phone, flat, addresses, own words; first reporter first', async () => {
        const alice = (
          await residents.findOrCreate(
            { platform: 'telegram', platformUserId: '100', chatId: '100', displayName: '李建国' },
            T0,
          )
        ).id;
        await store.db
          .insertInto('resident_identities')
          .values({
            resident_id: alice,
            platform: 'line',
            platform_user_id: 'U100',
            chat_id: 'U100',
            language_hint: null,
            created_at: T0.toISOString(),
          })
          .execute();
        await store.db
          .updateTable('residents')
          .set({ phone: '13912345678', unit: '2-301' })
          .where('id', '=', alice)
          .execute();
        const bob = await resident('200');
        const carol = await resident('300');
        const ticket = await tickets.create(newTicket({ description: '3号楼停水，电话13912345678' }), alice);
        await tickets.addReporter(ticket.id, bob, false, at(1), '我家也停水了，502室');
        await tickets.addReporter(ticket.id, carol, false, at(2), '同样');
        await tickets.withdrawReporter(ticket.id, carol, at(3));
        expect(await tickets.reporterContacts(ticket.id)).toEqual([
          {
            isOriginal: true,
            name: '李建国',
            phone: '13912345678',
            unit: '2-301',
            addresses: ['telegram:100', 'line:U100'],
            words: '3号楼停水，电话13912345678',
          },
          {
            isOriginal: false,
            name: null,
            phone: null,
            unit: null,
            addresses: ['telegram:200'],
            words: '我家也停水了，502室',
          },
        ]);
        expect(await tickets.reporterContacts(ticket.id + 1000)).toEqual([]);
      });
    });
  });
}
