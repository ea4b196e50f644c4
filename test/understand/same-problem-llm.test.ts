import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalDuplicatesCommand } from '../../src/cli/eval-duplicates-command.ts';
import { loadConfig } from '../../src/config.ts';
import { createInboxProcessor } from '../../src/inbox/inbox-processor.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import {
  OpenAiSameProblemJudge,
  parseSameProblemAnswer,
  SameProblemJudgeError,
} from '../../src/understand/openai-same-problem-judge.ts';
import { FakeOpenAiServer, type Reply } from '../servers/openai-api.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const SAME: Reply = { kind: 'answer', content: { same: true, reason: '同一处屋顶漏水' } };
const NOT_SAME: Reply = { kind: 'answer', content: { same: false, reason: '不是同一个问题' } };

describe('parseSameProblemAnswer', () => {
  it('reads {"same": …} and refuses anything else', () => {
    expect(parseSameProblemAnswer('{"same": true, "reason": "同一部电梯"}')).toBe(true);
    expect(parseSameProblemAnswer('<think>hmm</think>\n```json\n{"same": false}\n```')).toBe(false);
    for (const bad of ['yes', '{"same": "yes"}', '', '{"reason": "x"}'])
      expect(() => parseSameProblemAnswer(bad)).toThrow(SameProblemJudgeError);
    expect(() => parseSameProblemAnswer('{"same": true}', 'length')).toThrow('cut short');
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: an LLM confirms same-problem candidates, the offline answer where it fails`, () => {
    let store: TestStore;
    let server: FakeOpenAiServer;
    let h: Harness;
    const tickets = () => new KyselyTicketStore(store.db);
    beforeAll(async () => {
      store = await createTestStore(dialect);
      server = await new FakeOpenAiServer(SAME).start();
    });
    beforeEach(async () => {
      await store.reset();
      server.requests.length = 0;
      server.script = [];
      server.otherwise = SAME;
      const judge = await OpenAiSameProblemJudge.create({
        apiKey: 'sk-test',
        baseUrl: server.baseUrl,
        model: 'test-model',
        timeoutMs: 1500,
      });
      h = await createHarness(store, { sameProblemJudge: judge });
    });
    afterAll(async () => {
      await server.stop();
      await store.cleanup();
    });

    it('joins a pair the offline matcher misses when the LLM says it is the same problem', async () => {
      await h.say('alice', '5号楼楼顶漏雨');
      await h.say('bob', '5栋顶层走廊天花板在滴水');
      expect(await tickets().list()).toHaveLength(1);
      expect(server.requests).toHaveLength(1);
      const sent = server.requests[0]!.body.messages!.at(-1)!.content;
      expect(sent).toContain('5号楼楼顶漏雨');
      expect(sent).toContain('5栋顶层走廊天花板在滴水');
    });

    it('keeps two tickets when the LLM says the offline match is another problem', async () => {
      server.otherwise = NOT_SAME;
      await h.say('alice', '二十号楼楼道灯不亮');
      await h.say('bob', '20栋楼道的灯坏了好几天');
      expect(await tickets().list()).toHaveLength(2);
    });

    it('keeps the offline answer when the LLM fails, answers nonsense or takes too long', async () => {
      const failures: Reply[] = [
        { kind: 'error', status: 500, message: 'overloaded' },
        { kind: 'answer', content: 'probably' },
        { kind: 'hang' },
      ];
      for (const [i, failure] of failures.entries()) {
        server.script = [failure];
        const building = 20 + i;
        await h.say(`alice${i}`, `${building}号楼楼道灯不亮，电话13800138000`);
        await h.say(`bob${i}`, `${building}栋楼道的灯坏了好几天`);
      }
      const all = await tickets().list();
      expect(all).toHaveLength(3);
      for (const ticket of all) expect(await tickets().reporterCount(ticket.id)).toBe(2);
      // Contacts never reach the LLM.
      for (const request of server.requests) expect(JSON.stringify(request.body)).not.toContain('13800138000');
    });

    // A resident's message, stored and not yet handled (as the webhook leaves it).
    let seq = 0;
    const message = (user: string, text: string): IncomingEvent => ({
      platform: PLATFORM,
      eventId: `held-${++seq}-${user}`,
      kind: 'message',
      chat: { id: `chat-${user}`, type: 'private' },
      sender: { id: user, displayName: user },
      occurredAt: h.clock.now().toISOString(),
      text,
    });

    it('asks the LLM outside the transaction: other residents are answered while it thinks, nothing lost', async () => {
      await h.say('alice', '二十号楼楼道灯不亮');
      server.script = [{ kind: 'hold' }];
      // Two workers, as two of the service's concurrent slots: one holds bob's message at the LLM.
      const first = createInboxProcessor(h.core);
      const second = createInboxProcessor(h.core);
      await h.save(message('bob', '20栋楼道的灯坏了好几天'));
      let bobHandled = false;
      const bob = first.drain().then(() => (bobHandled = true));
      await vi.waitFor(() => expect(server.requests).toHaveLength(1), { timeout: 15_000 });
      await h.save(message('carol', '7号楼电梯坏了'));
      await second.drain();
      expect(bobHandled).toBe(false);
      expect((await tickets().list()).map((t) => t.description)).toEqual(['7号楼电梯坏了', '二十号楼楼道灯不亮']);
      expect(server.release(SAME)).toBe(1);
      await bob;
      await h.settle();
      const all = await tickets().list();
      expect(all).toHaveLength(2);
      const lights = all.find((t) => t.description === '二十号楼楼道灯不亮')!;
      expect(await tickets().reporterCount(lights.id)).toBe(2);
      expect(h.inbox('bob').join('\n')).toContain(lights.reference);
      expect(h.inbox('carol')).not.toHaveLength(0);
      expect(server.requests).toHaveLength(1);
    });

    it('never joins a candidate closed while the LLM was asked, however it answers', async () => {
      await h.say('alice', '二十号楼楼道灯不亮');
      const [lights] = await tickets().list();
      server.script = [{ kind: 'hold' }];
      const worker = createInboxProcessor(h.core);
      await h.save(message('bob', '20栋楼道的灯坏了好几天'));
      const bob = worker.drain();
      await vi.waitFor(() => expect(server.requests).toHaveLength(1), { timeout: 15_000 });
      await tickets().change(lights!.id, { status: 'closed' }, h.clock.now());
      server.release(SAME);
      await bob;
      const all = await tickets().list();
      expect(all).toHaveLength(2);
      expect(await tickets().reporterCount(lights!.id)).toBe(1);
    });

    it('never asks about another place or an urgent report against a routine ticket', async () => {
      await h.say('alice', '3号楼电梯按钮不亮');
      await h.say('bob', '5号楼电梯按钮不亮');
      await h.say('carol', '3号楼电梯里有人被困');
      expect(server.requests).toHaveLength(0);
      expect(await tickets().list()).toHaveLength(3);
    });
  });
}

describe('linli eval-duplicates --matcher llm', () => {
  it('asks the LLM where the service would, and keeps the offline verdict where it fails', async () => {
    const server = await new FakeOpenAiServer(SAME).start();
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'linli-pairs-llm-')), 'pairs.tsv');
      writeFileSync(
        file,
        [
          'same\tfirst\tsecond',
          'no\t11号楼电梯坏了\t11号楼单元门坏了',
          'yes\t5号楼楼顶漏雨\t5栋顶层走廊天花板在滴水',
          'no\t3号楼停水了\t5号楼停水了',
          'yes\t二十号楼楼道灯不亮\t20栋楼道的灯坏了好几天',
          '',
        ].join('\n'),
      );
      server.script = [SAME, SAME, { kind: 'error', status: 503, message: 'busy' }];
      let out = '';
      const io = { stdout: (s: string) => void (out += s), stderr: () => {} };
      const config = loadConfig({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_MODEL: 'test-model',
      });
      expect(await evalDuplicatesCommand(['--matcher', 'llm', file], io, { config })).toBe(0);
      // Another building is never asked about: three requests for four pairs.
      expect(server.requests).toHaveLength(3);
      expect(out).toContain('llm test-model answered 2 pairs; the offline verdict stood on unavailable 1');
      expect(out).toContain(`false join ${file}:2 (llm same)`);
      expect(out.trimEnd().split('\n').at(-1)).toBe('precision=0.6667 recall=1.0000 n=4');
    } finally {
      await server.stop();
    }
  });
});
