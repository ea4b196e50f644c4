import { parseArgs } from 'node:util';
import type { Classification } from '../classify/classifier.ts';
import { openOfflineClassifier } from '../classify/offline-classifier.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import { judgeMayDecide, problemOf, wouldJoin, type Report } from '../intake/find-same-problem.ts';
import { SameProblemJudgeError } from '../understand/openai-same-problem-judge.ts';
import type { SameProblemJudge } from '../understand/same-problem-judge.ts';
import type { Problem } from '../understand/problem.ts';
import { LabelledPairsError, readLabelledPairs, type LabelledPair } from '../understand/labelled-pairs.ts';
import { EXIT, type CommandIo } from './command-io.ts';

const USAGE =
  'usage: linli eval-duplicates [--matcher offline|llm] FILE.tsv [FILE.tsv…]\n' +
  '  each FILE.tsv has the header same<TAB>first<TAB>second (or a, b; columns in any order); same is yes|no:\n' +
  "  would the second message join the first's ticket? Both are classified offline (place, urgency) and\n" +
  '  matched as a new complaint is; prints the misses and the false joins, then precision, recall, n.\n' +
  '  --matcher llm also asks the LLM of OPENAI_BASE_URL/OPENAI_MODEL for its opinion where the service\n' +
  '  would (same place and urgency), the offline verdict standing where it fails.\n';

/**
 * `linli eval-duplicates FILE.tsv…`: scores same-problem matching on labelled pairs. Each message is
 * classified by the offline classifier (its place and urgency, as intake has them), and the second is
 * matched against the first by the rule that decides whether a new complaint joins an open ticket
 * (src/intake/find-same-problem.ts; a second message that is not a complaint never joins). Prints one
 * line per miss (`same` pair not joined) and per false join, with `FILE:LINE`, the reason and what
 * each message was read as; the last line is `precision=<0..1> recall=<0..1> n=<pairs>` (precision
 * 0 when nothing was joined).
 */
export async function evalDuplicatesCommand(
  argv: string[],
  io: CommandIo,
  options: { config?: Config } = {},
): Promise<number> {
  let files: string[];
  let matcher: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, matcher: { type: 'string', default: 'offline' } },
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    files = positionals;
    matcher = values.matcher;
  } catch (error) {
    io.stderr(`linli eval-duplicates: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (matcher !== 'offline' && matcher !== 'llm') {
    io.stderr(`linli eval-duplicates: unknown matcher "${matcher}" (expected offline or llm)\n`);
    return EXIT.usage;
  }
  let judge: SameProblemJudge | undefined;
  if (matcher === 'llm') {
    try {
      const config = options.config ?? (loadDotEnv(), loadConfig());
      if (config.openai.apiKey === undefined && config.openai.baseUrl === undefined)
        throw new ConfigError(
          'OPENAI_API_KEY',
          'is required for --matcher llm (or set OPENAI_BASE_URL for a local server)',
        );
      const { createSameProblemJudge } = await import('../main.ts');
      judge = await createSameProblemJudge(config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`linli eval-duplicates: configuration error: ${error.message}\n`);
      return EXIT.config;
    }
  }
  if (files.length === 0) {
    io.stderr(`linli eval-duplicates: no FILE.tsv given\n${USAGE}`);
    return EXIT.usage;
  }
  const pairs: Array<LabelledPair & { file: string }> = [];
  try {
    for (const file of files) pairs.push(...(await readLabelledPairs(file)).map((pair) => ({ ...pair, file })));
  } catch (error) {
    if (error instanceof LabelledPairsError) io.stderr(`${error.message}\n`);
    else io.stderr(`linli eval-duplicates: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  const classifier = await openOfflineClassifier();
  const asReport = (text: string, c: Classification): Report => ({ text, place: c.place, urgency: c.urgency });
  let asked = 0;
  const failures = new Map<string, number>();
  let joinedSame = 0;
  let joinedOther = 0;
  let same = 0;
  for (const pair of pairs) {
    const first = asReport(pair.first, classifier.classifySync(pair.first));
    const c = classifier.classifySync(pair.second);
    const second = asReport(pair.second, c);
    let verdict: { same: boolean; reason: string } = c.isComplaint
      ? wouldJoin(first, second)
      : { same: false, reason: 'not-a-complaint' };
    if (judge !== undefined && c.isComplaint && judgeMayDecide(wouldJoin(first, second))) {
      const [a, b] = [problemOf(first), problemOf(second)];
      try {
        const same = await judge.isSameProblem(
          { text: first.text, place: a.place, urgent: a.urgent },
          { text: second.text, place: b.place, urgent: b.urgent },
        );
        asked++;
        verdict = { same, reason: `llm ${same ? 'same' : 'not same'}` };
      } catch (error) {
        const kind = error instanceof SameProblemJudgeError ? error.failure : 'error';
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
      }
    }
    if (pair.same) same++;
    if (verdict.same && pair.same) joinedSame++;
    if (verdict.same && !pair.same) joinedOther++;
    if (verdict.same !== pair.same) {
      io.stdout(
        `${pair.same ? 'miss' : 'false join'} ${pair.file}:${pair.line} (${verdict.reason})\n` +
          `  ${pair.first}  ${describe(problemOf(first))}\n  ${pair.second}  ${describe(problemOf(second))}\n`,
      );
    }
  }
  const joined = joinedSame + joinedOther;
  const precision = joined === 0 ? 0 : joinedSame / joined;
  const recall = same === 0 ? 0 : joinedSame / same;
  if (judge !== undefined) {
    const failed = [...failures].map(([kind, n]) => `${kind} ${n}`).join(', ');
    io.stdout(
      `llm ${judge.model} answered ${asked} pairs${failed ? `; the offline verdict stood on ${failed}` : ''}\n`,
    );
  }
  io.stdout(
    `pairs ${pairs.length}: ${same} same, ${pairs.length - same} not; joined ${joinedSame} of the same, ${joinedOther} of the others\n` +
      `precision=${precision.toFixed(4)} recall=${recall.toFixed(4)} n=${pairs.length}\n`,
  );
  return EXIT.ok;
}

/** What a message was read as: `[lift | broken] @3/2 urgent`. */
function describe(problem: Problem): string {
  const p = problem.place;
  const where = [p.building, p.unit].filter((x) => x !== undefined).join('/');
  const place = [where, p.spot, p.side].filter((x) => x !== undefined && x !== '').join(' ');
  return `[${problem.objects.join(',')} | ${problem.faults.join(',')}] @${place || '?'}${problem.urgent ? ' urgent' : ''}`;
}
