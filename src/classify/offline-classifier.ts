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
import { decodeModels, encodeModels, modelFileName, modelKey } from './model-file.ts';
import { detectLanguage } from './language.ts';
import { normaliseText } from './normalise-text.ts';
import { extractPlace } from './place.ts';
import { SoftmaxRegression, type TrainingOptions } from './softmax-regression.ts';
import { summarise } from './summary.ts';
import { assessUrgency, isFormalLetter, type UrgencyAssessment } from './urgency.ts';
import {
  addUrgencyCues,
  DEFAULT_URGENCY_DIR,
  guessHazard,
  URGENCY_LABELS,
  URGENCY_THRESHOLD,
  URGENCY_TRAINING,
  URGENCY_TRAINING_FILES,
  urgencyCues,
  type OfflineUrgency,
  type UrgencyLabel,
} from './urgency-model.ts';

/** The corpus the shipped classifier learns from: `corpus/train/*.tsv` at the root of the repository. */
export const DEFAULT_TRAIN_DIR = packagePath('corpus', 'train');

/** Where `npm run build` saves the model it trains from the corpus (read-only at run time). */
export const BUILT_MODEL_DIR = packagePath('dist', 'models');

/** A labelled example to learn from. */
export interface TrainingExample {
  label: Label;
  text: string;
}

/** An example for the urgency scorer: a message and whether it reports a danger happening now. */
export interface UrgencyExample {
  urgency: UrgencyLabel;
  text: string;
}

const NOT_COMPLAINT = LABELS.indexOf('not_complaint');
const URGENT = URGENCY_LABELS.indexOf('urgent');

/**
 * The classifier that needs no network: a logistic-regression model over character n-grams (Chinese),
 * words and word pairs (English) and a hand-written lexicon of cues, plus rules for place, language
 * and the summary. Urgency is the hand-written rules (which name the danger) or, when they find none,
 * a second logistic-regression model over the same features and a few whole-message cues, learnt
 * from corpus/urgency: a message is urgent when its probability of `urgent` reaches
 * {@link URGENCY_THRESHOLD} (its danger then named by {@link guessHazard}). Deterministic: the
 * same text always gives the same answer.
 */
export class OfflineClassifier implements Classifier {
  private constructor(
    private readonly model: SoftmaxRegression<Label>,
    private readonly urgencyModel: SoftmaxRegression<UrgencyLabel>,
  ) {}

  /** The classifier of a saved model file (see model-file.ts); undefined when the bytes are not one. */
  static fromModelFile(bytes: Uint8Array): OfflineClassifier | undefined {
    const models = decodeModels(bytes, [LABELS, URGENCY_LABELS]);
    return models && new OfflineClassifier(...models);
  }

  /** The models as the bytes of a model file. */
  toModelFile(): Buffer {
    return encodeModels([this.model, this.urgencyModel]);
  }

  /**
   * Learns from labelled examples: the categories from `examples`, urgency from `urgencyExamples`
   * and, as everyday normal messages, the `examples` the urgency rules call normal (a few thousand
   * of each take about a second).
   */
  static train(
    examples: readonly TrainingExample[],
    urgencyExamples: readonly UrgencyExample[],
    options?: TrainingOptions,
  ): OfflineClassifier {
    const analysed = examples.map(({ label, text }) => ({ label, text, ...analyse(text) }));
    const rows = analysed.map(({ label, features }) => ({ label, features }));
    // The urgency corpora are half dangers and half look-alikes; the category corpus is what most
    // messages are like, so that a complaint unlike both is not taken for a danger. A formal letter of
    // thanks or greetings is not: it names no danger and, being long, would move the weights of
    // hundreds of features at once (letters are the rules' to judge, urgency.ts).
    const urgencyRows = [
      ...urgencyExamples.map(({ urgency, text }) => ({ label: urgency, features: plainFeatures(text) })),
      ...analysed.flatMap(({ label, text, normalised, urgency }) =>
        urgency.urgency === 'normal' && !(label === 'not_complaint' && isFormalLetter(normalised))
          ? [{ label: 'normal' as const, features: plainFeatures(text) }]
          : [],
      ),
    ];
    return new OfflineClassifier(
      SoftmaxRegression.train(LABELS, rows, options),
      SoftmaxRegression.train(URGENCY_LABELS, urgencyRows, { ...URGENCY_TRAINING, ...options }),
    );
  }

  /**
   * The two halves of the urgency decision, for measuring them: what the rules say, and the urgency
   * scorer's probability that `text` reports a danger happening now (0..1).
   */
  urgencyScores(text: string): { rules: UrgencyAssessment; probability: number } {
    const { normalised, urgency, features } = analyse(text);
    return {
      rules: urgency,
      probability: this.urgencyModel.predict(addUrgencyCues(normalised, features))[URGENT] as number,
    };
  }

  /**
   * The urgency decision alone, and which half made it: the rules, or the scorer when the rules find
   * nothing. The LLM classifier asks it whether to raise an answer the model gave as normal.
   */
  urgency(text: string): OfflineUrgency {
    const { normalised, urgency: rules, features } = analyse(text);
    return this.decideUrgency(normalised, rules, features);
  }

