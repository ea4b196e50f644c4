import { readFile } from 'node:fs/promises';

/** One labelled example, with the 1-based line it came from. */
export interface LabelledRow {
  label: string;
  text: string;
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

const HEADER = 'category\ttext';

/**
 * Parses a labelled TSV: a header `category<TAB>text`, then one `label<TAB>text` row per line. Blank
 * lines are skipped; a tab inside the text is kept. Throws {@link LabelledTsvError} naming the file
 * and line for a missing header, a row without a tab, an empty text or a label not in `labels`.
 */
export function parseLabelledTsv(content: string, file: string, labels: readonly string[]): LabelledRow[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt === -1) throw new LabelledTsvError(file, 1, `empty file (expected the header "category<TAB>text")`);
  const header = (lines[headerAt] ?? '').trim();
  if (header !== HEADER) {
    throw new LabelledTsvError(file, headerAt + 1, `expected the header "category<TAB>text", found ${JSON.stringify(header)}`);
  }
  const rows: LabelledRow[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const line = i + 1;
    const tab = raw.indexOf('\t');
    if (tab === -1) throw new LabelledTsvError(file, line, `expected "category<TAB>text", found no tab`);
    const label = raw.slice(0, tab).trim();
    const text = raw.slice(tab + 1).trim();
    if (!labels.includes(label)) {
      throw new LabelledTsvError(file, line, `unknown category ${JSON.stringify(label)} (expected one of ${labels.join(', ')})`);
    }
    if (text === '') throw new LabelledTsvError(file, line, `empty text for category "${label}"`);
    rows.push({ label, text, line });
  }
  return rows;
}

/** Reads and parses a labelled TSV file; see {@link parseLabelledTsv}. */
export async function readLabelledTsv(path: string, labels: readonly string[]): Promise<LabelledRow[]> {
  return parseLabelledTsv(await readFile(path, 'utf8'), path, labels);
}
