import { loadOfflineClassifier } from '../classify/offline-classifier.ts';
import { EXIT, type CommandIo } from './command-io.ts';

const USAGE = 'usage: linli classify TEXT   (or pipe the text on standard input)\n';

/**
 * `linli classify TEXT`: classifies one message with the offline classifier and prints the
 * classification as JSON (category, urgency, confidence, isComplaint, summary, place, language,
 * source). The words of `argv` are joined with spaces; with none, the text is read from standard input.
 */
export async function classifyCommand(
  argv: string[],
  io: CommandIo,
  readStdin: () => Promise<string> = readProcessStdin,
): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const words = argv[0] === '--' ? argv.slice(1) : argv;
  const text = (words.length > 0 ? words.join(' ') : await readStdin()).trim();
  if (text === '') {
    io.stderr(`linli classify: no text to classify\n${USAGE}`);
    return EXIT.usage;
  }
  let classifier;
  try {
    classifier = await loadOfflineClassifier();
  } catch (error) {
    io.stderr(`linli classify: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  const result = await classifier.classify(text);
  const output = {
    category: result.category,
    urgency: result.urgency,
    confidence: result.confidence,
    isComplaint: result.isComplaint,
    summary: result.summary,
    place: result.place,
    language: result.language,
    source: result.source,
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
