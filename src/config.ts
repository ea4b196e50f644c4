import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validate as isValidCron } from 'node-cron';
import { LOCALES, type Locale } from './i18n/catalog.ts';
import { CATEGORIES, type Category, type Urgency } from './tickets/category.ts';
import { DEFAULT_WORKING_HOURS_TEXT, workingHours, type WorkingHours } from './calendar/working-hours.ts';
import { DEFAULT_DEADLINES, parseDuration, type DeadlineTable } from './tickets/deadlines.ts';
import { escalationLadder, type EscalationLadder } from './tickets/escalation-ladder.ts';
import {
  DEFAULT_EMERGENCY_NUMBERS,
  EMERGENCY_SERVICES,
  type EmergencyNumbers,
  type EmergencyService,
} from './tickets/emergency-numbers.ts';

/** A configuration mistake: the message names the variable and says what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export type DatabaseConfig =
  | {
      kind: 'sqlite';
      url: string;
      file: string;
      /** Milliseconds a writer waits for another writer's lock before SQLITE_BUSY (default 5000). */ busyTimeoutMs?: number;
    }
  | { kind: 'postgres'; url: string };

export type ClassifierMode = 'auto' | 'llm' | 'offline';

/** The whole configuration, read once from the environment and frozen. */
export interface Config {
  database: DatabaseConfig;
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  telegram: {
    token: string | undefined;
    apiRoot: string;
    webhookSecret: string | undefined;
    /** The bot's username without "@" (`linli_bot`), for the join poster's `t.me` links. */
    botUsername: string | undefined;
  };
  line: {
    channelSecret: string | undefined;
    channelAccessToken: string | undefined;
    /** The official account's LINE ID with its "@" (`@123abcde`), for the join poster's links. */
    basicId: string | undefined;
    apiBaseUrl: string;
    dataApiBaseUrl: string;
  };
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string; timeoutMs: number };
  classifier: ClassifierMode;
  agendaCron: string;
  timezone: string;
  /** The estate's name; unset, each language says "this estate" in its own words. */
  communityName: string | undefined;
  defaultLocale: Locale;
  log: { level: string; format: 'json' | 'pretty' };
  deadlines: DeadlineTable;
  /** Minutes to wait for a resident's answer to "where is it?" before filing without a place. */
  placeWaitMinutes: number;
  /** Days within which a new complaint at the same place joins an open ticket. */
  duplicateWindowDays: number;
  /** Operator opt-in: show reporters' names and units to staff chats. Off by default. */
  showResidentDetails: boolean;
  /** The numbers an urgent receipt tells the resident to call (EMERGENCY_NUMBERS over the mainland defaults). */
  emergencyNumbers: EmergencyNumbers;
  /** How often (seconds) the deadline check runs. */
  deadlineCheckSeconds: number;
  /** The estate's working hours (WORKING_HOURS, in TIMEZONE): routine deadlines count only these. */
  workingHours: WorkingHours;
  /** Milliseconds before a deadline when the assignee (or the staff group) is reminded; 0: never. */
  reminderLeadMs: number;
  /** The rungs above the staff group that an overdue ticket climbs (ESCALATION_DELAYS). */
  escalationLadder: EscalationLadder;
  /** AUTO_ASSIGN: `round-robin` gives each new ticket to the next staff member in turn; `off` (default) leaves it to them. */
  autoAssign: 'off' | 'round-robin';
  /**
   * Seconds an inbox or outbox item stays leased to the worker handling it without renewal; the
   * worker renews it every third of that while it works on the item, so it need not cover the LLM
   * timeout. The items of a worker that died come back after it — at once when the service starts
   * again on the same host. Unset: 15 s.
   */
  queueLeaseSeconds: number | undefined;
  /**
   * The scheduled backup of a SQLite install (BACKUP_CRON; off when unset): archives go to `dir`
   * (BACKUP_DIR, default DATA_DIR/backups) and the newest `keep` (BACKUP_KEEP, default 7) are kept.
   */
  backup: { cron: string | undefined; dir: string; keep: number };
  /** Minutes a staff web console session may stay unused before it ends (CONSOLE_IDLE_MINUTES, default 60). */
  consoleIdleMinutes: number;
  /**
   * Days after a ticket is closed (or resolved) that its residents' words, photos and identities are
   * kept (RETENTION_DAYS, default 365; 0 keeps them without limit). The service erases them daily.
   */
  retentionDays: number;
  /**
   * Speech to text for voice notes (TRANSCRIBE_*); undefined when TRANSCRIBE_MODEL is unset, and
   * voice notes are then filed for staff to listen to.
   */
  transcribe: TranscribeConfig | undefined;
}

