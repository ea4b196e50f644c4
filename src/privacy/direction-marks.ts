/**
 * Unicode direction controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and
 * the marks U+200E, U+200F, U+061C. A resident's "‮" would turn a card or an agenda line around
 * ("evil.exe" shown as "exe.live"), so they never reach anyone else's screen.
 */
const DIRECTION_MARKS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text without direction-control characters. */
export function stripDirectionMarks(text: string): string {
  return text.replace(DIRECTION_MARKS, '');
}
