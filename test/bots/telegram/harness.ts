import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { loadConfig } from '../../../src/config.ts';
import { startService, type Service } from '../../../src/main.ts';
import { FakeTelegramApi } from '../../servers/telegram-api.ts';

export const TOKEN = '123456789:AAtest-token-for-linli_0123';
export const SECRET = 'test_webhook_secret-42';

/** A logger that keeps every line, to check that the token never appears in logs. */
export function memoryLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

export interface Linli {
  service: Service;
  api: FakeTelegramApi;
  dir: string;
  lines: string[];
  /** Posts an update to the webhook with the right secret (or `secret`); returns the HTTP status. */
  post(update: unknown, secret?: string | null): Promise<number>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the real service with Telegram pointed at a fake Bot API; webhook mode unless `polling`. */
export async function startLinli(
  options: { polling?: boolean; env?: Record<string, string>; api?: FakeTelegramApi; dir?: string } = {},
): Promise<Linli> {
  const api = options.api ?? (await FakeTelegramApi.start(TOKEN));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'linli-telegram-'));
  const { log, lines } = memoryLogger();
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'x.db')}`,
    DATA_DIR: join(dir, 'data'),
    PORT: '0',
    HOST: '127.0.0.1',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url,
    CLASSIFIER: 'offline',
    LOG_LEVEL: 'debug',
    ...(options.polling ? {} : { PUBLIC_URL: 'https://linli.example.org', TELEGRAM_WEBHOOK_SECRET: SECRET }),
    ...options.env,
  };
  const linli: Linli = {
    service: await startService(loadConfig(env), log),
    api,
    dir,
    lines,
    async post(update, secret = SECRET) {
      const response = await fetch(`http://127.0.0.1:${linli.service.port}/webhooks/telegram`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret !== null && { 'x-telegram-bot-api-secret-token': secret }),
        },
        body: typeof update === 'string' ? update : JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    },
    async restart() {
      await linli.service.stop();
      linli.service = await startService(loadConfig(env), log);
    },
    async close() {
      await linli.service.stop();
      await api.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return linli;
}

/** The error a promise rejects with; fails when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
}

/** Polls until `check` returns a value other than undefined/false; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let nextUpdateId = 5000;
let nextMessageId = 1;

export const RESIDENT = { id: 1001, is_bot: false, first_name: '小', last_name: '李', language_code: 'zh-hans' };
export const STAFF = { id: 2001, is_bot: false, first_name: '王', language_code: 'zh-hans' };
export const STRANGER = { id: 3001, is_bot: false, first_name: 'Eve', language_code: 'en' };
export const GROUP = { id: -1009876543210, type: 'supergroup', title: '物业值班群' };

/** A Telegram user as updates carry it. */
export interface From {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  language_code?: string;
}

/** A text message update, in a private chat with `from` unless a group chat is given. */
export function textUpdate(
  text: string,
  options: { from?: From; chat?: { id: number; type: string }; replyTo?: number; updateId?: number } = {},
) {
  const from = options.from ?? RESIDENT;
  return {
    update_id: options.updateId ?? nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      from,
      chat: options.chat ?? { id: from.id, type: 'private', first_name: from.first_name },
      text,
      ...(text.startsWith('/') && {
        entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
      }),
      ...(options.replyTo !== undefined && {
        reply_to_message: { message_id: options.replyTo, date: 0, chat: options.chat, text: '…' },
      }),
    },
  };
}

export function photoUpdate(
  caption: string,
  sizes: Array<{ file_id: string; width: number; height: number; file_size: number }>,
  from: From = RESIDENT,
) {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      from,
      chat: { id: from.id, type: 'private' },
      caption,
      photo: sizes,
    },
  };
}

/** A voice note (`voice`, OGG/Opus) or an audio file (`audio`) sent in a private chat. */
export function voiceUpdate(
  fileId: string,
  options: { from?: From; duration?: number; size?: number; as?: 'voice' | 'audio'; mimeType?: string } = {},
) {
  const from = options.from ?? RESIDENT;
  const file = {
    file_id: fileId,
    file_unique_id: `u-${fileId}`,
    duration: options.duration ?? 4,
    mime_type: options.mimeType ?? (options.as === 'audio' ? 'audio/mpeg' : 'audio/ogg'),
    file_size: options.size ?? 2_000,
  };
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      from,
      chat: { id: from.id, type: 'private' },
      [options.as ?? 'voice']: file,
    },
  };
}

export function callbackUpdate(
  data: string,
  messageId: number,
  options: { from?: From; chat?: { id: number; type: string } } = {},
) {
  const from = options.from ?? RESIDENT;
  const id = nextUpdateId++;
  return {
    update_id: id,
    callback_query: {
      id: `cbq-${id}`,
      from,
      chat_instance: '42',
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: options.chat ?? { id: from.id, type: 'private' },
        text: '…',
      },
    },
  };
}
