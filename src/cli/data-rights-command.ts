import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { Store } from '../store/database.ts';
import { EXIT, type CommandIo } from './command-io.ts';

type Environment = {
  config: Config;
  withStore: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
};

class UsageProblem extends Error {}

/** PLATFORM:USER_ID as residents are known: `telegram:123456789`, `line:U4af4980629…`, `console:alice`. */
function parseResident(value: string | undefined): { platform: string; userId: string } {
  const match = value === undefined ? null : /^([a-z]+):(.+)$/.exec(value.trim());
  if (!match) throw new UsageProblem('--resident takes PLATFORM:USER_ID, e.g. telegram:123456789 or line:U4af4980629');
  return { platform: match[1]!, userId: match[2]! };
}

async function personalData(store: Store) {
  const { KyselyPersonalDataStore } = await import('../store/personal-data-store.ts');
  return new KyselyPersonalDataStore(store.db);
}

function fail(io: CommandIo, verb: string, error: unknown): number {
  if (error instanceof UsageProblem || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`linli ${verb}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  throw error;
}

/** `linli forget --resident PLATFORM:USER_ID`: the office erases a resident at their request. */
export async function forgetCommand(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  let who: { platform: string; userId: string };
  try {
    who = parseResident(parseArgs({ args: argv, options: { resident: { type: 'string' } } }).values.resident);
  } catch (error) {
    return fail(io, 'forget', error);
  }
  const { describeErasure, forgetResident } = await import('../privacy/forget-resident.ts');
  return env.withStore(async (store) => {
    const data = await personalData(store);
    const residentId = await data.findResident(who.platform, who.userId);
    if (residentId === undefined) {
      io.stderr(`No resident ${who.platform}:${who.userId} (already forgotten, or never wrote to the bot).\n`);
      return EXIT.failure;
    }
    const report = await forgetResident(data, residentId, new Date());
    io.stdout(`Forgot ${who.platform}:${who.userId}: ${describeErasure(report)}\n`);
    return EXIT.ok;
  });
}

/** `linli export --resident PLATFORM:USER_ID [--out FILE]`: a resident's own data as JSON (right of access). */
export async function exportResidentCommand(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  let who: { platform: string; userId: string };
  let out: string | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: { resident: { type: 'string' }, out: { type: 'string' } } });
    who = parseResident(values.resident);
    out = values.out;
  } catch (error) {
    return fail(io, 'export', error);
  }
  return env.withStore(async (store) => {
    const data = await personalData(store);
    const residentId = await data.findResident(who.platform, who.userId);
    if (residentId === undefined) {
      io.stderr(`No resident ${who.platform}:${who.userId} (forgotten, or never wrote to the bot).\n`);
      return EXIT.failure;
    }
    const json =
      JSON.stringify({ exportedAt: new Date().toISOString(), ...(await data.exportResident(residentId)) }, null, 2) +
      '\n';
    if (out === undefined) io.stdout(json);
    else {
      await writeFile(out, json, { flag: 'wx' });
      io.stderr(
        `Wrote the data of ${who.platform}:${who.userId} to ${out}; hand it to the resident, not to anyone else.\n`,
      );
    }
    return EXIT.ok;
  });
}

/** `linli retention [--days N]`: run the retention pass now (the service runs it daily) and print what it did. */
export async function retentionCommand(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  let days = env.config.retentionDays;
  try {
    const { values } = parseArgs({ args: argv, options: { days: { type: 'string' } } });
    if (values.days !== undefined) {
      days = Number(values.days);
      if (!Number.isInteger(days) || days < 1)
        throw new UsageProblem('--days must be a whole number of days, at least 1');
    }
  } catch (error) {
    return fail(io, 'retention', error);
  }
  if (days === 0) {
    io.stderr('RETENTION_DAYS=0: personal data is kept without limit; pass --days N to run a pass anyway.\n');
    return EXIT.failure;
  }
  const { applyRetention, describeErasure } = await import('../privacy/forget-resident.ts');
  return env.withStore(async (store) => {
    const report = await applyRetention(await personalData(store), days, new Date());
    io.stdout(`Retention (${days === 1 ? '1 day' : `${days} days`}): ${describeErasure(report)}\n`);
    return EXIT.ok;
  });
}
