import { expect, it } from 'vitest';
import type { Category } from '../../../src/tickets/category.ts';
import type { NewTicket } from '../../../src/tickets/ticket-store.ts';
import type { TurnPorts } from '../../../src/turn/unit-of-work.ts';
import { after, T0, type Backend } from './backends.ts';

/** A new ticket of `category` at building `building` (or none), created `minutes` after T0. */
export function newTicket(
  fields: Partial<NewTicket> & { building?: string; minutes?: number } = {},
  category: Category = 'water_supply',
): NewTicket {
  const { building, minutes = 0, ...rest } = fields;
  return {
    category,
    urgency: 'normal',
    summary: '停水',
    description: `${building ?? ''}号楼停水了`,
    place: building === undefined ? null : { building, text: `${building}号楼` },
    language: 'zh-CN',
    classifierSource: 'offline',
    confidence: 0.8125,
    classifierLatencyMs: 3.4,
    responseDueAt: after(minutes + 240),
    resolutionDueAt: after(minutes + 2880),
    createdAt: after(minutes),
    ...rest,
  };
}

/** A resident with a display name (the stores' reporters are residents). */
export async function resident(ports: TurnPorts, user: string): Promise<number> {
  return (
    await ports.residents.findOrCreate(
      { platform: 'test', platformUserId: user, chatId: `chat-${user}`, displayName: user },
      T0,
    )
  ).id;
}

