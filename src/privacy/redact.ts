/**
 * Masks personal details in text that leaves a resident's own chat: for staff, the agenda and exports
 * (names, flats and rooms, street numbers, phones, ID numbers, e-mail addresses, QQ, WeChat and LINE
 * IDs) and for an external LLM (the contacts only). Buildings and public spots stay: they are what
 * staff need. `for-viewer.ts` decides which of the two a viewer gets.
 */

import { toSimplified } from '../classify/traditional.ts';
import { stripDirectionMarks } from './direction-marks.ts';

/** What stands in for a masked flat, room, address or name in group chats and the agenda. */
export const MASK = '＊';

/** One optional separator between two digits of a number: "138 0013-8000", "138.0013.8000". */
const S = '[ \\t\\-.\\u00B7\\u2010-\\u2015]?';
const NOT_BEFORE = '(?<![\\dA-Za-z])';

/**
 * A pattern, what replaces its matches, and optionally which matches it really means. `hint` is a
 * cheap test that the pattern can match at all: the lookbehinds are costly to try at every position.
 */
interface Detector {
  pattern: RegExp;
  mask: string;
  hint: RegExp;
  keep?: (match: string) => boolean;
}

const DIGIT = /\d/;
const ID_WORDS = /身份|身分|证件|證件|护照|護照|回乡|回鄉|通行|居留|hkid|id card|passport/i;
const QQ_WORDS = /qq|扣扣|企鹅|企鵝|q号|q號/i;
const IM_WORDS = /微信|威信|薇信|徽信|v信|vx|wx|we ?chat|weixin|微訊|line/i;
const PHONE_WORDS =
  /电话|電話|手机|手機|联系|聯繫|聯絡|致电|致電|座机|座機|号码|號碼|tel|phone|mobile|call|whatsapp|cell|contact/i;

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const CONTACTS: readonly Detector[] = [
  { pattern: EMAIL, mask: '[email]', hint: /@/ },
  // Mainland 18 characters (also written 6 8 4 with spaces), 15 digits (the old card).
  {
    pattern: new RegExp(
      `${NOT_BEFORE}\\d{6}${S}\\d{8}${S}\\d{3}[\\dXx](?![\\dA-Za-z])|${NOT_BEFORE}\\d{15}(?![\\dA-Za-z])`,
      'g',
    ),
    mask: '[id]',
    hint: /\d{6}/,
  },
  // Taiwan (a letter, then 1/2 for citizens or 8/9/A–D for residents, 8 digits); Hong Kong A123456(7).
  {
    pattern: /(?<![A-Za-z\d])[A-Z][1289A-D]\d{8}(?!\d)|(?<![A-Za-z\d])[A-Z]{1,2}\d{6}\s?\([\dA]\)/g,
    mask: '[id]',
    hint: /[A-Z]\d{6}/,
  },
  // Whatever follows the name of an identity document.
  {
    pattern:
      /(?<=(?:身份证|身份證|身分證|证件|證件|护照|護照|回乡证|回鄉證|通行证|通行證|居留证|居留證|HKID|ID card|passport)(?:号码|號碼|号|號|number|no\.?)?\s*[:：]?\s*(?:是|为|為|is)?\s*)[A-Za-z0-9][A-Za-z0-9()-]{5,19}/gi,
    mask: '[id]',
    hint: ID_WORDS,
  },
  // Mainland mobiles, with or without +86 / 0086 / (86).
  {
    pattern: new RegExp(`${NOT_BEFORE}(?:\\(?(?:\\+|00)?86\\)?${S})?1${S}[3-9](?:${S}\\d){9}(?!\\d)`, 'g'),
    mask: '[phone]',
    hint: DIGIT,
  },
  // Taiwan mobiles: 0912 345 678, +886 912-345-678.
  {
    pattern: new RegExp(`${NOT_BEFORE}(?:\\(?(?:\\+|00)?886\\)?${S}|0)9(?:${S}\\d){8}(?!\\d)`, 'g'),
    mask: '[phone]',
    hint: DIGIT,
  },
  // Hong Kong with its country code; any other number with a + or 00 country code.
  {
    pattern: new RegExp(`${NOT_BEFORE}\\(?(?:\\+|00)?852\\)?${S}[2-9](?:${S}\\d){7}(?!\\d)`, 'g'),
    mask: '[phone]',
    hint: /852/,
  },
  {
    pattern: new RegExp(`(?<![\\dA-Za-z+])(?:\\+|00)[1-9]\\d{0,2}${S}\\(?\\d{1,4}\\)?(?:${S}\\d){5,10}(?!\\d)`, 'g'),
    mask: '[phone]',
    hint: /\+|00/,
  },
  // Landlines with their area code: 010-12345678, (0755)8888 6666, 02-2345-6789, 021 1234 5678.
  {
    pattern: new RegExp(`${NOT_BEFORE}(?:\\(0\\d{1,3}\\)|0\\d{1,3})${S}\\d{3,4}${S}\\d{4}(?!\\d)`, 'g'),
    mask: '[phone]',
    hint: /0\d/,
  },
  // Hong Kong and local eight-digit numbers: 9123 4567, 2345-6789 (not a date like 20261203).
  {
    pattern: /(?<![\dA-Za-z.,:/-])[2-9]\d{3}[ -]?\d{4}(?![\d.,:/%％])/g,
    mask: '[phone]',
    hint: /\d{4}/,
    keep: (m) => !/^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(m),
  },
  // QQ numbers after their name: QQ 12345678, 扣扣：12345678, q号 12345678.
  {
    pattern: new RegExp(
      `(?<=(?:QQ|扣扣|企鹅|企鵝|q)(?:号码|號碼|号|號|群)?\\s*[:：]?\\s*(?:是|为|為|is)?\\s*)\\d(?:${S}\\d){4,11}(?!\\d)`,
      'gi',
    ),
    mask: '[qq]',
    hint: QQ_WORDS,
  },
  // WeChat and LINE IDs: after a colon or 号/是, any ID; right after the name, one that has a digit or _ in it.
  {
    pattern:
      /(?<=(?:微信|威信|薇信|徽信|v信|vx|wx|wechat|we chat|weixin|微訊|line)\s*(?:(?:号|號|id|帳號|账号)\s*[:：]?|[:：]|是|为|為|is)\s*(?:是|为|為|is)?\s*)[A-Za-z0-9][-_.A-Za-z0-9]{3,19}/gi,
    mask: '[wechat]',
    hint: IM_WORDS,
  },
  {
    pattern: /(?<=(?:微信|威信|薇信|徽信|v信|vx|wx|wechat|weixin)\s*)[A-Za-z][-_A-Za-z0-9]*[-_\d][-_A-Za-z0-9]*/gi,
    mask: '[wechat]',
    hint: IM_WORDS,
    keep: (m) => m.length >= 6 && m.length <= 20,
  },
  // Whatever digits still follow a word for phone: 电话 8765432, call 2345 678.
  {
    pattern: new RegExp(
      `(?<=(?:电话|電話|手机|手機|联系方式|聯絡方式|联系|聯繫|聯絡|致电|致電|座机|座機|号码|號碼|tel|phone|mobile|call|whatsapp|cell|contact)[^\\d\\n]{0,8}?)\\d(?:${S}\\d){5,}(?!\\d)`,
      'gi',
    ),
    mask: '[phone]',
    hint: PHONE_WORDS,
  },
  // Long digit runs (bank cards, anything of 12 or more digits) are never something staff need.
  { pattern: new RegExp(`${NOT_BEFORE}\\d(?:${S}\\d){11,}(?![\\dA-Za-z])`, 'g'), mask: '[id]', hint: DIGIT },
];

