import { toSimplified } from '../classify/traditional.ts';
import { redactPersonalDetails } from './redact.ts';

/** Ticket events whose `text` residents wrote and a search should find: a co-reporter's words, added details. */
export const SEARCHED_EVENT_KINDS = ['reporter_added', 'details_added'] as const;

/**
 * What `/search` and `linli tickets --search` look in: the ticket's texts masked as for any viewer
 * other than their author, one per line, lower-cased and in simplified characters (so one LIKE finds
 * "電梯" and "电梯"). A phone number, a name or a flat is not in it, so searching for one finds
 * nothing and confirms nothing. Stored on the ticket (`search_text`) and grown as residents add to
 * it, so a search is one LIKE over one column.
 */
export function searchableText(texts: ReadonlyArray<string | null | undefined>): string {
  return texts
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .map((t) => searchableWords(redactPersonalDetails(t)))
    .join('\n');
}

/** Words as `searchableText` keeps them: lower-cased, simplified, single spaces. */
export function searchableWords(words: string): string {
  return toSimplified(words.toLowerCase()).replace(/\s+/g, ' ').trim();
}
