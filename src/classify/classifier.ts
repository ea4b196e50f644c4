import type { Category, Urgency } from '../tickets/category.ts';
import type { Hazard } from '../tickets/hazard.ts';

/**
 * Where a complaint happened, as far as the text says. Buildings and units are normalised:
 * "3号楼", "3栋", "三号楼", "第三棟" and "building 3" all give `building: "3"`; "B座"/"block B" give "B".
 */
export interface Place {
  /** Normalised building number or letter, e.g. "3", "12", "B". */
  building?: string;
  /** Normalised unit (entrance) within the building, e.g. "2" for 2单元. Never shown in group chats. */
  unit?: string;
  /** A named spot in the estate, e.g. "中心花园", "地下车库", "3号楼后面". */
  spot?: string;
  /** The span of the original text the place was read from. */
  text: string;
}

export type Language = 'zh-CN' | 'zh-TW' | 'en';

/** What a classifier says about one message. */
export interface Classification {
  category: Category;
  urgency: Urgency;
  /**
   * For an urgent message, the danger it reports (trapped in a lift, gas, fire…), so that the receipt
   * can say what to do now; absent when the message is normal.
   */
  hazard?: Hazard;
  /**
   * Set when the LLM said normal and the offline urgency decision found a danger (safety first): which
   * half of it found the danger, the hand-written rules or the learnt scorer.
   */
  urgencyRaised?: 'rules' | 'scorer';
  /** 0..1: how sure the classifier is of `category`. */
  confidence: number;
  /** False for greetings, thanks, questions about the bot and other chatter. */
  isComplaint: boolean;
  /** One line describing the problem(s); secondary problems are kept here too. */
  summary: string;
  place: Place | null;
  /** The language the text is written in, as far as the classifier can tell. */
  language: Language;
  /** Which classifier decided. */
  source: 'offline' | 'llm';
  /** The model name when `source` is `llm`. */
  model?: string;
  /** Wall time the decision took, in milliseconds (with a fallback: the failed attempt included). */
  latencyMs?: number;
  /** The version line of the prompt, when `source` is `llm`. */
  promptVersion?: string;
  /** When the text sent to the LLM was cut short: its length (characters) before and after. */
  truncated?: { from: number; to: number };
  /** Set when the LLM was asked and failed, so the offline classifier decided: what went wrong. */
  fallbackReason?: string;
}

/** The classifier port: the offline classifier and the LLM classifier both implement it. */
export interface Classifier {
  classify(text: string, options?: { signal?: AbortSignal }): Promise<Classification>;
}
