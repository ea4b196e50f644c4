const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * Reads a building or unit number written in Arabic digits ("03", "12") or in Chinese numerals from
 * 一 to 九十九 ("三", "十二", "二十三"), also digit by digit ("一〇" = 10). Returns null for anything
 * else ("几", "百", "十十"), so callers treat it as no number.
 */
export function parseChineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10);
  if (text.length === 0) return null;
  const tenAt = text.indexOf('十');
  if (tenAt === -1) {
    let value = 0;
    for (const ch of text) {
      const digit = DIGITS[ch];
      if (digit === undefined) return null;
      value = value * 10 + digit;
    }
    return value;
  }
  if (text.indexOf('十', tenAt + 1) !== -1 || text.length > 3) return null;
  const tensText = text.slice(0, tenAt);
  const onesText = text.slice(tenAt + 1);
  const tens = tensText === '' ? 1 : DIGITS[tensText];
  const ones = onesText === '' ? 0 : DIGITS[onesText];
  if (tens === undefined || ones === undefined || tens === 0) return null;
  return tens * 10 + ones;
}
