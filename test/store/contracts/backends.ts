import { afterAll, beforeAll, beforeEach } from 'vitest';
import { KyselyUnitOfWork } from '../../../src/store/unit-of-work.ts';
import type { TurnPorts, UnitOfWork } from '../../../src/turn/unit-of-work.ts';
import { createTestStore, DIALECTS, type TestStore } from '../../support/databases.ts';
import { MemoryUnitOfWork } from '../../support/memory/memory-unit-of-work.ts';

/*
 * The implementations of the core's ports a contract runs against: the Kysely stores on SQLite, on
 * PostgreSQL when TEST_DATABASE_URL is set, and the in-memory fakes of test/support/memory/.
 */

export type BackendName = 'memory' | (typeof DIALECTS)[number];
export const BACKENDS: readonly BackendName[] = ['memory', ...DIALECTS];

/** What a contract is given: a fresh, empty set of ports (but the estate `default`) for every test. */
export interface Backend {
  readonly name: BackendName;
  readonly unitOfWork: UnitOfWork;
  /** One call or several through the ports, outside any unit of work. */
  ports<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T>;
}

/** Registers the hooks that give every test of the current `describe` an empty backend. */
export function useBackend(name: BackendName): Backend {
  let store: TestStore | undefined;
  let unitOfWork: UnitOfWork;
  if (name !== 'memory') {
    beforeAll(async () => {
      store = await createTestStore(name);
    });
    afterAll(() => store?.cleanup());
  }
  beforeEach(async () => {
    if (store) {
      await store.reset();
      unitOfWork = new KyselyUnitOfWork(store.db);
    } else unitOfWork = new MemoryUnitOfWork();
  });
  return {
    name,
    get unitOfWork() {
      return unitOfWork;
    },
    ports: (fn) => unitOfWork.withoutTransaction(fn),
  };
}

/** A fixed instant and the instants `minutes` after it (whole milliseconds: every store keeps them). */
export const T0 = new Date('2026-11-23T02:00:00.000Z');
export const after = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
