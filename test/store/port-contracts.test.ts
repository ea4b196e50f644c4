import { describe, expect, it } from 'vitest';
import { createMemoryHarness } from '../support/core-harness.ts';
import { MemoryUnitOfWork, NotInMemoryFakeError } from '../support/memory/memory-unit-of-work.ts';
import { BACKENDS, useBackend } from './contracts/backends.ts';
import { estateStoreContract, memberStoreContract, residentStoreContract } from './contracts/people.contract.ts';
import { ticketStoreContract } from './contracts/ticket-store.contract.ts';
import {
  conversationStoreContract,
  outboxContract,
  queuesContract,
  revisitStoreContract,
  unitOfWorkContract,
} from './contracts/turn.contract.ts';

/*
 * One set of behaviours per port of the core, asserted of every implementation: the Kysely stores
 * on SQLite (and PostgreSQL with TEST_DATABASE_URL) and the in-memory fakes the memory harness runs
 * on. A fake that drifts from the stores fails here, not in a conversation test.
 */
for (const name of BACKENDS) {
  describe(`${name}: port contracts`, () => {
    const backend = useBackend(name);
    describe('UnitOfWork', () => unitOfWorkContract(backend));
    describe('TicketStore', () => ticketStoreContract(backend));
    describe('EstateStore', () => estateStoreContract(backend));
    describe('ResidentStore', () => residentStoreContract(backend));
    describe('MemberStore', () => memberStoreContract(backend));
    describe('ConversationStore', () => conversationStoreContract(backend));
    describe('Outbox and Deliveries', () => outboxContract(backend));
    describe('inbox and work queues', () => queuesContract(backend));
    describe('RevisitStore', () => revisitStoreContract(backend));
  });
}

describe('memory: what the fakes leave out', () => {
  it('fails loudly, naming the method, when a port it does not fake is called', async () => {
    const unitOfWork = new MemoryUnitOfWork();
    const call = unitOfWork.withoutTransaction(({ agendas }) => agendas.latest());
    await expect(call).rejects.toBeInstanceOf(NotInMemoryFakeError);
    await expect(call).rejects.toThrow(/not in the in-memory fake: agendas\.latest .*SQLite harness/);
    await expect(unitOfWork.run(({ tickets }) => tickets.list({ search: '电梯' }))).rejects.toThrow(
      /tickets\.list\(\{ search \}\)/,
    );
    expect(unitOfWork.notFaked.map((e) => e.message.split(' — ')[0])).toEqual([
      'not in the in-memory fake: agendas.latest',
      'not in the in-memory fake: tickets.list({ search }) (free-text search is SQL over the masked search text)',
    ]);
  });

  it('makes the memory harness throw when a turn needed such a port, even though the turn was retried', async () => {
    // Round-robin assignment takes turns from the workload port, which is not faked.
    const h = await createMemoryHarness({ env: { AUTO_ASSIGN: 'round-robin' } });
    await h.registerStaff('room', ['wang']);
    await expect(h.say('ann', '3号楼停水了')).rejects.toThrow(/workload\.nextTurn/);
  });

  it('refuses, rather than waits forever, a call outside the unit of work from inside it', async () => {
    const unitOfWork = new MemoryUnitOfWork();
    const nested = unitOfWork.run(() => unitOfWork.withoutTransaction(({ tickets }) => tickets.list()));
    await expect(nested).rejects.toThrow(/inside MemoryUnitOfWork\.run/);
  });
});
