/*
 * The shape of the Telegram updates the adapter reads, checked by hand: a webhook update is checked on
 * every request before the 200, and a schema library's parse (it copies every object it checks) cost
 * twice the rest of the mapping. The rules are zod's, which this replaced: integers are safe integers,
 * numbers finite, objects neither arrays nor null, optional fields absent or undefined (never null).
 * Only the fields the adapter reads are checked; Telegram adds fields over time, and unknown ones are
 * left alone (never read). The shapes follow core.telegram.org/bots/api (Update, Message,
 * CallbackQuery, ChatMemberUpdated).
 */

export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

interface TelegramChat {
  id: number;
  type: string;
}

interface FileBase {
  file_id: string;
  file_size?: number;
}

interface Location {
  latitude: number;
  longitude: number;
}

export interface TelegramMessage {
  message_id: number;
  date: number;
  chat: TelegramChat;
  from?: TelegramUser;
  text?: string;
  caption?: string;
  photo?: Array<FileBase & { width?: number; height?: number }>;
  document?: FileBase & { mime_type?: string };
  location?: Location;
  venue?: { location: Location; title?: string; address?: string };
  voice?: FileBase & { duration?: number; mime_type?: string };
  audio?: FileBase & { duration?: number; mime_type?: string };
  reply_to_message?: { message_id: number };
}

/** The parts of a Telegram update the adapter reads. */
export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  callback_query?: {
    id: string;
    from: TelegramUser;
    message?: { message_id: number; chat: TelegramChat };
    data?: string;
  };
  my_chat_member?: {
    chat: TelegramChat;
    from: TelegramUser;
    date: number;
    old_chat_member: { status: string };
    new_chat_member: { status: string; user: TelegramUser };
  };
}

/** What is wrong, and where (the keys from the update down). */
interface Issue {
  path: Array<string | number>;
  message: string;
}

/** Checks one value; undefined when it is right. */
type Check = (value: unknown) => Issue | undefined;

function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

const wrongType = (expected: string, value: unknown): Issue => ({
  path: [],
  message: `Invalid input: expected ${expected}, received ${received(value)}`,
});

function number(options: { int?: boolean; min?: number; max?: number } = {}): Check {
  const { int = false, min = -Infinity, max = Infinity } = options;
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType('number', value);
    if (int && !Number.isInteger(value)) return wrongType('int', value);
    if (value < min) return { path: [], message: `Too small: expected number to be >=${min}` };
    if (value > max) return { path: [], message: `Too big: expected number to be <=${max}` };
    if (int && !Number.isSafeInteger(value))
      return { path: [], message: `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}` };
    return undefined;
  };
}

const int = number({ int: true });
const nonNegativeInt = number({ int: true, min: 0 });

function string(options: { nonEmpty?: boolean } = {}): Check {
  return (value) => {
    if (typeof value !== 'string') return wrongType('string', value);
    if (options.nonEmpty && value === '')
      return { path: [], message: 'Too small: expected string to have >=1 characters' };
    return undefined;
  };
}

const anyString = string();

const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : wrongType('boolean', value));

function optional(check: Check): Check {
  return (value) => (value === undefined ? undefined : check(value));
}

function array(check: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return wrongType('array', value);
    for (let i = 0; i < value.length; i++) {
      const issue = check(value[i]);
      if (issue) {
        issue.path.unshift(i);
        return issue;
      }
    }
    return undefined;
  };
}

function object(shape: Record<string, Check>): Check {
  const fields = Object.entries(shape);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrongType('object', value);
    const record = value as Record<string, unknown>;
    for (const [key, check] of fields) {
      const issue = check(record[key]);
      if (issue) {
        issue.path.unshift(key);
        return issue;
      }
    }
    return undefined;
  };
}

const user = object({
  id: int,
  is_bot: optional(boolean),
  first_name: optional(anyString),
  last_name: optional(anyString),
  username: optional(anyString),
  language_code: optional(anyString),
});
const chat = object({ id: int, type: anyString });
const fileBase = { file_id: string({ nonEmpty: true }), file_size: optional(number({ int: true, min: 0 })) };
const optionalNumber = optional(number());
const location = object({ latitude: number({ min: -90, max: 90 }), longitude: number({ min: -180, max: 180 }) });
const message = object({
  message_id: int,
  date: nonNegativeInt,
  chat,
  from: optional(user),
  text: optional(anyString),
  caption: optional(anyString),
  photo: optional(array(object({ ...fileBase, width: optionalNumber, height: optionalNumber }))),
  document: optional(object({ ...fileBase, mime_type: optional(anyString) })),
  location: optional(location),
  venue: optional(object({ location, title: optional(anyString), address: optional(anyString) })),
  voice: optional(object({ ...fileBase, duration: optionalNumber, mime_type: optional(anyString) })),
  audio: optional(object({ ...fileBase, duration: optionalNumber, mime_type: optional(anyString) })),
  reply_to_message: optional(object({ message_id: int })),
});
const update = object({
  update_id: nonNegativeInt,
  message: optional(message),
  callback_query: optional(
    object({
      id: string({ nonEmpty: true }),
      from: user,
      message: optional(object({ message_id: int, chat })),
      data: optional(anyString),
    }),
  ),
  my_chat_member: optional(
    object({
      chat,
      from: user,
      date: nonNegativeInt,
      old_chat_member: object({ status: anyString }),
      new_chat_member: object({ status: anyString, user }),
    }),
  ),
});

/**
 * `raw` as a {@link TelegramUpdate} (the same object: its unknown fields stay, unread), or why it is
 * not one: the first wrong field's path and what was wrong (`message.chat.id: Invalid input: expected
 * number, received string`).
 */
export function checkUpdate(raw: unknown): { ok: true; update: TelegramUpdate } | { ok: false; reason: string } {
  const issue = update(raw);
  if (issue) return { ok: false, reason: `${issue.path.join('.') || 'update'}: ${issue.message}` };
  return { ok: true, update: raw as TelegramUpdate };
}
