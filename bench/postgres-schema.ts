import pg from 'pg';

/** The schema every PostgreSQL figure of the bench works in; nothing outside it is touched. */
export const BENCH_SCHEMA = 'linli_bench';

/** `url` with its connections working in `schema` (tables and migrations alike). */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function run(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Drops and creates the bench's own schema on the server `url` names, and returns a URL whose
 * connections use it. Only {@link BENCH_SCHEMA} is ever dropped.
 */
export async function freshBenchSchema(url: string): Promise<string> {
  await run(url, `drop schema if exists ${BENCH_SCHEMA} cascade`);
  await run(url, `create schema ${BENCH_SCHEMA}`);
  return withSearchPath(url, BENCH_SCHEMA);
}

/** Drops the bench's schema at the end of a run. */
export async function dropBenchSchema(url: string): Promise<void> {
  await run(url, `drop schema if exists ${BENCH_SCHEMA} cascade`);
}
