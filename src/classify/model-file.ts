import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packagePath } from '../package-root.ts';
import { SoftmaxRegression } from './softmax-regression.ts';

/**
 * The offline classifier's models as a file, so that the service loads them instead of training at
 * every start. The file is named after a {@link modelKey}: a hash of the training corpora and of this
 * folder's code (the features, the lexicon, the urgency rules, the training), so a changed corpus or
 * classifier never meets a model made from the old one — it simply has no file yet.
 *
 * Layout (little-endian): one section per model, in order. A section is a JSON header line
 * `{"format","labels","features","slots"}` padded with spaces to a multiple of 8 bytes, then the
 * model's table as it is in memory (see softmax-regression.ts): `slots` slots of a feature id (Int32,
 * -1 for an empty slot) and its `labels.length` weights (Float32), padded to 8 bytes. A model read
 * from a file is a view of these bytes, not a copy.
 */
const FORMAT = 'linli-softmax-4';

/** This folder's TypeScript, whose hash the build writes into dist/ (see scripts/build.js). */
export const CLASSIFIER_SOURCE_DIR = packagePath('src', 'classify');

declare const LINLI_CLASSIFIER_CODE_HASH: string | undefined;

/** The file name of the model for `key`. */
export function modelFileName(key: string): string {
  return `offline-${key}.model`;
}

/**
 * A hash of the classifier's code: of the TypeScript of src/classify. The build computes it when it
 * compiles that code and writes it into dist/, so the built code names the code it was built from even
 * when the sources have changed since.
 */
export async function classifierCodeHash(): Promise<string> {
  if (typeof LINLI_CLASSIFIER_CODE_HASH === 'string') return LINLI_CLASSIFIER_CODE_HASH;
  const hash = createHash('sha256');
  const files = (await readdir(CLASSIFIER_SOURCE_DIR)).filter((name) => name.endsWith('.ts')).sort();
  for (const name of files)
    hash
      .update(`${name}\0`)
      .update(await readFile(join(CLASSIFIER_SOURCE_DIR, name)))
      .update('\0');
  return hash.digest('hex');
}

/** Labelled TSVs a model learns from: `files` of the folder `dir`. */
export interface TrainingSource {
  dir: string;
  files: readonly string[];
}

/** A hash of what the models are made from: the classifier's code and every labelled TSV they learn from. */
export async function modelKey(sources: readonly TrainingSource[]): Promise<string> {
  const hash = createHash('sha256').update(`${FORMAT}\0${await classifierCodeHash()}`);
  for (const { dir, files } of sources) {
    hash.update(`\0\0${sources.length}`);
    for (const name of files) hash.update(`\0${name}\0`).update(await readFile(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 20);
}

/** The bytes of a model file holding `models`, in order. */
export function encodeModels(models: ReadonlyArray<SoftmaxRegression<string>>): Buffer {
  return Buffer.concat(
    models.map((model) => {
      const { slots, features } = model.slots;
      const stride = model.labels.length + 1;
      const header = pad8(
        Buffer.from(
          `${JSON.stringify({ format: FORMAT, labels: model.labels, features, slots: slots.length / stride })}\n`,
        ),
        0x20,
      );
      return Buffer.concat([header, pad8(Buffer.from(slots.buffer, slots.byteOffset, slots.byteLength), 0)]);
    }),
  );
}

type Models<Labels extends ReadonlyArray<readonly string[]>> = {
  [I in keyof Labels]: SoftmaxRegression<Labels[I] extends readonly (infer L extends string)[] ? L : never>;
};

/**
 * The models in `bytes`, one for each of `labels` in order, or undefined when they are not exactly
 * such models of this format (another version's file, a cut-off write): the caller trains instead.
 */
export function decodeModels<const Labels extends ReadonlyArray<readonly string[]>>(
  bytes: Uint8Array,
  labels: Labels,
): Models<Labels> | undefined {
  if (endianness() !== 'LE') return undefined;
  const models: SoftmaxRegression<string>[] = [];
  let at = 0;
  for (const sectionLabels of labels) {
    const section = decodeSection(bytes, at, sectionLabels);
    if (!section) return undefined;
    models.push(section.model);
    at = section.end;
  }
  return at === bytes.length ? (models as Models<Labels>) : undefined;
}

function decodeSection(
  bytes: Uint8Array,
  start: number,
  labels: readonly string[],
): { model: SoftmaxRegression<string>; end: number } | undefined {
  const newline = bytes.indexOf(0x0a, start);
  if (newline < 0) return undefined;
  let header: { format?: unknown; labels?: unknown; features?: unknown; slots?: unknown };
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(start, newline)).toString('utf8')) as typeof header;
  } catch {
    return undefined;
  }
  const { features, slots } = header;
  if (
    header.format !== FORMAT ||
    JSON.stringify(header.labels) !== JSON.stringify(labels) ||
    !isCount(features) ||
    !isCount(slots)
  )
    return undefined;
  const slotsAt = ceil8(newline + 1);
  const length = slots * (labels.length + 1);
  const end = slotsAt + ceil8(length * 4);
  if (bytes.length < end) return undefined;
  // A view of the file's bytes when they are aligned (a file read whole is), a copy otherwise.
  const table =
    (bytes.byteOffset + slotsAt) % 4 === 0
      ? new Int32Array(bytes.buffer, bytes.byteOffset + slotsAt, length)
      : new Int32Array(new Uint8Array(bytes.subarray(slotsAt, slotsAt + length * 4)).buffer);
  try {
    return { model: SoftmaxRegression.fromSlots(labels, table, features), end };
  } catch {
    return undefined;
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function ceil8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function pad8(bytes: Buffer, fill: number): Buffer {
  const padding = ceil8(bytes.length) - bytes.length;
  return padding === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(padding, fill)]);
}
