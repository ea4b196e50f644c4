import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOfflineClassifier, openOfflineClassifier } from '../src/classify/offline-classifier.ts';

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));

/**
 * Measures the offline classifier: how long it takes to load — from the model file `npm run build`
 * made, as the service does, and by training on corpus/train — its
 * throughput on one core over every corpus message (train and held-out, short chats and long
 * petitions alike; `quick` makes one pass instead of five), and the median and 99th-percentile
 * latency of one message. Returns lines `name value unit`, which the script also prints.
 */
export async function runClassifierBench({ quick = false }: { quick?: boolean } = {}): Promise<string[]> {
  const trainStarted = performance.now();
  await loadOfflineClassifier();
  const trainMs = performance.now() - trainStarted;
  const loadStarted = performance.now();
  const classifier = await openOfflineClassifier();
  const loadMs = performance.now() - loadStarted;

  const texts = ['train', 'heldout'].flatMap((split) =>
    readdirSync(join(CORPUS, split))
      .filter((name) => name.endsWith('.tsv'))
      .flatMap((name) =>
        readFileSync(join(CORPUS, split, name), 'utf8')
          .split('\n')
          .slice(1)
          .map((line) => line.slice(line.indexOf('\t') + 1).trim())
          .filter((text) => text !== ''),
      ),
  );
  for (const text of texts.slice(0, 500)) classifier.classifySync(text);

  const rounds = quick ? 1 : 5;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) classifier.classifySync(text);
  }
  const elapsedMs = performance.now() - started;
  const messages = rounds * texts.length;

  const latencies: number[] = [];
  for (const text of texts) {
    const t = performance.now();
    classifier.classifySync(text);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const p = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const meanChars = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;

  return [
    `classifier_load_ms ${loadMs.toFixed(0)} ms # the model file of the build (trained instead when there is none)`,
    `classifier_train_ms ${trainMs.toFixed(0)} ms # training on corpus/train`,
    `classifier_features ${classifier.featureCount} features`,
    `classifier_messages ${messages} msg`,
    `classifier_mean_length ${meanChars.toFixed(0)} chars`,
    `classifier_throughput ${((messages / elapsedMs) * 1000).toFixed(0)} msg/s`,
    `classifier_p50 ${p(0.5).toFixed(3)} ms`,
    `classifier_p99 ${p(0.99).toFixed(3)} ms`,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = await runClassifierBench({ quick: process.argv.includes('--quick') });
  for (const line of lines) console.log(line);
}
