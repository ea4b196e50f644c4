import { parseArgs } from 'node:util';
import { evaluate } from '../classify/evaluate.ts';
import { formatEvaluation } from '../classify/evaluation-report.ts';
import { LABELS } from '../classify/label.ts';
import { LabelledTsvError, readLabelledTsv, type LabelledRow } from '../classify/labelled-tsv.ts';
import { loadOfflineClassifier } from '../classify/offline-classifier.ts';
import { EXIT, type CommandIo } from './command-io.ts';

const USAGE = 'usage: linli eval [--classifier offline] FILE.tsv [FILE.tsv…]   (header: category<TAB>text)\n';

/**
 * `linli eval FILE.tsv…`: scores the classifier on labelled TSVs (several files are scored as one
 * set) and prints accuracy, macro-F1, per-label precision/recall/F1 and the confusion matrix. The last
 * line is always `accuracy=<0..1> macro_f1=<0..1> n=<count>`.
 *
 * When the files hold `not_complaint` rows, a message the classifier judges not to be a complaint
 * counts as the prediction `not_complaint`; otherwise only the category is scored. A row with an
 * unknown label fails the whole run with `FILE:LINE: unknown category …` and exit code 1.
 */
export async function evalCommand(argv: string[], io: CommandIo): Promise<number> {
  let files: string[];
  let classifierName: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { classifier: { type: 'string', default: 'offline' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    files = positionals;
    classifierName = values.classifier;
  } catch (error) {
    io.stderr(`linli eval: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (classifierName === 'llm') {
    io.stderr('linli eval: the llm classifier is not available yet; use --classifier offline\n');
    return EXIT.usage;
  }
  if (classifierName !== 'offline') {
    io.stderr(`linli eval: unknown classifier "${classifierName}" (expected offline)\n`);
    return EXIT.usage;
  }
  if (files.length === 0) {
    io.stderr(`linli eval: no file given\n${USAGE}`);
    return EXIT.usage;
  }

  const rows: LabelledRow[] = [];
  try {
    for (const file of files) rows.push(...(await readLabelledTsv(file, LABELS)));
  } catch (error) {
    if (error instanceof LabelledTsvError) io.stderr(`${error.message}\n`);
    else io.stderr(`linli eval: cannot read ${files.join(', ')}: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  if (rows.length === 0) {
    io.stderr(`linli eval: ${files.join(', ')} holds no labelled rows\n`);
    return EXIT.failure;
  }

  let classifier;
  try {
    classifier = await loadOfflineClassifier();
  } catch (error) {
    io.stderr(`linli eval: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  const scoresComplaints = rows.some((row) => row.label === 'not_complaint');
  const gold = rows.map((row) => row.label);
  const predicted = rows.map((row) => {
    const result = classifier.classifySync(row.text);
    return scoresComplaints && !result.isComplaint ? 'not_complaint' : result.category;
  });
  io.stdout(
    `classifier offline; ${rows.length} rows from ${files.length} file(s); ` +
      `${scoresComplaints ? 'not-complaint detection scored as the label not_complaint' : 'categories only (no not_complaint rows)'}\n\n`,
  );
  io.stdout(`${formatEvaluation(evaluate(gold, predicted, LABELS))}\n`);
  return EXIT.ok;
}
