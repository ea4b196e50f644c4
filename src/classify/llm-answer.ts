import * as z from 'zod';
import { CATEGORIES, URGENCIES } from '../tickets/category.ts';
import { HAZARDS } from '../tickets/hazard.ts';
import { parseChineseNumber } from './chinese-number.ts';
import type { Classification, Language, Place } from './classifier.ts';
import { ClassifierError } from './classifier-error.ts';
import { detectLanguage } from './language.ts';
import { normaliseText } from './normalise-text.ts';
import { extractPlace } from './place.ts';
import { assessUrgency } from './urgency.ts';
import type { OfflineUrgency } from './urgency-model.ts';

const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const satisfies readonly Language[];

// Models answering in json_object mode write the language the way they usually do; these spellings
// mean the same thing and are not worth a fallback.
const LANGUAGE_ALIASES: Readonly<Record<string, Language>> = {
  'zh-cn': 'zh-CN',
  zh: 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-sg': 'zh-CN',
  'zh-tw': 'zh-TW',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
  yue: 'zh-TW',
  en: 'en',
  'en-us': 'en',
  'en-gb': 'en',
};

const placeField = z.string().trim().max(200).nullable();

/** What the LLM must answer, checked field by field: a missing or mistyped field makes the answer invalid. */
export const llmAnswerSchema = z.object({
  isComplaint: z.boolean(),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
  // Optional here although the JSON Schema requires it: json_object endpoints and older prompts leave
  // it out, and a missing hazard is no reason to throw the whole answer away.
  hazard: z
    .preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(HAZARDS).nullable())
    .optional(),
  summary: z.string().trim().min(1).max(500),
  place: z.object({ building: placeField, unit: placeField, spot: placeField, text: placeField }).nullable(),
  language: z.preprocess(
    (value) => (typeof value === 'string' ? (LANGUAGE_ALIASES[value.trim().toLowerCase()] ?? value) : value),
    z.enum(LANGUAGES),
  ),
  confidence: z.number().min(0).max(1),
});

export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

const nullableString = { type: ['string', 'null'] } as const;

/**
 * The same contract as a JSON Schema for `response_format: json_schema` (strict mode: every property
 * required, no others) and for the prompt of endpoints that only take `json_object`.
 */
export const LLM_ANSWER_JSON_SCHEMA = {
  type: 'object',
  properties: {
    isComplaint: { type: 'boolean' },
    category: { type: 'string', enum: [...CATEGORIES] },
    urgency: { type: 'string', enum: [...URGENCIES] },
    hazard: { type: ['string', 'null'], enum: [...HAZARDS, null] },
    summary: { type: 'string' },
    place: {
      type: 'object',
      properties: { building: nullableString, unit: nullableString, spot: nullableString, text: nullableString },
      required: ['building', 'unit', 'spot', 'text'],
      additionalProperties: false,
    },
    language: { type: 'string', enum: [...LANGUAGES] },
    confidence: { type: 'number' },
  },
  required: ['isComplaint', 'category', 'urgency', 'hazard', 'summary', 'place', 'language', 'confidence'],
  additionalProperties: false,
} as const;

/**
 * Reads a chat-completion answer. Throws a {@link ClassifierError} `invalid-answer` when it was cut
 * short (`finish_reason: length`), refused, empty, not JSON or not valid against
 * {@link llmAnswerSchema}. A Markdown code fence around the JSON, and a leading `<think>…</think>`
 * (reasoning models served by Ollama), are tolerated.
 */
