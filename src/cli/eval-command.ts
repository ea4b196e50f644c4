import { parseArgs } from 'node:util';
import { evaluate, evaluateUrgency, type UrgencyEvaluation } from '../classify/evaluate.ts';
import { formatEvaluation } from '../classify/evaluation-report.ts';
import { LABELS } from '../classify/label.ts';
import { LabelledTsvError, readLabelledTsv, type LabelledRow } from '../classify/labelled-tsv.ts';
import type { Classification } from '../classify/classifier.ts';
import { openOfflineClassifier, type OfflineClassifier } from '../classify/offline-classifier.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import { EXIT, type CommandIo } from './command-io.ts';

const USAGE =
  'usage: linli eval [--classifier offline|llm] [--concurrency N] FILE.tsv [FILE.tsv…]\n' +
  '  each FILE.tsv has the header category<TAB>text, or with gold urgencies category<TAB>urgency<TAB>text\n' +
  '  (urgent|normal; columns in any order), which adds urgent recall and precision to the report.\n' +
  '  --classifier llm asks the LLM of OPENAI_BASE_URL/OPENAI_MODEL (offline where it fails, as in service)\n' +
  '  and reports its agreement with the offline classifier on the same rows; --concurrency (default 4)\n' +
  '  is how many rows are sent at once.\n';

/**
 * `linli eval FILE.tsv…`: scores the classifier on labelled TSVs (several files are scored as one
 * set) and prints accuracy, macro-F1, per-label precision/recall/F1 and the confusion matrix. The last
 * line is always `accuracy=<0..1> macro_f1=<0..1> n=<count>`.
 *
 * With `--classifier llm` every row goes to the LLM the configuration names (`config`, else the
 * environment and `.env`), with the offline classifier deciding where the LLM fails, exactly as in
 * service; the report says how many rows the LLM answered, why the others fell back, the offline
 * classifier's figures on the same rows, and how often the two agree. Exit code 1 when the LLM
 * answered none of the rows.
 *
 * When the files have an `urgency` column (`urgent`|`normal`), the rows that carry one are also scored
 * on urgency: urgent recall and precision, the missed urgent rows and the false alarms (`FILE:LINE`),
 * and the line before the last reads `urgent_recall=<0..1> urgent_precision=<0..1> n_urgent=<count>`.
 *
 * When the files hold `not_complaint` rows, a message the classifier judges not to be a complaint
 * counts as the prediction `not_complaint`; otherwise only the category is scored. A row with an
 * unknown label fails the whole run with `FILE:LINE: unknown category …` and exit code 1.
 */