/** An OpenAI-compatible `/audio/transcriptions` endpoint and the limits of what is sent to it. */
export interface TranscribeConfig {
  model: string;
  /** TRANSCRIBE_API_KEY, else OPENAI_API_KEY; none for a local server that needs none. */
  apiKey: string | undefined;
  /** TRANSCRIBE_BASE_URL, else OPENAI_BASE_URL, else OpenAI's. */
  baseUrl: string | undefined;
  /** Milliseconds one transcription may take (default 30 000); then the note goes to staff as a recording. */
  timeoutMs: number;
  /** Largest recording sent, in bytes (default 20 MB; OpenAI takes up to 25 MB). */
  maxBytes: number;
  /** Longest recording sent, in seconds (default 300). */
  maxSeconds: number;
  /** The answer asked for: `json` (default), `text` or `verbose_json`. */
  responseFormat: 'json' | 'text' | 'verbose_json';
}

/**
 * How one variable is read: its trimmed text (undefined when unset or blank) becomes its value, or what
 * is wrong with it (the error puts the variable's name first).
 */
type Reader<T> = (text: string | undefined) => { value: T } | { problem: string };

const optionalString: Reader<string | undefined> = (text) => ({ value: text });

const url: Reader<string | undefined> = (text) => {
  if (text === undefined) return { value: undefined };
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    return { value: text };
  } catch {
    return { problem: `must be an http(s) URL, got "${text}"` };
  }
};

function integer(min: number, max: number): Reader<number | undefined> {
  return (text) => {
    if (text === undefined) return { value: undefined };
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max)
      return { problem: `must be a whole number from ${min} to ${max}, got "${text}"` };
    return { value: n };
  };
}

function oneOf<T extends string>(values: readonly T[]): Reader<T | undefined> {
  return (text) => {
    if (text === undefined) return { value: undefined };
    if (!(values as readonly string[]).includes(text))
      return { problem: `must be one of ${values.join(', ')}, got "${text}"` };
    return { value: text as T };
  };
}

