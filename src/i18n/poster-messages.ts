import type { Locale } from './catalog.ts';
import type { PosterCatalog } from './poster-catalog.ts';
import { posterEn } from './poster-en.ts';
import { posterZhCN } from './poster-zh-cn.ts';
import { posterZhTW } from './poster-zh-tw.ts';

const CATALOGS: Readonly<Record<Locale, PosterCatalog>> = { 'zh-CN': posterZhCN, 'zh-TW': posterZhTW, en: posterEn };

/** The join poster's texts in a locale. */
export function posterMessages(locale: Locale): PosterCatalog {
  return CATALOGS[locale];
}