export function parseLlmAnswer(
  content: string | null | undefined,
  finishReason: string | null | undefined,
  refusal?: string | null,
): LlmAnswer {
  if (finishReason === 'length')
    throw new ClassifierError('invalid-answer', 'the answer was cut short (finish_reason: length)');
  if (finishReason === 'content_filter')
    throw new ClassifierError('invalid-answer', 'the answer was withheld by the content filter');
  if (refusal) throw new ClassifierError('invalid-answer', `the model refused: ${refusal.slice(0, 200)}`);
  const text = (content ?? '')
    .replace(/^\s*<think>[\s\S]*?<\/think>/, '')
    .trim()
    .replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i, '$1')
    .trim();
  if (text === '') throw new ClassifierError('invalid-answer', 'the answer was empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClassifierError('invalid-answer', `the answer is not JSON: ${JSON.stringify(text.slice(0, 80))}`, {
      cause,
    });
  }
  const parsed = llmAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'answer';
    throw new ClassifierError(
      'invalid-answer',
      `the answer does not fit the schema: ${where}: ${issue?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

const MAX_SUMMARY = 80;

/**
 * Turns a valid answer into a {@link Classification} normalised like the offline classifier's, so
 * tickets group the same whichever classifier decided: the building and unit become "3"/"B" ("三号楼"
 * → "3"), spots their canonical Chinese name; where the rules of `extractPlace` read a place in the
 * resident's own text, they win, and the LLM fills what they missed. The language is the LLM's unless
 * it contradicts what the characters show (Chinese vs English).
 *
 * Urgency is safety first: when the offline urgency decision finds a danger in the text (someone
 * trapped in a lift, gas, fire…), the message is urgent even if the LLM said normal, and
 * `urgencyRaised` records which half of that decision found it: the hand-written rules, or the learnt
 * scorer (`offlineUrgency`, the offline classifier's; the rules alone when none is given). A model may
 * read "电梯卡住了，里面有人" as a broken lift; the rules and the scorer are written and trained against
 * look-alikes ("电梯有异响", "上个月电梯困过人"), so an override costs at worst a staff member's minute,
 * while a missed emergency costs a person stuck in a lift. The LLM can still raise urgency where the
 * offline decision sees nothing, so the two together miss less than either alone.
 */
export function answerToClassification(
  answer: LlmAnswer,
  text: string,
  meta: { model: string; promptVersion: string },
  offlineUrgency: (text: string) => OfflineUrgency = rulesOnly,
): Classification {
  const detected = detectLanguage(text);
  const language = (answer.language === 'en') === (detected === 'en') ? answer.language : detected;
  let summary = answer.summary.replace(/\s+/g, ' ').trim();
  if (summary.length > MAX_SUMMARY) summary = `${summary.slice(0, MAX_SUMMARY - 1)}…`;
  const offline = offlineUrgency(text);
  const urgent = answer.urgency === 'urgent' || offline.urgency === 'urgent';
  const hazard = urgent
    ? ((answer.urgency === 'urgent' ? answer.hazard : undefined) ?? offline.hazard ?? 'other')
    : undefined;
  return {
    category: answer.category,
    urgency: urgent ? 'urgent' : 'normal',
    ...(hazard !== undefined && { hazard }),
    ...(answer.urgency === 'normal' && urgent && { urgencyRaised: offline.by ?? 'rules' }),
    confidence: Math.round(answer.confidence * 1000) / 1000,
    isComplaint: answer.isComplaint || offline.urgency === 'urgent',
    summary,
    place: mergePlace(extractPlace(text), answer.place, text),
    language,
    source: 'llm',
    model: meta.model,
    promptVersion: meta.promptVersion,
  };
}

function rulesOnly(text: string): OfflineUrgency {
  const rules = assessUrgency(text);
  return rules.urgency === 'urgent' ? { ...rules, by: 'rules' } : rules;
}

function mergePlace(fromRules: Place | null, fromLlm: LlmAnswer['place'], text: string): Place | null {
  const building = fromRules?.building ?? normaliseBuilding(fromLlm?.building);
  const unit = fromRules?.unit ?? normaliseUnit(fromLlm?.unit);
  const spot = fromRules?.spot ?? normaliseSpot(fromLlm?.spot);
  if (building === undefined && unit === undefined && spot === undefined) return null;
  const llmText = fromLlm?.text && text.includes(fromLlm.text) ? fromLlm.text : undefined;
  const sameAsRules =
    fromRules !== null && building === fromRules.building && unit === fromRules.unit && spot === fromRules.spot;
  const placeText =
    (sameAsRules ? fromRules.text : llmText) ?? fromRules?.text ?? [building, unit, spot].filter(Boolean).join(' ');
  return {
    ...(building !== undefined && { building }),
    ...(unit !== undefined && { unit }),
    ...(spot !== undefined && { spot }),
    text: placeText,
  };
}

function normaliseBuilding(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const found = extractPlace(raw)?.building;
  if (found !== undefined) return found;
  const bare = normaliseText(raw)
    .replace(/^(?:第|building|bldg\.?|block|blk\.?|tower|no\.?)\s*/, '')
    .replace(/\s*(?:号楼|号|栋|幢|座|楼|#)$/, '')
    .trim();
  return numberOrLetter(bare);
}

function normaliseUnit(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const bare = normaliseText(raw)
    .replace(/^(?:第|unit|entrance|no\.?)\s*/, '')
    .replace(/\s*单元$/, '')
    .trim();
  const value = numberOrLetter(bare);
  return value !== undefined && /^\d+$/.test(value) ? value : undefined;
}

function normaliseSpot(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  return extractPlace(raw)?.spot ?? raw.slice(0, 40);
}

function numberOrLetter(bare: string): string | undefined {
  if (/^[a-z]$/.test(bare)) return bare.toUpperCase();
  const n = parseChineseNumber(bare);
  return n !== null && n > 0 && n < 1000 ? String(n) : undefined;
}