const boolean: Reader<boolean | undefined> = (text) => {
  if (text === undefined) return { value: undefined };
  if (['1', 'true', 'yes', 'on'].includes(text.toLowerCase())) return { value: true };
  if (['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return { value: false };
  return { problem: `must be true or false, got "${text}"` };
};

// The variables in the order they are checked: the first one that is wrong is the one the error names.
const ENV = {
  DATABASE_URL: optionalString,
  PORT: integer(0, 65535),
  HOST: optionalString,
  PUBLIC_URL: url,
  DATA_DIR: optionalString,
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: url,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_BOT_USERNAME: optionalString,
  LINE_CHANNEL_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  LINE_API_BASE_URL: url,
  LINE_DATA_API_BASE_URL: url,
  LINE_BASIC_ID: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url,
  OPENAI_MODEL: optionalString,
  OPENAI_TIMEOUT_MS: integer(100, 600_000),
  CLASSIFIER: oneOf(['auto', 'llm', 'offline'] as const),
  AGENDA_CRON: optionalString,
  TIMEZONE: optionalString,
  COMMUNITY_NAME: optionalString,
  DEFAULT_LOCALE: oneOf(LOCALES),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
  LOG_FORMAT: oneOf(['json', 'pretty'] as const),
  DEADLINES: optionalString,
  PLACE_WAIT_MINUTES: integer(0, 24 * 60),
  DUPLICATE_WINDOW_DAYS: integer(0, 365),
  SHOW_RESIDENT_DETAILS: boolean,
  EMERGENCY_NUMBERS: optionalString,
  DEADLINE_CHECK_SECONDS: integer(5, 86_400),
  WORKING_HOURS: optionalString,
  REMINDER_LEAD: optionalString,
  ESCALATION_DELAYS: optionalString,
  AUTO_ASSIGN: oneOf(['off', 'round-robin'] as const),
  QUEUE_LEASE_SECONDS: integer(1, 3_600),
  SQLITE_BUSY_TIMEOUT_MS: integer(0, 600_000),
  BACKUP_CRON: optionalString,
  BACKUP_DIR: optionalString,
  BACKUP_KEEP: integer(1, 365),
  CONSOLE_IDLE_MINUTES: integer(1, 7 * 24 * 60),
  RETENTION_DAYS: integer(0, 36_500),
  TRANSCRIBE_MODEL: optionalString,
  TRANSCRIBE_BASE_URL: url,
  TRANSCRIBE_API_KEY: optionalString,
  TRANSCRIBE_TIMEOUT_MS: integer(1_000, 600_000),
  TRANSCRIBE_MAX_BYTES: integer(1_000, 25 * 1024 * 1024),
  TRANSCRIBE_MAX_SECONDS: integer(1, 3_600),
  TRANSCRIBE_RESPONSE_FORMAT: oneOf(['json', 'text', 'verbose_json'] as const),
};

type Env = { [K in keyof typeof ENV]: (typeof ENV)[K] extends Reader<infer T> ? T : never };

/** The environment's variables read, or the first one that is wrong as a ConfigError. */
function readEnv(env: Record<string, string | undefined>): Env {
  const values: Record<string, unknown> = {};
  for (const [variable, read] of Object.entries(ENV) as Array<[string, Reader<unknown>]>) {
    const text = env[variable]?.trim();
    const result = read(text === '' ? undefined : text);
    if ('problem' in result) throw new ConfigError(variable, result.problem);
    values[variable] = result.value;
  }
  return values as Env;
}

/** Reads `.env` (if present) into `process.env`; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Parses a DATABASE_URL; only sqlite: and postgres(ql): are accepted. */
export function parseDatabaseUrl(value: string): DatabaseConfig {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/linli.db');
    return { kind: 'sqlite', url: value, file };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', `is not a valid postgres:// URL`);
    }
    return { kind: 'postgres', url: value };
  }
  const scheme = value.includes(':') ? value.slice(0, value.indexOf(':')) : value;
  throw new ConfigError(
    'DATABASE_URL',
    `unsupported scheme "${scheme}"; use sqlite:./data/linli.db or postgres://user@host:5432/db`,
  );
}

/**
 * Reads DEADLINES (JSON of durations per category and urgency) over `base`: each cell given replaces
 * the base's, the others keep it. An estate's deadlines are read over the install's this way.
 */
export function parseDeadlines(value: string | undefined, base: DeadlineTable = DEFAULT_DEADLINES): DeadlineTable {
  if (value === undefined) return base;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new ConfigError(
      'DEADLINES',
      'must be JSON, e.g. {"water_supply":{"urgent":{"response":"30m","resolution":"12h"}}}',
    );
  }
  if (typeof raw !== 'object' || raw === null) throw new ConfigError('DEADLINES', 'must be a JSON object');
  const table = structuredClone(base) as Record<
    Category,
    Record<Urgency, { responseMs: number; resolutionMs: number }>
  >;
  for (const [category, byUrgency] of Object.entries(raw as Record<string, unknown>)) {
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      throw new ConfigError('DEADLINES', `unknown category "${category}" (expected one of ${CATEGORIES.join(', ')})`);
    }
    for (const [urgency, spec] of Object.entries(
      (byUrgency ?? {}) as Record<string, { response?: string; resolution?: string }>,
    )) {
      if (urgency !== 'normal' && urgency !== 'urgent') {
        throw new ConfigError(
          'DEADLINES',
          `unknown urgency "${urgency}" under ${category} (expected normal or urgent)`,
        );
      }
      // A misspelt key or a bare "30m" here would otherwise be ignored without a word.
      if (
        typeof spec !== 'object' ||
        spec === null ||
        Object.keys(spec).some((key) => key !== 'response' && key !== 'resolution')
      ) {
        throw new ConfigError('DEADLINES', `${category}.${urgency} must be like {"response":"30m","resolution":"12h"}`);
      }
      const slot = table[category as Category][urgency];
      for (const key of ['response', 'resolution'] as const) {
        const text: unknown = spec[key];
        if (text === undefined) continue;
        const ms = typeof text === 'string' ? parseDuration(text) : undefined;
        if (ms === undefined)
          throw new ConfigError(
            'DEADLINES',
            `${category}.${urgency}.${key} "${text}" is not a duration like 30m, 4h or 2d`,
          );
        slot[key === 'response' ? 'responseMs' : 'resolutionMs'] = ms;
      }
    }
  }
  return table;
}

