import { expect, it } from 'vitest';
import { ConversationConflictError, type ConversationState } from '../../../src/turn/conversation-store.ts';
import type { IncomingEvent } from '../../../src/turn/incoming-event.ts';
import type { TurnPorts } from '../../../src/turn/unit-of-work.ts';
import { newTicket, resident } from './ticket-store.contract.ts';
import { after, T0, type Backend } from './backends.ts';

/** The UnitOfWork port's contract: all or nothing. */
export function unitOfWorkContract(b: Backend): void {
  it('commits what a run writes through every port', async () => {
    const id = await b.unitOfWork.run(async (p) => {
      const ticket = await p.tickets.create(newTicket(), await resident(p, 'ann'));
      await p.outbox.enqueue({ platform: 'test', chatId: 'c', message: { text: 'hi' }, ticketId: ticket.id }, T0);
      return ticket.id;
    });
    await b.ports(async (p) => {
      expect(await p.tickets.findById(id)).toMatchObject({ reference: 'W-0001' });
      expect(await p.outbox.forChat('test', 'c')).toHaveLength(1);
    });
  });

  it('rolls back everything a run wrote when it throws, and rethrows the error', async () => {
    const failure = new Error('half way');
    const run = b.unitOfWork.run(async (p) => {
      const ann = await resident(p, 'ann');
      const ticket = await p.tickets.create(newTicket(), ann);
      await p.tickets.addEvent(ticket.id, 'note', { kind: 'system' }, {}, T0);
      await p.outbox.enqueue({ platform: 'test', chatId: 'c', message: { text: 'hi' }, dedupeKey: 'k' }, T0);
      const conversation = await p.conversations.load('test', 'c');
      await p.conversations.save(conversation, { state: 'awaiting_details', ticketId: ticket.id }, { at: T0 });
      await p.members.grant({ platform: 'test', kind: 'user', id: 'wang' }, 'staff', T0);
      await p.estates.add(
        'north',
        {
          name: null,
          community: null,
          street: null,
          settings: { emergencyNumbers: null, deadlines: null, workingHours: null },
        },
        T0,
      );
      throw failure;
    });
    await expect(run).rejects.toBe(failure);
    await b.ports(async (p) => {
      expect(await p.tickets.list()).toEqual([]);
      expect(await p.outbox.forChat('test', 'c')).toEqual([]);
      expect((await p.conversations.load('test', 'c')).version).toBeNull();
      expect(await p.members.list()).toEqual([]);
      expect(await p.estates.findByCode('north')).toBeUndefined();
      // The reference counter went back too, and so did the dedupe key.
      expect((await p.tickets.create(newTicket(), null)).reference).toBe('W-0001');
      expect(
        await p.outbox.enqueue({ platform: 'test', chatId: 'c', message: { text: 'hi' }, dedupeKey: 'k' }, T0),
      ).toBe(true);
    });
  });

  it('rolls back a run that lost a conversation to another writer', async () => {
    const first = await b.ports((p) => p.conversations.load('test', 'c'));
    await b.ports((p) => p.conversations.save(first, { state: 'idle' }, { at: T0 }));
    const run = b.unitOfWork.run(async (p) => {
      await p.tickets.create(newTicket(), null);
      await p.conversations.save(first, { state: 'idle' }, { at: T0 });
    });
    await expect(run).rejects.toBeInstanceOf(ConversationConflictError);
    expect(await b.ports((p) => p.tickets.list())).toEqual([]);
  });
}