/** Chinese numerals as read out in phone numbers: 一三八零…, 幺三八洞…, 壹叁捌… */
const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  零: '0',
  〇: '0',
  '○': '0',
  洞: '0',
  一: '1',
  幺: '1',
  壹: '1',
  二: '2',
  两: '2',
  兩: '2',
  贰: '2',
  貳: '2',
  三: '3',
  叁: '3',
  參: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  陸: '6',
  七: '7',
  拐: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  勾: '9',
  玖: '9',
};
/** Seven or more digits in a row, Chinese or Arabic, with at most one separator between two. */
const DIGIT_RUN = new RegExp(
  `[0-9${Object.keys(CHINESE_DIGITS).join('')}](?:${S}[0-9${Object.keys(CHINESE_DIGITS).join('')}]){6,}`,
  'g',
);

/**
 * A copy where every character that a number or address can be written with is in its ASCII form,
 * one code unit for one so that positions stay aligned: full-width ASCII and the ideographic space,
 * and Chinese numerals in runs long enough to be a phone or an ID.
 */
function foldForMatching(text: string): string {
  const halfWidth = text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
  return halfWidth.replace(DIGIT_RUN, (run) => run.replace(/./g, (ch) => CHINESE_DIGITS[ch] ?? ch));
}

function replaceBoth(
  pair: { original: string; folded: string },
  detector: Detector,
): { original: string; folded: string } {
  let original = '';
  let folded = '';
  let last = 0;
  for (const match of pair.folded.matchAll(detector.pattern)) {
    if (detector.keep && !detector.keep(match[0])) continue;
    original += pair.original.slice(last, match.index) + detector.mask;
    folded += pair.folded.slice(last, match.index) + detector.mask;
    last = match.index + match[0].length;
  }
  return { original: original + pair.original.slice(last), folded: folded + pair.folded.slice(last) };
}

