/**
 * How a resident puts a misheard voice note right, in words: restating it ("不对，我说的是…",
 * "聽錯了，是…", "No, I said …") or swapping one part ("不是3号楼是5号楼", "不是停水，是停电",
 * "not building 3 but building 5"). Only these forms count: an ordinary follow-up ("还在漏",
 * "补充：…") is never read as a correction.
 */
export type CorrectionForm = { kind: 'restate'; text: string } | { kind: 'replace'; from: string; to: string };

const WRONG = String.raw`(?:不对|不對|错了|錯了|听错了|聽錯了|你听错了|你聽錯了|搞错了|搞錯了|不是这样|不是這樣)`;
const SAID = String.raw`(?:我说的是|我說的是|我是说|我是說|我讲的是|我講的是|应该是|應該是)`;
const STOP = String.raw`[，,。.!！:：\s]`;

const RESTATE_ZH = new RegExp(String.raw`^(?:${WRONG}${STOP}*)?${SAID}${STOP}*(.+)$`, 's');
const WRONG_THEN_TEXT = new RegExp(String.raw`^${WRONG}${STOP}+(?:是)?(.+)$`, 's');
const REPLACE_ZH = new RegExp(String.raw`^(?:${WRONG}${STOP}*)?不是(.+?)${STOP}*(?:而|而且)?是(.+?)[。.!！]?$`, 's');
const RESTATE_EN = /^(?:no|nope|wrong)?[,.!\s]*(?:i said|i meant|what i said (?:was|is))[:,\s]+(.+)$/is;
const WRONG_EN = /^(?:correction|you misheard(?: me)?|that'?s (?:wrong|not right|not what i said))[:,.!\s]+(.+)$/is;
const REPLACE_EN = /^(?:no[,.!]?\s+)?(?:it'?s\s+)?not\s+(.+?)[,\s]+(?:but|it'?s|it is)\s+(.+?)[.!]?$/is;

/**
 * A message correcting the words of a voice note: the ticket filed from it, or null for the complaint
 * still waiting for its place; and the corrected words.
 */
export interface TranscriptCorrection {
  ticketId: number | null;
  text: string;
}

/** The correction a message makes, or undefined when it is not one of the forms above. */
export function readCorrection(message: string): CorrectionForm | undefined {
  const text = message.trim();
  // A correction states; "不是说好今天来修吗？是不是忘了" asks, and is answered as a question.
  if (/[？?]|[吗嗎呢][。.!！]?$/.test(text)) return undefined;
  const replace = REPLACE_ZH.exec(text) ?? REPLACE_EN.exec(text);
  if (replace && replace[1]!.trim() !== '' && replace[2]!.trim() !== '')
    return { kind: 'replace', from: replace[1]!.trim(), to: replace[2]!.trim() };
  const restate = RESTATE_ZH.exec(text) ?? WRONG_THEN_TEXT.exec(text) ?? RESTATE_EN.exec(text) ?? WRONG_EN.exec(text);
  const said = restate?.[1]?.trim();
  return said ? { kind: 'restate', text: said } : undefined;
}

/**
 * The ticket's words once corrected: what was restated; the heard words with the part swapped; or,
 * when the part to swap is not in them (the endpoint wrote 三号楼, the resident 3号楼), the heard
 * words followed by the correction, so that nothing the resident said is lost.
 */
export function correctedText(
  heard: string,
  correction: CorrectionForm | { kind: 'reply'; text: string },
  message: string,
): string {
  if (correction.kind !== 'replace') return correction.text;
  return heard.includes(correction.from)
    ? heard.replace(correction.from, correction.to)
    : `${heard}\n${message.trim()}`;
}
