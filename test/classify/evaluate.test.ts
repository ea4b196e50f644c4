import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/classify/evaluate.ts';
import { formatEvaluation } from '../../src/classify/evaluation-report.ts';

describe('evaluate', () => {
  const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
  const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];

  it('computes accuracy, per-label precision/recall/F1 and macro-F1', () => {
    const result = evaluate(gold, predicted, ['a', 'b', 'c']);
    expect(result.n).toBe(6);
    expect(result.accuracy).toBeCloseTo(4 / 6);
    const [a, b, c] = result.perLabel;
    expect(a).toMatchObject({ label: 'a', precision: 1, recall: 2 / 3, support: 3 });
    expect(b).toMatchObject({ label: 'b', precision: 0.5, recall: 0.5, support: 2 });
    expect(c).toMatchObject({ label: 'c', precision: 0.5, recall: 1, support: 1 });
    expect(result.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3);
    expect(result.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('averages macro-F1 over the labels present in the gold column only', () => {
    const result = evaluate(['a', 'a'], ['a', 'z'], ['a', 'z']);
    expect(result.labels).toEqual(['a', 'z']);
    expect(result.macroF1).toBeCloseTo(2 / 3);
  });

  it('ends the report with the machine-readable line', () => {
    const lines = formatEvaluation(evaluate(gold, predicted, ['a', 'b', 'c'])).split('\n');
    expect(lines.at(-1)).toBe('accuracy=0.6667 macro_f1=0.6556 n=6');
  });
});
