import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHarness, type Harness } from '../support/core-harness.ts';

// Conversation logic only: on the in-memory ports (the stores' behaviour is in test/store/port-contracts.test.ts).
describe('replies in the script the resident writes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createMemoryHarness();
  });

  it('answers a traditional-script report in zh-TW even when it holds characters both scripts share', async () => {
    await h.say('mei', '樓上漏水到我家天花板，5號樓');
    expect(h.inbox('mei')[0]).toContain('已登記，案件編號');
    await h.say('mei', '/help');
    expect(h.inbox('mei')[1]).not.toMatch(/[这们时会说问题]/);
  });
});
