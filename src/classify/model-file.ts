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
 * `{"format","labels","features"}` padded with spaces to a multiple of 8 bytes, then the feature ids
 * (Int32, padded to 8 bytes), then the weights (Float32, one row of `labels.length` per feature,
 * padded to 8 bytes).
 */
const FORMAT = 'linli-softmax-3';

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
      const { labels, ids, weights } = model.parts;
      const header = pad8(Buffer.from(`${JSON.stringify({ format: FORMAT, labels, features: ids.length })}\n`), 0x20);
      const idBytes = pad8(Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength), 0);
      return Buffer.concat([
        header,
        idBytes,
        pad8(Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength), 0),
      ]);
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
  let header: { format?: unknown; labels?: unknown; features?: unknown };
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(start, newline)).toString('utf8')) as typeof header;
  } catch {
    return undefined;
  }
  const n = header.features;
  if (
    header.format !== FORMAT ||
    JSON.stringify(header.labels) !== JSON.stringify(labels) ||
    typeof n !== 'number' ||
    !Number.isInteger(n) ||
    n < 0
  )
    return undefined;
  const idsAt = ceil8(newline + 1);
  const weightsAt = idsAt + ceil8(n * 4);
  const end = weightsAt + ceil8(n * labels.length * 4);
  if (bytes.length < end) return undefined;
  // Views of the file's bytes when they are aligned (a file read whole is), copies otherwise.
  const aligned = bytes.byteOffset % 8 === 0;
  const ids = aligned
    ? new Int32Array(bytes.buffer, bytes.byteOffset + idsAt, n)
    : new Int32Array(copy(bytes, idsAt, n * 4));
  const weights = aligned
    ? new Float32Array(bytes.buffer, bytes.byteOffset + weightsAt, n * labels.length)
    : new Float32Array(copy(bytes, weightsAt, n * labels.length * 4));
  try {
    return { model: SoftmaxRegression.fromParts(labels, ids, weights), end };
  } catch {
    return undefined;
  }
}

function copy(bytes: Uint8Array, at: number, length: number): ArrayBuffer {
  return new Uint8Array(bytes.subarray(at, at + length)).buffer;
}

function ceil8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function pad8(bytes: Buffer, fill: number): Buffer {
  const padding = ceil8(bytes.length) - bytes.length;
  return padding === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(padding, fill)]);
}
