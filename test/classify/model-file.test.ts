import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAIN_DIR,
  loadOfflineClassifier,
  openOfflineClassifier,
  OfflineClassifier,
} from '../../src/classify/offline-classifier.ts';

// This test trains the classifier (twice here, or alongside another training): some twenty seconds
// on a loaded machine, more than vitest's default timeout.
const TRAINING_TIMEOUT_MS = 90_000;

/** A logger that keeps the messages of info and warn (the only levels openOfflineClassifier uses). */
function recordingLog(): { log: Logger; messages: string[] } {
  const messages: string[] = [];
  const log = {
    info: (_: unknown, msg: string) => messages.push(msg),
    warn: (_: unknown, msg: string) => messages.push(msg),
  } as unknown as Logger;
  return { log, messages };
}

const TEXTS = [
  '3号楼电梯坏了，困了人',
  '小区门口的树倒了',
  'The water pipe in building 5 burst',
  '谢谢你们的帮忙',
  '楼道灯坏了，还有3栋水管爆了',
  '車庫的閘門壞了',
];

describe('the offline classifier model file', () => {
  let dir: string;
  let trainDir: string;
  let cacheDir: string;
  // No build to find: every model comes from the cache or from training.
  let builtDir: string;
  let trainedHere: Promise<OfflineClassifier>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linli-model-'));
    trainDir = join(dir, 'train');
    cacheDir = join(dir, 'cache');
    builtDir = join(dir, 'no-build');
    cpSync(DEFAULT_TRAIN_DIR, trainDir, { recursive: true });
    trainedHere = loadOfflineClassifier();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const open = (log: Logger) => openOfflineClassifier({ trainDir, cacheDir, builtDir, log });
  const strip = ({ latencyMs: _, ...rest }: { latencyMs?: number }) => rest;

  it(
    'is trained once, saved, and loaded without training the next time, with the same answers',
    async () => {
      const first = recordingLog();
      const trained = await open(first.log);
      expect(first.messages).toContain('offline classifier trained from corpus/train');
      const files = readdirSync(cacheDir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^offline-[0-9a-f]{20}\.model$/);
      const savedAt = statSync(join(cacheDir, files[0]!)).mtimeMs;

      const second = recordingLog();
      const loaded = await open(second.log);
      expect(second.messages).toEqual([]);
      expect(statSync(join(cacheDir, files[0]!)).mtimeMs).toBe(savedAt);
      expect(loaded.featureCount).toBe(trained.featureCount);
      for (const text of TEXTS) expect(strip(loaded.classifySync(text))).toEqual(strip(trained.classifySync(text)));
    },
    TRAINING_TIMEOUT_MS,
  );

  it('answers as the classifier trained in the process does', async () => {
    const loaded = await open(recordingLog().log);
    const trained = await trainedHere;
    for (const text of TEXTS) expect(strip(loaded.classifySync(text))).toEqual(strip(trained.classifySync(text)));
  });

  it('is trained again when the corpus changes, and the model of the old corpus is removed', async () => {
    await open(recordingLog().log);
    const before = readdirSync(cacheDir);
    const file = readdirSync(trainDir).find((name) => name.endsWith('.tsv'))!;
    appendFileSync(join(trainDir, file), 'upkeep\t5号楼的信报箱锈坏了，门都关不上\n');

    const after = recordingLog();
    await open(after.log);
    expect(after.messages).toContain('offline classifier trained from corpus/train');
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1);
    expect(files).not.toEqual(before);
  });

  it('is trained again when the saved file is damaged', async () => {
    await open(recordingLog().log);
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file!), 'not a model\n');
    const again = recordingLog();
    const classifier = await open(again.log);
    expect(again.messages).toContain('offline classifier trained from corpus/train');
    expect(classifier.classifySync('3号楼水管爆了').category).toBe('water_supply');
    expect(statSync(join(cacheDir, file!)).size).toBeGreaterThan(1000);
  });

  it('round-trips through its bytes and refuses bytes that are not a model', async () => {
    const trained = await trainedHere;
    const copy = OfflineClassifier.fromModelFile(trained.toModelFile());
    expect(copy).toBeDefined();
    for (const text of TEXTS) expect(strip(copy!.classifySync(text))).toEqual(strip(trained.classifySync(text)));
    const bytes = trained.toModelFile();
    expect(OfflineClassifier.fromModelFile(bytes.subarray(0, bytes.length - 4))).toBeUndefined();
    expect(OfflineClassifier.fromModelFile(Buffer.from('{"format":"linli-softmax-0"}\n'))).toBeUndefined();
  });
});
