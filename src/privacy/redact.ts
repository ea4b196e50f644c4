/**
 * Masks personal details in text that leaves a resident's own chat: for staff groups and the agenda
 * (unit and room numbers, phones, ID numbers, e-mail addresses) and for an external LLM (phones, ID
 * numbers, e-mail addresses). Buildings and public spots stay: they are what staff need.
 */

import { toSimplified } from '../classify/traditional.ts';

const PHONE_CN = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s.]?\d{4}[-\s.]?\d{4}(?!\d)/g;
const PHONE_TW_HK = /(?<!\d)(?:\+?886[-\s]?|0)9\d{2}[-\s]?\d{3}[-\s]?\d{3}(?!\d)|(?<!\d)(?:\+?852[-\s]?)?[569]\d{3}[-\s]?\d{4}(?!\d)/g;
// 010-12345678, 021 1234 5678, (010)12345678, （0755）8888 6666
const LANDLINE = /(?<!\d)0\d{2,3}[-\s]\d{7,8}(?!\d)|(?<!\d)0\d{2,3}[-\s]\d{3,4}[-\s]\d{4}(?!\d)|\(0\d{2,3}\)\s?\d{3,4}[-\s]?\d{4}(?!\d)/g;
// Mainland 18 characters (also written 6 8 4 with spaces), Taiwan a letter and 9 digits.
const ID_CARD = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])|(?<![\dA-Za-z])\d{6}\s\d{8}\s\d{3}[\dXx](?![\dA-Za-z])|(?<![A-Za-z])[A-Z][12]\d{8}(?!\d)/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** 2单元, 二單元, 1201室, 1201房, 5-2-1201, room 1201, flat 12B, unit 3, #1201, 12楼 (a floor pins down a flat with the unit). */
const UNIT_ZH = /[0-9一二三四五六七八九十两]+\s*(?:单元|單元)|\d{3,4}\s*(?:室|房|号房|號房)|(?<!\d)\d{1,3}-\d{1,2}-\d{3,4}(?!\d)|(?<![\d#])#\s?\d{3,4}(?!\d)/g;
const UNIT_EN = /\b(?:room|flat|apt\.?|apartment|unit|suite|entrance)\s*#?\s*[0-9]+[A-Z]?\b/gi;

/**
 * Masks phone numbers, ID-card numbers and e-mail addresses: `[phone]`, `[id]`, `[email]`. Numbers
 * typed with a Chinese input method in full-width digits (１３８…, ｘ＠ｑｑ．ｃｏｍ) are masked too; the
 * rest of the text is left exactly as written.
 */
export function maskContacts(text: string): string {
  // Patterns run on a half-width copy; replacing the same ranges in both keeps them aligned.
  let pair = { original: text, folded: foldWidth(text) };
  for (const [pattern, mask] of CONTACTS) pair = replaceBoth(pair, pattern, mask);
  return pair.original;
}

const CONTACTS: ReadonlyArray<readonly [RegExp, string]> = [
  [EMAIL, '[email]'],
  [ID_CARD, '[id]'],
  [PHONE_CN, '[phone]'],
  [PHONE_TW_HK, '[phone]'],
  [LANDLINE, '[phone]'],
];

/** Full-width ASCII and the ideographic space to their half-width forms, one code unit for one. */
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

function replaceBoth(pair: { original: string; folded: string }, pattern: RegExp, mask: string): { original: string; folded: string } {
  let original = '';
  let folded = '';
  let last = 0;
  for (const match of pair.folded.matchAll(pattern)) {
    original += pair.original.slice(last, match.index) + mask;
    folded += pair.folded.slice(last, match.index) + mask;
    last = match.index + match[0].length;
  }
  return { original: original + pair.original.slice(last), folded: folded + pair.folded.slice(last) };
}

/** What stands in for a masked unit, room or name in group chats and the agenda. */
export const MASK = '＊';

/**
 * Units, rooms and names given as names: what could identify a resident among neighbours. A bare 3–4
 * digit number is taken for a room unless a unit of measure or a building follows it.
 */
const IDENTIFYING: readonly RegExp[] = [
  UNIT_ZH,
  UNIT_EN,
  /[0-9０-９一二三四五六七八九十]+\s*(?:室|户|戶|号房|號房|门牌|門牌)(?:\s*\d+)?/g,
  /(?:房号|房號|门牌号|門牌號)\s*[:：]?\s*\w+/g,
  /(?<![\d.])\d{3,4}(?![\d.]|\s*(?:号楼|號樓|栋|棟|座|幢|年|元|块|塊|米|平|天|小时|小時|分钟|分鐘|个|個|人|户|%|％|km|m\b|kg|ml|l\b|mm|cm|yuan|days?|hours?|minutes?|people))/gi,
  /(?:我是|我叫|本人|姓名|联系人|聯繫人|聯絡人|业主|業主|住户|住戶)\s*[:：]?\s*[\u4e00-\u9fff]{1,3}(?=[，,。.\s、；;！!]|$)/g,
  /(?:我姓|姓)[\u4e00-\u9fff]/g,
  /\b(?:[Mm]y name is|I am|I'm|[Tt]his is)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?/g,
  /\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+/g,
];

/** A surname or given name and how neighbours address them: 王师傅, 李阿姨, 张先生. */
const NAME_WITH_TITLE = /([\u4e00-\u9fff]{1,2})(?:先生|女士|小姐|阿姨|大爷|大爺|大妈|大媽|师傅|師傅|老师|老師|奶奶|爷爷|爺爺|伯伯|叔叔)/g;

/**
 * What comes before 师傅 or 阿姨 when it is a trade, not a name: 维修师傅 and 保洁阿姨 are whoever the
 * firm sends, and staff write them all the time. Also 老师傅, 老奶奶, 女老师. Simplified forms.
 */
const NOT_NAMES = new Set([
  '维修', '修理', '物业', '保安', '门卫', '电梯', '保洁', '清洁', '水电', '电工', '水工', '水管', '管道', '燃气', '煤气', '装修',
  '绿化', '园林', '园艺', '快递', '外卖', '送水', '开锁', '空调', '工程', '宿管', '食堂', '老', '小', '大', '男', '女',
]);
/** Words that end right before a title and are no surname: "物业的师傅", "来了个师傅", "这位阿姨". */
const NOT_A_SURNAME = /[的个位这那些了]/;
/** Characters a two-character word before a title starts with when only its last one is a name: "来了王师傅", "楼下张大爷". */
const BEFORE_A_NAME = /[的个位名这那些了来去和跟与给让叫请找是上下里边楼号层]/;

function maskName(whole: string, before: string): string {
  const simplified = toSimplified(before);
  if (NOT_NAMES.has(simplified) || NOT_A_SURNAME.test(simplified.slice(-1))) return whole;
  const first = simplified.slice(0, 1);
  if (before.length === 2 && (BEFORE_A_NAME.test(first) || NOT_NAMES.has(first))) return `${before.slice(0, 1)}${MASK}`;
  return MASK;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * For staff groups and the agenda: contacts, units, rooms and names are masked, and so is every
 * string in `known` (the reporters' own display names, phones and units, when the caller has them).
 * A unit right after its building is dropped ("3号楼2单元" → "3号楼"); buildings and spots stay.
 */
export function redactPersonalDetails(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const s of [...known].map((k) => k.trim()).filter((k) => k.length >= 2).sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(s), 'gi'), MASK);
    const digits = s.replace(/\D/g, '');
    if (digits.length >= 6) out = out.replace(new RegExp(digits.split('').join('[\\s-]?'), 'g'), MASK);
  }
  out = maskContacts(out).replace(UNIT_ZH, (unit, offset: number, whole: string) =>
    /(?:号楼|號樓|栋|棟|幢|座|楼|樓)\s*$/.test(whole.slice(Math.max(0, offset - 3), offset)) ? '' : unit,
  );
  for (const pattern of IDENTIFYING) out = out.replace(pattern, MASK);
  out = out.replace(NAME_WITH_TITLE, maskName);
  return out.replace(/＊(?:\s*＊)+/g, MASK);
}
