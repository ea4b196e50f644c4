import { describe, expect, it } from 'vitest';
import { SoftmaxRegression } from '../../src/classify/softmax-regression.ts';

const LABELS = ['a', 'b'] as const;

/** Features of one id each, with value 1. */
const features = (...ids: number[]) => new Map(ids.map((id) => [id, 1]));

describe('a softmax model over its table of slots', () => {
  // Feature 7 leans to a, 9 to b; 1000 distinct ids spread over the table.
  const ids = Int32Array.from({ length: 1000 }, (_, i) => (i * 2_654_435) & 0x3fffffff);
  const weights = new Float32Array(ids.length * 2);
  ids[0] = 7;
  weights.set([2, -2], 0);
  ids[1] = 9;
  weights.set([-3, 3], 2);
  const model = SoftmaxRegression.fromRows(LABELS, ids, weights);

  it('predicts from the rows it was given; unknown features count for nothing', () => {
    const a = model.predict(features(7));
    expect(a[0]).toBeCloseTo(1 / (1 + Math.exp(-4)), 6);
    expect(model.predict(features(9))[1]).toBeCloseTo(1 / (1 + Math.exp(-6)), 6);
    expect([...model.predict(features(123_456_789))]).toEqual([0.5, 0.5]);
    expect(model.size).toBe(1000);
  });

  it('is used in place from its slots: a view of the same bytes, answering the same', () => {
    const { slots, features: count } = model.slots;
    const bytes = new Int32Array(slots);
    const loaded = SoftmaxRegression.fromSlots(LABELS, bytes, count);
    expect([...loaded.predict(features(7, 9, 5))]).toEqual([...model.predict(features(7, 9, 5))]);
    // Not a copy: the weights are read from the bytes it was given.
    const at = [...bytes].findIndex((id, i) => i % 3 === 0 && id === 7);
    new Float32Array(bytes.buffer).set([0, 0], at + 1);
    expect([...loaded.predict(features(7))]).toEqual([0.5, 0.5]);
  });

  it('refuses slots that are not such a table', () => {
    const { slots, features: count } = model.slots;
    expect(() => SoftmaxRegression.fromSlots(LABELS, slots, count + 1)).toThrow(/hold 1000 features, not 1001/);
    expect(() => SoftmaxRegression.fromSlots(LABELS, slots.subarray(1), count)).toThrow(/not a whole power of two/);
    const damaged = new Int32Array(slots);
    damaged[damaged.indexOf(-1)] = -5;
    expect(() => SoftmaxRegression.fromSlots(LABELS, damaged, count)).toThrow(/holds the id -5/);
    // A full table would never answer for an unknown feature.
    const full = Int32Array.from([1, 0, 0, 2, 0, 0]);
    expect(() => SoftmaxRegression.fromSlots(LABELS, full, 2)).toThrow(/no empty slot/);
  });

  it('predicts two models in one pass as two predictions would, the second reading extra features', () => {
    // A second model of three labels that knows 9 and 11 but not 7.
    const other = SoftmaxRegression.fromRows(
      ['x', 'y', 'z'],
      Int32Array.from([9, 11]),
      Float32Array.from([1, -1, 0.5, 2, 0, -2]),
    );
    const message = new Map([
      [7, 0.6],
      [9, 0.8],
      [5, 1],
    ]);
    // 9 is set over (its value in extra wins for the second model only), 11 comes from extra alone.
    const extra = new Map([
      [11, 1],
      [9, 0.25],
    ]);
    const [first, second] = SoftmaxRegression.predictPair(model, other, message, extra);
    expect([...first]).toEqual([...model.predict(message)]);
    const both = new Map(message);
    for (const [id, value] of extra) both.set(id, value);
    expect([...second]).toEqual([...other.predict(both)]);
    // The extra features did change the second model's answer, and left the first model's alone.
    expect([...second]).not.toEqual([...other.predict(message)]);
    expect([...SoftmaxRegression.predictPair(model, other, message, new Map())[1]]).toEqual([
      ...other.predict(message),
    ]);
  });

  it('refuses a feature given twice or a negative id', () => {
    expect(() => SoftmaxRegression.fromRows(LABELS, Int32Array.from([3, 3]), new Float32Array(4))).toThrow(/twice/);
    expect(() => SoftmaxRegression.fromRows(LABELS, Int32Array.from([-2]), new Float32Array(2))).toThrow(/negative/);
  });
});
