import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda } from '../../src/agenda/agenda.ts';
import {
  checkNarrative,
  MAX_NARRATIVE_CHARS,
  NarrativeError,
  OpenAiNarrativeWriter,
} from '../../src/agenda/openai-narrative.ts';
import { compileAgenda } from '../../src/agenda/weekly-job.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createNarrativeWriter } from '../../src/main.ts';
import type { FakeOpenAiServer, Reply } from '../servers/openai-api.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';
import { llmConfig, startServer } from '../classify/llm/fixtures.ts';
import { seedEvent, seedResident, seedTicket } from './seed.ts';

const log = pino({ level: 'silent' });
const WEEK = '2026-W10';
const AS_OF = new Date('2026-03-09T01:00:00Z');
const PARAGRAPH = '本周居民反映问题4件，上周0件；W-0001（3号楼停水）有3位居民反映且已超时，建议会议先议。';

/** What must never reach the LLM: the reporters' names, phones (also in parts) and units. */
const FORBIDDEN = [
  '王秀英',
  '李建国',
  'Amy Chen',
  '13812345678',
  '6543',
  '2109',
  '9123 4567',
  '3-2-501',
  '501',
  '302',
  '12B',
  '2单元',
  '1单元',
  '赵六',
  '13700001234',
];

describe('OpenAiNarrativeWriter', () => {
  let store: TestStore;
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-narrative-'));
  /** The agenda with the deterministic paragraph, for comparison. */
  let deterministic: Agenda;

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    const [a, b, c] = [
      await seedResident(store.db, { name: '王秀英', phone: '13812345678', unit: '3-2-501', chatId: 'a' }),
      await seedResident(store.db, { name: '李建国', phone: '021-6543 2109', unit: '12栋1单元302', chatId: 'b' }),
      await seedResident(store.db, { name: 'Amy Chen', phone: '+852 9123 4567', unit: 'Flat 12B', chatId: 'c' }),
    ];
    await seedTicket(
      store.db,
      {
        reference: 'W-0001',
        category: 'water_supply',
        summary: '我是王秀英，3号楼2单元501停水，电话13812345678',
        building: '3',
        unit: '2',
        createdAt: '2026-03-02T02:00:00Z',
        responseDueAt: '2026-03-02T06:00:00Z',
      },
      [a, b, c],
    );
    await seedTicket(
      store.db,
      {
        reference: 'U-0001',
        summary: '李建国家楼上漏水，12栋1单元302，联系021-6543 2109',
        building: '12',
        unit: '1',
        createdAt: '2026-03-03T02:00:00Z',
        reopenedCount: 1,
      },
      [b],
    );
    await seedTicket(
      store.db,
      {
        reference: 'O-0001',
        category: 'other',
        summary: 'My name is Amy Chen, flat 12B, the dog barks all night, call +852 9123 4567',
        building: 'B',
        createdAt: '2026-03-04T02:00:00Z',
      },
      [c],
    );
    const explained = await seedTicket(
      store.db,
      {
        reference: 'G-0001',
        category: 'greening',
        status: 'explained',
        summary: '7号楼门前绿地被占种菜',
        building: '7',
        createdAt: '2026-02-25T02:00:00Z',
        firstResponseAt: '2026-02-25T03:00:00Z',
        explanation: { reason: '住户赵六（13700001234）不配合', plan: '居委会约谈住户，限期恢复' },
      },
      [c],
    );
    await seedEvent(store.db, explained, 'explained', '2026-03-04T02:00:00Z');
    deterministic = await compileAgenda(
      {
        unitOfWork: new KyselyUnitOfWork(store.db),
        config: loadConfig({ DATA_DIR: dataDir, COMMUNITY_NAME: '幸福里', LOG_LEVEL: 'silent' }),
      },
      WEEK,
      AS_OF,
    );
  });
  afterAll(async () => {
    await store.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function configFor(server: FakeOpenAiServer, env: Record<string, string> = {}): Config {
    return llmConfig(server, { DATA_DIR: dataDir, COMMUNITY_NAME: '幸福里', LOG_LEVEL: 'silent', ...env });
  }

  /** Compiles the week with the writer the configuration gives, as the service and the CLI do. */
  async function compileWith(config: Config): Promise<Agenda> {
    const narrative = await createNarrativeWriter(config, { log });
    return compileAgenda(
      { unitOfWork: new KyselyUnitOfWork(store.db), config, log, ...(narrative && { narrative }) },
      WEEK,
      AS_OF,
    );
  }

  it('uses a good answer as the paragraph and says the LLM wrote it', async () => {
    const server = await startServer({ kind: 'answer', content: PARAGRAPH });
    const agenda = await compileWith(configFor(server));
    expect(agenda.narrativeSource).toBe('llm');
    expect(agenda.narrative).toBe(PARAGRAPH);
    expect({ ...agenda, narrative: '', narrativeSource: '' }).toEqual({
      ...deterministic,
      narrative: '',
      narrativeSource: '',
    });
    expect(server.requests).toHaveLength(1);
  });

  it("sends the week's figures, rates and items in the configured language, through the configured endpoint", async () => {
    const server = await startServer({ kind: 'answer', content: 'The week was quiet.' });
    await compileWith(configFor(server, { DEFAULT_LOCALE: 'en' }));
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({ model: 'test-model', temperature: 0 });
    const [system, user] = request?.body.messages ?? [];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('in English');
    expect(system?.content).toContain('幸福里');
    expect(system?.content).not.toMatch(/\{\{\w+\}\}/);
    const facts = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(user?.content ?? '')?.[1] ?? 'null') as Record<
      string,
      unknown
    >;
    expect(facts).toMatchObject({
      week: WEEK,
      figures: deterministic.figures,
      rates: deterministic.rates,
      moreItems: deterministic.moreItems,
    });
    expect(deterministic.figures.thisWeek.new).toBeGreaterThan(0);
    const items = facts.items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.reference)).toEqual(deterministic.items.map((i) => i.reference));
    expect(items[0]).toMatchObject({
      reference: deterministic.items[0]!.reference,
      summary: deterministic.items[0]!.summary,
      reasons: deterministic.items[0]!.reasons,
    });
    expect(items[0]).not.toHaveProperty('ticketId');
  });

  it('sends no name, phone or unit of any reporter', async () => {
    const server = await startServer({ kind: 'answer', content: PARAGRAPH });
    await compileWith(configFor(server));
    const sent = JSON.stringify(server.requests[0]?.body);
    expect(sent).toContain('W-0001');
    for (const forbidden of FORBIDDEN) expect(sent, forbidden).not.toContain(forbidden);
  });

  const unusable: Array<[string, Reply]> = [
    ['an empty answer', { kind: 'answer', content: '  ' }],
    ['a Markdown heading', { kind: 'answer', content: `## 本周概况\n${PARAGRAPH}` }],
    ['two paragraphs', { kind: 'answer', content: `${PARAGRAPH}\n\n${PARAGRAPH}` }],
    ['a list', { kind: 'answer', content: `- ${PARAGRAPH}\n- ${PARAGRAPH}` }],
    ['an answer too long', { kind: 'answer', content: '很'.repeat(MAX_NARRATIVE_CHARS + 1) }],
    ['an answer cut short', { kind: 'answer', content: PARAGRAPH, finishReason: 'length' }],
    ['a 500', { kind: 'error', status: 500, message: 'The server had an error while processing your request.' }],
    ['a 401', { kind: 'error', status: 401, message: 'Incorrect API key provided.' }],
  ];
  for (const [what, reply] of unusable) {
    it(`falls back to the deterministic paragraph on ${what}, with one request`, async () => {
      const server = await startServer(reply);
      const agenda = await compileWith(configFor(server));
      expect(agenda.narrativeSource).toBe('deterministic');
      expect(agenda.narrative).toBe(deterministic.narrative);
      expect(server.requests).toHaveLength(1);
    });
  }

  it('falls back to the deterministic paragraph when the endpoint does not answer within OPENAI_TIMEOUT_MS', async () => {
    const server = await startServer({ kind: 'hang' });
    const started = performance.now();
    const agenda = await compileWith(configFor(server, { OPENAI_TIMEOUT_MS: '300' }));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(agenda).toMatchObject({ narrative: deterministic.narrative, narrativeSource: 'deterministic' });
    expect(server.requests).toHaveLength(1);
  });

  it('throws a NarrativeError that names the endpoint, not an SDK error', async () => {
    const server = await startServer({ kind: 'error', status: 503, message: 'overloaded' });
    const writer = await OpenAiNarrativeWriter.create({
      apiKey: 'sk-test',
      baseUrl: server.baseUrl,
      model: 'test-model',
      timeoutMs: 2_000,
    });
    const error = await writer.write(deterministic, 'zh-CN').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NarrativeError);
    expect(error).toMatchObject({
      failure: 'unavailable',
      message: expect.stringContaining(`${server.baseUrl} test-model answered 503`),
    });
  });

  it('is not built when the configuration does not use an LLM', async () => {
    expect(await createNarrativeWriter(loadConfig({ LOG_LEVEL: 'silent' }))).toBeUndefined();
    expect(
      await createNarrativeWriter(
        loadConfig({ LOG_LEVEL: 'silent', OPENAI_API_KEY: 'sk-test', CLASSIFIER: 'offline' }),
      ),
    ).toBeUndefined();
  });

  it('is used by `linli agenda` when the configuration uses an LLM', async (context) => {
    const server = await startServer({ kind: 'answer', content: PARAGRAPH });
    const dir = mkdtempSync(join(tmpdir(), 'linli-narrative-cli-'));
    context.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'x.db')}`,
      DATA_DIR: dir,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_MODEL: 'test-model',
    };
    expect((await runCli(['migrate'], { cwd: dir, env })).code).toBe(0);
    const result = await runCli(['agenda', '--week', WEEK, '--format', 'json'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ narrative: PARAGRAPH, narrativeSource: 'llm' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('checkNarrative', () => {
  it('keeps one paragraph, joining its lines and dropping a leading <think> block', () => {
    expect(checkNarrative('<think>counting…</think>\nNew problems: 4.\nLast week: 0.', 'stop')).toBe(
      'New problems: 4. Last week: 0.',
    );
  });

  it('rejects what is not one short plain paragraph', () => {
    for (const bad of [
      '',
      '# Week 10\nQuiet.',
      '```\nQuiet.\n```',
      '1. Quiet.\n2. Calm.',
      'A.\n\nB.',
      'x'.repeat(MAX_NARRATIVE_CHARS + 1),
    ]) {
      expect(() => checkNarrative(bad, 'stop'), bad.slice(0, 20)).toThrow(NarrativeError);
    }
    expect(() => checkNarrative('Quiet.', 'stop', 'I cannot help with that.')).toThrow(/refused/);
  });
});
