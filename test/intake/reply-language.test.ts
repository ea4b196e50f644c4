import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: replies in the script the resident writes`, () => {
    let store: TestStore;
    let h: Harness;
    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('answers a traditional-script report in zh-TW even when it holds characters both scripts share', async () => {
      await h.say('mei', '樓上漏水到我家天花板，5號樓');
      expect(h.inbox('mei')[0]).toContain('已登記，案件編號');
      await h.say('mei', '/help');
      expect(h.inbox('mei')[1]).not.toMatch(/[这们时会说问题]/);
    });
  });
}
