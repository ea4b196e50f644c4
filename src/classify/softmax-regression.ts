import type { Features } from './featurise.ts';

export interface TrainingOptions {
  /** Passes over the data. */
  epochs?: number;
  /** AdaGrad base learning rate. */
  learningRate?: number;
  /** L2 penalty per update, applied to the features an example touches. */
  l2?: number;
  /** Seed of the shuffling, so the same data always gives the same model. */
  seed?: number;
}

/**
 * Multinomial logistic regression over sparse features, trained with AdaGrad SGD.
 *
 * Small enough to train in a second (a few thousand examples) and to score a message in microseconds:
 * a message touches only its own features. The model is one table of feature ids and their rows of
 * weights (see {@link FeatureTable}), saved as it is in memory and used in place when loaded: a few
 * megabytes of bytes, with no map of 60 000 entries to rebuild and no copy of them.
 */
export class SoftmaxRegression<Label extends string> {
  private constructor(
    readonly labels: readonly Label[],
    private readonly table: FeatureTable,
  ) {}

  /** A model of features `ids` with `weights`, one row of `labels.length` per feature (as training gives them). */
  static fromRows<Label extends string>(
    labels: readonly Label[],
    ids: Int32Array,
    /** `ids.length × labels.length` weights, row by row, in single precision (plenty for a score). */
    weights: Float32Array,
  ): SoftmaxRegression<Label> {
    if (weights.length !== ids.length * labels.length)
      throw new Error(
        `a model of ${ids.length} features and ${labels.length} labels needs ${ids.length * labels.length} weights, not ${weights.length}`,
      );
    return new SoftmaxRegression(labels, FeatureTable.fromRows(ids, weights, labels.length));
  }

  /**
   * A model over the slots of its table as {@link slots} gave them (a model file), used in place: no
   * copy is made, so the bytes must not change while the model is in use. Throws when they cannot be
   * such a table.
   */
  static fromSlots<Label extends string>(
    labels: readonly Label[],
    slots: Int32Array,
    features: number,
  ): SoftmaxRegression<Label> {
    return new SoftmaxRegression(labels, FeatureTable.fromSlots(slots, labels.length, features));
  }

  /** The table's slots (each a feature id, Int32, then its weights, Float32), to save the model, and how many features it holds. */
  get slots(): { slots: Int32Array; features: number } {
    return { slots: this.table.ids, features: this.table.size };
  }

  static train<Label extends string>(
    labels: readonly Label[],
    examples: ReadonlyArray<{ features: Features; label: Label }>,
    options: TrainingOptions = {},
  ): SoftmaxRegression<Label> {
    const { epochs = 12, learningRate = 0.5, l2 = 1e-5, seed = 1 } = options;
    const k = labels.length;
    const labelIndex = new Map(labels.map((label, i) => [label, i]));
    const index = new Map<number, number>();
    const rows = examples.map(({ features, label }) => {
      const ids = new Int32Array(features.size);
      const values = new Float64Array(features.size);
      let j = 0;
      for (const [name, value] of features) {
        let id = index.get(name);
        if (id === undefined) {
          id = index.size;
          index.set(name, id);
        }
        ids[j] = id;
        values[j] = value;
        j++;
      }
      const y = labelIndex.get(label);
      if (y === undefined) throw new Error(`unknown training label "${label}"`);
      return { ids, values, y };
    });

    const weights = new Float64Array(index.size * k);
    const squaredGradients = new Float64Array(index.size * k).fill(1e-8);
    const order = rows.map((_, i) => i);
    const random = mulberry32(seed);
    const probabilities = new Float64Array(k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const r of order) {
        const row = rows[r];
        if (!row) continue;
        logits(weights, k, row.ids, row.values, probabilities);
        softmaxInPlace(probabilities);
        for (let c = 0; c < k; c++) {
          const error = (probabilities[c] as number) - (c === row.y ? 1 : 0);
          for (let j = 0; j < row.ids.length; j++) {
            const at = (row.ids[j] as number) * k + c;
            const w = weights[at] as number;
            const gradient = error * (row.values[j] as number) + l2 * w;
            const g2 = (squaredGradients[at] as number) + gradient * gradient;
            squaredGradients[at] = g2;
            weights[at] = w - (learningRate * gradient) / Math.sqrt(g2);
          }
        }
      }
    }
    return SoftmaxRegression.fromRows(labels, Int32Array.from(index.keys()), Float32Array.from(weights));
  }

  /** Probability of each label, in the order of `labels`. Unknown features are ignored. */
  predict(features: Features): Float64Array {
    const k = this.labels.length;
    const out = new Float64Array(k);
    const weights = this.table.weights;
    for (const [name, value] of features) {
      const at = this.table.slot(name);
      if (at < 0) continue;
      for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (weights[at + 1 + c] as number) * value;
    }
    softmaxInPlace(out);
    return out;
  }

  /**
   * The predictions of two models over the same message in one pass: `first` of `features`, `second`
   * of `features` with `extra` set over them (as `Map.set` would: an id of both takes its value in
   * `extra`, the others of `extra` come last), the same numbers as two {@link predict} calls. A
   * feature's lookups in the two tables do not wait for each other, so their cache misses — most of
   * what scoring costs — overlap instead of coming one after the other.
   */
  static predictPair(
    first: SoftmaxRegression<string>,
    second: SoftmaxRegression<string>,
    features: Features,
    extra: Features,
  ): [Float64Array, Float64Array] {
    const k1 = first.labels.length;
    const k2 = second.labels.length;
    const out1 = new Float64Array(k1);
    const out2 = new Float64Array(k2);
    const weights1 = first.table.weights;
    const weights2 = second.table.weights;
    const overridden = extra.size > 0;
    for (const [name, value] of features) {
      const at1 = first.table.slot(name);
      const at2 = second.table.slot(name);
      if (at1 >= 0)
        for (let c = 0; c < k1; c++) out1[c] = (out1[c] as number) + (weights1[at1 + 1 + c] as number) * value;
      if (at2 >= 0) {
        const value2 = overridden ? (extra.get(name) ?? value) : value;
        for (let c = 0; c < k2; c++) out2[c] = (out2[c] as number) + (weights2[at2 + 1 + c] as number) * value2;
      }
    }
    for (const [name, value] of extra) {
      if (features.has(name)) continue;
      const at2 = second.table.slot(name);
      if (at2 >= 0)
        for (let c = 0; c < k2; c++) out2[c] = (out2[c] as number) + (weights2[at2 + 1 + c] as number) * value;
    }
    softmaxInPlace(out1);
    softmaxInPlace(out2);
    return [out1, out2];
  }

  /** Number of distinct features the model knows. */
  get size(): number {
    return this.table.size;
  }
}