/**
 * Masks phone numbers, ID-card numbers, e-mail addresses, QQ numbers and WeChat/LINE IDs: `[phone]`,
 * `[id]`, `[email]`, `[qq]`, `[wechat]`. Numbers typed in full-width digits (１３８…, ｘ＠ｑｑ．ｃｏｍ)
 * or read out in Chinese numerals (一三八零零一三八零零零) are masked too; the rest of the text is left
 * exactly as written.
 */
export function maskContacts(text: string): string {
  // Patterns run on a folded copy; replacing the same ranges in both keeps them aligned.
  let pair = { original: text, folded: foldForMatching(text) };
  for (const detector of CONTACTS) if (detector.hint.test(pair.folded)) pair = replaceBoth(pair, detector);
  return pair.original;
}

/*
 * Numbers that are no one's: dates, times, money, durations, emergency numbers. They are set aside
 * before flats and rooms are looked for, so "2026-12-03", "10:30", "300元" and "119" stay as written.
 */
const NOT_PERSONAL: readonly RegExp[] = [
  /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号號]?/g,
  /\d{1,2}\s*月\s*\d{1,2}\s*[日号號]?|(?<!\d)\d{1,2}\/\d{1,2}(?:\/\d{2,4})?(?![\d/])/g,
  /(?<!\d)(?:19|20)\d{2}(?=\s*(?:年|[-/.]\d))|\b(?:in|since|year|from|until|till|by|before|after)\s+(?:19|20)\d{2}\b/gi,
  /(?<!\d)\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?(?!\d)|\d{1,2}\s*[点點时時](?:\s*\d{1,2}\s*分|半)?/g,
  /(?:¥|￥|\$|HK\$|NT\$|RMB|rmb)\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:元|块|塊|万|萬|毛|角|蚊|dollars?|yuan|rmb|hkd|twd|ntd)/gi,
  /\d+(?:\.\d+)?\s?(?:个月|個月|小时|小時|钟头|鐘頭|分钟|分鐘|天|周|週|秒|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?)(?![A-Za-z])/gi,
  /(?<![\d-])(?:110|119|120|122|999|911|112|1999|1925|12345|12315|12319|12369|95598|96333|96119)(?!\d|\s*(?:室|房|户|戶|号|號|楼|樓|栋|棟|座))/g,
];

/** A street and its number: 中山路123号, 彌敦道88號, 重慶南路一段122號5樓, 123 Nathan Road. */
const STREET_ZH =
  /([\u4e00-\u9fff](?:路|街|大道|道|巷|弄|胡同|里))\s*(?:[一二三四五六七八九十\d]+\s*段\s*)?(?:\d+\s*[巷弄]\s*)*\d+(?:\s*之\s*\d+)?\s*[号號](?![楼樓院线線])(?:\s*\d+\s*[樓楼层層](?:\s*之\s*\d+)?)?(?:\s*\d+\s*室)?/g;
const STREET_EN =
  /\b\d{1,5}[A-Z]?(?=,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Drive|Dr|Path|Terrace|Boulevard|Blvd|Way|Court|Crescent|Place)\b)/g;

