/** Closing the loop in words: "没修好" reopens, "修好了" confirms, a lone digit 1–5 rates. */
const NOT_FIXED =
  /没修好|没有修好|还没修|还没好|没解决|没有解决|还是(坏|不亮|没水|漏|不行|老样子|一样)|沒修好|沒有修好|還沒修|還沒好|沒解決|還是(壞|不亮|沒水|漏|不行|一樣)|not fixed|isn'?t fixed|still (broken|not working|leaking|no water|the same)|not (solved|resolved)/i;
const FIXED =
  /^(已经|已經)?(修好了|好了|解决了|解決了|已解决|已解決|没问题了|沒問題了|可以了)|^(it'?s )?(fixed|solved|resolved)( now)?|^works now|^all good/i;

/** A typed answer about a resolved ticket: a rating 1–5, "fixed", or "not fixed". */
export type FixAnswer = { kind: 'rating'; rating: number } | { kind: 'fixed' } | { kind: 'not-fixed' };

/**
 * Reads a typed answer to "is it really fixed?": "没修好" (not fixed, wherever it stands in the text),
 * "修好了" (fixed, only as a short answer that starts so), a lone digit 1–5 (a rating); otherwise
 * undefined — the words are about something else.
 */
export function readFixAnswer(text: string): FixAnswer | undefined {
  const t = text.trim();
  if (/^[1-5]$/.test(t)) return { kind: 'rating', rating: Number(t) };
  if (NOT_FIXED.test(t)) return { kind: 'not-fixed' };
  if (t.length <= 20 && FIXED.test(t)) return { kind: 'fixed' };
  return undefined;
}
