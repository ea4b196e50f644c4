import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INSTANCE_ID } from '../../src/scheduler.ts';
import { claimJobRun, finishJobRun } from '../../src/store/job-runs.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const T0 = new Date('2026-03-02T01:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`${dialect}: claimJobRun`, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(() => store.reset());
    afterAll(() => store.cleanup());

    it('gives a slot to the first claim only', async () => {
      expect(await claimJobRun(store.db, 'agenda', '2026-W10', T0)).toBe(true);
      expect(await claimJobRun(store.db, 'agenda', '2026-W10', T0)).toBe(false);
      expect(await store.db.selectFrom('job_runs').selectAll().execute()).toEqual([
        {
          job: 'agenda',
          slot: '2026-W10',
          instance: INSTANCE_ID,
          started_at: T0.toISOString(),
          finished_at: null,
          status: 'running',
          error: null,
        },
      ]);
    });

    it('refuses the slot to a second instance on the same database, also when both claim at once', async () => {
      const other = store.reopen();
      expect(await claimJobRun(store.db, 'agenda', '2026-W10', T0)).toBe(true);
      expect(await claimJobRun(other.db, 'agenda', '2026-W10', T0)).toBe(false);
      const racing = await Promise.all([
        claimJobRun(store.db, 'agenda', '2026-W11', T0),
        claimJobRun(other.db, 'agenda', '2026-W11', T0),
      ]);
      expect(racing.sort()).toEqual([false, true]);
    });

    it('claims other slots and other jobs separately', async () => {
      expect(await claimJobRun(store.db, 'agenda', '2026-W10', T0)).toBe(true);
      expect(await claimJobRun(store.db, 'agenda', '2026-W11', T0)).toBe(true);
      expect(await claimJobRun(store.db, 'report', '2026-W10', T0)).toBe(true);
    });

    it('records how a run ended', async () => {
      await claimJobRun(store.db, 'agenda', '2026-W10', T0);
      await claimJobRun(store.db, 'agenda', '2026-W11', T0);
      const end = new Date(T0.getTime() + 5_000);
      await finishJobRun(store.db, 'agenda', '2026-W10', end);
      await finishJobRun(store.db, 'agenda', '2026-W11', end, new Error('no chat registered'));
      const rows = await store.db
        .selectFrom('job_runs')
        .select(['slot', 'status', 'finished_at', 'error'])
        .orderBy('slot')
        .execute();
      expect(rows).toEqual([
        { slot: '2026-W10', status: 'done', finished_at: end.toISOString(), error: null },
        { slot: '2026-W11', status: 'failed', finished_at: end.toISOString(), error: 'no chat registered' },
      ]);
      expect(await claimJobRun(store.db, 'agenda', '2026-W11', end)).toBe(false);
    });
  });
}
