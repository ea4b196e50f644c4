import { runAgendaBench, runStreetBench } from './agenda.ts';
import { runClassifierBench } from './classifier.ts';
import { runConsoleBench } from './console.ts';
import { runDuplicatesBench } from './duplicates.ts';
import { runIntakeBench } from './intake.ts';
import { dropBenchSchema } from './postgres-schema.ts';
import { runStartupBench } from './startup.ts';
import { runWorkerBench } from './worker.ts';

/**
 * `npm run bench [-- --quick]`: prints one line per figure, `name value unit` (a `#` starts a note).
 * It builds first (dist/ is what `linli serve` runs): start-up and idle memory of `linli serve`, the
 * time of `linli --help`, the classifier, same-problem matching against 1,000 open tickets, the workers, intake over HTTP against a bare baseline on
 * SQLite and PostgreSQL (`intake_*_ratio_to_baseline`), the agenda, the web console's pages at 100 k
 * tickets (server time, p50/p99).
 * PostgreSQL figures are included when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server; the
 * bench works only in its own schema there (linli_bench, created fresh and dropped at the end).
 * `--quick` is a one-minute smoke: fewer requests and rounds, the agenda at 10 k and 100 k tickets
 * (and 1 M when an earlier full run left that database).
 */
const quick = process.argv.includes('--quick');
const postgres = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const print = (lines: string[]) => lines.forEach((line) => console.log(line));
const started = performance.now();

console.log(`# linli bench${quick ? ' (quick)' : ''} node ${process.version} ${new Date().toISOString()}`);
print(await runStartupBench({ quick }));
print(await runClassifierBench({ quick }));
print(await runDuplicatesBench({ quick }));
print(await runWorkerBench({ quick, label: 'sqlite' }));
if (postgres) print(await runWorkerBench({ quick, label: 'postgres', databaseUrl: postgres }));
print(await runIntakeBench({ quick, label: 'sqlite' }));
if (postgres) print(await runIntakeBench({ quick, label: 'postgres', databaseUrl: postgres }));
const agenda = await runAgendaBench({ quick, log: (line) => console.log(line) });
print(agenda);
// 50 estates × 20k tickets: one estate's agenda and the street digest, beside the single-estate time.
const single = agenda.find((line) => line.startsWith('agenda_compile_10k '));
print(
  await runStreetBench({
    quick,
    log: (line) => console.log(line),
    ...(single && { singleEstateMs: Number(single.split(' ')[1]) }),
  }),
);
print(await runConsoleBench({ quick, log: (line) => console.log(line) }));
if (postgres) await dropBenchSchema(postgres);
console.log(`# done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