/** The TicketStore port's contract (the methods the conversations call). */
export function ticketStoreContract(b: Backend): void {
  it('creates a ticket with a reference per category, its `created` event and its first reporter', async () => {
    await b.ports(async (p) => {
      const ann = await resident(p, 'ann');
      const first = await p.tickets.create(newTicket({ building: '3' }), ann);
      const second = await p.tickets.create(newTicket({ building: '4', minutes: 1 }), null);
      const lift = await p.tickets.create(newTicket({ minutes: 2 }, 'upkeep'), ann);
      expect([first.reference, second.reference, lift.reference]).toEqual(['W-0001', 'W-0002', 'U-0001']);
      expect(first).toMatchObject({
        status: 'open',
        category: 'water_supply',
        urgency: 'normal',
        hazard: null,
        place: { building: '3', text: '3号楼' },
        location: null,
        confidence: 0.8125,
        classifierLatencyMs: 3,
        classifierModel: null,
        estateId: 1,
        createdAt: T0,
        updatedAt: T0,
        firstResponseAt: null,
        resolvedAt: null,
        explanation: null,
        reopenedCount: 0,
      });
      expect(await p.tickets.findById(first.id)).toEqual(first);
      expect(await p.tickets.findByReference('w-0001')).toEqual(first);
      expect(await p.tickets.findByReference('W-0009')).toBeUndefined();
      expect(await p.tickets.findById(9999)).toBeUndefined();
      const [created] = await p.tickets.events(first.id);
      expect(created).toMatchObject({
        kind: 'created',
        actor: { kind: 'resident', id: ann },
        data: { category: 'water_supply', urgency: 'normal', source: 'offline' },
        createdAt: T0,
      });
      expect((await p.tickets.events(second.id))[0]!.actor).toEqual({ kind: 'system' });
      expect(await p.tickets.reporterIds(first.id)).toEqual([ann]);
      expect(await p.tickets.reporterIds(second.id)).toEqual([]);
      expect(await p.tickets.reportOf(first.id, ann)).toEqual({
        isOriginal: true,
        text: '3号楼停水了',
        withdrawnAt: null,
        rating: null,
        answeredAt: null,
      });
    });
  });

  it('keeps only the parts of a place it knows, and the estate it is given', async () => {
    await b.ports(async (p) => {
      const estate = await p.estates.add(
        'north',
        {
          name: '北苑',
          community: null,
          street: null,
          settings: { emergencyNumbers: null, deadlines: null, workingHours: null },
        },
        T0,
      );
      if (estate.kind !== 'added') throw new Error('not added');
      const place = { building: '3', unit: '2', spot: '地下车库', text: '3号楼2单元', extra: 'x' };
      const ticket = await p.tickets.create(
        newTicket({
          place,
          location: { latitude: 31.25, longitude: 121.5 },
          estateId: estate.estate.id,
          hazard: 'gas',
        }),
        null,
      );
      const found = (await p.tickets.findById(ticket.id))!;
      expect(found.place).toEqual({ building: '3', unit: '2', spot: '地下车库', text: '3号楼2单元' });
      expect(found).toMatchObject({ location: { latitude: 31.25, longitude: 121.5 }, hazard: 'gas' });
      expect(found.estateId).toBe(estate.estate.id);
    });
  });

  it('applies changes, stamps updatedAt and leaves the rest as it was', async () => {
    await b.ports(async (p) => {
      const ticket = await p.tickets.create(newTicket({ building: '3' }), null);
      const changed = await p.tickets.change(
        ticket.id,
        {
          status: 'resolved',
          resolvedAt: after(10),
          firstResponseAt: after(5),
          place: { spot: '北门', text: '北门' },
          explanation: { reason: 'r', plan: 'p' },
          reopenedCount: 1,
        },
        after(10),
      );
      expect(changed).toMatchObject({
        status: 'resolved',
        resolvedAt: after(10),
        firstResponseAt: after(5),
        place: { spot: '北门', text: '北门' },
        explanation: { reason: 'r', plan: 'p' },
        reopenedCount: 1,
        updatedAt: after(10),
        summary: ticket.summary,
        createdAt: T0,
      });
      expect(changed.place).toEqual({ spot: '北门', text: '北门' });
      expect(await p.tickets.findById(ticket.id)).toEqual(changed);
      const reopened = await p.tickets.change(ticket.id, { status: 'open', resolvedAt: null }, after(11));
      expect(reopened).toMatchObject({ status: 'open', resolvedAt: null, firstResponseAt: after(5) });
    });
  });

  it('keeps the history in order, with its data as given', async () => {
    await b.ports(async (p) => {
      const ticket = await p.tickets.create(newTicket(), null);
      const event = await p.tickets.addEvent(
        ticket.id,
        'note',
        { kind: 'member', id: 7 },
        { text: '好', n: [1] },
        after(1),
      );
      expect(event).toMatchObject({ ticketId: ticket.id, kind: 'note', actor: { kind: 'member', id: 7 } });
      await p.tickets.addEvent(ticket.id, 'details_added', { kind: 'system' }, {}, after(2));
      const history = await p.tickets.events(ticket.id);
      expect(history.map((e) => e.kind)).toEqual(['created', 'note', 'details_added']);
      expect(history[1]).toEqual(event);
      expect(history[1]!.data).toEqual({ text: '好', n: [1] });
    });
  });

  it('adds, withdraws and takes back reporters; records their answers', async () => {
    await b.ports(async (p) => {
      const [ann, bob] = [await resident(p, 'ann'), await resident(p, 'bob')];
      const ticket = await p.tickets.create(newTicket(), ann);
      expect(await p.tickets.addReporter(ticket.id, bob, false, after(1), '我家也停水')).toBe(true);
      expect(await p.tickets.addReporter(ticket.id, bob, false, after(2), '又一次')).toBe(false);
      expect(await p.tickets.reporterIds(ticket.id)).toEqual([ann, bob]);
      expect(await p.tickets.reporterCount(ticket.id)).toBe(2);
      expect(await p.tickets.reportOf(ticket.id, bob)).toMatchObject({ isOriginal: false, text: '我家也停水' });

      expect(await p.tickets.withdrawReporter(ticket.id, bob, after(3))).toBe(true);
      expect(await p.tickets.withdrawReporter(ticket.id, bob, after(3))).toBe(false);
      expect(await p.tickets.isReporter(ticket.id, bob)).toBe(false);
      expect(await p.tickets.reportOf(ticket.id, bob)).toMatchObject({ withdrawnAt: after(3) });
      expect(await p.tickets.reporterIds(ticket.id)).toEqual([ann]);
      expect(await p.tickets.addReporter(ticket.id, bob, false, after(4), '还是没水')).toBe(true);
      expect(await p.tickets.reportOf(ticket.id, bob)).toMatchObject({ withdrawnAt: null, text: '还是没水' });
      expect(await p.tickets.isReporter(ticket.id, bob)).toBe(true);
      expect(await p.tickets.isReporter(ticket.id, 9999)).toBe(false);

      await p.tickets.recordReporterAnswer(ticket.id, ann, { fixed: 'yes' }, after(5));
      await p.tickets.recordReporterAnswer(ticket.id, ann, { rating: 4 }, after(6));
      expect(await p.tickets.reportOf(ticket.id, ann)).toMatchObject({ rating: 4, answeredAt: after(6) });
      expect(await p.tickets.reportOf(ticket.id, 9999)).toBeUndefined();
    });
  });

  it("lists a resident's reports newest first, their buildings, and their last resolved report", async () => {
    await b.ports(async (p) => {
      const [ann, bob] = [await resident(p, 'ann'), await resident(p, 'bob')];
      const old = await p.tickets.create(newTicket({ building: '3' }), ann);
      const mid = await p.tickets.create(newTicket({ building: '5', minutes: 10 }), ann);
      const other = await p.tickets.create(newTicket({ building: '7', minutes: 20 }), bob);
      await p.tickets.addReporter(other.id, ann, false, after(21));
      await p.tickets.withdrawReporter(other.id, ann, after(22));
      const reports = await p.tickets.reportsOf(ann, 10);
      expect(reports.map((r) => r.ticket.id)).toEqual([other.id, mid.id, old.id]);
      expect(reports[0]!.report).toMatchObject({ isOriginal: false, withdrawnAt: after(22) });
      expect((await p.tickets.reportsOf(ann, 1)).map((r) => r.ticket.id)).toEqual([other.id]);
      expect((await p.tickets.buildingsOf(ann, 10)).sort()).toEqual(['3', '5', '7']);
      expect(await p.tickets.buildingsOf(ann, 2)).toHaveLength(2);

      expect(await p.tickets.lastResolvedReport(ann, T0)).toBeUndefined();
      await p.tickets.change(old.id, { status: 'resolved', resolvedAt: after(30) }, after(30));
      await p.tickets.change(mid.id, { status: 'resolved', resolvedAt: after(40) }, after(40));
      await p.tickets.change(other.id, { status: 'resolved', resolvedAt: after(50) }, after(50));
      await p.tickets.recordReporterAnswer(mid.id, ann, { rating: 2 }, after(41));
      expect(await p.tickets.lastResolvedReport(ann, T0)).toEqual({
        ticketId: mid.id,
        reference: mid.reference,
        resolvedAt: after(40),
        rating: 2,
        answeredAt: after(41),
      });
      expect(await p.tickets.lastResolvedReport(ann, after(45))).toBeUndefined();
    });
  });

  it("gives other reporters' details for masking, and the current reporters' contacts", async () => {
    await b.ports(async (p) => {
      const [ann, bob, cy] = [await resident(p, 'ann'), await resident(p, 'bob'), await resident(p, 'cy')];
      const ticket = await p.tickets.create(newTicket({ building: '3' }), ann);
      await p.tickets.addReporter(ticket.id, bob, false, after(1), '我也是');
      await p.tickets.addReporter(ticket.id, cy, false, after(2));
      await p.tickets.withdrawReporter(ticket.id, cy, after(3));
      expect((await p.tickets.otherReportersDetails(ticket.id, ann)).sort()).toEqual(['bob', 'cy']);
      expect((await p.tickets.otherReportersDetails(ticket.id, -1)).sort()).toEqual(['ann', 'bob', 'cy']);
      expect(await p.tickets.reporterContacts(ticket.id)).toEqual([
        { isOriginal: true, name: 'ann', phone: null, unit: null, addresses: ['test:ann'], words: '3号楼停水了' },
        { isOriginal: false, name: 'bob', phone: null, unit: null, addresses: ['test:bob'], words: '我也是' },
      ]);
      expect(await p.tickets.reporterContacts(9999)).toEqual([]);
    });
  });

  it('finds the active tickets at the same building or spot since a time, newest first', async () => {
    await b.ports(async (p) => {
      const a = await p.tickets.create(newTicket({ building: '3' }), null);
      const c = await p.tickets.create(newTicket({ building: '3', minutes: 20 }, 'upkeep'), null);
      await p.tickets.create(newTicket({ building: '13', minutes: 21 }), null);
      const done = await p.tickets.create(newTicket({ building: '3', minutes: 22 }), null);
      await p.tickets.change(done.id, { status: 'resolved', resolvedAt: after(23) }, after(23));
      const spot = await p.tickets.create(
        newTicket({ place: { spot: '北门', text: '北门' }, minutes: 24 }, 'greening'),
        null,
      );
      const find = (place: NewTicket['place'], since = T0, limit = 10, estateId?: number) =>
        p.tickets
          .findOpenCandidates({ place, since, limit, ...(estateId !== undefined && { estateId }) })
          .then((list) => list.map((t) => t.id));
      expect(await find({ building: '3', text: '3号楼' })).toEqual([c.id, a.id]);
      expect(await find({ building: '3', text: '3号楼' }, after(10))).toEqual([c.id]);
      expect(await find({ building: '3', text: '3号楼' }, T0, 1)).toEqual([c.id]);
      expect(await find({ building: '3', text: '3号楼' }, T0, 10, 2)).toEqual([]);
      expect(await find({ spot: '北门', text: '北门' })).toEqual([spot.id]);
      expect(await find({ unit: '2', text: '2单元' })).toEqual([]);
      expect(await find(null)).toEqual([]);
    });
  });

  it('lists tickets by status, category, estate, reporter and deadline, newest first', async () => {
    await b.ports(async (p) => {
      const ann = await resident(p, 'ann');
      const water = await p.tickets.create(newTicket({ building: '3' }), ann);
      const lift = await p.tickets.create(newTicket({ minutes: 1 }, 'upkeep'), null);
      const late = await p.tickets.create(newTicket({ minutes: 2, responseDueAt: after(5) }), null);
      await p.tickets.change(lift.id, { status: 'acknowledged' }, after(3));
      const ids = async (filter?: Parameters<TurnPorts['tickets']['list']>[0]) =>
        (await p.tickets.list(filter)).map((t) => t.id);
      expect(await ids()).toEqual([late.id, lift.id, water.id]);
      expect(await ids({ limit: 2 })).toEqual([late.id, lift.id]);
      expect(await ids({ status: 'acknowledged' })).toEqual([lift.id]);
      expect(await ids({ status: ['open', 'acknowledged'], category: 'water_supply' })).toEqual([late.id, water.id]);
      expect(await ids({ estateId: 1 })).toHaveLength(3);
      expect(await ids({ estateIds: [] })).toEqual([]);
      expect(await ids({ estateIds: [2] })).toEqual([]);
      expect(await ids({ residentId: ann })).toEqual([water.id]);
      expect(await ids({ overdueAt: after(10) })).toEqual([late.id]);
      await p.tickets.change(late.id, { firstResponseAt: after(4) }, after(4));
      expect(await ids({ overdueAt: after(10) })).toEqual([]);
      expect(await ids({ overdueAt: after(3000) })).toEqual([late.id, lift.id, water.id]);
    });
  });

  it('counts the backlog, urgent first then the longest waiting', async () => {
    await b.ports(async (p) => {
      const a = await p.tickets.create(newTicket(), null);
      const b2 = await p.tickets.create(newTicket({ minutes: 1 }), null);
      const urgent = await p.tickets.create(newTicket({ minutes: 2, urgency: 'urgent' }), null);
      const closed = await p.tickets.create(newTicket({ minutes: 3 }), null);
      await p.tickets.change(closed.id, { status: 'closed', closedAt: after(4) }, after(4));
      const backlog = await p.tickets.backlog(2);
      expect({ total: backlog.total, urgent: backlog.urgent }).toEqual({ total: 3, urgent: 1 });
      expect(backlog.first.map((t) => t.id)).toEqual([urgent.id, a.id]);
      expect((await p.tickets.backlog(5)).first.map((t) => t.id)).toEqual([urgent.id, a.id, b2.id]);
      expect(await p.tickets.backlog(5, 2)).toEqual({ total: 0, urgent: 0, first: [] });
    });
  });

  it('finds passed deadlines not announced yet, and lets one claim their announcement', async () => {
    await b.ports(async (p) => {
      const a = await p.tickets.create(newTicket({ responseDueAt: after(20) }), null);
      const c = await p.tickets.create(newTicket({ minutes: 1, responseDueAt: after(10) }), null);
      const answered = await p.tickets.create(newTicket({ minutes: 2, responseDueAt: after(5) }), null);
      await p.tickets.change(answered.id, { firstResponseAt: after(3) }, after(3));
      const overdue = async () => (await p.tickets.overdueUnannounced('response', after(30), 10)).map((t) => t.id);
      expect(await overdue()).toEqual([c.id, a.id]);
      expect(await p.tickets.claimOverdueNotice(c.id, 'response', after(30))).toBe(true);
      expect(await p.tickets.claimOverdueNotice(c.id, 'response', after(31))).toBe(false);
      expect(await overdue()).toEqual([a.id]);
      expect((await p.tickets.findById(c.id))!.responseOverdueNotifiedAt).toEqual(after(30));
      expect(await p.tickets.overdueUnannounced('resolution', after(30), 10)).toEqual([]);
      expect((await p.tickets.overdueUnannounced('resolution', after(4000), 10)).map((t) => t.id)).toEqual([
        a.id,
        c.id,
        answered.id,
      ]);
    });
  });

  it('records photos and voice notes, and gives one recorded before its ticket to the ticket', async () => {
    await b.ports(async (p) => {
      const ticket = await p.tickets.create(newTicket(), null);
      const photo = await p.tickets.addAttachment(
        { ticketId: ticket.id, inboxId: null, kind: 'photo', platform: 'test', fileId: 'f1' },
        T0,
      );
      const voice = await p.tickets.addAttachment(
        {
          ticketId: null,
          inboxId: null,
          kind: 'audio',
          platform: 'test',
          fileId: 'f2',
          transcribe: { language: 'zh' },
        },
        T0,
      );
      expect(photo).not.toBe(voice);
      expect(await p.tickets.ticketOfAttachment(photo)).toBe(ticket.id);
      expect(await p.tickets.ticketOfAttachment(voice)).toBeNull();
      await p.tickets.attachToTicket(voice, ticket.id);
      expect(await p.tickets.ticketOfAttachment(voice)).toBe(ticket.id);
      expect(await p.tickets.ticketOfAttachment(9999)).toBeUndefined();
    });
  });
}