  private decideUrgency(normalised: string, rules: UrgencyAssessment, features: Features): OfflineUrgency {
    if (rules.urgency === 'urgent') return { ...rules, by: 'rules' };
    return scorerUrgency(normalised, rules, this.urgencyModel.predict(addUrgencyCues(normalised, features)));
  }

  async classify(text: string, options?: { signal?: AbortSignal }): Promise<Classification> {
    options?.signal?.throwIfAborted();
    return this.classifySync(text);
  }

  /** {@link classify} without the promise, for batch evaluation and benchmarks. */
  classifySync(text: string): Classification {
    const started = performance.now();
    const { normalised, clauses, urgency: rules, features } = analyse(text);
    let probabilities: Float64Array;
    let urgency: OfflineUrgency;
    if (rules.urgency === 'urgent') {
      probabilities = this.model.predict(features);
      urgency = this.decideUrgency(normalised, rules, features);
    } else {
      // Both models read the features in one pass; only the urgency scorer reads its cues (the category
      // model never learnt them).
      const [categories, urgencies] = SoftmaxRegression.predictPair(
        this.model,
        this.urgencyModel,
        features,
        urgencyCues(normalised),
      );
      probabilities = categories;
      urgency = scorerUrgency(normalised, rules, urgencies);
    }

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
 * Trains the offline classifier from the labelled TSVs of `trainDir` (default `corpus/train`), and
 * its urgency scorer from the files of `urgencyDir` (default `corpus/urgency`) that
 * {@link URGENCY_TRAINING_FILES} names.
 *
 * Refuses any directory on a `heldout` path: the held-out split exists to measure the classifier on
 * complaints it has never seen, and one accidental training run on it would make every figure a lie.
 */
export async function loadOfflineClassifier(
  options: { trainDir?: string; urgencyDir?: string; training?: TrainingOptions } = {},
): Promise<OfflineClassifier> {
  const trainDir = resolve(options.trainDir ?? DEFAULT_TRAIN_DIR);
  const urgencyDir = resolve(options.urgencyDir ?? DEFAULT_URGENCY_DIR);
  const files = await trainingFiles(trainDir);
  return OfflineClassifier.train(
    await readExamples(trainDir, files),
    await readUrgencyExamples(urgencyDir),
    options.training,
  );
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
  options: { cacheDir?: string; log?: Logger; trainDir?: string; urgencyDir?: string; builtDir?: string } = {},
): Promise<OfflineClassifier> {
  const trainDir = resolve(options.trainDir ?? DEFAULT_TRAIN_DIR);
  const urgencyDir = resolve(options.urgencyDir ?? DEFAULT_URGENCY_DIR);
  const files = await trainingFiles(trainDir);
  const name = modelFileName(
    await modelKey([
      { dir: trainDir, files },
      { dir: urgencyDir, files: URGENCY_TRAINING_FILES },
    ]),
  );
  for (const dir of [
    options.builtDir ?? BUILT_MODEL_DIR,
    ...(options.cacheDir === undefined ? [] : [options.cacheDir]),
  ]) {
    const bytes = await readFile(join(dir, name)).catch(() => undefined);
    const classifier = bytes && OfflineClassifier.fromModelFile(bytes);
    if (classifier) return classifier;
  }
  const started = performance.now();
  const classifier = OfflineClassifier.train(
    await readExamples(trainDir, files),
    await readUrgencyExamples(urgencyDir),
  );
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

async function readUrgencyExamples(urgencyDir: string): Promise<UrgencyExample[]> {
  const examples: UrgencyExample[] = [];
  for (const file of URGENCY_TRAINING_FILES) {
    let rows;
    try {
      rows = await readLabelledTsv(join(urgencyDir, file), LABELS);
    } catch (cause) {
      throw new Error(
        `cannot read ${join(urgencyDir, file)}: the urgency scorer learns from the files of corpus/urgency named in src/classify/urgency-model.ts`,
        { cause },
      );
    }
    for (const row of rows) {
      if (row.urgency === undefined) throw new Error(`${join(urgencyDir, file)} has no urgency column`);
      examples.push({ urgency: row.urgency, text: row.text });
    }
  }
  return examples;
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

/** The urgency of a message the rules call normal, from the urgency scorer's probabilities. */
function scorerUrgency(normalised: string, rules: UrgencyAssessment, probabilities: Float64Array): OfflineUrgency {
  return (probabilities[URGENT] as number) >= URGENCY_THRESHOLD
    ? { urgency: 'urgent', hazard: guessHazard(normalised), at: -1, end: -1, by: 'scorer' }
    : rules;
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
  // Only the rules' words are weighed up, so a message the rules call normal — the only kind the
  // urgency scorer is asked about — has the features of plainFeatures.
  if (urgency.at >= 0) {
    for (const clause of clauses) {
      if (urgency.at >= clause.start && urgency.at < clause.end)
        clause.weight = Math.max(clause.weight, URGENT_CLAUSE_WEIGHT);
    }
  }
  return { normalised, clauses, urgency, features: featurise(clauses, text.length) };
}

/**
 * The features of a message with no clause weighed up for urgency, and its urgency cues: what the
 * urgency scorer learns from.
 */
function plainFeatures(text: string): Features {
  const normalised = normaliseText(text);
  return addUrgencyCues(normalised, featurise(splitClauses(normalised), text.length));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
