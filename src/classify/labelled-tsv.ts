import { readFile } from 'node:fs/promises';
import { URGENCIES, type Urgency } from '../tickets/category.ts';

/** One labelled example, with the 1-based line it came from. */
export interface LabelledRow {
  label: string;
  text: string;
  /** The gold urgency, when the file has an `urgency` column. */
  urgency?: Urgency;
  line: number;
}

/** A labelled TSV that cannot be used; the message starts with `FILE:LINE:` like a compiler's. */
export class LabelledTsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'LabelledTsvError';
  }
}

const COLUMNS = ['category', 'urgency', 'text'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * Parses a labelled TSV: a header naming its columns, `category` and `text` and optionally `urgency`
 * (`urgent`|`normal`), in any order (`category<TAB>text`, `category<TAB>urgency<TAB>text`…), then one
 * row per line. Blank lines are skipped; when `text` is the last column a tab inside the text is kept.
 * Throws {@link LabelledTsvError} naming the file and line for a missing or unknown header, a row
 * with too few columns, an empty text, a label not in `labels` or an urgency other than
 * `urgent`/`normal`.
 */
export function parseLabelledTsv(content: string, file: string, labels: readonly string[]): LabelledRow[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt === -1) throw new LabelledTsvError(file, 1, `empty file (expected the header "category<TAB>text")`);
  const header = (lines[headerAt] ?? '').trim();
  const columns = header.split('\t').map((cell) => cell.trim());
  const known = (cell: string): cell is Column => (COLUMNS as readonly string[]).includes(cell);
  if (
    !columns.includes('category') ||
    !columns.includes('text') ||
    !columns.every(known) ||
    new Set(columns).size !== columns.length
  ) {
    throw new LabelledTsvError(
      file,
      headerAt + 1,
      `expected the header "category<TAB>text" (an "urgency" column may be added, columns in any order), found ${JSON.stringify(header)}`,
    );
  }
  const at = (column: Column): number => columns.indexOf(column);
  const textLast = at('text') === columns.length - 1;
  const rows: LabelledRow[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const line = i + 1;
    const parts = raw.split('\t');
    if (parts.length === 1) throw new LabelledTsvError(file, line, `expected "${columns.join('<TAB>')}", found no tab`);
    if (parts.length < columns.length || (!textLast && parts.length > columns.length)) {
      throw new LabelledTsvError(
        file,
        line,
        `expected ${columns.length} columns "${columns.join('<TAB>')}", found ${parts.length}`,
      );
    }
    const cells = textLast
      ? [...parts.slice(0, columns.length - 1), parts.slice(columns.length - 1).join('\t')]
      : parts;
    const label = (cells[at('category')] ?? '').trim();
    const text = (cells[at('text')] ?? '').trim();
    if (!labels.includes(label)) {
      throw new LabelledTsvError(
        file,
        line,
        `unknown category ${JSON.stringify(label)} (expected one of ${labels.join(', ')})`,
      );
    }
    if (text === '') throw new LabelledTsvError(file, line, `empty text for category "${label}"`);
    const row: LabelledRow = { label, text, line };
    if (columns.includes('urgency')) {
      const urgency = (cells[at('urgency')] ?? '').trim();
      if (!(URGENCIES as readonly string[]).includes(urgency)) {
        throw new LabelledTsvError(
          file,
          line,
          `unknown urgency ${JSON.stringify(urgency)} (expected urgent or normal)`,
        );
      }
      row.urgency = urgency as Urgency;
    }
    rows.push(row);
  }
  return rows;
}

/** Reads and parses a labelled TSV file; see {@link parseLabelledTsv}. */
export async function readLabelledTsv(path: string, labels: readonly string[]): Promise<LabelledRow[]> {
  return parseLabelledTsv(await readFile(path, 'utf8'), path, labels);
}
