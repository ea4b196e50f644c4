/** What kind of non-complaint a message is, to answer it helpfully. */
export type ChatterKind = 'thanks' | 'ack' | 'greeting' | 'question' | 'statement';

const THANKS = /谢|謝|辛苦|感恩|thank|thx|cheers|🙏|❤/i;
/** "好的", "嗯", "收到", "ok", 👍: the resident has read us; "you're welcome" would be odd. */
const ACK =
  /^(好的?|好啊|好吧|嗯+|哦+|噢+|喔+|收到|知道了|明白了?|了解|瞭解|行|可以|ok|okay|okey|k|got it|noted|sure|alright|fine)[!！。.~～]*$|^👌|^👍/i;
const GREETING =
  /^(你好|您好|妳好|在吗|在嗎|在不在|哈囉|哈喽|嗨|早|早上好|早安|午安|晚上好|晚安|hi|hello|hey|good (morning|afternoon|evening))[\s!！。.~～,，呀啊]*/i;
const QUESTION =
  /[?？]|吗|嗎|怎么|怎麼|如何|能不能|是不是|\bhow\b|\bwhat\b|\bcan i\b|\bcan you\b|\bdo you\b|\bare you\b/i;

export function chatterKind(text: string): ChatterKind {
  const t = text.trim();
  if (ACK.test(t)) return 'ack';
  if (THANKS.test(t)) return 'thanks';
  if (QUESTION.test(t)) return 'question';
  if (GREETING.test(t)) return 'greeting';
  return 'statement';
}

/**
 * Asking how one's report is getting on: when, whether someone is coming, any news. Written in
 * simplified, traditional or English; the pieces are removed before looking for a problem in the rest.
 */
const STATUS_ASK = new RegExp(
  [
    '(什么|什麼|啥)时候|(什么|什麼|啥)時候|几时|幾時|何时|何時|多久|多长时间|多長時間|还要等|還要等|要等多久',
    '(有没有|有沒有|有)人(来|來|管|处理|處理|跟进|跟進)',
    '(怎么|怎麼)?(还|還)?(没|沒)(有)?人(来|來|管|处理|處理|理)',
    '进度|進度|进展|進展|处理得?(怎么样|怎麼樣|如何)|處理得?(怎麼樣|如何)|(怎么样|怎麼樣)了|结果呢|結果呢',
    '(处理|處理|修|弄|搞|解决|解決)(了|好了)?(吗|嗎|没有|沒有|没|沒)',
    '能(处理|處理|修|弄|解决|解決)好',
    "\\bwhen\\b|how long|any (news|update|progress)|\\bupdates?\\b|\\bstatus\\b|anyone coming|someone coming|is (anyone|someone)|what'?s happening",
  ].join('|'),
  'gi',
);
/** Words that describe a problem: what is left of a status question must not have them. */
const PROBLEM_LEFT =
  /坏|壞|停|漏|堵|脏|髒|臭|吵|断|斷|倒|火|烟|煙|困|偷|乱|亂|满|滿|破|裂|掉|积|積|淹|爆|broken|leak|no water|fire|smoke|stuck|dirty|smell|noise|flood|crack/i;

/** "什么时候能处理好？", "有人来吗", "when will it be fixed?": a question about one's own report. */
export function isStatusQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 40) return false;
  if (!new RegExp(STATUS_ASK.source, 'i').test(t)) return false;
  return !PROBLEM_LEFT.test(t.replace(STATUS_ASK, ' '));
}

/**
 * A message that says nothing one could add to a ticket: a stray letter, a lone sign or digit ("a",
 * "?", "7"), punctuation or emoji only. (A digit 1–5 after a resolve is a rating, read before this.)
 */
export function isNoise(text: string): boolean {
  const t = text.replace(/[\s\p{P}\p{S}\p{Emoji_Presentation}]/gu, '');
  if (t === '') return true;
  return /^[A-Za-z0-9]$/.test(t);
}
