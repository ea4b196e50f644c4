import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSameProblem, wouldJoin, type Report } from '../../src/intake/find-same-problem.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';

/*
 * findSameProblem reads each candidate ticket's problem once and keeps it (every report at a building
 * is compared with the same open tickets). What it keeps must never outlive what it was read from:
 * the same ticket with other words, another place or another urgency is read again.
 */
describe('findSameProblem over the same candidates, report after report', () => {
  let store: TestStore;
  let ticket: Ticket;
  const now = new Date('2026-12-01T02:00:00Z');
  const since = new Date(now.getTime() - 14 * 86_400_000);
  const candidates = (...tickets: Ticket[]) => ({ findOpenCandidates: async () => tickets });
  const report = (text: string, urgency: Report['urgency'] = 'normal'): Report => ({
    text,
    place: { building: '5', text: '5栋' },
    urgency,
  });

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    ticket = await new KyselyTicketStore(store.db).create(
      {
        category: 'upkeep',
        urgency: 'normal',
        summary: '电梯坏了',
        description: '5号楼电梯坏了',
        place: { building: '5', text: '5号楼' },
        language: 'zh-CN',
        classifierSource: 'offline',
        responseDueAt: now,
        resolutionDueAt: now,
        createdAt: now,
      },
      null,
    );
  });
  afterAll(async () => {
    await store.cleanup();
  });

  it('joins the same problem every time it is reported', async () => {
    for (const text of ['5栋电梯不动了', '5栋电梯又坏了', '5栋电梯不动了']) {
      const match = await findSameProblem(candidates(ticket), report(text), since);
      expect(match?.ticket.id).toBe(ticket.id);
      expect(match?.verdict).toEqual(
        wouldJoin({ text: ticket.description, place: ticket.place, urgency: 'normal' }, report(text)),
      );
    }
  });

  it('reads a ticket again when its words, place or urgency are not those it was read with', async () => {
    expect(await findSameProblem(candidates(ticket), report('5栋电梯不动了'), since)).toBeDefined();
    const otherWords = { ...ticket, description: '5号楼停水了' };
    expect(await findSameProblem(candidates(otherWords), report('5栋电梯不动了'), since)).toBeUndefined();
    expect((await findSameProblem(candidates(otherWords), report('5栋又停水了'), since))?.ticket.id).toBe(ticket.id);
    const otherBuilding = { ...ticket, place: { building: '6', text: '6号楼' } };
    expect(await findSameProblem(candidates(otherBuilding), report('5栋电梯不动了'), since)).toBeUndefined();
    // Urgency: whatever the rules say of an urgent report and a routine or urgent ticket, the answer
    // is the one a fresh read of the ticket gives, whichever was read first.
    const urgent = { ...ticket, urgency: 'urgent' as const };
    for (const text of ['5栋电梯又坏了', '5栋电梯坏了，有人困在里面'])
      for (const candidate of [ticket, urgent, ticket]) {
        const fresh = wouldJoin(
          { text: candidate.description, place: candidate.place, urgency: candidate.urgency },
          report(text, 'urgent'),
        );
        const match = await findSameProblem(candidates(candidate), report(text, 'urgent'), since);
        expect(match?.verdict.same ?? false).toBe(fresh.same);
        if (match) expect(match.verdict).toEqual(fresh);
      }
  });
});
