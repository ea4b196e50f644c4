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
 * Small enough to train in the process at start-up (a few thousand examples in well under a second)
 * and to score a message in microseconds: a message touches only its own features.
 */
export class SoftmaxRegression<Label extends string> {
  private constructor(
    readonly labels: readonly Label[],
    private readonly index: ReadonlyMap<number, number>,
    private readonly weights: Float64Array,
  ) {}

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
    return new SoftmaxRegression(labels, index, weights);
  }

  /** Probability of each label, in the order of `labels`. Unknown features are ignored. */
  predict(features: Features): Float64Array {
    const k = this.labels.length;
    const out = new Float64Array(k);
    for (const [name, value] of features) {
      const id = this.index.get(name);
      if (id === undefined) continue;
      const base = id * k;
      for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (this.weights[base + c] as number) * value;
    }
    softmaxInPlace(out);
    return out;
  }

  /** Number of distinct features the model knows. */
  get size(): number {
    return this.index.size;
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
