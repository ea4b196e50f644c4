import { packagePath } from '../package-root.ts';
import type { Hazard } from '../tickets/hazard.ts';

/** What the learnt urgency scorer tells apart. */
export const URGENCY_LABELS = ['normal', 'urgent'] as const;
export type UrgencyLabel = (typeof URGENCY_LABELS)[number];

/** Where the urgency corpora are: `corpus/urgency` at the root of the repository. */
export const DEFAULT_URGENCY_DIR = packagePath('corpus', 'urgency');

/**
 * The files of corpus/urgency the urgency scorer learns from, named one by one: a held-out set added
 * to the folder later is measured on, never learnt from, until someone lists it here after its one
 * reading (corpus/urgency/README.md).
 */
export const URGENCY_TRAINING_FILES: readonly string[] = [
  'dev.tsv',
  'dev2.tsv',
  'heldout.tsv',
  'heldout2.tsv',
  'heldout3.tsv',
  'written-dangers.tsv',
  'written-look-alikes.tsv',
];

/**
 * A message the rules call normal is urgent when the scorer's probability of `urgent` reaches this.
 * Chosen on out-of-fold probabilities (corpus/urgency/README.md): the lowest value that keeps
 * precision at or above 0.9 while recall stays at or above 0.95.
 */
export const URGENCY_THRESHOLD = 0.3;

// When only the scorer finds a danger, the words of the message still say which one, most of the
// time: someone shut in a lift, someone hurt (an ambulance whatever hurt them), then the other dangers.
const HAZARD_WORDS: ReadonlyArray<readonly [Hazard, RegExp]> = [
  [
    'trapped',
    /(?:电梯|电悌|点梯|升降机|𨋢|轿厢|\b(?:lifts?|elevators?)\b)[^。！？!?]{0,30}(?:困|关|锁|卡|停|出不|出唔|打不开|开不|里|入面|喺度|\b(?:inside|stuck|trapped|stopped|jammed)\b)|困(?:在|喺)?(?:电梯|𨋢)/,
  ],
  [
    'injury',
    /血|伤|晕|昏|骨折|抽搐|救护车|120|倒下|倒地|倒在|摔|跌倒|跌亲|一动不动|不动了|唔郁|叫不醒|不答应|唔应|没(?:有)?(?:反应|呼吸|意识)|冇反应|起不来|起唔到身|喘不|透不过气|\b(?:hurt|injur\w*|bleed\w*|blood|unconscious|ambulance|collapsed|fainted|breath\w*|seizure|choking|not moving|(?:can't|cannot) get up)\b/,
  ],
  ['gas', /煤气|煤汽|燃气|天然气|液化气|石油气|瓦斯|一氧化碳|\b(?:gas|carbon monoxide)\b/],
  ['fire', /火|烟|烧|焦|\b(?:fire|smoke|smoky|flames?|burn\w*)\b/],
  ['water', /水|淹|浸|\b(?:water|flood\w*|burst|pipes?|leak\w*)\b/],
  ['falling', /掉|坠|塌|倒|跌落|冧|\b(?:fall\w*|fell|collaps\w*|loose|dangling)\b/],
];

/** The danger a message most likely reports, from its normalised words; `other` when none is named. */
export function guessHazard(normalised: string): Hazard {
  for (const [hazard, words] of HAZARD_WORDS) if (words.test(normalised)) return hazard;
  return 'other';
}
