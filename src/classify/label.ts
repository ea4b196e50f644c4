import { CATEGORIES, type Category } from '../tickets/category.ts';

/**
 * What the labelled corpus and the model distinguish: the five categories, plus `not_complaint`
 * for greetings, thanks and questions about the bot.
 */
export const LABELS = [...CATEGORIES, 'not_complaint'] as const;
export type Label = Category | 'not_complaint';

export function isLabel(value: unknown): value is Label {
  return typeof value === 'string' && (LABELS as readonly string[]).includes(value);
}
