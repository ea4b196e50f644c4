import { findReference } from '../tickets/reference.ts';

/** A reference at the start of a message ("w-12 修好了吗", "W-0012：…") and the words after it. */
export function leadingReference(text: string): { reference: string; rest: string } | undefined {
  const head = /^\s*([A-Za-z]{1,3}-?\d{1,6})(?!\d)/.exec(text);
  const reference = head ? findReference(head[1]!) : undefined;
  if (!head || !reference) return undefined;
  return { reference, rest: text.slice(head[0].length).replace(/^[\s:：,，、.。-]+/, '') };
}
