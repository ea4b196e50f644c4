/**
 * Masks personal details in text that leaves a resident's own chat: for staff groups and the agenda
 * (unit and room numbers, phones, ID numbers, e-mail addresses) and for an external LLM (phones, ID
 * numbers, e-mail addresses). Buildings and public spots stay: they are what staff need.
 */

const PHONE_CN = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g;
const PHONE_TW_HK = /(?<!\d)(?:\+?886[-\s]?|0)9\d{2}[-\s]?\d{3}[-\s]?\d{3}(?!\d)|(?<!\d)(?:\+?852[-\s]?)?[569]\d{3}[-\s]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}[-\s]\d{7,8}(?!\d)/g;
const ID_CARD = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])|(?<![A-Za-z])[A-Z][12]\d{8}(?!\d)/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** 2单元, 二單元, 1201室, 1201房, 5-2-1201, room 1201, flat 12B, unit 3, #1201, 12楼 (a floor pins down a flat with the unit). */
const UNIT_ZH = /[0-9一二三四五六七八九十两]+\s*(?:单元|單元)|\d{3,4}\s*(?:室|房|号房|號房)|(?<!\d)\d{1,3}-\d{1,2}-\d{3,4}(?!\d)|(?<![\d#])#\s?\d{3,4}(?!\d)/g;
const UNIT_EN = /\b(?:room|flat|apt\.?|apartment|unit|suite|entrance)\s*#?\s*[0-9]+[A-Z]?\b/gi;

export function maskContacts(text: string): string {
  return text.replace(EMAIL, '[email]').replace(ID_CARD, '[id]').replace(PHONE_CN, '[phone]').replace(PHONE_TW_HK, '[phone]').replace(LANDLINE, '[phone]');
}

/** For groups and the agenda: contacts and the unit/room a resident lives in are masked. */
export function redactPersonalDetails(text: string): string {
  // "3号楼2单元" reads best as "3号楼": drop a unit that follows its building, mark any other.
  return maskContacts(text)
    .replace(UNIT_ZH, (unit, offset: number, whole: string) => (/(?:号楼|號樓|栋|棟|幢|座|楼|樓)\s*$/.test(whole.slice(Math.max(0, offset - 3), offset)) ? '' : '[unit]'))
    .replace(UNIT_EN, '[unit]');
}
