import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import { packagePath } from '../package-root.ts';
import { CATEGORIES, type Category } from '../tickets/category.ts';
import type { Classification, Classifier } from './classifier.ts';
import { splitClauses, type Clause } from './clauses.ts';
import { featurise, type Features } from './featurise.ts';
import { LABELS, type Label } from './label.ts';
import { readLabelledTsv } from './labelled-tsv.ts';
import { decodeModel, encodeModel, modelFileName, modelKey } from './model-file.ts';
import { detectLanguage } from './language.ts';
import { normaliseText } from './normalise-text.ts';
import { extractPlace } from './place.ts';
import { SoftmaxRegression, type TrainingOptions } from './softmax-regression.ts';
import { summarise } from './summary.ts';
import { assessUrgency, type UrgencyAssessment } from './urgency.ts';

/** The corpus the shipped classifier learns from: `corpus/train/*.tsv` at the root of the repository. */
export const DEFAULT_TRAIN_DIR = packagePath('corpus', 'train');

/** Where `npm run build` saves the model it trains from the corpus (read-only at run time). */
export const BUILT_MODEL_DIR = packagePath('dist', 'models');

/** A labelled example to learn from. */
export interface TrainingExample {
  label: Label;
  text: string;
}

const NOT_COMPLAINT = LABELS.indexOf('not_complaint');

/**
 * The classifier that needs no network: a logistic-regression model over character n-grams (Chinese),
 * words and word pairs (English) and a hand-written lexicon of cues, plus rules for urgency, place,
 * language and the summary. Deterministic: the same text always gives the same answer.
 */
export class OfflineClassifier implements Classifier {
  private constructor(private readonly model: SoftmaxRegression<Label>) {}

  /** The classifier of a saved model (see model-file.ts); undefined when the bytes are not one. */
  static fromModelFile(bytes: Uint8Array): OfflineClassifier | undefined {
    const model = decodeModel(bytes, LABELS);
    return model && new OfflineClassifier(model);
  }

  /** The model as the bytes of a model file. */
  toModelFile(): Buffer {
    return encodeModel(this.model);
  }

  /** Learns from labelled examples (a few thousand take a few hundred milliseconds). */
  static train(examples: readonly TrainingExample[], options?: TrainingOptions): OfflineClassifier {
    const rows = examples.map(({ label, text }) => ({ label, features: analyse(text).features }));
    return new OfflineClassifier(SoftmaxRegression.train(LABELS, rows, options));
  }

  async classify(text: string, options?: { signal?: AbortSignal }): Promise<Classification> {
    options?.signal?.throwIfAborted();
    return this.classifySync(text);
  }

  /** {@link classify} without the promise, for batch evaluation and benchmarks. */
  classifySync(text: string): Classification {
    const started = performance.now();
    const { normalised, clauses, urgency, features } = analyse(text);
    const probabilities = this.model.predict(features);

    let category: Category = CATEGORIES[0];
    let best = -1;
    let complaintMass = 0;
    CATEGORIES.forEach((c, i) => {
      const p = probabilities[i] as number;
      complaintMass += p;
      if (p > best) {
        best = p;
        category = c;
      }
    });
    // Someone describing a fire or a burst pipe is reporting it, whatever else the message says.
    const isComplaint = urgency.urgency === 'urgent' || (probabilities[NOT_COMPLAINT] as number) < complaintMass;
    const language = detectLanguage(text);
    const place = extractPlace(text, normalised);
    const summary = summarise({
      text,
      clauses,
      category,
      isComplaint,
      language,
      place,
      urgentAt: urgency.at,
      urgentEnd: urgency.end,
    });
    return {
      category,
      urgency: urgency.urgency,
      ...(urgency.hazard !== null && { hazard: urgency.hazard }),
      confidence: round(complaintMass > 0 ? best / complaintMass : 0),
      isComplaint,
      summary,
      place,
      language,
      source: 'offline',
      latencyMs: round(performance.now() - started),
    };
  }

  /** How many distinct features the model learnt (for the benchmark and the curious). */
  get featureCount(): number {
    return this.model.size;
  }
}

/**
 * Trains the offline classifier from the labelled TSVs of `trainDir` (default `corpus/train`).
 *
 * Refuses any directory on a `heldout` path: the held-out split exists to measure the classifier on
 * complaints it has never seen, and one accidental training run on it would make every figure a lie.
 */
