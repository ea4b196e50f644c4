import type { Locale } from './catalog.ts';
import type { ConsoleCatalog } from './console-catalog.ts';
import { consoleEn } from './console-en.ts';
import { consoleZhCN } from './console-zh-cn.ts';
import { consoleZhTW } from './console-zh-tw.ts';

const CATALOGS: Readonly<Record<Locale, ConsoleCatalog>> = {
  'zh-CN': consoleZhCN,
  'zh-TW': consoleZhTW,
  en: consoleEn,
};

/** The staff web console's texts in a locale. */
export function consoleMessages(locale: Locale): ConsoleCatalog {
  return CATALOGS[locale];
}
