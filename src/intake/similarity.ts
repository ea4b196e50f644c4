import type { Place } from '../classify/classifier.ts';

/** Words that say nothing about which problem a message is about. */
const STOPWORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'this',
  'that',
  'there',
  'again',
  'also',
  'still',
  'our',
  'has',
  'have',
  'are',
  'was',
  'not',
  'building',
  'block',
  'tower',
  'please',
  'since',
  'from',
  'near',
  'outside',
  'inside',
  'today',
  'days',
]);

/** The words (Latin) or character pairs (CJK) of a text, place names taken out. */
function tokens(text: string, place: Place | null): Set<string> {
  let t = text.toLowerCase();
  if (place?.text) t = t.split(place.text.toLowerCase()).join(' ');
  t = t.replace(/[0-9０-９]+\s*(号楼|號樓|栋|棟|幢|座|单元|單元|楼|樓|室|号|號)/g, ' ');
  const out = new Set<string>();
  for (const word of t.match(/[a-z]{3,}/g) ?? []) if (!STOPWORDS.has(word)) out.add(word.replace(/(ing|ed|es|s)$/, ''));
  for (const run of t.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

/**
 * How much two complaints share what they are about (0..1), their places left out: the share of the
 * smaller one's words or character pairs that the other has too. "3号楼停水了" and "3栋也没水了" share
 * "水了"; "垃圾堆满了" and "电梯困人了" share nothing.
 */
export function topicOverlap(
  a: { text: string; place: Place | null },
  b: { text: string; place: Place | null },
): number {
  const x = tokens(a.text, a.place);
  const y = tokens(b.text, b.place);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const token of x) if (y.has(token)) shared++;
  return shared / Math.min(x.size, y.size);
}
