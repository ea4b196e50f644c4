import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { Store } from '../store/database.ts';
import { DEFAULT_ESTATE_CODE, isEstateCode, type Estate, type EstateFields } from '../estates/estate.ts';
import { checkEstateSettings } from '../estates/estate-settings.ts';
import type { EstateSettingsText } from '../estates/estate.ts';
import { EXIT, type CommandIo } from './command-io.ts';

type Environment = {
  config: Config;
  withStore: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
};

class UsageProblem extends Error {}

const OPTIONS = {
  name: { type: 'string' },
  community: { type: 'string' },
  street: { type: 'string' },
  'emergency-numbers': { type: 'string' },
  deadlines: { type: 'string' },
  'working-hours': { type: 'string' },
} as const;

const FLAG: Record<keyof EstateSettingsText, string> = {
  emergencyNumbers: '--emergency-numbers',
  deadlines: '--deadlines',
  workingHours: '--working-hours',
};

/** An option's text, trimmed; an empty one (`--street ""`) clears the field. */
function optional(value: string | undefined): string | null | undefined {
  return value === undefined ? undefined : value.trim() === '' ? null : value.trim();
}

function readFields(values: { [K in keyof typeof OPTIONS]?: string }): Partial<EstateFields> {
  const settings: Partial<EstateSettingsText> = {
    ...(values['emergency-numbers'] !== undefined && { emergencyNumbers: optional(values['emergency-numbers'])! }),
    ...(values.deadlines !== undefined && { deadlines: optional(values.deadlines)! }),
    ...(values['working-hours'] !== undefined && { workingHours: optional(values['working-hours'])! }),
  };
  return {
    ...(values.name !== undefined && { name: optional(values.name)! }),
    ...(values.community !== undefined && { community: optional(values.community)! }),
    ...(values.street !== undefined && { street: optional(values.street)! }),
    ...(Object.keys(settings).length > 0 && { settings: settings as EstateSettingsText }),
  };
}

function checkCode(code: string | undefined, verb: string): string {
  if (code === undefined) throw new UsageProblem(`estate ${verb} needs a CODE, e.g. linli estate ${verb} lincheng-1`);
  if (!isEstateCode(code))
    throw new UsageProblem(`"${code}" is not an estate code: lowercase letters, digits and dashes (lincheng-1)`);
  return code;
}

function checkSettings(settings: EstateSettingsText, config: Config): void {
  const problem = checkEstateSettings(settings, config);
  if (problem) throw new UsageProblem(`${FLAG[problem.setting]}: ${problem.problem}`);
}

/** One line of `linli estate list`: code, name, community, street, then the settings it has of its own. */
function estateLine(estate: Estate, config: Config): string {
  const name = estate.name ?? (config.communityName ? `${config.communityName} (COMMUNITY_NAME)` : '-');
  const own = [
    estate.settings.emergencyNumbers !== null && `emergency-numbers=${estate.settings.emergencyNumbers}`,
    estate.settings.deadlines !== null && `deadlines=${estate.settings.deadlines}`,
    estate.settings.workingHours !== null && `working-hours=${estate.settings.workingHours}`,
  ].filter(Boolean);
  return `${[estate.code, name, estate.community ?? '-', estate.street ?? '-', own.join(' ') || '-'].map((f) => f.replace(/\s+/g, ' ')).join('\t')}\n`;
}

async function estateStore(store: Store) {
  const { KyselyEstateStore } = await import('../store/estate-store.ts');
  return new KyselyEstateStore(store.db);
}

async function add(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (positionals.length > 1) throw new UsageProblem('estate add takes one CODE');
  const code = checkCode(positionals[0], 'add');
  const fields = readFields(values);
  if (!fields.name) throw new UsageProblem('estate add needs --name NAME (what residents read, e.g. 临城一号院)');
  const settings: EstateSettingsText = {
    emergencyNumbers: null,
    deadlines: null,
    workingHours: null,
    ...fields.settings,
  };
  checkSettings(settings, env.config);
  return env.withStore(async (store) => {
    const result = await (
      await estateStore(store)
    ).add(
      code,
      { name: fields.name!, community: fields.community ?? null, street: fields.street ?? null, settings },
      new Date(),
    );
    if (result.kind === 'exists') {
      io.stderr(`Estate ${code} exists already; change it with linli estate set ${code} …\n`);
      return EXIT.failure;
    }
    io.stdout(estateLine(result.estate, env.config));
    io.stderr(
      `Added estate ${code}. Invite its staff with: linli invite --role staff --estate ${code}; residents join with the link /start ${code} (Telegram) or the message "加入 ${code}" (LINE).\n`,
    );
    return EXIT.ok;
  });
}

async function set(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (positionals.length > 1) throw new UsageProblem('estate set takes one CODE');
  const code = checkCode(positionals[0], 'set');
  const fields = readFields(values);
  if (Object.keys(fields).length === 0)
    throw new UsageProblem('estate set needs something to change: --name, --community, --street or a setting');
  if (fields.name === null && code !== DEFAULT_ESTATE_CODE) throw new UsageProblem('an estate keeps a --name');
  return env.withStore(async (store) => {
    const estates = await estateStore(store);
    const current = await estates.findByCode(code);
    if (!current) {
      io.stderr(`No estate ${code}; see linli estate list.\n`);
      return EXIT.failure;
    }
    checkSettings({ ...current.settings, ...fields.settings }, env.config);
    const fieldsWithSettings = fields.settings
      ? { ...fields, settings: { ...current.settings, ...fields.settings } }
      : fields;
    const updated = await estates.update(code, fieldsWithSettings);
    io.stdout(estateLine(updated!, env.config));
    return EXIT.ok;
  });
}

async function list(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  parseArgs({ args: argv, options: {} });
  return env.withStore(async (store) => {
    io.stdout('code\tname\tcommunity\tstreet\tsettings\n');
    for (const estate of await (await estateStore(store)).list()) io.stdout(estateLine(estate, env.config));
    return EXIT.ok;
  });
}

/**
 * `linli estate add CODE --name NAME [--community C] [--street S] [settings]`, `linli estate set CODE
 * [the same]`, `linli estate list`. Settings: `--emergency-numbers` (as EMERGENCY_NUMBERS),
 * `--deadlines` (as DEADLINES), `--working-hours` (as WORKING_HOURS); unset, the install's apply.
 */
export async function estateCommand(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'add':
        return await add(rest, io, env);
      case 'set':
        return await set(rest, io, env);
      case 'list':
        return await list(rest, io, env);
      default:
        throw new UsageProblem(
          sub === undefined ? 'estate needs add, set or list' : `unknown estate command "${sub}" (add, set or list)`,
        );
    }
  } catch (error) {
    if (error instanceof UsageProblem || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`linli estate: ${(error as Error).message}\nRun "linli help" for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