/** Most of a table's slots in use: linear probing stays short below this. */
const MAX_LOAD = 0.7;

/**
 * Feature id → weights, as an open-addressing hash table with linear probing, at most 70 % full, in
 * one buffer of slots: a slot is the feature's id (Int32; -1 when empty — ids are non-negative 30-bit
 * hashes, see featurise.ts) followed by its row of weights (Float32), so a lookup reads one place in
 * memory instead of a slot and then a row elsewhere: a message's lookups land all over a few megabytes,
 * and their cache misses are what scoring mostly costs. The buffer is also the model file's layout,
 * so a loaded model is a view of the file's bytes, not a copy of them.
 */
class FeatureTable {
  /** The slots, as ids: `ids[slot * stride]`. */
  readonly ids: Int32Array;
  /** The same slots, as weights: `weights[slot * stride + 1 + label]`. */
  readonly weights: Float32Array;
  private readonly mask: number;
  private readonly stride: number;

  private constructor(
    slots: Int32Array,
    k: number,
    readonly size: number,
  ) {
    this.stride = k + 1;
    this.mask = slots.length / this.stride - 1;
    this.ids = slots;
    this.weights = new Float32Array(slots.buffer, slots.byteOffset, slots.length);
  }

  /** A table holding `ids` and their rows of `weights` (k per feature). */
  static fromRows(ids: Int32Array, weights: Float32Array, k: number): FeatureTable {
    let capacity = 16;
    while (capacity * MAX_LOAD < ids.length) capacity *= 2;
    const table = new FeatureTable(new Int32Array(capacity * (k + 1)).fill(-1), k, ids.length);
    ids.forEach((id, row) => {
      if (id < 0) throw new Error(`feature id ${id} is negative`);
      let slot = table.home(id);
      while (table.ids[slot * table.stride] !== -1) {
        if (table.ids[slot * table.stride] === id) throw new Error(`feature id ${id} is in the model twice`);
        slot = table.next(slot);
      }
      table.ids[slot * table.stride] = id;
      table.weights.set(weights.subarray(row * k, row * k + k), slot * table.stride + 1);
    });
    return table;
  }

  /** The table whose slots are `slots` (as {@link ids} were), checked to hold `size` features and nothing else. */
  static fromSlots(slots: Int32Array, k: number, size: number): FeatureTable {
    const stride = k + 1;
    const capacity = slots.length / stride;
    if (!Number.isInteger(capacity) || capacity < 1 || (capacity & (capacity - 1)) !== 0)
      throw new Error('the slots are not a whole power of two');
    let used = 0;
    for (let at = 0; at < slots.length; at += stride) {
      const id = slots[at] as number;
      if (id >= 0) used++;
      else if (id !== -1) throw new Error(`slot ${at / stride} holds the id ${id}`);
    }
    if (used !== size) throw new Error(`the slots hold ${used} features, not ${size}`);
    // A lookup of an unknown feature stops at an empty slot: a full table would never answer.
    if (used === capacity) throw new Error('the table has no empty slot');
    return new FeatureTable(slots, k, size);
  }

  /** Where the slot of `id` starts in {@link ids} and {@link weights}, or -1 when the model does not know it. */
  slot(id: number): number {
    const stride = this.stride;
    for (let slot = this.home(id); ; slot = this.next(slot)) {
      const at = slot * stride;
      const found = this.ids[at] as number;
      if (found === id) return at;
      if (found === -1) return -1;
    }
  }

  /** The first slot to try for `id` (the capacity is a power of two: a mask, no division). */
  private home(id: number): number {
    return (Math.imul(id, 0x9e3779b1) >>> 0) & this.mask;
  }

  private next(slot: number): number {
    return (slot + 1) & this.mask;
  }
}

function logits(weights: Float64Array, k: number, ids: Int32Array, values: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < ids.length; j++) {
    const base = (ids[j] as number) * k;
    const value = values[j] as number;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (weights[base + c] as number) * value;
  }
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < values.length; c++) {
    const e = Math.exp((values[c] as number) - max);
    values[c] = e;
    sum += e;
  }
  for (let c = 0; c < values.length; c++) values[c] = (values[c] as number) / sum;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
