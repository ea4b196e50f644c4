import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAIN_DIR,
  loadOfflineClassifier,
  openOfflineClassifier,
  type OfflineClassifier,
} from '../../src/classify/offline-classifier.ts';
import { assessUrgency } from '../../src/classify/urgency.ts';
import {
  DEFAULT_URGENCY_DIR,
  guessHazard,
  URGENCY_THRESHOLD,
  URGENCY_TRAINING_FILES,
} from '../../src/classify/urgency-model.ts';
import { normaliseText } from '../../src/classify/normalise-text.ts';
import type { Hazard } from '../../src/tickets/hazard.ts';

// This test trains the classifier (twice here, or alongside another training): some twenty seconds
// on a loaded machine, more than vitest's default timeout.
const TRAINING_TIMEOUT_MS = 90_000;

describe('the urgency scorer', () => {
  let classifier: OfflineClassifier;
  beforeAll(async () => {
    classifier = await loadOfflineClassifier();
  });

  // Dangers in words the hand-written rules do not know: the learnt scorer catches them, and the
  // danger is named from the message's words.
  const missedByRules: ReadonlyArray<[string, Hazard]> = [
    ['我爸在厕所里倒下了，喊他不答应', 'injury'],
    ['救命 电梯里好热 我们喘不过来气', 'trapped'],
    ['我家厨房一股很冲的味道，像是煤气', 'gas'],
  ];
  for (const [text, hazard] of missedByRules) {
    it(`finds a danger the rules miss (${hazard}): ${text}`, () => {
      expect(assessUrgency(text).urgency).toBe('normal');
      expect(classifier.urgencyScores(text).probability).toBeGreaterThanOrEqual(URGENCY_THRESHOLD);
      expect(classifier.classifySync(text)).toMatchObject({ urgency: 'urgent', hazard, isComplaint: true });
    });
  }

  // Everyday complaints and look-alikes the scorer has not read stay normal.
  const everyday = [
    '我家里的狗一直在叫，好像看到了什么',
    '楼道的感应灯不太灵敏',
    '小区门口的快递柜满了',
    'The bins by block 3 have not been emptied this week',
    '電梯按鈕有啲黐手',
  ];
  for (const text of everyday) {
    it(`leaves an everyday message normal: ${text}`, () => {
      expect(classifier.urgencyScores(text).probability).toBeLessThan(URGENCY_THRESHOLD);
      expect(classifier.classifySync(text).urgency).toBe('normal');
    });
  }

  it('keeps the hazard the rules name when they find the danger', () => {
    expect(classifier.classifySync('3号楼水管爆了，水一直往外喷')).toMatchObject({
      urgency: 'urgent',
      hazard: 'water',
    });
  });
});

describe('guessHazard', () => {
  const table: ReadonlyArray<[string, Hazard]> = [
    ['电梯停了 里面有我家宝宝', 'trapped'],
    ['𨋢入面有人', 'trapped'],
    ['the lift stopped with my son inside', 'trapped'],
    ['老人倒在地上一动不动', 'injury'],
    ['he is bleeding from the head', 'injury'],
    ['厨房一股燃气味', 'gas'],
    ['走廊全是烟', 'fire'],
    ['地下室全淹了', 'water'],
    ['外墙一大块要塌下来了', 'falling'],
    ['有人在楼下拿着棍子追人', 'other'],
  ];
  for (const [text, hazard] of table) {
    it(`names ${hazard}: ${text}`, () => expect(guessHazard(normaliseText(text))).toBe(hazard));
  }
});

describe('the urgency training files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linli-urgency-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const silent = { info: () => {}, warn: () => {} } as unknown as Logger;

  it(
    'are the ones named in the code: a held-out set added to the folder is not learnt from',
    async () => {
      const urgencyDir = join(dir, 'urgency');
      const cacheDir = join(dir, 'cache');
      cpSync(DEFAULT_URGENCY_DIR, urgencyDir, { recursive: true });
      const open = () =>
        openOfflineClassifier({
          trainDir: DEFAULT_TRAIN_DIR,
          urgencyDir,
          cacheDir,
          builtDir: join(dir, 'none'),
          log: silent,
        });
      await open();
      const [model] = readdirSync(cacheDir);
      expect(URGENCY_TRAINING_FILES.every((file) => readdirSync(urgencyDir).includes(file))).toBe(true);

      writeFileSync(join(urgencyDir, 'heldout9.tsv'), 'category\turgency\ttext\nupkeep\turgent\t电梯困人了\n');
      await open();
      expect(readdirSync(cacheDir)).toEqual([model]);

      writeFileSync(join(urgencyDir, 'written-dangers.tsv'), 'category\turgency\ttext\nupkeep\turgent\t电梯困人了\n');
      await open();
      expect(readdirSync(cacheDir)).not.toEqual([model]);
    },
    TRAINING_TIMEOUT_MS,
  );
});