export async function loadOfflineClassifier(
  options: { trainDir?: string; training?: TrainingOptions } = {},
): Promise<OfflineClassifier> {
  const trainDir = resolve(options.trainDir ?? DEFAULT_TRAIN_DIR);
  const files = await trainingFiles(trainDir);
  return OfflineClassifier.train(await readExamples(trainDir, files), options.training);
}

/**
 * The shipped classifier (trained on corpus/train with the default options) without training when it
 * can: its model is read from {@link BUILT_MODEL_DIR} or `cacheDir`, in a file named after the hash of
 * the corpus and of the classifier's code (model-file.ts), so it is never a model of another corpus.
 * When neither has it — the corpus or the code changed since the build, or no build — it is trained
 * (about a second) and saved in `cacheDir`, replacing the models of other hashes there. `trainDir` and
 * `builtDir` are for tests.
 */
export async function openOfflineClassifier(
  options: { cacheDir?: string; log?: Logger; trainDir?: string; builtDir?: string } = {},
): Promise<OfflineClassifier> {
  const trainDir = resolve(options.trainDir ?? DEFAULT_TRAIN_DIR);
  const files = await trainingFiles(trainDir);
  const name = modelFileName(await modelKey(trainDir, files));
  for (const dir of [
    options.builtDir ?? BUILT_MODEL_DIR,
    ...(options.cacheDir === undefined ? [] : [options.cacheDir]),
  ]) {
    const bytes = await readFile(join(dir, name)).catch(() => undefined);
    const classifier = bytes && OfflineClassifier.fromModelFile(bytes);
    if (classifier) return classifier;
  }
  const started = performance.now();
  const classifier = OfflineClassifier.train(await readExamples(trainDir, files));
  options.log?.info(
    { ms: Math.round(performance.now() - started), features: classifier.featureCount },
    'offline classifier trained from corpus/train',
  );
  if (options.cacheDir !== undefined) {
    try {
      await saveModel(options.cacheDir, name, classifier.toModelFile());
    } catch (error) {
      options.log?.warn(
        { err: error, dir: options.cacheDir },
        "could not save the offline classifier's model; it will be trained again at the next start",
      );
    }
  }
  return classifier;
}

/** Writes the model file atomically and removes the models of other hashes beside it. */
async function saveModel(dir: string, name: string, bytes: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, bytes);
  await rename(temporary, join(dir, name));
  for (const other of await readdir(dir)) {
    if (other !== name && /^offline-[0-9a-f]+\.model$/.test(other)) await unlink(join(dir, other)).catch(() => {});
  }
}

/** The labelled TSVs of a training directory, in name order; refuses the held-out split. */
async function trainingFiles(trainDir: string): Promise<string[]> {
  if (trainDir.split(sep).some((part) => part.toLowerCase().includes('heldout'))) {
    throw new Error(`refusing to train on ${trainDir}: held-out data is for evaluation only; train on corpus/train`);
  }
  let files: string[];
  try {
    files = (await readdir(trainDir)).filter((name) => name.endsWith('.tsv')).sort();
  } catch (cause) {
    throw new Error(
      `cannot read the training corpus at ${trainDir}: the offline classifier learns from corpus/train/*.tsv`,
      { cause },
    );
  }
  if (files.length === 0) {
    throw new Error(
      `no training data in ${trainDir}: the offline classifier learns from corpus/train/*.tsv (see corpus/README.md)`,
    );
  }
  return files;
}

async function readExamples(trainDir: string, files: readonly string[]): Promise<TrainingExample[]> {
  const examples: TrainingExample[] = [];
  for (const file of files) {
    for (const row of await readLabelledTsv(join(trainDir, file), LABELS)) {
      examples.push({ label: row.label as Label, text: row.text });
    }
  }
  return examples;
}

// The clause describing an urgent situation is the main problem: "楼道灯坏了，还有3栋水管爆了" is a
// burst pipe first.
const URGENT_CLAUSE_WEIGHT = 2;

function analyse(text: string): {
  normalised: string;
  clauses: Clause[];
  urgency: UrgencyAssessment;
  features: Features;
} {
  const normalised = normaliseText(text);
  const clauses = splitClauses(normalised);
  const urgency = assessUrgency(text, normalised);
  if (urgency.at >= 0) {
    for (const clause of clauses) {
      if (urgency.at >= clause.start && urgency.at < clause.end)
        clause.weight = Math.max(clause.weight, URGENT_CLAUSE_WEIGHT);
    }
  }
  return { normalised, clauses, urgency, features: featurise(clauses, text.length) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
