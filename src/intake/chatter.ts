/** What kind of non-complaint a message is, to answer it helpfully. */
export type ChatterKind = 'thanks' | 'greeting' | 'question' | 'statement';

const THANKS = /谢|謝|辛苦|感恩|thank|thx|cheers|👍|🙏|❤|^(好的|收到|ok|okay|嗯|好)[!！。.~～]*$/i;
const GREETING = /^(你好|您好|妳好|在吗|在嗎|在不在|哈囉|哈喽|嗨|早|早上好|早安|午安|晚上好|晚安|hi|hello|hey|good (morning|afternoon|evening))[\s!！。.~～,，呀啊]*/i;
const QUESTION = /[?？]|吗|嗎|怎么|怎麼|如何|能不能|是不是|\bhow\b|\bwhat\b|\bcan i\b|\bcan you\b|\bdo you\b|\bare you\b/i;

export function chatterKind(text: string): ChatterKind {
  const t = text.trim();
  if (THANKS.test(t)) return 'thanks';
  if (QUESTION.test(t)) return 'question';
  if (GREETING.test(t)) return 'greeting';
  return 'statement';
}