export async function evalCommand(argv: string[], io: CommandIo, options: { config?: Config } = {}): Promise<number> {
  let files: string[];
  let classifierName: string;
  let concurrency: number;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        classifier: { type: 'string', default: 'offline' },
        concurrency: { type: 'string', default: '4' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    files = positionals;
    classifierName = values.classifier;
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
      throw new Error(`--concurrency must be a whole number from 1 to 64, got "${values.concurrency}"`);
  } catch (error) {
    io.stderr(`linli eval: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (classifierName !== 'offline' && classifierName !== 'llm') {
    io.stderr(`linli eval: unknown classifier "${classifierName}" (expected offline or llm)\n`);
    return EXIT.usage;
  }
  let config: Config | undefined;
  if (classifierName === 'llm') {
    try {
      config = options.config ?? readConfig();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`linli eval: configuration error: ${error.message}\n`);
      return EXIT.config;
    }
    if (config.openai.apiKey === undefined && config.openai.baseUrl === undefined) {
      io.stderr(
        'linli eval: --classifier llm needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server), and OPENAI_MODEL\n',
      );
      return EXIT.config;
    }
  }
  if (files.length === 0) {
    io.stderr(`linli eval: no file given\n${USAGE}`);
    return EXIT.usage;
  }

  const rows: Array<LabelledRow & { file: string }> = [];
  try {
    for (const file of files) rows.push(...(await readLabelledTsv(file, LABELS)).map((row) => ({ ...row, file })));
  } catch (error) {
    if (error instanceof LabelledTsvError) io.stderr(`${error.message}\n`);
    else io.stderr(`linli eval: cannot read ${files.join(', ')}: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  if (rows.length === 0) {
    io.stderr(`linli eval: ${files.join(', ')} holds no labelled rows\n`);
    return EXIT.failure;
  }

  let offline: OfflineClassifier;
  try {
    offline = await openOfflineClassifier();
  } catch (error) {
    io.stderr(`linli eval: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  const scoresComplaints = rows.some((row) => row.label === 'not_complaint');
  const label = (result: Classification): string =>
    scoresComplaints && !result.isComplaint ? 'not_complaint' : result.category;
  const gold = rows.map((row) => row.label);
  const offlineResults = rows.map((row) => offline.classifySync(row.text));
  const offlinePredicted = offlineResults.map(label);
  const withUrgency = rows.flatMap((row, i) => (row.urgency === undefined ? [] : [i]));
  const scoreUrgency = (results: readonly Classification[]): UrgencyEvaluation | undefined =>
    withUrgency.length === 0
      ? undefined
      : evaluateUrgency(
          withUrgency.map((i) => rows[i]!.urgency!),
          withUrgency.map((i) => results[i]!.urgency),
        );
  const urgencyMistakes = (urgency: UrgencyEvaluation | undefined): string => {
    if (urgency === undefined || urgency.missed.length + urgency.falseAlarms.length === 0) return '';
    const show = (title: string, indices: readonly number[]) =>
      indices.length === 0
        ? []
        : [
            `${title} (${indices.length}):`,
            ...indices
              .slice(0, 20)
              .map(
                (k) =>
                  `  ${rows[withUrgency[k]!]!.file}:${rows[withUrgency[k]!]!.line}  ${rows[withUrgency[k]!]!.text.slice(0, 60)}`,
              ),
            ...(indices.length > 20 ? ['  …'] : []),
          ];
    return `${[...show('missed urgent', urgency.missed), ...show('false alarms', urgency.falseAlarms)].join('\n')}\n\n`;
  };
  const scope = scoresComplaints
    ? 'not-complaint detection scored as the label not_complaint'
    : 'categories only (no not_complaint rows)';

  if (config === undefined) {
    io.stdout(`classifier offline; ${rows.length} rows from ${files.length} file(s); ${scope}\n\n`);
    const urgency = scoreUrgency(offlineResults);
    io.stdout(urgencyMistakes(urgency));
    io.stdout(`${formatEvaluation(evaluate(gold, offlinePredicted, LABELS), urgency)}\n`);
    return EXIT.ok;
  }

  const { createClassifier } = await import('../main.ts');
  const llm = await createClassifier({ ...config, classifier: 'llm' }, { offline });
  const results = await mapConcurrently(rows, concurrency, (row) => llm.classify(row.text));
  const answered = results.filter((r) => r.source === 'llm');
  if (answered.length === 0) {
    io.stderr(
      `linli eval: the LLM answered none of the ${rows.length} rows; first failure: ${results[0]?.fallbackReason ?? 'unknown'}\n`,
    );
    return EXIT.failure;
  }
  const predicted = results.map(label);
  const promptVersion = answered[0]?.promptVersion ?? '?';
  io.stdout(
    `classifier llm ${config.openai.model} at ${config.openai.baseUrl ?? 'the OpenAI API'} (prompt ${promptVersion}), offline where it failed; ` +
      `${rows.length} rows from ${files.length} file(s); ${scope}\n\n`,
  );
  io.stdout(`${formatLlmComparison(results, predicted, offlinePredicted, gold)}\n`);
  const offlineUrgency = scoreUrgency(offlineResults);
  if (offlineUrgency !== undefined) {
    io.stdout(
      `offline on the same rows: urgent recall ${offlineUrgency.recall.toFixed(4)}  urgent precision ${offlineUrgency.precision.toFixed(4)}\n`,
    );
    const byRules = results.filter((r) => r.urgencyRaised === 'rules').length;
    const byScorer = results.filter((r) => r.urgencyRaised === 'scorer').length;
    io.stdout(
      `urgency raised where the llm said normal: ${byRules + byScorer} row(s) (offline rules ${byRules}, offline scorer ${byScorer})\n`,
    );
  }
  io.stdout('\n');
  const urgency = scoreUrgency(results);
  io.stdout(urgencyMistakes(urgency));
  io.stdout(`${formatEvaluation(evaluate(gold, predicted, LABELS), urgency)}\n`);
  return EXIT.ok;
}

/**
 * How the LLM fared next to the offline classifier: rows answered and fallback reasons, the offline
 * figures on the same rows, and agreement (on the rows the LLM answered; a fallback agrees trivially).
 */
function formatLlmComparison(
  results: readonly Classification[],
  predicted: readonly string[],
  offline: readonly string[],
  gold: readonly string[],
): string {
  const n = results.length;
  const answered = results.map((r, i) => ({ r, i })).filter(({ r }) => r.source === 'llm');
  const agree = answered.filter(({ i }) => predicted[i] === offline[i]).length;
  const disagreements = new Map<string, number>();
  for (const { i } of answered) {
    if (predicted[i] !== offline[i])
      disagreements.set(
        `${offline[i]} → ${predicted[i]}`,
        (disagreements.get(`${offline[i]} → ${predicted[i]}`) ?? 0) + 1,
      );
  }
  const reasons = new Map<string, number>();
  for (const r of results)
    if (r.fallbackReason)
      reasons.set(r.fallbackReason.split(':')[0]!, (reasons.get(r.fallbackReason.split(':')[0]!) ?? 0) + 1);
  const latencies = answered.map(({ r }) => r.latencyMs ?? 0).sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)] ?? 0;
  const offlineScore = evaluate(gold, offline, LABELS);
  const lines = [
    `llm answered ${answered.length} of ${n} rows (median ${median} ms)` +
      (reasons.size > 0
        ? `; ${n - answered.length} fell back to offline: ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ')}`
        : ''),
    `offline on the same rows: accuracy ${offlineScore.accuracy.toFixed(4)}  macro-F1 ${offlineScore.macroF1.toFixed(4)}`,
    `agreement llm/offline: ${(agree / answered.length).toFixed(4)} (${agree} of the ${answered.length} rows the llm answered)`,
    ...[...disagreements]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([pair, count]) => `  offline ${pair} llm: ${count}`),
  ];
  return lines.join('\n');
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function readConfig(): Config {
  loadDotEnv();
  return loadConfig();
}
