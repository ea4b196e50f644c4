import { packagePath } from '../package-root.ts';
import { namedFeatureId, type Features } from './featurise.ts';
import type { Hazard } from '../tickets/hazard.ts';
import type { UrgencyAssessment } from './urgency.ts';

/** What the learnt urgency scorer tells apart. */
export const URGENCY_LABELS = ['normal', 'urgent'] as const;
export type UrgencyLabel = (typeof URGENCY_LABELS)[number];

/**
 * The offline urgency decision: the rules' assessment, or the scorer's when only it finds a danger
 * (its hazard guessed from the words, no offsets); `by` says which found it, absent when normal.
 */
export type OfflineUrgency = UrgencyAssessment & { by?: 'rules' | 'scorer' };

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
  'heldout4.tsv',
  'written-dangers.tsv',
  'written-look-alikes.tsv',
  'written-dangers2.tsv',
  'written-look-alikes2.tsv',
  'written-look-alikes3.tsv',
  'written-everyday.tsv',
];

/**
 * How the scorer is trained: more passes at a smaller step than the category model, so that it
 * settles instead of ending wherever the last shuffled examples left it (its figures then move by a
 * point or two when a dozen rows are added, not by four).
 */
export const URGENCY_TRAINING = { epochs: 60, learningRate: 0.15 } as const;

/**
 * A message the rules call normal is urgent when the scorer's probability of `urgent` reaches this.
 * Chosen on out-of-fold probabilities (scripts/urgency-cross-validation.ts, corpus/urgency/README.md):
 * the highest value (the most precision) that keeps recall at 0.97 or more on the dev split — the
 * target of 0.95 and a margin for a writer whose phrasings are new.
 */
export const URGENCY_THRESHOLD = 0.5;

// When only the scorer finds a danger, the words of the message still say which one, most of the
// time: someone shut in a lift, someone hurt (an ambulance whatever hurt them), then the other dangers.
const HAZARD_WORDS: ReadonlyArray<readonly [Hazard, RegExp]> = [
  // Lift doors open onto an empty shaft: a fall, not someone shut in.
  [
    'falling',
    /井道|(?:没有?|冇|不见)(?:轿厢|𨋢箱|电梯)|\bempty (?:lift |elevator )?shaft\b|\bno (?:lift|elevator|car) (?:there|behind)/,
  ],
  [
    'trapped',
    /(?:电梯|电悌|点梯|升降机|𨋢|轿厢|\b(?:lifts?|elevators?)\b)[^。！？!?]{0,30}(?:困|关|锁|卡|停|出不|出唔|打不开|开不|里|入面|喺度|\b(?:inside|stuck|trapped|stopped|jammed)\b)|困(?:在|喺)?(?:电梯|𨋢)/,
  ],
  [
    'injury',
    /血|伤|晕|昏|骨折|抽搐|救护车|120|倒下|倒地|倒在|摔|跌倒|跌亲|一动不动|不动了|唔郁|叫不醒|不答应|唔应|没(?:有)?(?:反应|呼吸|意识)|冇反应|起不来|起唔到身|喘不|透不过气|咬|蛰|蜇|叮|毒|农药|鼠药|杀虫|呕|吐|\b(?:hurt|bit|bitten|bites?|stung|stings?|poison\w*|pesticide|vomit\w*|throwing up|swallowed|injur\w*|bleed\w*|blood|unconscious|ambulance|collapsed|fainted|breath\w*|seizure|choking|not moving|(?:can't|cannot) get up)\b/,
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

// Words that change what a danger's words mean, anywhere in the message: n-grams see "煤气味" but
// not that the whole message is a question, a fear, a memory or a plea to hurry. One feature each.
const CUES: ReadonlyArray<{ id: number; zh: RegExp; en: RegExp }> = (
  [
    [
      'hedge',
      /万一|如果|要是|假如|一旦|(?<![害好])怕|担心|会不会|迟早|容易|以免|防止|预防/,
      /\b(?:if|in case|could|might|would|risk|prevent|ever|worried|afraid)\b/,
    ],
    [
      'past',
      /上个?月|上周|上个?星期|上次|上回|去年|前几天|前两天|前天|昨天|昨晚|之前|以前|曾经|试过|琴日|尋日/,
      /\b(?:last (?:week|month|year|time|night)|yesterday|previously|used to|ago)\b/,
    ],
    [
      'over',
      /已经?[^，。,.!?！？]{0,6}(?:修好|解决|处理好|没事|救出|出来了|灭了)|没事了|冇事/,
      /\b(?:fine now|okay now|ok now|all fine|has been fixed|was fixed)\b/,
    ],
    [
      'question',
      /[?？]|吗|怎么办|怎么|如何|请问|是否|哪里|谁|几时|點樣|点样/,
      /[?？]|\b(?:how|what|who|where|when|should|do i|can i)\b/,
    ],
    ['negation', /没有?人|冇人|不是|没有|并没/, /\b(?:no one|nobody|not|no)\b/],
    ['drill', /演练|演习|培训|测试|年检/, /\b(?:drills?|tests?|testing|inspections?|training)\b/],
    ['request', /能不能|可不可以|可唔可以|麻烦|建议|希望/, /\b(?:could you|can you|can someone|would you)\b/],
    [
      'now',
      /现在|正在|刚才|刚刚|马上|快来|快点|救命|赶紧|而家|依家|快啲/,
      /\b(?:now|right now|help|hurry|asap|please come)\b/,
    ],
  ] as const
).map(([name, zh, en]) => ({ id: namedFeatureId(`cue:${name}`), zh, en }));

const HAN = /[\u3400-\u9fff]/;
const LATIN = /[a-z]/;

/** Adds the urgency scorer's cues found in the normalised text to `features`. */
export function addUrgencyCues(normalised: string, features: Features): Features {
  for (const [id, value] of urgencyCues(normalised)) features.set(id, value);
  return features;
}

/** The urgency scorer's cues found in the normalised text, as features of their own. */
export function urgencyCues(normalised: string): Features {
  const cues: Features = new Map();
  // Each cue's Chinese and English words are looked for only in a text that has such characters.
  const han = HAN.test(normalised);
  const latin = LATIN.test(normalised);
  for (const { id, zh, en } of CUES)
    if ((han && zh.test(normalised)) || (latin && en.test(normalised))) cues.set(id, 1);
  return cues;
}