const PHONE_NUMBER = /^\+?[0-9][0-9 -]{1,18}[0-9]$/;

/**
 * Reads EMERGENCY_NUMBERS, e.g. `lift=96333,fire=119,ambulance=120,police=110,gas=96777`: each entry
 * replaces the default of its service, an empty one (`lift=`) removes it; services not named keep
 * their default. Hong Kong: `fire=999,ambulance=999,police=999,lift=`; Taiwan: `fire=119,ambulance=119,
 * police=110,lift=`. An estate's numbers are read over the install's (`base`) the same way.
 */
export function parseEmergencyNumbers(
  value: string | undefined,
  base: EmergencyNumbers = DEFAULT_EMERGENCY_NUMBERS,
): EmergencyNumbers {
  const numbers: Partial<Record<EmergencyService, string>> = { ...base };
  if (value === undefined) return Object.freeze(numbers);
  const seen = new Set<string>();
  for (const entry of value.split(',')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    if (eq === -1) {
      throw new ConfigError(
        'EMERGENCY_NUMBERS',
        `"${entry.trim()}" is not service=number (e.g. lift=96333,fire=119,ambulance=120,police=110,gas=96777)`,
      );
    }
    const service = entry.slice(0, eq).trim().toLowerCase();
    const number = entry.slice(eq + 1).trim();
    if (!(EMERGENCY_SERVICES as readonly string[]).includes(service)) {
      throw new ConfigError(
        'EMERGENCY_NUMBERS',
        `unknown service "${service}" (expected ${EMERGENCY_SERVICES.join(', ')})`,
      );
    }
    if (seen.has(service)) throw new ConfigError('EMERGENCY_NUMBERS', `"${service}" is given twice`);
    seen.add(service);
    if (number === '') delete numbers[service as EmergencyService];
    else if (!PHONE_NUMBER.test(number)) {
      throw new ConfigError(
        'EMERGENCY_NUMBERS',
        `${service}=${number} is not a phone number (digits, optionally a leading + and spaces or dashes)`,
      );
    } else numbers[service as EmergencyService] = number;
  }
  return Object.freeze(numbers);
}