/** The ConversationStore port's contract. */
export function conversationStoreContract(b: Backend): void {
  /** Waiting for details of a ticket (conversations refer to real tickets in the databases). */
  const waitingState = async (p: TurnPorts): Promise<ConversationState> => ({
    state: 'awaiting_details',
    ticketId: (await p.tickets.create(newTicket(), null)).id,
    placeAsked: true,
  });

  it('gives an idle conversation never saved, then what was saved, with a version that changes', async () => {
    await b.ports(async (p) => {
      const { conversations, residents } = p;
      const waiting = await waitingState(p);
      const fresh = await conversations.load('test', 'c');
      expect(fresh).toEqual({
        platform: 'test',
        chatId: 'c',
        residentId: null,
        value: { state: 'idle' },
        expiresAt: null,
        version: null,
      });
      const ann = await residents.findOrCreate({ platform: 'test', platformUserId: 'u', chatId: 'c' }, T0);
      await conversations.save(fresh, waiting, { residentId: ann.id, expiresAt: after(30), at: T0 });
      const saved = await conversations.load('test', 'c');
      expect(saved).toMatchObject({ residentId: ann.id, value: waiting, expiresAt: after(30) });
      expect(saved.version).not.toBeNull();
      // Saved again within the same millisecond: still a new version; the resident stays unless given.
      await conversations.save(saved, { state: 'idle' }, { at: T0 });
      const again = await conversations.load('test', 'c');
      expect(again).toMatchObject({ residentId: ann.id, value: { state: 'idle' }, expiresAt: null });
      expect(again.version).not.toBe(saved.version);
      expect(await conversations.load('test', 'other')).toMatchObject({ version: null });
    });
  });

  it('refuses a save from a stale copy, or from a never-saved copy when one was saved meanwhile', async () => {
    await b.ports(async (p) => {
      const { conversations } = p;
      const waiting = await waitingState(p);
      const fresh = await conversations.load('test', 'c');
      await conversations.save(fresh, waiting, { at: T0 });
      await expect(conversations.save(fresh, { state: 'idle' }, { at: after(1) })).rejects.toBeInstanceOf(
        ConversationConflictError,
      );
      const saved = await conversations.load('test', 'c');
      await conversations.save(saved, { state: 'idle' }, { at: after(1) });
      await expect(conversations.save(saved, waiting, { at: after(2) })).rejects.toBeInstanceOf(
        ConversationConflictError,
      );
      expect((await conversations.load('test', 'c')).value).toEqual({ state: 'idle' });
    });
  });

  it('lists the waiting conversations that lapsed, the longest lapsed first', async () => {
    await b.ports(async (p) => {
      const { conversations } = p;
      const waiting = await waitingState(p);
      const save = async (chatId: string, value: ConversationState, expiresAt: Date | null) =>
        conversations.save(await conversations.load('test', chatId), value, { expiresAt, at: T0 });
      await save('late', waiting, after(20));
      await save('early', waiting, after(10));
      await save('future', waiting, after(90));
      await save('idle', { state: 'idle' }, after(5));
      const lapsed = async (limit?: number) =>
        (await conversations.lapsed(after(60), limit)).map((c) => [c.chatId, c.value.state]);
      expect(await lapsed()).toEqual([
        ['early', 'awaiting_details'],
        ['late', 'awaiting_details'],
      ]);
      expect(await lapsed(1)).toEqual([['early', 'awaiting_details']]);
    });
  });
}

/** The Outbox and Deliveries ports' contract. */
export function outboxContract(b: Backend): void {
  it('queues messages once per dedupe key and gives them back in order, with their delivery data', async () => {
    await b.ports(async ({ outbox, deliveries, tickets }) => {
      const ticket = await tickets.create(newTicket(), null);
      const card = { text: 'card', buttons: [[{ label: 'ok', data: 'ack' }]], urgent: true };
      expect(await outbox.enqueue({ platform: 'test', chatId: 'room', message: card, ticketId: ticket.id }, T0)).toBe(
        true,
      );
      expect(
        await outbox.enqueue({ platform: 'test', chatId: 'room', message: { text: 'a' }, dedupeKey: 'k' }, T0),
      ).toBe(true);
      expect(await outbox.enqueue({ platform: 'test', chatId: 'x', message: { text: 'b' }, dedupeKey: 'k' }, T0)).toBe(
        false,
      );
      await outbox.enqueue({ platform: 'test', chatId: 'room', message: { text: 'c' } }, T0);
      await outbox.enqueue({ platform: 'test', chatId: 'room', message: { text: 'c' } }, T0);
      const queued = await outbox.forChat('test', 'room');
      expect(queued.map((m) => [m.message.text, m.status])).toEqual([
        ['card', 'pending'],
        ['a', 'pending'],
        ['c', 'pending'],
        ['c', 'pending'],
      ]);
      expect(queued[0]!.message).toEqual(card);
      expect(await outbox.forChat('test', 'x')).toEqual([]);

      const [ref] = await b.unitOfWork.queues.outbox.leaseDue(T0, { limit: 1, leaseMs: 1000 });
      const item = (await deliveries.load(ref!.id))!;
      expect(item).toMatchObject({ platform: 'test', chatId: 'room', message: card, attempts: 0, ticketId: ticket.id });
      expect(item.createdAt).toEqual(T0);
      expect(item.retryKey).toMatch(/\S{8,}/);
      expect(await deliveries.load(9999)).toBeUndefined();

      expect(await outbox.ticketOfMessage('test', 'room', '42')).toBeUndefined();
      await deliveries.setPlatformMessageId(item.id, '42');
      expect(await outbox.ticketOfMessage('test', 'room', '42')).toBe(ticket.id);
      expect(await outbox.ticketOfMessage('test', 'other', '42')).toBeUndefined();
    });
  });
}

