import type { Classifier } from '../classify/classifier.ts';
import { openOfflineClassifier } from '../classify/offline-classifier.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import { EXIT, type CommandIo } from './command-io.ts';

const USAGE =
  'usage: linli classify [--classifier offline|llm] TEXT   (or pipe the text on standard input)\n' +
  '  without --classifier, the classifier of the configuration decides, as in `linli serve`\n' +
  '  (CLASSIFIER, OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL; the offline one where the LLM fails)\n';

/**
 * `linli classify TEXT`: classifies one message and prints the classification as JSON (category,
 * urgency, hazard (the danger of an urgent message, else null), confidence, isComplaint, summary,
 * place, language, source — which classifier decided —, and `classifier`, the one asked; with the LLM
 * also model, latencyMs and, when the offline classifier had to decide, fallbackReason).
 *
 * The classifier is the one the configuration (`config`, else the environment and `.env`) gives
 * `linli serve`: the LLM when CLASSIFIER=llm or CLASSIFIER=auto with OPENAI_API_KEY, with the offline
 * classifier deciding where it fails; else the offline one. `--classifier offline|llm` overrides it
 * (`offline` reads no configuration at all). The words of `argv` are joined with spaces; with none, the
 * text is read from standard input.
 */
export async function classifyCommand(
  argv: string[],
  io: CommandIo,
  readStdin: () => Promise<string> = readProcessStdin,
  options: { config?: Config } = {},
): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  let asked: string | undefined;
  let words = argv;
  if (words[0] === '--classifier' || words[0]?.startsWith('--classifier=')) {
    asked = words[0] === '--classifier' ? (words[1] ?? '') : words[0].slice('--classifier='.length);
    words = words.slice(words[0] === '--classifier' ? 2 : 1);
  }
  if (asked !== undefined && asked !== 'offline' && asked !== 'llm') {
    io.stderr(`linli classify: unknown classifier "${asked}" (expected offline or llm)\n${USAGE}`);
    return EXIT.usage;
  }
  if (words[0] === '--') words = words.slice(1);
  const text = (words.length > 0 ? words.join(' ') : await readStdin()).trim();
  if (text === '') {
    io.stderr(`linli classify: no text to classify\n${USAGE}`);
    return EXIT.usage;
  }
  let classifier: Classifier;
  let which: 'offline' | 'llm';
  try {
    const offline = await openOfflineClassifier();
    classifier = offline;
    which = 'offline';
    const config = asked === 'offline' ? undefined : (options.config ?? (loadDotEnv(), loadConfig()));
    if (config !== undefined) {
      const { createClassifier, usesLlm } = await import('../main.ts');
      if (asked === 'llm' || usesLlm(config)) {
        if (config.openai.apiKey === undefined && config.openai.baseUrl === undefined) {
          throw new ConfigError(
            'OPENAI_API_KEY',
            'is required for --classifier llm (or set OPENAI_BASE_URL for a local server)',
          );
        }
        classifier = await createClassifier({ ...config, classifier: 'llm' }, { offline });
        which = 'llm';
      }
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`linli classify: configuration error: ${error.message}\n`);
      return EXIT.config;
    }
    io.stderr(`linli classify: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  const result = await classifier.classify(text);
  const output = {
    category: result.category,
    urgency: result.urgency,
    hazard: result.hazard ?? null,
    confidence: result.confidence,
    isComplaint: result.isComplaint,
    summary: result.summary,
    place: result.place,
    language: result.language,
    source: result.source,
    classifier: which,
    ...(which === 'llm' && {
      ...(result.model && { model: result.model }),
      latencyMs: result.latencyMs,
      ...(result.truncated && { truncated: result.truncated }),
      ...(result.fallbackReason && { fallbackReason: result.fallbackReason }),
      ...(result.urgencyRaised && { urgencyRaised: result.urgencyRaised }),
    }),
  };
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  return EXIT.ok;
}

async function readProcessStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
