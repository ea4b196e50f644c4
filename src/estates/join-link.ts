import type { Locale } from '../i18n/catalog.ts';

/*
 * How a resident names their estate at first contact, the same for the poster that prints the links
 * and for the bot that reads them:
 *
 *   Telegram  t.me/<bot>?start=<joinPayload(code)>   the bot receives "/start <payload>"
 *   LINE      line.me/R/oaMessage/<id>/?<joinText>   the chat opens with the text typed, ready to send
 *
 * The join words are part of the format the bot reads (like a command), so they live here beside the
 * reader rather than in the message catalogues.
 */

/** The word before the code in a join message, per language: "加入 lincheng-1", "join lincheng-1". */
const JOIN_WORD: Readonly<Record<Locale, string>> = { 'zh-CN': '加入', 'zh-TW': '加入', en: 'join' };

/**
 * An estate code as it can travel in a link: lowercase letters and digits in groups joined by single
 * dashes, at most 64 characters (Telegram's limit for a `start` payload).
 */
const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_CODE_LENGTH = 64;

/** Whether `code` can travel as an estate code in a join link. */
export function isJoinCode(code: string): boolean {
  return code.length <= MAX_CODE_LENGTH && CODE.test(code);
}

/** The Telegram deep link's `start` payload for an estate: its code as it is (`lincheng-1`). */
export function joinPayload(code: string): string {
  if (!isJoinCode(code)) throw new RangeError(`"${code}" cannot be a join code: use lowercase letters, digits, dashes`);
  return code;
}

/** The message a LINE link pre-fills for an estate, in the poster's language: "加入 lincheng-1", "join lincheng-1". */
export function joinText(code: string, locale: Locale): string {
  return `${JOIN_WORD[locale]} ${joinPayload(code)}`;
}

/**
 * The estate code in a Telegram `/start` payload, or undefined when the payload is no code (empty, or
 * another bot feature's payload). Case is ignored: a code is typed by hand too.
 */
export function readJoinPayload(payload: string): string | undefined {
  const code = payload.trim().toLowerCase();
  return isJoinCode(code) ? code : undefined;
}

const JOIN_MESSAGE = new RegExp(
  `^(?:${[...new Set(Object.values(JOIN_WORD))].join('|')})[\\s\\u3000:：]*(\\S+)$`,
  'iu',
);

/**
 * The estate code in a join message written in any of the three languages ("加入 lincheng-1",
 * "加入lincheng-1", "Join LINCHENG-1"), or undefined when the message is not one. Whether an estate
 * has that code is the caller's question.
 */
export function readJoinText(text: string): string | undefined {
  const match = JOIN_MESSAGE.exec(text.trim());
  return match ? readJoinPayload(match[1]!) : undefined;
}
