import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../src/config.ts';
import { DEFAULT_DEADLINES } from '../src/tickets/deadlines.ts';

const TOKEN = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11';

/** Expects `loadConfig(env)` to fail with a ConfigError naming `variable`. */
function expectConfigError(env: Record<string, string>, variable: string): ConfigError {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ConfigError for ${variable}`).toBeInstanceOf(ConfigError);
  const error = caught as ConfigError;
  expect(error.variable).toBe(variable);
  expect(error.message.startsWith(`${variable}: `)).toBe(true);
  return error;
}

describe('EMERGENCY_NUMBERS', () => {
  it('defaults to the mainland numbers, with no gas company', () => {
    expect(loadConfig({}).emergencyNumbers).toEqual({ lift: '96333', fire: '119', ambulance: '120', police: '110' });
  });

  it('replaces the services it names, removes those left empty and keeps the others', () => {
    expect(loadConfig({ EMERGENCY_NUMBERS: 'gas=96777, fire=119' }).emergencyNumbers).toEqual({
      lift: '96333',
      fire: '119',
      ambulance: '120',
      police: '110',
      gas: '96777',
    });
    expect(loadConfig({ EMERGENCY_NUMBERS: 'fire=999,ambulance=999,police=999,lift=' }).emergencyNumbers).toEqual({
      fire: '999',
      ambulance: '999',
      police: '999',
    });
    expect(loadConfig({ EMERGENCY_NUMBERS: 'gas=+886 2 2345-6789' }).emergencyNumbers.gas).toBe('+886 2 2345-6789');
  });

  it('refuses an unknown service, a number that is not one, a service twice or an entry without =', () => {
    expect(expectConfigError({ EMERGENCY_NUMBERS: 'lift=96333,doctor=120' }, 'EMERGENCY_NUMBERS').message).toContain(
      'unknown service "doctor" (expected lift, fire, ambulance, police, gas)',
    );
    expect(expectConfigError({ EMERGENCY_NUMBERS: 'fire=call us' }, 'EMERGENCY_NUMBERS').message).toContain(
      'fire=call us is not a phone number',
    );
    expect(expectConfigError({ EMERGENCY_NUMBERS: 'fire=119,fire=999' }, 'EMERGENCY_NUMBERS').message).toContain(
      '"fire" is given twice',
    );
    expect(expectConfigError({ EMERGENCY_NUMBERS: '96333' }, 'EMERGENCY_NUMBERS').message).toContain(
      'is not service=number',
    );
  });
});

describe('loadConfig', () => {
  it('runs with nothing set: SQLite under ./data, port 3000, offline, no platforms', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      database: { kind: 'sqlite', url: 'sqlite:./data/linli.db', file: './data/linli.db' },
      port: 3000,
      host: '0.0.0.0',
      publicUrl: undefined,
      dataDir: './data',
      telegram: { token: undefined, apiRoot: 'https://api.telegram.org', webhookSecret: undefined },
      line: {
        channelSecret: undefined,
        channelAccessToken: undefined,
        apiBaseUrl: 'https://api.line.me',
        dataApiBaseUrl: 'https://api-data.line.me',
      },
      openai: { apiKey: undefined, baseUrl: undefined },
      classifier: 'auto',
      agendaCron: '0 9 * * 1',
      timezone: 'Asia/Shanghai',
      defaultLocale: 'zh-CN',
      showResidentDetails: false,
    });
    expect(config.deadlines).toEqual(DEFAULT_DEADLINES);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty and blank variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ', TELEGRAM_BOT_TOKEN: '' })).toMatchObject({
      port: 3000,
      database: { kind: 'sqlite' },
      telegram: { token: undefined },
    });
  });

  it('reads a full configuration', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://linli:secret@db:5432/linli',
      PORT: '8080',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://linli.example.org/',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: 's3cret_-X',
      LINE_CHANNEL_SECRET: 'line-secret',
      LINE_CHANNEL_ACCESS_TOKEN: 'line-token',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_MODEL: 'qwen-plus',
      CLASSIFIER: 'llm',
      AGENDA_CRON: '30 8 * * 2',
      TIMEZONE: 'Asia/Taipei',
      DEFAULT_LOCALE: 'zh-TW',
      SHOW_RESIDENT_DETAILS: 'yes',
    });
    expect(config).toMatchObject({
      database: { kind: 'postgres', url: 'postgres://linli:secret@db:5432/linli' },
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://linli.example.org',
      telegram: { token: TOKEN, webhookSecret: 's3cret_-X' },
      line: { channelSecret: 'line-secret', channelAccessToken: 'line-token' },
      openai: { apiKey: 'sk-test', model: 'qwen-plus' },
      classifier: 'llm',
      agendaCron: '30 8 * * 2',
      timezone: 'Asia/Taipei',
      defaultLocale: 'zh-TW',
      showResidentDetails: true,
    });
  });

  it('reads the public names the join poster links to, with or without their "@"', () => {
    expect(loadConfig({ TELEGRAM_BOT_USERNAME: '@Linli_Demo_bot', LINE_BASIC_ID: '123ABCDE' })).toMatchObject({
      telegram: { botUsername: 'Linli_Demo_bot' },
      line: { basicId: '@123abcde' },
    });
    expect(loadConfig({})).toMatchObject({ telegram: { botUsername: undefined }, line: { basicId: undefined } });
    expectConfigError({ TELEGRAM_BOT_USERNAME: 'linli' }, 'TELEGRAM_BOT_USERNAME');
    expectConfigError({ TELEGRAM_BOT_USERNAME: 'https://t.me/linli_bot' }, 'TELEGRAM_BOT_USERNAME');
    expectConfigError({ LINE_BASIC_ID: '@ab' }, 'LINE_BASIC_ID');
    expectConfigError({ LINE_BASIC_ID: 'line id' }, 'LINE_BASIC_ID');
  });

  describe('names the variable that is wrong', () => {
    it('DATABASE_URL with an unsupported scheme', () => {
      expect(expectConfigError({ DATABASE_URL: 'mysql://root@localhost/linli' }, 'DATABASE_URL').message).toContain(
        '"mysql"',
      );
      expectConfigError({ DATABASE_URL: 'linli.db' }, 'DATABASE_URL');
      expectConfigError({ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL');
    });

    it('PORT that is not a port number', () => {
      expect(expectConfigError({ PORT: 'abc' }, 'PORT').message).toContain('"abc"');
      expectConfigError({ PORT: '70000' }, 'PORT');
      expectConfigError({ PORT: '-1' }, 'PORT');
      expectConfigError({ PORT: '80.5' }, 'PORT');
    });

    it('PUBLIC_URL that is not an http(s) URL', () => {
      expect(expectConfigError({ PUBLIC_URL: 'linli.example.org' }, 'PUBLIC_URL').message).toContain('http(s) URL');
      expectConfigError({ PUBLIC_URL: 'ftp://linli.example.org' }, 'PUBLIC_URL');
    });

    it('other URLs likewise', () => {
      expectConfigError({ TELEGRAM_API_ROOT: 'not a url' }, 'TELEGRAM_API_ROOT');
      expectConfigError({ OPENAI_BASE_URL: 'localhost:11434' }, 'OPENAI_BASE_URL');
      expectConfigError({ LINE_API_BASE_URL: 'api.line.me' }, 'LINE_API_BASE_URL');
    });

    it('TELEGRAM_BOT_TOKEN that does not look like a token', () => {
      expectConfigError({ TELEGRAM_BOT_TOKEN: 'my-token' }, 'TELEGRAM_BOT_TOKEN');
      expectConfigError({ TELEGRAM_BOT_TOKEN: '123456:short' }, 'TELEGRAM_BOT_TOKEN');
    });

    it('TELEGRAM_WEBHOOK_SECRET missing in webhook mode, or with characters Telegram refuses', () => {
      expect(
        expectConfigError(
          { PUBLIC_URL: 'https://linli.example.org', TELEGRAM_BOT_TOKEN: TOKEN },
          'TELEGRAM_WEBHOOK_SECRET',
        ).message,
      ).toContain('PUBLIC_URL');
      expectConfigError(
        { PUBLIC_URL: 'https://linli.example.org', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'has space' },
        'TELEGRAM_WEBHOOK_SECRET',
      );
      // Long polling needs no secret.
      expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram.token).toBe(TOKEN);
    });

    it('the LINE variable missing when only the other is set', () => {
      expectConfigError({ LINE_CHANNEL_SECRET: 'secret' }, 'LINE_CHANNEL_ACCESS_TOKEN');
      expectConfigError({ LINE_CHANNEL_ACCESS_TOKEN: 'token' }, 'LINE_CHANNEL_SECRET');
    });

    it('OPENAI_API_KEY when CLASSIFIER=llm has nothing to talk to', () => {
      expectConfigError({ CLASSIFIER: 'llm' }, 'OPENAI_API_KEY');
      expect(loadConfig({ CLASSIFIER: 'llm', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).classifier).toBe('llm');
      expectConfigError({ CLASSIFIER: 'smart' }, 'CLASSIFIER');
    });

    it('TIMEZONE that is not an IANA zone', () => {
      expect(expectConfigError({ TIMEZONE: 'Mars/Base' }, 'TIMEZONE').message).toContain('Mars/Base');
    });

    it('AGENDA_CRON that is not a cron expression', () => {
      expectConfigError({ AGENDA_CRON: 'every monday' }, 'AGENDA_CRON');
      expectConfigError({ AGENDA_CRON: '99 9 * * 1' }, 'AGENDA_CRON');
    });

    it('BACKUP_CRON that is not a cron expression, or with PostgreSQL; BACKUP_KEEP out of range', () => {
      expectConfigError({ BACKUP_CRON: 'daily' }, 'BACKUP_CRON');
      expect(
        expectConfigError({ BACKUP_CRON: '30 3 * * *', DATABASE_URL: 'postgres://db/linli' }, 'BACKUP_CRON').message,
      ).toContain('pg_dump');
      expectConfigError({ BACKUP_KEEP: '0' }, 'BACKUP_KEEP');
      expect(loadConfig({ BACKUP_CRON: '30 3 * * *', DATA_DIR: '/var/lib/linli' }).backup).toEqual({
        cron: '30 3 * * *',
        dir: '/var/lib/linli/backups',
        keep: 7,
      });
      expect(loadConfig({}).backup.cron).toBeUndefined();
    });

    it('DEADLINES that is not JSON, names an unknown category or urgency, or holds a bad duration', () => {
      expectConfigError({ DEADLINES: '{water_supply: 1h}' }, 'DEADLINES');
      expectConfigError({ DEADLINES: '"4h"' }, 'DEADLINES');
      expect(
        expectConfigError({ DEADLINES: '{"plumbing":{"urgent":{"response":"30m"}}}' }, 'DEADLINES').message,
      ).toContain('plumbing');
      expectConfigError({ DEADLINES: '{"water_supply":{"critical":{"response":"30m"}}}' }, 'DEADLINES');
      expect(
        expectConfigError({ DEADLINES: '{"water_supply":{"urgent":{"response":"soon"}}}' }, 'DEADLINES').message,
      ).toContain('soon');
      expectConfigError({ DEADLINES: '{"water_supply":{"urgent":{"response":30}}}' }, 'DEADLINES');
    });

    it('DEADLINES whose cells are not {response, resolution}, rather than ignoring them', () => {
      expectConfigError({ DEADLINES: '{"water_supply":{"urgent":"30m"}}' }, 'DEADLINES');
      expect(
        expectConfigError({ DEADLINES: '{"water_supply":{"urgent":{"respons":"30m"}}}' }, 'DEADLINES').message,
      ).toContain('water_supply.urgent');
    });

    it('enumerations and numbers elsewhere', () => {
      expectConfigError({ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE');
      expectConfigError({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL');
      expectConfigError({ SHOW_RESIDENT_DETAILS: 'maybe' }, 'SHOW_RESIDENT_DETAILS');
      expectConfigError({ DEADLINE_CHECK_SECONDS: '1' }, 'DEADLINE_CHECK_SECONDS');
    });
  });

  it('reads the queue lease and the SQLite busy timeout, and refuses nonsense for them', () => {
    const config = loadConfig({ QUEUE_LEASE_SECONDS: '3', SQLITE_BUSY_TIMEOUT_MS: '150' });
    expect(config.queueLeaseSeconds).toBe(3);
    expect(config.database).toMatchObject({ kind: 'sqlite', busyTimeoutMs: 150 });
    expect(loadConfig({}).queueLeaseSeconds).toBeUndefined();
    expectConfigError({ QUEUE_LEASE_SECONDS: '0' }, 'QUEUE_LEASE_SECONDS');
    expectConfigError({ SQLITE_BUSY_TIMEOUT_MS: 'soon' }, 'SQLITE_BUSY_TIMEOUT_MS');
  });

  it('accepts a copy of .env.example as it is', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseEnv } = await import('node:util');
    const env = parseEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8'));
    const config = loadConfig(env);
    expect(config).toMatchObject({
      database: { kind: 'sqlite' },
      classifier: 'auto',
      agendaCron: '0 9 * * 1',
      timezone: 'Asia/Shanghai',
    });
  });

  it('lets DEADLINES override one cell and keeps the others', () => {
    const { deadlines } = loadConfig({ DEADLINES: '{"water_supply":{"urgent":{"response":"15m"}}}' });
    expect(deadlines.water_supply.urgent).toEqual({
      responseMs: 15 * 60_000,
      resolutionMs: DEFAULT_DEADLINES.water_supply.urgent.resolutionMs,
    });
    expect(deadlines.water_supply.normal).toEqual(DEFAULT_DEADLINES.water_supply.normal);
    expect(deadlines.greening).toEqual(DEFAULT_DEADLINES.greening);
    // The defaults themselves are untouched.
    expect(DEFAULT_DEADLINES.water_supply.urgent.responseMs).toBe(30 * 60_000);
  });
});

describe('parseDatabaseUrl', () => {
  it('reads SQLite paths, relative and absolute', () => {
    expect(parseDatabaseUrl('sqlite:./data/linli.db')).toEqual({
      kind: 'sqlite',
      url: 'sqlite:./data/linli.db',
      file: './data/linli.db',
    });
    expect(parseDatabaseUrl('sqlite:/var/lib/linli/linli.db')).toMatchObject({ file: '/var/lib/linli/linli.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/linli/linli.db')).toMatchObject({ file: '/var/lib/linli/linli.db' });
  });

  it('accepts both PostgreSQL schemes', () => {
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ kind: 'postgres', url: 'postgresql://u@h/db' });
  });
});

describe('TRANSCRIBE_*', () => {
  it('is off without TRANSCRIBE_MODEL', () => {
    expect(loadConfig({}).transcribe).toBeUndefined();
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).transcribe).toBeUndefined();
  });

  it('reuses the OpenAI endpoint, with defaults for the timeout, the limits and the answer format', () => {
    expect(
      loadConfig({
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: 'https://llm.example.org/v1',
        TRANSCRIBE_MODEL: 'whisper-1',
      }).transcribe,
    ).toEqual({
      model: 'whisper-1',
      apiKey: 'sk-test',
      baseUrl: 'https://llm.example.org/v1',
      timeoutMs: 30_000,
      maxBytes: 20 * 1024 * 1024,
      maxSeconds: 300,
      responseFormat: 'json',
    });
  });

  it('takes an endpoint of its own', () => {
    expect(
      loadConfig({
        OPENAI_API_KEY: 'sk-test',
        TRANSCRIBE_MODEL: 'sensevoice',
        TRANSCRIBE_BASE_URL: 'http://127.0.0.1:9000/v1',
        TRANSCRIBE_API_KEY: 'local',
        TRANSCRIBE_TIMEOUT_MS: '5000',
        TRANSCRIBE_MAX_BYTES: '1000000',
        TRANSCRIBE_MAX_SECONDS: '120',
        TRANSCRIBE_RESPONSE_FORMAT: 'verbose_json',
      }).transcribe,
    ).toEqual({
      model: 'sensevoice',
      apiKey: 'local',
      baseUrl: 'http://127.0.0.1:9000/v1',
      timeoutMs: 5000,
      maxBytes: 1_000_000,
      maxSeconds: 120,
      responseFormat: 'verbose_json',
    });
  });

  it('names the variable to fix', () => {
    expect(
      expectConfigError({ TRANSCRIBE_BASE_URL: 'http://127.0.0.1:9000/v1' }, 'TRANSCRIBE_MODEL').message,
    ).toContain('TRANSCRIBE_BASE_URL');
    expect(expectConfigError({ TRANSCRIBE_MODEL: 'whisper-1' }, 'TRANSCRIBE_API_KEY').message).toContain(
      'TRANSCRIBE_BASE_URL',
    );
    expectConfigError({ TRANSCRIBE_MODEL: 'whisper-1', TRANSCRIBE_BASE_URL: 'ftp://x' }, 'TRANSCRIBE_BASE_URL');
    expectConfigError(
      { TRANSCRIBE_MODEL: 'whisper-1', OPENAI_API_KEY: 'k', TRANSCRIBE_TIMEOUT_MS: '10' },
      'TRANSCRIBE_TIMEOUT_MS',
    );
    expectConfigError(
      { TRANSCRIBE_MODEL: 'whisper-1', OPENAI_API_KEY: 'k', TRANSCRIBE_MAX_SECONDS: '0' },
      'TRANSCRIBE_MAX_SECONDS',
    );
    expectConfigError(
      { TRANSCRIBE_MODEL: 'whisper-1', OPENAI_API_KEY: 'k', TRANSCRIBE_MAX_BYTES: '999999999' },
      'TRANSCRIBE_MAX_BYTES',
    );
    expectConfigError(
      { TRANSCRIBE_MODEL: 'whisper-1', OPENAI_API_KEY: 'k', TRANSCRIBE_RESPONSE_FORMAT: 'srt' },
      'TRANSCRIBE_RESPONSE_FORMAT',
    );
  });
});
