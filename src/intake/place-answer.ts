import type { Classification, Place } from '../classify/classifier.ts';
import type { Category } from '../tickets/category.ts';
import type { PendingLocation } from '../turn/conversation-store.ts';
import { chatterKind } from './chatter.ts';

/** What an answer to "where is it?" gives: a place (or none, "I don't know"), a wait, or a new problem instead. */
export type PlaceAnswer = { place: Place | null; location?: PendingLocation | null } | 'keep-waiting' | 'not-a-place';

/** Words that say something is wrong: an answer without them is a place, not another complaint. */
export const PROBLEM_WORD =
  /坏|壞|停|漏|没|沒|不|堵|脏|髒|臭|吵|断|斷|倒|火|烟|煙|困|偷|乱|亂|满|滿|破|裂|掉|积|積|淹|爆|broken|leak|no |not|fire|smoke|stuck|dirty|smell|noise|flood|fall|crack/i;

const DONT_KNOW = /^(不知道|不清楚|说不清|說不清|跳过|跳過|skip|不确定|不確定|no idea|dunno|not sure)$/i;

/**
 * Reads an answer to "where is it?": a location, a building number, a place in words or a short free
 * answer ("门口", "我家楼下"). Thanks, greetings, questions and photos keep the question open; a new
 * complaint of another kind is not an answer.
 */
export function readPlaceAnswer(
  text: string | undefined,
  classification: Classification | null,
  sent: { location?: PendingLocation; photo?: unknown },
  category: Category | undefined,
): PlaceAnswer {
  if (sent.location) return { place: null, location: sent.location };
  if (text === undefined) return sent.photo ? 'keep-waiting' : 'not-a-place';
  const answer = text.trim();
  const bare = bareBuilding(answer);
  if (bare) return { place: bare };
  if (DONT_KNOW.test(answer)) return { place: null };
  const short = answer.length <= 15;
  // "东门口", "5栋", "车库入口", "在3栋旁边": an answer that is little more than a place is the answer,
  // whatever the classifier makes of a place name on its own; "5栋那边也是" too, for the same problem.
  const rest = classification?.place
    ? answer
        .split(classification.place.text)
        .join('')
        .replace(/[\s\p{P}]/gu, '')
    : answer;
  const justAPlace = rest.length <= 4 || !PROBLEM_WORD.test(rest);
  if (classification?.place && (justAPlace || classification.category === category))
    return { place: classification.place };
  // "什么时候能修？", "谢谢": not an answer, and not a new complaint either.
  const chatter = chatterKind(answer);
  if (answer.length <= 20 && chatter !== 'statement') return 'keep-waiting';
  const otherProblem =
    classification?.isComplaint === true && classification.confidence >= 0.6 && classification.category !== category;
  if (otherProblem && !justAPlace) return 'not-a-place';
  if (classification?.place) return { place: classification.place };
  if (short && (!otherProblem || justAPlace)) return { place: { spot: answer, text: answer } };
  return 'not-a-place';
}

/** "5", "12", "B", "Building 7", "第5栋": an answer that is just a building. */
export function bareBuilding(answer: string): Place | undefined {
  const m = /^(?:building|block|tower|第)?\s*(\d{1,3}|[A-Za-z])\s*(?:号楼|號樓|栋|棟|幢|座|号|號)?$/i.exec(answer);
  if (!m) return undefined;
  const b = /^\d+$/.test(m[1]!) ? String(Number(m[1])) : m[1]!.toUpperCase();
  return { building: b, text: answer };
}