/**
 * Builds the configuration from an environment (default `process.env`). Throws a {@link ConfigError}
 * naming the first variable that is wrong.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = readEnv(env);
  const parsedDatabase = parseDatabaseUrl(e.DATABASE_URL ?? 'sqlite:./data/linli.db');
  const database: DatabaseConfig =
    parsedDatabase.kind === 'sqlite' && e.SQLITE_BUSY_TIMEOUT_MS !== undefined
      ? { ...parsedDatabase, busyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS }
      : parsedDatabase;

  if (e.TELEGRAM_BOT_TOKEN !== undefined && !/^\d+:[\w-]{10,}$/.test(e.TELEGRAM_BOT_TOKEN)) {
    throw new ConfigError(
      'TELEGRAM_BOT_TOKEN',
      'does not look like a bot token (expected 123456:ABC-DEF…, as given by @BotFather)',
    );
  }
  if (e.TELEGRAM_BOT_TOKEN !== undefined && e.PUBLIC_URL !== undefined && e.TELEGRAM_WEBHOOK_SECRET === undefined) {
    throw new ConfigError(
      'TELEGRAM_WEBHOOK_SECRET',
      'is required when PUBLIC_URL is set (webhook mode); use 1–256 characters of A-Z a-z 0-9 _ -',
    );
  }
  if (e.TELEGRAM_WEBHOOK_SECRET !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(e.TELEGRAM_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'TELEGRAM_WEBHOOK_SECRET',
      'may only contain A-Z a-z 0-9 _ - (1–256 characters), as Telegram requires',
    );
  }
  if ((e.LINE_CHANNEL_SECRET === undefined) !== (e.LINE_CHANNEL_ACCESS_TOKEN === undefined)) {
    const missing = e.LINE_CHANNEL_SECRET === undefined ? 'LINE_CHANNEL_SECRET' : 'LINE_CHANNEL_ACCESS_TOKEN';
    throw new ConfigError(
      missing,
      'is required too: LINE needs both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN',
    );
  }
  const botUsername = e.TELEGRAM_BOT_USERNAME?.replace(/^@/, '');
  // Telegram's rule for bot usernames: 5–32 of a-z 0-9 _, starting with a letter, ending in "bot".
  if (botUsername !== undefined && !/^[A-Za-z][A-Za-z0-9_]{1,29}bot$/i.test(botUsername)) {
    throw new ConfigError(
      'TELEGRAM_BOT_USERNAME',
      `"${e.TELEGRAM_BOT_USERNAME}" is not a bot username (5–32 letters, digits or _, ending in "bot", e.g. linli_bot)`,
    );
  }
  const basicId = e.LINE_BASIC_ID === undefined ? undefined : `@${e.LINE_BASIC_ID.replace(/^@/, '').toLowerCase()}`;
  if (basicId !== undefined && !/^@[a-z0-9._-]{3,20}$/.test(basicId)) {
    throw new ConfigError(
      'LINE_BASIC_ID',
      `"${e.LINE_BASIC_ID}" is not a LINE ID (the account's basic or premium ID, e.g. @123abcde)`,
    );
  }
  const classifier = e.CLASSIFIER ?? 'auto';
  if (classifier === 'llm' && e.OPENAI_API_KEY === undefined && e.OPENAI_BASE_URL === undefined) {
    throw new ConfigError(
      'OPENAI_API_KEY',
      'is required when CLASSIFIER=llm (or set OPENAI_BASE_URL for a local server)',
    );
  }
  const transcribe = transcribeConfig(e);
  const timezone = e.TIMEZONE ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ConfigError('TIMEZONE', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`);
  }
  const hours = workingHours(e.WORKING_HOURS ?? DEFAULT_WORKING_HOURS_TEXT);
  if (typeof hours === 'string')
    throw new ConfigError('WORKING_HOURS', `${hours}; write the windows like ${DEFAULT_WORKING_HOURS_TEXT}`);
  const reminderLeadMs = parseDuration(e.REMINDER_LEAD ?? '1h');
  if (reminderLeadMs === undefined)
    throw new ConfigError('REMINDER_LEAD', `"${e.REMINDER_LEAD}" is not a duration like 30m, 1h or 0 (no reminders)`);
  const ladder = escalationLadder(e.ESCALATION_DELAYS);
  if (typeof ladder === 'string') throw new ConfigError('ESCALATION_DELAYS', ladder);
  const agendaCron = e.AGENDA_CRON ?? '0 9 * * 1';
  if (!isValidCron(agendaCron)) {
    throw new ConfigError(
      'AGENDA_CRON',
      `"${agendaCron}" is not a cron expression (5 fields: minute hour day month weekday)`,
    );
  }
  const backupCron = e.BACKUP_CRON;
  if (backupCron !== undefined && !isValidCron(backupCron)) {
    throw new ConfigError(
      'BACKUP_CRON',
      `"${backupCron}" is not a cron expression (5 fields: minute hour day month weekday), e.g. 30 3 * * * for 03:30 every day`,
    );
  }
  if (backupCron !== undefined && database.kind === 'postgres') {
    throw new ConfigError(
      'BACKUP_CRON',
      'the scheduled backup copies a SQLite database; with PostgreSQL, back up with pg_dump (see README, "Backups") and unset BACKUP_CRON',
    );
  }
  const dataDir = e.DATA_DIR ?? './data';

  return Object.freeze({
    database,
    port: e.PORT ?? 3000,
    host: e.HOST ?? '0.0.0.0',
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    dataDir,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT ?? 'https://api.telegram.org',
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      botUsername,
    },
    line: {
      channelSecret: e.LINE_CHANNEL_SECRET,
      channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
      apiBaseUrl: e.LINE_API_BASE_URL ?? 'https://api.line.me',
      dataApiBaseUrl: e.LINE_DATA_API_BASE_URL ?? 'https://api-data.line.me',
      basicId,
    },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL ?? 'gpt-4o-mini',
      timeoutMs: e.OPENAI_TIMEOUT_MS ?? 15_000,
    },
    classifier,
    agendaCron,
    timezone,
    communityName: e.COMMUNITY_NAME,
    defaultLocale: e.DEFAULT_LOCALE ?? 'zh-CN',
    log: { level: e.LOG_LEVEL ?? 'info', format: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json') },
    deadlines: parseDeadlines(e.DEADLINES),
    placeWaitMinutes: e.PLACE_WAIT_MINUTES ?? 10,
    duplicateWindowDays: e.DUPLICATE_WINDOW_DAYS ?? 14,
    showResidentDetails: e.SHOW_RESIDENT_DETAILS ?? false,
    emergencyNumbers: parseEmergencyNumbers(e.EMERGENCY_NUMBERS),
    deadlineCheckSeconds: e.DEADLINE_CHECK_SECONDS ?? 60,
    workingHours: hours,
    reminderLeadMs,
    escalationLadder: ladder,
    autoAssign: e.AUTO_ASSIGN ?? 'off',
    queueLeaseSeconds: e.QUEUE_LEASE_SECONDS,
    retentionDays: e.RETENTION_DAYS ?? 365,
    backup: { cron: backupCron, dir: e.BACKUP_DIR ?? join(dataDir, 'backups'), keep: e.BACKUP_KEEP ?? 7 },
    consoleIdleMinutes: e.CONSOLE_IDLE_MINUTES ?? 60,
    transcribe,
  });
}

function transcribeConfig(e: Env): TranscribeConfig | undefined {
  if (e.TRANSCRIBE_MODEL === undefined) {
    const stray = (['TRANSCRIBE_BASE_URL', 'TRANSCRIBE_API_KEY'] as const).find((name) => e[name] !== undefined);
    if (stray)
      throw new ConfigError(
        'TRANSCRIBE_MODEL',
        `is required when ${stray} is set: name the speech model (whisper-1, gpt-4o-transcribe, or your server's)`,
      );
    return undefined;
  }
  const apiKey = e.TRANSCRIBE_API_KEY ?? e.OPENAI_API_KEY;
  const baseUrl = e.TRANSCRIBE_BASE_URL ?? e.OPENAI_BASE_URL;
  if (apiKey === undefined && baseUrl === undefined)
    throw new ConfigError(
      'TRANSCRIBE_API_KEY',
      'is required when TRANSCRIBE_MODEL is set (or OPENAI_API_KEY; or TRANSCRIBE_BASE_URL for a local server)',
    );
  return {
    model: e.TRANSCRIBE_MODEL,
    apiKey,
    baseUrl,
    timeoutMs: e.TRANSCRIBE_TIMEOUT_MS ?? 30_000,
    maxBytes: e.TRANSCRIBE_MAX_BYTES ?? 20 * 1024 * 1024,
    maxSeconds: e.TRANSCRIBE_MAX_SECONDS ?? 300,
    responseFormat: e.TRANSCRIBE_RESPONSE_FORMAT ?? 'json',
  };
}
