import type { Config } from '../config.ts';
import type { Locale } from '../i18n/catalog.ts';
import type { PosterPlatform } from '../i18n/poster-catalog.ts';
import { joinText } from './join-link.ts';
import type { PosterLink } from './join-poster.ts';
import { lineJoinUrl, telegramJoinUrl } from './join-urls.ts';

/**
 * The QR codes a join poster can carry with this configuration: one per platform that is on and whose
 * public name is set. `problems` says, for the operator, why a platform is left out (naming the
 * setting to add); `missing` is the first setting that would add one.
 */
export interface PosterLinks {
  links: Partial<Record<PosterPlatform, PosterLink>>;
  problems: string[];
  missing: string | undefined;
}

export function posterLinks(config: Pick<Config, 'telegram' | 'line'>, code: string, locale: Locale): PosterLinks {
  const links: PosterLinks['links'] = {};
  const problems: string[] = [];
  const missing: string[] = [];
  const { botUsername, token } = config.telegram;
  if (token && botUsername) {
    links.telegram = { url: telegramJoinUrl(botUsername, code), handle: `@${botUsername}` };
  } else if (token) {
    problems.push("Telegram is on but TELEGRAM_BOT_USERNAME is not set (the bot's username, from @BotFather)");
    missing.push('TELEGRAM_BOT_USERNAME');
  } else {
    problems.push(
      botUsername
        ? 'Telegram is off (TELEGRAM_BOT_TOKEN is not set), so its QR code is left out'
        : 'Telegram is off (set TELEGRAM_BOT_TOKEN and TELEGRAM_BOT_USERNAME to add its QR code)',
    );
    missing.push('TELEGRAM_BOT_TOKEN');
  }
  const { basicId, channelSecret } = config.line;
  if (channelSecret && basicId) {
    links.line = {
      url: lineJoinUrl(basicId, code, locale),
      handle: `LINE ID ${basicId}`,
      text: joinText(code, locale),
    };
  } else if (channelSecret) {
    problems.push("LINE is on but LINE_BASIC_ID is not set (the official account's LINE ID, e.g. @123abcde)");
    missing.push('LINE_BASIC_ID');
  } else {
    problems.push(
      basicId
        ? 'LINE is off (LINE_CHANNEL_SECRET is not set), so its QR code is left out'
        : 'LINE is off (set LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and LINE_BASIC_ID to add its QR code)',
    );
    missing.push('LINE_CHANNEL_SECRET');
  }
  // A platform that is on but unnamed is the setting to ask for first.
  const first = missing.find((m) => m === 'TELEGRAM_BOT_USERNAME' || m === 'LINE_BASIC_ID') ?? missing[0];
  return { links, problems, missing: first };
}
