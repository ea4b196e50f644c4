import type { Locale } from '../i18n/catalog.ts';
import { joinPayload, joinText } from './join-link.ts';

/**
 * The Telegram deep link that opens the bot's chat and sends `/start <code>` when the resident taps
 * Start (Telegram's `t.me/<bot>?start=<payload>` link). `botUsername` without the "@".
 */
export function telegramJoinUrl(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${joinPayload(code)}`;
}

/**
 * The LINE URL scheme link that opens the chat with the official account with the join message typed
 * in, ready to send (`https://line.me/R/oaMessage/{LINE ID}/?{text}`, both percent-encoded). `basicId`
 * is the account's LINE ID with its "@" (`@123abcde`).
 */
export function lineJoinUrl(basicId: string, code: string, locale: Locale): string {
  return `https://line.me/R/oaMessage/${encodeURIComponent(basicId)}/?${encodeURIComponent(joinText(code, locale))}`;
}
