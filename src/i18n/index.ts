import { LOCALES, isLocale, type Catalog, type Locale } from './catalog.ts';
import { en } from './en.ts';
import { zhCN } from './zh-cn.ts';
import { zhTW } from './zh-tw.ts';

export { LOCALES, isLocale, type Catalog, type Locale };

const CATALOGS: Readonly<Record<Locale, Catalog>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** The message catalogue of a locale. */
export function messages(locale: Locale): Catalog {
  return CATALOGS[locale];
}

/**
 * Maps a platform's language hint (Telegram `language_code`, LINE profile `language`, a LANG value) to
 * one of our locales: zh-TW/zh-HK/zh-Hant → zh-TW, other zh → zh-CN, en* → en; unknown → undefined.
 */
export function localeFromHint(hint: string | undefined | null): Locale | undefined {
  if (!hint) return undefined;
  const h = hint.toLowerCase().replace('_', '-');
  if (/^zh-(tw|hk|mo|hant)/.test(h)) return 'zh-TW';
  if (h.startsWith('zh')) return 'zh-CN';
  if (h.startsWith('en')) return 'en';
  return undefined;
}