/** 2单元, 二單元, 1201室, 1201房, 5-2-1201, #1201: what is dropped right after a building. */
const UNIT_ZH =
  /[0-9一二三四五六七八九十两]+\s*(?:单元|單元)|[A-Z]?\d{2,4}[A-Z]?\s*(?:室|房|号房|號房)|(?<!\d)\d{1,3}\s?-\s?\d{1,2}\s?-\s?\d{3,4}(?!\d)|(?<![\d#])#\s?\d{3,4}(?!\d)/g;

/** Flats and rooms however they are written. */
const FLATS: readonly RegExp[] = [
  // 3-1202 (building-room), not 100-200元 (set aside above) nor a phone (masked before).
  /(?<![\d\-/.:])\d{1,3}\s?-\s?\d{3,4}(?![\d-])/g,
  /\b(?:[Rr]oom|ROOM|[Rr]m|RM|[Ff]lat|FLAT|[Aa]pt|[Aa]partment|[Uu]nit|UNIT|[Ss]uite|[Ee]ntrance)\.?\s*#?\s*(?:\d+[A-Za-z]?|[A-Z]\d{0,2})\b/g,
  /\b\d{1,3}\s*\/\s*[Ff]\b|\b\d{1,2}[Ff]\s*[-之]\s*\d{1,2}\b|\d+\s*[樓楼]\s*之\s*\d+/g,
  // 12层3号, 5楼2户 (a door on a floor), 门牌 5; not "120户人家", a count of households.
  /\d+\s*(?:层|層|楼|樓)\s*\d{1,2}\s*(?:号|號)(?![楼樓])|(?<=(?:层|層|楼|樓|单元|單元|＊)\s*)[0-9一二三四五六七八九十]+\s*(?:户|戶)|[0-9一二三四五六七八九十]+\s*(?:门牌|門牌)(?:\s*\d+)?/g,
  /(?:房号|房號|门牌号|門牌號|门牌|門牌|房间号|房間號)\s*[:：]?\s*\w+/g,
  /\d{1,3}\s*(?:楼|樓)\s*[A-Z](?![A-Za-z])/g,
  // 12B, 7A: a floor and a door, as Hong Kong and Taiwan write a flat.
  /\b\d{1,3}[A-FH]\b/g,
];

/**
 * A bare 3–4 digit number is a flat or a room only in the words of one: right after a building or a
 * unit ("3号楼1201", "B座1604"), after where one lives ("住在802", "我家1203", "I live in 802"), or
 * before what belongs to a flat ("802的阳台", "1201楼上", "1704住户"). Elsewhere it is a count, a
 * year, a price or a serial number ("电梯编号2024", "打了800遍") and stays.
 */
const BARE_NUMBER = /(?<![\d.,:/])\d{3,4}(?![\d.:/]|,\d)/g;
const ROOM_BEFORE = new RegExp(
  '(?:' +
    [
      '(?:号楼|號樓|栋|棟|幢|座|单元|單元|[楼樓层層＊])\\s*-?',
      '(?:住在|住喺|住係|住|家住|我家(?:是|在)?|我是|我係|我们家|我們家|我哋|业主|業主|住户|住戶|户主|戶主)',
      '\\b(?:live|lives|living|stay|staying) (?:in|at)',
    ].join('|') +
    ')\\s*$',
  'i',
);
const ROOM_AFTER =
  /^\s*(?:的|嘅|家|业主|業主|住户|住戶|邻居|鄰居|楼上|楼下|樓上|樓下|对门|對門|隔壁|那户|那戶|那家|阳台|陽台|卫生间|衛生間|厨房|廚房|房间|房間|客厅|客廳|门口|門口)/;
/** Words before a number that make it a serial, not a flat: 电梯编号2024的, 工号1234的. */
const SERIAL_BEFORE =
  /(?:编号|編號|编码|編碼|型号|型號|工号|工號|车牌|車牌|尾号|尾號|单号|單號|订单|訂單|第|\bno\.?)\s*$/i;

function maskRoomNumber(number: string, offset: number, whole: string): string {
  const before = whole.slice(Math.max(0, offset - 16), offset);
  if (SERIAL_BEFORE.test(before)) return number;
  if (ROOM_BEFORE.test(before) || ROOM_AFTER.test(whole.slice(offset + number.length, offset + number.length + 4)))
    return MASK;
  return number;
}

/**
 * Common surnames (simplified and traditional), to tell where a name starts: "楼下的王先生" masks
 * "王先生", "本人张伟住3号楼" masks "张伟". Characters that are also everyday words are left out.
 */
const SURNAMES = new Set([
  ...'王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭萧田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范范金石廖贾賈夏韦韋付方邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔汤湯常温溫康施牛樊葛邢齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿焦俞左柳甘祝宁寧符舒阮柯纪紀梅童凌毕畢裴霍涂苗盛翁冉骆駱蓝藍辛靳柴鲍鮑喻祁蒲滕屈饶饒牟艾尤穆卓缪繆简簡麦麥岑邝鄺冼区區',
]);
const COMPOUND_SURNAMES = [
  '欧阳',
  '歐陽',
  '司马',
  '司馬',
  '诸葛',
  '諸葛',
  '上官',
  '司徒',
  '东方',
  '東方',
  '夏侯',
  '皇甫',
  '令狐',
  '慕容',
];

/** Characters that end a name given after 我叫 / 本人: "本人张伟住在…", "我叫李建国电话…". */
const AFTER_A_NAME =
  /[住在的是家电電手联聯反投想要今这這楼樓们們也就都还還已因所但和跟与與给給说說找到了吗嗎呢吧啊呀哦，,。.\s、；;！!？?（(：:]/;

/** Marks where a self-introduction ends, while masking; a private-use character no text keeps. */
const INTRO_END = '\uF8FF';
/**
 * "我叫", "本人", and "我是" with who one is among neighbours before the name: "我是邻居孙丽", or
 * where one lives: "我是301的张三", "我是3号楼的李四".
 */
const SELF_INTRODUCTION =
  /(?:我是|我係)\s*[^，,。.！!？?\s]{0,8}?(?:[\d＊]|号楼|號樓|栋|棟|座|单元|單元|室|[楼樓层層]|隔壁|对门|對門)\s*(?:的|嘅)|(?:我叫|我係|我是|本人|名叫|叫做|姓名|联系人|聯繫人|聯絡人|业主|業主|住户|住戶|户主|戶主)\s*[:：]?\s*(?:(?:楼上的|樓上的|楼下的|樓下的|隔壁的)?(?:邻居|鄰居|业主|業主|住户|住戶|租户|租戶|家属|家屬)\s*)?/g;

/** "我叫李建国" → "我叫＊": a surname and at most two more characters that are not the sentence going on. */
function maskSelfIntroductions(text: string): string {
  return text
    .replace(SELF_INTRODUCTION, (intro) => intro + INTRO_END)
    .replace(/\uF8FF([\u4e00-\u9fff]{1,4})/g, (whole, after: string) => {
      const compound = COMPOUND_SURNAMES.find((c) => after.startsWith(c));
      const surname = compound ?? (SURNAMES.has(after.charAt(0)) ? after.charAt(0) : undefined);
      if (surname === undefined) return after;
      let end = surname.length;
      while (end < after.length && end < surname.length + 2 && !AFTER_A_NAME.test(after.charAt(end))) end++;
      return MASK + after.slice(end);
    })
    .replace(/\uF8FF/g, '');
}

/**
 * Two- and three-character words that start with a surname but are no one's name, in the places a
 * bare name is looked for ("联系方式", "找周边的人", "高层说").
 */
const NOT_A_NAME =
  /^(?:方式|方法|方面|方便|方案|方向|方才|周边|周邊|周末|周围|周圍|周一|周二|周三|周四|周五|周六|周日|高层|高層|高手|于是|於是|万一|萬一|马上|馬上|常常|石头|石頭|金额|金額|任何|任务|任務|程序|江边|林子|黄色|黃色|明天|严重|嚴重|温度|溫度|何时|何時|何处|何處|曾经|曾經|沈默|章程|史上|安全|柯式|易懂|钱包|錢包|毛病|雷雨|龙头|龍頭|钟点|鐘點|房东|房東|连续|連續|童年|段时间|余下|餘下|包括)/;
/** A name's last character when the word is an office, not a person: 林业局说, 江苏省说. */
const AN_OFFICE = /[局处處站所办辦部会會厅廳院委司队隊省市区區县縣镇鎮村街路]$/;
/** A bare name after whom to ask for ("有事找张三", "联系李四"), or at the head of what they said ("王芳说"). */
const BARE_NAMES: readonly RegExp[] = [
  /(?<=(?:找|联系|聯繫|聯絡|联络|请问|請問|通知|打给|打給|告诉|告訴|交给|交給)\s*)[\u4e00-\u9fff]{2,3}(?=$|[，,。.！!？?\s、；;：:（(]|(?:说|說|讲|講|电话|電話|手机|手機|就行|就好|即可|处理|處理|帮忙|幫忙|负责|負責|吧|啊|呀))/g,
  /(?<=^|[，,。.！!？?\s：:；;、])[\u4e00-\u9fff]{2,3}(?=说|說|讲|講|话|話|告诉|告訴)/g,
];

function maskBareName(word: string): string {
  const compound = COMPOUND_SURNAMES.some((c) => word.startsWith(c));
  if (!compound && !SURNAMES.has(word.charAt(0))) return word;
  if (NOT_A_NAME.test(word) || AN_OFFICE.test(word)) return word;
  return MASK;
}

const OTHER_IDENTIFYING: readonly RegExp[] = [
  // 我是业主，/ 姓名：张三 when no surname was recognised: one to three characters up to punctuation.
  /(?<=(?:我是|我叫|本人|姓名|联系人|聯繫人|聯絡人)\s*[:：]?\s*)[\u4e00-\u9fff]{1,3}(?=[，,。.\s、；;！!]|$)/g,
  /(?<=(?:我姓|本人姓|免贵姓|免貴姓|姓[:：]\s*))[\u4e00-\u9fff]/g,
  /(?<=\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame\s*[:：]|I am|I'm|[Tt]his is|[Cc]all me|[Ii]t's)\s+)(?!(?:Block|Building|Tower|Flat|Room|Unit|Floor|Lift|Estate|Phase|Not|Very|So|Really|Still|The|A|An)\b)[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2}/g,
  /(?<=\b[Mm]y name is\s+)[a-z]+(?:\s[a-z]+)?/g,
  /\b(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Auntie|Aunty|Uncle)\.?\s+[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2}/g,
];

/** A surname or given name and how neighbours address them: 王师傅, 李阿姨, 张先生, 陳小姐. */
const NAME_WITH_TITLE =
  /([\u4e00-\u9fff]{1,3})(?:先生|女士|小姐|太太|阿姨|大爷|大爺|大妈|大媽|师傅|師傅|老师|老師|奶奶|爷爷|爺爺|伯伯|叔叔|阿婆|婆婆|阿伯|老伯|同学|同學)/g;
/** Cantonese 陳生 / 陳太 (Mr / Mrs Chan): a surname right after a pause or "找 / 叫". */
const CANTONESE_TITLE =
  /(?<=^|[^\u4e00-\u9fff]|[是叫找同和跟與与給给請请问問])([\u4e00-\u9fff])(?:生(?![活产產日气氣意病长長物命])|太(?![多少大小好阳陽久远遠吵差慢快高低热熱冷贵貴臭脏髒乱亂响響难難了过過]))/g;

/**
 * What comes before 师傅 or 阿姨 when it is a trade, not a name: 维修师傅 and 保洁阿姨 are whoever the
 * firm sends, and staff write them all the time. Also 老师傅, 老奶奶, 女老师. Simplified forms.
 */
const NOT_NAMES = new Set([
  '维修',
  '修理',
  '物业',
  '保安',
  '门卫',
  '电梯',
  '保洁',
  '清洁',
  '水电',
  '电工',
  '水工',
  '水管',
  '管道',
  '燃气',
  '煤气',
  '装修',
  '绿化',
  '园林',
  '园艺',
  '快递',
  '外卖',
  '送水',
  '开锁',
  '空调',
  '工程',
  '宿管',
  '食堂',
  '老',
  '小',
  '大',
  '男',
  '女',
]);
/** Words that end right before a title and are no surname: "物业的师傅", "来了个师傅", "这位阿姨". */
const NOT_A_SURNAME = /[的个位这那些了]/;
/** Characters a two-character word before a title starts with when only its last one is a name: "来了王师傅", "楼下张大爷". */
const BEFORE_A_NAME = /[的个位名这那些了来去和跟与给让叫请找是上下里边楼号层]/;

function maskName(whole: string, before: string): string {
  const simplified = toSimplified(before);
  if (NOT_A_SURNAME.test(simplified.slice(-1))) return whole;
  for (let i = 0; i < simplified.length; i++) if (NOT_NAMES.has(simplified.slice(i))) return whole;
  // Where the name starts: the first surname that is not a word before a name ("楼下的王先生").
  for (let i = 0; i < before.length; i++) {
    const ch = before.charAt(i);
    if (SURNAMES.has(ch) && !(i < before.length - 1 && BEFORE_A_NAME.test(toSimplified(ch))))
      return `${before.slice(0, i)}${MASK}`;
  }
  const tail = before.slice(-2);
  const first = toSimplified(tail).slice(0, 1);
  if (tail.length === 2 && (BEFORE_A_NAME.test(first) || NOT_NAMES.has(first))) return `${before.slice(0, -1)}${MASK}`;
  return `${before.slice(0, -tail.length)}${MASK}`;
}

function maskCantoneseTitle(whole: string, surname: string): string {
  return SURNAMES.has(surname) ? MASK : whole;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Full-width digits and Latin letters to ASCII ("１２０２室" → "1202室"); punctuation stays. */
function foldAlphanumerics(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Sets aside what must not be masked as one private-use character each, to put back afterwards. */
function setAside(text: string): { text: string; restore: (masked: string) => string } {
  const kept: string[] = [];
  let out = text;
  for (const pattern of NOT_PERSONAL) {
    out = out.replace(pattern, (m) => {
      // The last private-use characters mark self-introductions; beyond, a number simply stays in play.
      if (kept.length >= 0x18f0) return m;
      kept.push(m);
      return String.fromCharCode(0xe000 + kept.length - 1);
    });
  }
  return {
    text: out,
    restore: (masked) => masked.replace(/[\uE000-\uF8FF]/g, (ch) => kept[ch.charCodeAt(0) - 0xe000] ?? ''),
  };
}

/**
 * For staff, the agenda and exports: contacts, flats, rooms, street numbers and names are masked, and
 * so is every string in `known` (the reporters' own display names, phones and units, when the caller
 * has them). A unit right after its building is dropped ("3号楼2单元" → "3号楼"); buildings and spots
 * stay, and so do dates, times, money, durations and emergency numbers. Direction-control characters
 * are dropped. Masking masked text changes nothing.
 */
export function redactPersonalDetails(text: string, known: readonly string[] = []): string {
  // Private-use characters are ours while masking (see setAside); a resident has no use for them.
  let out = maskContacts(foldAlphanumerics(stripDirectionMarks(text).replace(/[\uE000-\uF8FF]/g, '')));
  for (const s of [...known]
    .map((k) => k.trim())
    .filter((k) => k.length >= 2)
    .sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(s), 'gi'), MASK);
    const digits = s.replace(/\D/g, '');
    if (digits.length >= 6) out = out.replace(new RegExp(digits.split('').join('[\\s-]?'), 'g'), MASK);
  }
  // Flats, rooms and street numbers all have a digit or a numeral: most texts skip their patterns.
  const numbered = /[\d一二三四五六七八九十两]/.test(out);
  const aside = numbered ? setAside(out) : { text: out, restore: (masked: string) => masked };
  out = aside.text;
  if (numbered) {
    out = out.replace(STREET_ZH, `$1${MASK}`).replace(STREET_EN, MASK);
    out = out.replace(UNIT_ZH, (unit, offset: number, whole: string) =>
      /(?:号楼|號樓|栋|棟|幢|座|楼|樓)\s*$/.test(whole.slice(Math.max(0, offset - 3), offset)) ? '' : MASK,
    );
    for (const pattern of FLATS) out = out.replace(pattern, MASK);
  }
  out = maskSelfIntroductions(out);
  for (const pattern of BARE_NAMES) out = out.replace(pattern, maskBareName);
  for (const pattern of OTHER_IDENTIFYING) out = out.replace(pattern, MASK);
  out = out.replace(NAME_WITH_TITLE, maskName).replace(CANTONESE_TITLE, maskCantoneseTitle);
  if (numbered) out = out.replace(BARE_NUMBER, maskRoomNumber);
  return aside.restore(out).replace(/＊(?:\s*＊)+/g, MASK);
}