/** The inbox port and the two work queues' contract. */
export function queuesContract(b: Backend): void {
  let n = 0;
  const event = (chatId: string, eventId = `e${++n}`): IncomingEvent => ({
    platform: 'test',
    eventId,
    kind: 'message',
    chat: { id: chatId, type: 'private' },
    sender: { id: chatId, displayName: chatId },
    text: `m${eventId}`,
    occurredAt: T0.toISOString(),
  });
  const save = (p: TurnPorts, ...events: IncomingEvent[]) =>
    p.inbox.saveMany(events, T0).then((r) => r.map((s) => (s.kind === 'saved' ? s.id : 'duplicate')));

  it('saves events once per platform event id and gives them back as they came', async () => {
    await b.ports(async (p) => {
      const first = event('a', 'x1');
      const ids = await save(p, first, event('b', 'x2'), event('a', 'x1'));
      expect(ids[2]).toBe('duplicate');
      expect(await save(p, event('c', 'x1'))).toEqual(['duplicate']);
      expect(await save(p, { ...event('c', 'x1'), platform: 'line' })).not.toEqual(['duplicate']);
      expect(await p.inbox.load(ids[0] as number)).toEqual({ id: ids[0], event: first, attempts: 0 });
      expect(await p.inbox.load(9999)).toBeUndefined();
    });
  });

  it('leases the oldest due item of each chat, once, until it is finished or its lease runs out', async () => {
    const queue = b.unitOfWork.queues.inbox;
    const [a1, a2, b1] = (await b.ports((p) => save(p, event('a'), event('a'), event('b')))) as number[];
    const lease = async (now: Date, limit = 10, holder = 'h1') =>
      (await queue.leaseDue(now, { limit, leaseMs: 60_000, holder })).map((r) => r.id);
    expect(await lease(T0)).toEqual([a1, b1]);
    expect(await lease(T0)).toEqual([]);
    expect(await queue.leaseHolders(T0)).toEqual(['h1']);
    expect(await queue.renewLeases([a1!, b1!, 9999], 'h1', after(0.5), 60_000)).toBe(2);
    expect(await queue.renewLeases([a1!], 'h2', after(0.5), 60_000)).toBe(0);
    expect(await b.ports((p) => p.inbox.complete(a1!, after(1)))).toBe(true);
    expect(await queue.complete(a1!, after(1))).toBe(false);
    expect(await lease(after(1))).toEqual([a2]);
    // b1's lease (renewed to 1.5 minutes) runs out: it is leased again.
    expect(await lease(after(2), 10, 'h2')).toEqual([b1]);
    expect((await queue.leaseHolders(after(2))).sort()).toEqual(['h1', 'h2']);
    expect(await queue.releaseLeasesOf(['h2'])).toBe(1);
    expect(await queue.leaseHolders(after(2))).toEqual(['h1']);
    expect(await lease(after(2), 1, 'h3')).toEqual([b1]);
    expect(await queue.leaseDue(after(9), { limit: 10, leaseMs: 1000, platforms: [] })).toEqual([]);
    expect(await queue.leaseDue(after(9), { limit: 10, leaseMs: 1000, chatIds: ['zzz'] })).toEqual([]);
  });

  it('retries a failed item after its back-off, keeps one failed for good, and finishes nothing twice', async () => {
    const queue = b.unitOfWork.queues.inbox;
    const [a1, a2, b1] = (await b.ports((p) => save(p, event('a'), event('a'), event('b')))) as number[];
    await queue.leaseDue(T0, { limit: 10, leaseMs: 60_000 });
    await queue.fail(a1!, 'boom', after(5));
    await queue.fail(b1!, 'gone', undefined);
    const due = async (now: Date) => (await queue.leaseDue(now, { limit: 10, leaseMs: 1000 })).map((r) => r.id);
    // a1 waits for its retry, and a2 behind it; b1 failed for good.
    expect(await due(after(1))).toEqual([]);
    const [retry] = await queue.leaseDue(after(5), { limit: 10, leaseMs: 1000 });
    expect(retry).toMatchObject({ id: a1, chat_id: 'a', platform: 'test', attempts: 1 });
    expect((await b.ports((p) => p.inbox.load(a1!)))!.attempts).toBe(1);
    expect(await queue.complete(a1!, after(6))).toBe(true);
    await queue.fail(a1!, 'late', after(7));
    expect(await queue.complete(b1!, after(6))).toBe(false);
    expect(await due(after(8))).toEqual([a2]);
  });

  it("delivers an outbox's button answers, urgent alerts and replies ahead of routine messages", async () => {
    const queue = b.unitOfWork.queues.outbox;
    await b.ports(async ({ outbox }) => {
      for (const [chatId, message] of [
        ['room', { text: 'card 1' }],
        ['room', { text: 'card 2' }],
        ['other', { text: 'card 3' }],
        ['room', { text: 'alert', urgent: true }],
        ['room', { text: 'answer', interactive: true }],
        ['room', { text: 'pressed', callbackAnswer: { id: 'cb', alert: false } }],
      ] as const)
        await outbox.enqueue({ platform: 'test', chatId, message }, T0);
    });
    const texts = async (limit: number) =>
      Promise.all(
        (await queue.leaseDue(T0, { limit, leaseMs: 1000, platforms: ['test'] })).map(
          async (r) => (await b.ports((p) => p.deliveries.load(r.id)))!.message.text,
        ),
      );
    expect(await texts(2)).toEqual(['alert', 'answer']);
    expect(await texts(10)).toEqual(['pressed', 'card 1', 'card 3']);
  });
}

