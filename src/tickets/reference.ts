import { CATEGORY_PREFIX, type Category } from './category.ts';

/** Scripts and staff find references with this pattern (DESIGN §4). */
export const REFERENCE_PATTERN = /\b[A-Z]{1,3}-[0-9]{2,6}\b/;

/**
 * The human reference of the n-th ticket of a category: `W-0123`. The number comes from a per-category
 * counter in the database, incremented in the ticket's own transaction, so it is unique across instances.
 */
export function formatReference(category: Category, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new RangeError(`reference number out of range: ${n}`);
  return `${CATEGORY_PREFIX[category]}-${String(n).padStart(4, '0')}`;
}

/** Finds a reference in free text ("w-12 修好了吗" → "W-0012"), or undefined. */
export function findReference(text: string): string | undefined {
  // Other letter-number codes ("B-1203" for a flat) may come before the reference: look past them.
  // Typed by people: "w-12", "W0012" and "W-1" all mean a ticket; a bare "G5" is too likely something else.
  for (const match of text.matchAll(/(?<![A-Za-z])([A-Za-z]{1,3})(?:-(\d{1,6})|(\d{2,6}))(?!\d)/g)) {
    const prefix = match[1]!.toUpperCase();
    const digits = match[2] ?? match[3]!;
    if (Object.values(CATEGORY_PREFIX).includes(prefix)) return `${prefix}-${digits.padStart(4, '0')}`;
  }
  return undefined;
}
