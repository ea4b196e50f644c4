import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyCommand } from '../../../src/cli/classify-command.ts';
import { evalCommand } from '../../../src/cli/eval-command.ts';
import { GOOD_ANSWER, type RecordedRequest, type Reply } from '../../servers/openai-api.ts';
import { llmConfig, startServer } from './fixtures.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) },
    out: () => out,
    err: () => err,
  };
}

const file = join(mkdtempSync(join(tmpdir(), 'linli-eval-llm-')), 'set.tsv');
writeFileSync(
  file,
  [
    'category\ttext',
    'water_supply\t3号楼停水一天了',
    'upkeep\t电梯又坏了',
    'greening\t中心花园的树枝要修剪了',
    'not_complaint\t谢谢你们',
    '',
  ].join('\n'),
);

// A model that calls everything with 电梯 upkeep, 谢谢 not a complaint, and the rest water_supply.
function model(request: RecordedRequest): Reply {
  const text = request.body.messages?.at(-1)?.content ?? '';
  if (text.includes('谢谢'))
    return { kind: 'answer', content: { ...GOOD_ANSWER, isComplaint: false, category: 'other' } };
  return { kind: 'answer', content: { ...GOOD_ANSWER, category: text.includes('电梯') ? 'upkeep' : 'water_supply' } };
}

describe('linli eval --classifier llm', () => {
  it('scores the LLM, prints its agreement with the offline classifier and keeps the last line', async () => {
    const server = await startServer(model);
    const { io, out } = capture();
    expect(await evalCommand(['--classifier', 'llm', file], io, { config: llmConfig(server) })).toBe(0);
    expect(server.requests).toHaveLength(4);
    expect(out()).toContain('classifier llm test-model');
    expect(out()).toContain('llm answered 4 of 4 rows');
    expect(out()).toMatch(/agreement llm\/offline: 0\.7500 \(3 of the 4 rows the llm answered\)/);
    expect(out()).toContain('offline greening → water_supply llm: 1');
    expect(out().trimEnd().split('\n').at(-1)).toBe('accuracy=0.7500 macro_f1=0.6667 n=4');
  });

  it('counts rows the LLM failed on as fallbacks and says why', async () => {
    const server = await startServer(model);
    server.script = [{ kind: 'answer', content: 'not json' }];
    const { io, out } = capture();
    expect(
      await evalCommand(['--classifier', 'llm', '--concurrency', '1', file], io, { config: llmConfig(server) }),
    ).toBe(0);
    expect(out()).toContain('llm answered 3 of 4 rows');
    expect(out()).toContain('1 fell back to offline: invalid-answer 1');
    expect(out().trimEnd().split('\n').at(-1)).toMatch(/^accuracy=\d\.\d{4} macro_f1=\d\.\d{4} n=4$/);
  });

  it('fails when the LLM answered no row at all', async () => {
    const server = await startServer({ kind: 'error', status: 401, message: 'Incorrect API key provided' });
    const { io, err } = capture();
    expect(await evalCommand(['--classifier', 'llm', file], io, { config: llmConfig(server) })).toBe(1);
    expect(err()).toContain('the LLM answered none of the 4 rows');
    expect(err()).toContain('OPENAI_API_KEY');
  });
});

describe('linli classify --classifier llm', () => {
  it('prints the LLM classification with its source and model', async () => {
    const server = await startServer();
    const { io, out } = capture();
    expect(
      await classifyCommand(['--classifier', 'llm', '三号楼2单元停水了'], io, undefined, { config: llmConfig(server) }),
    ).toBe(0);
    expect(JSON.parse(out())).toMatchObject({
      category: 'water_supply',
      source: 'llm',
      model: 'test-model',
      place: { building: '3', unit: '2' },
    });
  });
});

describe('linli classify --classifier llm on an emergency the model calls normal', () => {
  it('prints the urgency raised and which offline half raised it: the rules, or the learnt scorer', async () => {
    const server = await startServer();
    const classify = async (text: string) => {
      const { io, out } = capture();
      expect(await classifyCommand(['--classifier', 'llm', text], io, undefined, { config: llmConfig(server) })).toBe(
        0,
      );
      return JSON.parse(out()) as Record<string, unknown>;
    };
    expect(await classify('电梯卡住了，里面有人')).toMatchObject({
      source: 'llm',
      urgency: 'urgent',
      hazard: 'trapped',
      urgencyRaised: 'rules',
    });
    expect(await classify('我爸在厕所里倒下了，喊他不答应')).toMatchObject({
      source: 'llm',
      urgency: 'urgent',
      hazard: 'injury',
      urgencyRaised: 'scorer',
    });
    const normal = await classify('三号楼2单元停水了');
    expect(normal).toMatchObject({ source: 'llm', urgency: 'normal' });
    expect(normal.urgencyRaised).toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });
});

describe('linli classify with the configured classifier', () => {
  it('asks the LLM when the configuration uses it, as serve does, and says which one decided', async () => {
    const server = await startServer();
    const { io, out } = capture();
    expect(await classifyCommand(['三号楼2单元停水了'], io, undefined, { config: llmConfig(server) })).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(out())).toMatchObject({ category: 'water_supply', source: 'llm', classifier: 'llm' });
  });

  it('says the offline classifier decided when the configured LLM fails, and why', async () => {
    const server = await startServer({ kind: 'error', status: 500, message: 'overloaded' });
    const { io, out } = capture();
    expect(await classifyCommand(['三号楼2单元停水了'], io, undefined, { config: llmConfig(server) })).toBe(0);
    const json = JSON.parse(out()) as Record<string, unknown>;
    expect(json).toMatchObject({ category: 'water_supply', source: 'offline', classifier: 'llm' });
    expect(json.fallbackReason).toEqual(expect.any(String));
  });

  it('keeps to the offline classifier with --classifier offline, whatever the configuration says', async () => {
    const server = await startServer();
    const { io, out } = capture();
    expect(
      await classifyCommand(['--classifier', 'offline', '三号楼2单元停水了'], io, undefined, {
        config: llmConfig(server),
      }),
    ).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(JSON.parse(out())).toMatchObject({ source: 'offline', classifier: 'offline' });
  });

  it('uses the offline classifier when the configuration says CLASSIFIER=offline', async () => {
    const server = await startServer();
    const { io, out } = capture();
    expect(
      await classifyCommand(['三号楼2单元停水了'], io, undefined, {
        config: llmConfig(server, { CLASSIFIER: 'offline' }),
      }),
    ).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(JSON.parse(out())).toMatchObject({ source: 'offline', classifier: 'offline' });
  });
});
