/**
 * Takes what could identify a resident out of free text before it reaches the agenda: phone numbers,
 * unit and room numbers, names introduced as names ("我是李四", "my name is …", "王阿姨"), and any
 * string known to belong to the ticket's reporters (their display names, phones, units). Buildings
 * ("3号楼", "B座") and spots stay: the meeting needs them.
 */
const MARK = '＊';

const PATTERNS: readonly RegExp[] = [
  // Phones: mobile and landline numbers, with or without +86, spaces or dashes.
  /(?:\+?86[\s-]?)?(?:\d[\s-]?){6,}\d/g,
  // Units, rooms, floors of a home: 2单元, 301室, 5-2-301, 2单元301.
  /\d+\s*[-－]\s*\d+\s*[-－]\s*\d+/g,
  /[0-9０-９一二三四五六七八九十]+\s*(?:单元|單元|室|户|戶|号房|號房|门牌|門牌)(?:\s*\d+)?/g,
  /(?:房号|房號|门牌号|門牌號)\s*[:：]?\s*\w+/g,
  // A bare 3–4 digit number is taken for a room unless a unit of measure or a building follows it.
  /(?<![\d.])\d{3,4}(?![\d.]|\s*(?:号楼|號樓|栋|棟|座|幢|年|元|块|塊|米|平|天|小时|小時|分钟|分鐘|个|個|人|户|%|％|km|m\b|kg|ml|l\b|mm|cm|yuan|days?|hours?|minutes?|people))/gi,
  /\b(?:unit|room|apt\.?|apartment|flat|entrance|door)\s*#?\s*[\w-]+/gi,
  /#\s*\d+/g,
  // Names given as names.
  /(?:我是|我叫|本人|姓名|联系人|聯繫人|聯絡人|业主|業主|住户|住戶)\s*[:：]?\s*[\u4e00-\u9fff]{1,3}(?=[，,。.\s、；;！!]|$)/g,
  /(?:我姓|姓)[\u4e00-\u9fff]/g,
  /[\u4e00-\u9fff]{1,2}(?:先生|女士|小姐|阿姨|大爷|大爺|大妈|大媽|师傅|師傅|老师|老師|奶奶|爷爷|爺爺|伯伯|叔叔)/g,
  /\b(?:my name is|i am|i'm|this is)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?/g,
  /\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+/g,
  // E-mail addresses.
  /[\w.+-]+@[\w-]+\.[\w.]+/g,
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redacts one text; `known` are exact strings to remove (shorter than 2 characters are ignored). */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const s of [...known].filter((k) => k.trim().length >= 2).sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escape(s.trim()), 'gi'), MARK);
    const digits = s.replace(/\D/g, '');
    if (digits.length >= 6) out = out.replace(new RegExp(digits.split('').join('[\\s-]?'), 'g'), MARK);
  }
  for (const pattern of PATTERNS) out = out.replace(pattern, MARK);
  return out.replace(/＊(?:\s*＊)+/g, MARK);
}
