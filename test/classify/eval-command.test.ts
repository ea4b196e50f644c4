import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyCommand } from '../../src/cli/classify-command.ts';
import { evalCommand } from '../../src/cli/eval-command.ts';
import { loadConfig } from '../../src/config.ts';

function capture(): {
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return { io: { stdout: (s) => void (out += s), stderr: (s) => void (err += s) }, out: () => out, err: () => err };
}

const dir = mkdtempSync(join(tmpdir(), 'linli-eval-'));
function tsv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('linli eval', () => {
  it('prints the report and ends with accuracy=… macro_f1=… n=…', async () => {
    const file = tsv('ok.tsv', [
      'category\ttext',
      'water_supply\t3号楼停水一天了',
      'upkeep\t电梯又坏了',
      'greening\t中心花园的树枝要修剪了',
      'not_complaint\t谢谢你们',
    ]);
    const { io, out } = capture();
    expect(await evalCommand([file], io)).toBe(0);
    const lines = out().trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^accuracy=(0|1)\.\d{4} macro_f1=(0|1)\.\d{4} n=4$/);
    expect(out()).toContain('confusion matrix');
    expect(out()).toMatch(/water_supply\s+\d\.\d{4}\s+\d\.\d{4}/);
  });

  it('with an urgency column, reports urgent recall and precision on the line before the last, and lists the misses', async () => {
    // The fourth row's gold label is wrong on purpose: any classifier calls it normal, so the report
    // has a miss to list.
    const file = tsv('urgency.tsv', [
      'category\turgency\ttext',
      'upkeep\turgent\t电梯卡住了，里面有人',
      'security\turgent\t楼道里一股很浓的煤气味',
      'other\turgent\tmy neighbour collapsed',
      'upkeep\turgent\t小区门口的快递柜满了',
      'upkeep\tnormal\t电梯有异响',
      'other\tnormal\t燃气费怎么交',
    ]);
    const { io, out } = capture();
    expect(await evalCommand([file], io)).toBe(0);
    const lines = out().trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^accuracy=\d\.\d{4} macro_f1=\d\.\d{4} n=6$/);
    expect(lines.at(-2)).toBe('urgent_recall=0.7500 urgent_precision=1.0000 n_urgent=4');
    expect(out()).toContain(`missed urgent (1):\n  ${file}:5  小区门口的快递柜满了`);
    expect(out()).not.toContain('false alarms');
  });

  it('leaves the urgency line out when no file has an urgency column', async () => {
    const file = tsv('plain.tsv', ['category\ttext', 'upkeep\t电梯困人了']);
    const { io, out } = capture();
    expect(await evalCommand([file], io)).toBe(0);
    expect(out()).not.toContain('urgent_recall');
  });

  it('fails on an unknown category, naming the file and line', async () => {
    const file = tsv('bad.tsv', ['category\ttext', 'upkeep\t电梯又坏了', '', 'lifts\t电梯又坏了']);
    const { io, out, err } = capture();
    expect(await evalCommand([file], io)).toBe(1);
    expect(err()).toBe(
      `${file}:4: unknown category "lifts" (expected one of greening, water_supply, security, upkeep, other, not_complaint)\n`,
    );
    expect(out()).toBe('');
  });

  it('accepts --classifier offline, and --classifier llm only with an endpoint configured', async () => {
    const file = tsv('one.tsv', ['category\ttext', 'upkeep\t电梯又坏了']);
    expect(await evalCommand(['--classifier', 'offline', file], capture().io)).toBe(0);
    const llm = capture();
    expect(await evalCommand(['--classifier', 'llm', file], llm.io, { config: loadConfig({}) })).toBe(3);
    expect(llm.err()).toContain('OPENAI_API_KEY');
    expect(await evalCommand(['--classifier', 'magic', file], capture().io)).toBe(2);
    expect(await evalCommand([], capture().io)).toBe(2);
  });
});

describe('linli classify', () => {
  it('prints the classification as JSON', async () => {
    const { io, out } = capture();
    expect(await classifyCommand(['3号楼2单元', '停水一天了'], io, undefined, { config: loadConfig({}) })).toBe(0);
    const json = JSON.parse(out()) as Record<string, unknown>;
    expect(json).toMatchObject({
      category: 'water_supply',
      urgency: 'normal',
      isComplaint: true,
      place: { building: '3', unit: '2' },
      source: 'offline',
      classifier: 'offline',
    });
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['category', 'urgency', 'confidence', 'isComplaint', 'summary', 'place', 'source']),
    );
  });

  it('reads standard input when given no words', async () => {
    const { io, out } = capture();
    expect(await classifyCommand([], io, async () => 'The lift in block B is stuck with people inside!\n')).toBe(0);
    expect(JSON.parse(out())).toMatchObject({
      category: 'upkeep',
      urgency: 'urgent',
      place: { building: 'B' },
      language: 'en',
    });
  });

  it('refuses an empty text', async () => {
    const { io, err } = capture();
    expect(await classifyCommand([], io, async () => '  ')).toBe(2);
    expect(err()).toContain('no text');
  });
});
