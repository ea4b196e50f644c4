import type { LexiconScores } from './lexicon.ts';
import { matchesOf } from './matches.ts';

/** A piece of a message between punctuation marks, with how much it should count. */
export interface Clause {
  /** Offsets into the text that was split (normalised and original texts share offsets). */
  start: number;
  end: number;
  text: string;
  /**
   * 0 for salutations and sign-offs ("尊敬的物业领导", "此致敬礼", "Dear Sir"), 0.4 for problems
   * raised as an aside ("另外…", "also…"), 1.5 for a petition's subject line ("关于…的反映"), else 1.
   */
  weight: number;
  /** The clause's lexicon scores, once computed (see `scoreClause`). */
  lexicon?: LexiconScores;
}

const BOUNDARY = /[。！？!?；;：:\n\r，,、…~～]+|\.(?=\s|$)|\s{2,}/g;

const BOILERPLATE = new RegExp(
  '^(' +
    [
      '(尊敬的|致|敬爱的)[^，。]{0,24}',
      '[^，。]{0,12}(领导|负责人|负责同志|管理处|物业公司|物业|居委会|管家)(们)?(好|您好|你们好)?',
      '(您|你|你们|大家|各位|领导|各位领导|师傅|管家)(好|们好)',
      '此致',
      '敬礼',
      '此致\\s*敬礼',
      '顺颂(商祺|时祺)?',
      '谢谢(你们|您|物业)?(了)?',
      '多谢',
      '感谢',
      '麻烦(你们|您)?(了)?',
      '辛苦(了|你们了)',
      'hi',
      'hello',
      'dear [a-z ]{0,40}',
      'to whom it may concern',
      'thanks',
      'thank you',
      'many thanks',
      '(best |kind )?regards',
      'sincerely',
      'yours (sincerely|faithfully)',
    ].join('|') +
    ')$',
);

const LONG_MESSAGE = 40;

const ASIDE =
  /^(另外|还有|此外|另|顺便|同时|再有|再就是|并且|以及|also|plus|another thing|btw|by the way|and also|in addition|additionally)/;
const SUBJECT = /^(关于|事由|主题|subject:|re:)[^]{0,40}(问题|情况|反映|投诉|建议|complaint|issue)/;

/**
 * Splits a (normalised) message into clauses and weighs them, so that a long message's salutation
 * and sign-off do not vote for a category and a problem mentioned "by the way" counts less than the
 * main one. In short messages, and when every clause is boilerplate ("谢谢！", "您好"), greetings and
 * thanks keep their weight: there they are the message.
 */
export function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  // In a short message the "谢谢" is the point ("水来了，谢谢" is thanks, not a water complaint).
  const longMessage = text.length > LONG_MESSAGE;
  let aside = false;
  let from = 0;
  const push = (end: number): void => {
    const raw = text.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    const clauseText = raw.trim();
    if (clauseText.length === 0) return;
    if (ASIDE.test(clauseText)) aside = true;
    let weight = aside ? 0.4 : 1;
    if (longMessage && BOILERPLATE.test(clauseText)) weight = 0;
    else if (SUBJECT.test(clauseText)) weight = 1.5;
    clauses.push({ start: from + lead, end: from + lead + clauseText.length, text: clauseText, weight });
  };
  for (const match of matchesOf(BOUNDARY, text)) {
    push(match.index);
    from = match.index + match[0].length;
  }
  push(text.length);
  if (clauses.length > 0 && clauses.every((clause) => clause.weight === 0)) {
    for (const clause of clauses) clause.weight = 1;
  }
  return clauses;
}