/** The RevisitStore port's contract. */
export function revisitStoreContract(b: Backend): void {
  it('asks for one 回访 at a time per resident and ticket, lets one caller start it, and finishes it', async () => {
    await b.ports(async (p) => {
      const ann = await resident(p, 'ann');
      const ticket = await p.tickets.create(newTicket(), ann);
      const caller = await p.members.grant({ platform: 'test', kind: 'user', id: 'li' }, 'committee', T0);
      const asked = (await p.revisits.request(
        { ticketId: ticket.id, residentId: ann, reason: 'low_rating', rating: 1 },
        T0,
      ))!;
      expect(asked).toMatchObject({ status: 'open', reason: 'low_rating', rating: 1, callerMemberId: null });
      expect(asked.requestedAt).toEqual(T0);
      expect(
        await p.revisits.request({ ticketId: ticket.id, residentId: ann, reason: 'reopened', rating: null }, T0),
      ).toBeUndefined();
      expect(await p.revisits.startedByCaller([caller.id])).toBeUndefined();
      expect(await p.revisits.startedForResident('test', 'ann')).toBeUndefined();

      expect(await p.revisits.start(asked.id, caller.id, after(1))).toBe(true);
      expect(await p.revisits.start(asked.id, caller.id + 1, after(2))).toBe(false);
      const started = await p.revisits.findById(asked.id);
      expect(started).toMatchObject({ status: 'started', callerMemberId: caller.id, startedAt: after(1) });
      expect(await p.revisits.startedByCaller([caller.id + 5, caller.id])).toEqual(started);
      expect(await p.revisits.startedByCaller([])).toBeUndefined();
      expect(await p.revisits.startedForResident('test', 'ann')).toEqual(started);
      expect(await p.revisits.startedForResident('line', 'ann')).toBeUndefined();

      expect(await p.revisits.finish(asked.id, '已上门', after(3))).toBe(true);
      expect(await p.revisits.finish(asked.id, '再次', after(4))).toBe(false);
      expect(await p.revisits.findById(asked.id)).toMatchObject({
        status: 'done',
        outcome: '已上门',
        finishedAt: after(3),
      });
      expect(await p.revisits.startedByCaller([caller.id])).toBeUndefined();
      expect(
        await p.revisits.request({ ticketId: ticket.id, residentId: ann, reason: 'reopened', rating: null }, after(5)),
      ).toMatchObject({ status: 'open', reason: 'reopened' });
      expect(await p.revisits.findById(9999)).toBeUndefined();
    });
  });
}
