import { isLocale, localeFromHint, type Locale } from '../i18n/index.ts';

/** Platform-neutral commands residents and staff can send; `/start@MyBot` and Chinese aliases included. */
export type Command =
  /** `arg`: the deep link's payload (`t.me/<bot>?start=lincheng-1` sends "/start lincheng-1"), or ''. */
  | { name: 'start'; arg: string }
  | { name: 'help' }
  | { name: 'mytickets' }
  | { name: 'lang'; arg: string }
  | { name: 'join'; arg: string }
  | { name: 'cancel' }
  | { name: 'other'; verb: string; arg: string };

const ALIASES: Record<string, Command['name']> = {
  我的反映: 'mytickets',
  我的工单: 'mytickets',
  我的報修: 'mytickets',
  我的反應: 'mytickets',
  我的案件: 'mytickets',
  'my tickets': 'mytickets',
  帮助: 'help',
  幫助: 'help',
  说明: 'help',
  說明: 'help',
  取消: 'cancel',
};

/** Parses a command, or returns undefined for ordinary text. */
export function parseCommand(text: string): Command | undefined {
  const trimmed = text.trim();
  const alias = ALIASES[trimmed.toLowerCase()];
  if (alias === 'mytickets' || alias === 'help' || alias === 'cancel') return { name: alias };
  // Any word after the slash is a command (an unknown one is answered as such): "/報修", "/help2".
  const match = /^\/([^\s@/]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (!match) return undefined;
  const verb = match[1]!.toLowerCase();
  const arg = (match[2] ?? '').trim();
  switch (verb) {
    case 'start':
      return { name: verb, arg };
    case 'help':
    case 'mytickets':
    case 'cancel':
      return { name: verb };
    case 'lang':
    case 'language':
      return { name: 'lang', arg };
    case 'join':
      return { name: 'join', arg };
    default:
      return { name: 'other', verb, arg };
  }
}

/**
 * The language a resident names after `/lang`: a locale code, a platform-style hint, or the language's
 * own name in any of our languages ("简体", "繁體", "english", "中文"). "中文" keeps the resident's
 * script when they already write Chinese. Undefined when nothing is named.
 */
export function localeFromName(word: string, current: Locale): Locale | undefined {
  const w = word
    .trim()
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, '');
  if (w === '') return undefined;
  if (isLocale(word.trim())) return word.trim() as Locale;
  if (
    /^(简体|簡體|简体中文|簡體中文|简中|簡中|简|簡|普通话|普通話|国语|國語|大陆|大陸|zhcn|zhhans|cn|chs|simplified|simplifiedchinese)$/.test(
      w,
    )
  )
    return 'zh-CN';
  if (
    /^(繁体|繁體|繁体中文|繁體中文|正体|正體|正體中文|繁中|繁|台湾|臺灣|台灣|香港|粤语|粵語|廣東話|广东话|zhtw|zhhk|zhhant|tw|hk|cht|traditional|traditionalchinese)$/.test(
      w,
    )
  )
    return 'zh-TW';
  if (/^(英文|英语|英語|english|eng|en|英)$/.test(w)) return 'en';
  if (/^(中文|汉语|漢語|华语|華語|chinese|zh)$/.test(w)) return current === 'en' ? 'zh-CN' : current;
  return localeFromHint(word.trim());
}
