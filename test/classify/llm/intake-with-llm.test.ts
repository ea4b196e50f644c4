import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClassifier } from '../../../src/main.ts';
import { KyselyTicketStore } from '../../../src/store/ticket-store.ts';
import { createHarness, sharedClassifier } from '../../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../../support/databases.ts';
import { GOOD_ANSWER } from '../../servers/openai-api.ts';
import { llmConfig, startServer } from './fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: intake with the LLM classifier`, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
    });
    afterAll(async () => {
      await store.cleanup();
    });

    async function harnessWith(env: Record<string, string>, otherwise?: Parameters<typeof startServer>[0]) {
      const server = await startServer(otherwise);
      const config = llmConfig(server, env);
      const classifier = await createClassifier(config, { offline: await sharedClassifier() });
      return { server, h: await createHarness(store, { classifier }) };
    }

    it('files a ticket classified by the LLM, recording the model, the latency and the prompt version', async () => {
      const { server, h } = await harnessWith({});
      await h.say('alice', '三号楼二单元停水一天了，电话13800138000');
      const [ticket] = await new KyselyTicketStore(store.db).list({ limit: 10 });
      expect(ticket).toMatchObject({
        reference: 'W-0001',
        category: 'water_supply',
        classifierSource: 'llm',
        classifierModel: 'test-model',
      });
      expect(ticket!.place).toMatchObject({ building: '3', unit: '2' });
      expect(ticket!.classifierLatencyMs).toBeTypeOf('number');
      const [created] = await new KyselyTicketStore(store.db).events(ticket!.id);
      expect(created?.data).toMatchObject({
        source: 'llm',
        promptVersion: expect.stringMatching(/^classify-complaint\//),
      });
      expect(created?.data.fallbackReason).toBeUndefined();
      expect(server.sentText()).toBe('三号楼二单元停水一天了，电话[phone]');
      expect(h.inbox('alice')[0]).toContain('W-0001');
    });

    it('still files the ticket when the LLM hangs: the offline classifier decides and the reason is kept', async () => {
      const { server, h } = await harnessWith({ OPENAI_TIMEOUT_MS: '200' }, { kind: 'hang' });
      await h.say('bob', '3号楼2单元停水一天了');
      const [ticket] = await new KyselyTicketStore(store.db).list({ limit: 10 });
      expect(ticket).toMatchObject({ category: 'water_supply', classifierSource: 'offline', classifierModel: null });
      expect(ticket!.classifierLatencyMs).toBeTypeOf('number');
      const [created] = await new KyselyTicketStore(store.db).events(ticket!.id);
      expect(created?.data).toMatchObject({ source: 'offline', fallbackReason: expect.stringMatching(/^timeout: /) });
      expect(server.requests).toHaveLength(1);
      expect(h.inbox('bob')[0]).toContain('W-0001');
    });

    // The fake model answers every message as a normal water_supply complaint: the offline rules and the
    // learnt scorer raise the emergencies it missed, and the history says which of the two did.
    it('raises what the LLM called normal when the offline rules or scorer find a danger, recording which', async () => {
      const { h } = await harnessWith({}, (request) => {
        const text = request.body.messages?.at(-1)?.content ?? '';
        return { kind: 'answer', content: { ...GOOD_ANSWER, summary: text.slice(0, 20), place: null } };
      });
      await h.say('erin', '电梯卡住了，里面有人');
      await h.say('frank', '我爸在厕所里倒下了，喊他不答应');
      await h.say('gina', '5号楼电梯按钮有点不灵');
      const store_ = new KyselyTicketStore(store.db);
      const tickets = await store_.list({ limit: 10 });
      const byText = async (fragment: string) => {
        const ticket = tickets.find((t) => t.description.includes(fragment))!;
        return { ticket, created: (await store_.events(ticket.id))[0] };
      };
      const rules = await byText('电梯卡住了');
      expect(rules.ticket).toMatchObject({ urgency: 'urgent', hazard: 'trapped', classifierSource: 'llm' });
      expect(rules.created?.data).toMatchObject({ urgencyRaised: 'rules' });
      const scorer = await byText('倒下了');
      expect(scorer.ticket).toMatchObject({ urgency: 'urgent', hazard: 'injury', classifierSource: 'llm' });
      expect(scorer.created?.data).toMatchObject({ urgencyRaised: 'scorer' });
      const normal = await byText('按钮');
      expect(normal.ticket).toMatchObject({ urgency: 'normal', hazard: null, classifierSource: 'llm' });
      expect(normal.created?.data.urgencyRaised).toBeUndefined();
    });

    it('files tickets through an endpoint that accepts only json_object', async () => {
      const { server, h } = await harnessWith({});
      server.refuseJsonSchema = true;
      await h.say('carol', '3号楼2单元停水一天了');
      await h.say('dave', '5号楼也停水了');
      const tickets = await new KyselyTicketStore(store.db).list({ limit: 10 });
      expect(tickets.map((t) => t.classifierSource)).toEqual(['llm', 'llm']);
      expect(server.formats).toEqual(['json_schema', 'json_object', 'json_object']);
    });
  });
}
