import { readFile } from 'node:fs/promises';

/** One labelled pair: would `second` join the ticket filed for `first`? With its 1-based line. */
export interface LabelledPair {
  same: boolean;
  first: string;
  second: string;
  line: number;
}

/** A pairs TSV that cannot be used; the message starts with `FILE:LINE:` like a compiler's. */
export class LabelledPairsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'LabelledPairsError';
  }
}

const NAMES: Readonly<Record<string, 'same' | 'first' | 'second'>> = {
  same: 'same',
  first: 'first',
  a: 'first',
  second: 'second',
  b: 'second',
};

/**
 * Parses a TSV of labelled pairs: a header naming the columns `same` (`yes`|`no`), `first` and
 * `second` (also `a` and `b`), in any order, then one pair per line; blank lines are skipped. Throws
 * {@link LabelledPairsError} naming the file and line for a bad header, a short row, an empty message
 * or a `same` other than yes/no.
 */
export function parseLabelledPairs(content: string, file: string): LabelledPair[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  const expected = 'expected the header "same<TAB>first<TAB>second" (or a, b; columns in any order)';
  if (headerAt === -1) throw new LabelledPairsError(file, 1, `empty file (${expected})`);
  const columns = (lines[headerAt] ?? '').split('\t').map((cell) => NAMES[cell.trim().toLowerCase()]);
  const at = (name: 'same' | 'first' | 'second') => columns.indexOf(name);
  if (at('same') === -1 || at('first') === -1 || at('second') === -1 || new Set(columns).size !== columns.length)
    throw new LabelledPairsError(file, headerAt + 1, `${expected}, found ${JSON.stringify(lines[headerAt])}`);
  const pairs: LabelledPair[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const cells = raw.split('\t');
    if (cells.length < columns.length)
      throw new LabelledPairsError(
        file,
        i + 1,
        `expected ${columns.length} tab-separated columns, found ${cells.length}`,
      );
    const same = (cells[at('same')] ?? '').trim().toLowerCase();
    if (same !== 'yes' && same !== 'no')
      throw new LabelledPairsError(file, i + 1, `"same" must be yes or no, found ${JSON.stringify(same)}`);
    const first = (cells[at('first')] ?? '').trim();
    const second = (cells[at('second')] ?? '').trim();
    if (first === '' || second === '') throw new LabelledPairsError(file, i + 1, 'an empty message');
    pairs.push({ same: same === 'yes', first, second, line: i + 1 });
  }
  return pairs;
}

/** Reads and parses a pairs TSV (see {@link parseLabelledPairs}). */
export async function readLabelledPairs(file: string): Promise<LabelledPair[]> {
  return parseLabelledPairs(await readFile(file, 'utf8'), file);
}
