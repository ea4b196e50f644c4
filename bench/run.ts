import { runClassifierBench } from './classifier.ts';
import { runWorkerBench } from './worker.ts';

/**
 * `npm run bench [-- --quick]`: prints one line per figure, `name value unit`. PostgreSQL figures are
 * included when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server; its tables are emptied.
 */
const quick = process.argv.includes('--quick');
const postgres = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const print = (lines: string[]) => lines.forEach((line) => console.log(line));

console.log(`# linli bench ${quick ? '(quick)' : ''} node ${process.version} ${new Date().toISOString()}`);
print(await runClassifierBench({ quick }));
print(await runWorkerBench({ quick, label: 'sqlite' }));
if (postgres) print(await runWorkerBench({ quick, label: 'postgres', databaseUrl: postgres }));
