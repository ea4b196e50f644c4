/** Telegram's limit for one message's text, in UTF-16 code units (how Telegram counts). */
export const MAX_MESSAGE_LENGTH = 4096;

/** Telegram's limit for a photo caption. */
export const MAX_CAPTION_LENGTH = 1024;

/**
 * Splits text into parts of at most `limit` UTF-16 code units, in order. It breaks at the last line
 * break in the second half of a window, else at the last space, else anywhere that does not cut a
 * surrogate pair in two (an emoji cut in half is rejected by Telegram as invalid UTF-8).
 */
export function splitText(text: string, limit = MAX_MESSAGE_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n');
    let skip = 1;
    if (cut < limit / 2) {
      cut = window.lastIndexOf(' ');
      if (cut < limit / 2) {
        cut = limit;
        skip = 0;
        const code = rest.charCodeAt(cut - 1);
        if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      }
    }
    const part = rest.slice(0, cut);
    if (part.trim() !== '') parts.push(part);
    rest = rest.slice(cut + skip);
  }
  if (rest.trim() !== '' || parts.length === 0) parts.push(rest);
  return parts;
}
