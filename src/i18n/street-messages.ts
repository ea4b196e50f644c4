import type { Locale } from './catalog.ts';
import type { StreetCatalog } from './street-catalog.ts';
import { streetEn } from './street-en.ts';
import { streetZhCN } from './street-zh-cn.ts';
import { streetZhTW } from './street-zh-tw.ts';

const CATALOGS: Readonly<Record<Locale, StreetCatalog>> = { 'zh-CN': streetZhCN, 'zh-TW': streetZhTW, en: streetEn };

/** The street digest's texts in a locale. */
export function streetMessages(locale: Locale): StreetCatalog {
  return CATALOGS[locale];
}
