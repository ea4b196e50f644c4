import type { Language } from './classifier.ts';
import { TRADITIONAL_TO_SIMPLIFIED } from './traditional.ts';

// Simplified forms that traditional writing also uses every day (台北, 後面 vs 外面, 公里, 系統, 我家,
// 天花板, 私人, 症狀…): seeing them says nothing about which script the writer uses.
const SHARED_FORMS = new Set([
  ...'台里干谷面系松只准游制范沈余占表板斗云丑卷才伙折征朴咸冲采回舍胡凶借了它向周注托布泛幸奸麻抬合出冬曲致彩核席杯棋迹仇肴哄郁',
  ...'家私千秋寸折乃眯凳涌症',
]);

const SIMPLIFIED_ONLY = new Set(
  [...TRADITIONAL_TO_SIMPLIFIED.values()].filter((ch) => !SHARED_FORMS.has(ch) && !TRADITIONAL_TO_SIMPLIFIED.has(ch)),
);

// What each Han character of the Basic Multilingual Plane says about the script, by its code, so the
// count below makes no string per character: traditional-only, simplified-only, or nothing.
const HAN_START = 0x3400;
const TRADITIONAL = 1;
const SIMPLIFIED = 2;
const SCRIPT_OF = new Uint8Array(0xa000 - HAN_START);
for (const [characters, script] of [
  [TRADITIONAL_TO_SIMPLIFIED.keys(), TRADITIONAL],
  [SIMPLIFIED_ONLY, SIMPLIFIED],
] as const) {
  for (const ch of characters) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch.length === 1 && isHan(code)) SCRIPT_OF[code - HAN_START] = script;
  }
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * Tells zh-CN, zh-TW and English apart from the characters alone.
 *
 * Chinese when Han characters are at least a fifth as many as Latin letters (a Chinese message with
 * an English word or two is still Chinese). Traditional when characters that only traditional
 * writing uses are at least as many as those that only simplified writing uses: someone writing
 * simplified Chinese hardly ever types a traditional-only character, while a traditional text may
 * hold a character the two scripts share that our table lists as simplified ("樓上漏水到我家天花板").
 * A text with neither (shared characters only, or no letters at all) is reported as zh-CN, the
 * default locale.
 */
export function detectLanguage(text: string): Language {
  let han = 0;
  let latin = 0;
  let traditional = 0;
  let simplified = 0;
  // By code unit: the letters and Han characters counted are all in the Basic Multilingual Plane.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      latin++;
    } else if (isHan(code)) {
      han++;
      const script = SCRIPT_OF[code - HAN_START];
      if (script === TRADITIONAL) traditional++;
      else if (script === SIMPLIFIED) simplified++;
    }
  }
  if (han === 0 && latin === 0) return 'zh-CN';
  if (han === 0 && isPinyin(text)) return 'zh-CN';
  if (han * 5 < latin) return 'en';
  return traditional > 0 && traditional >= simplified ? 'zh-TW' : 'zh-CN';
}

/** A syllable of Mandarin written in pinyin without tones ("hao", "shui", "dian", "zhuang"). */
const PINYIN_SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|er|in|un|ui|ue|uo|ia|ie|iu|ua|a|e|i|o|u|v)$/;
/** Syllables no English word is spelt like: one of them says the text is pinyin, not English. */
const PINYIN_ONLY =
  /^(?:zh|x|q)|(?:ui|iu|uai|iao|ian|iang|iong|uang|ou)$|^(?:hao|lou|dong|zhuang|shui|dian|ting|huai|le|ti|men|deng|liang)$/;

/**
 * Chinese typed in pinyin without the input method ("7 hao lou ting shui le", "dian ti huai le"): three
 * or more words of letters, nine in ten of them syllables of pinyin, and two that English has no word
 * like. Its writer reads Chinese.
 */
function isPinyin(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length < 3) return false;
  let syllables = 0;
  let distinct = 0;
  for (const word of words) {
    if (!PINYIN_SYLLABLE.test(word)) continue;
    syllables++;
    if (PINYIN_ONLY.test(word)) distinct++;
  }
  return syllables * 10 >= words.length * 9 && distinct >= 2;
}
