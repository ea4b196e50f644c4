/**
 * Every match of the global regular expression `pattern` in `text`, as `text.matchAll(pattern)`
 * gives them for a pattern at rest (`lastIndex` 0), read with `exec` on the pattern itself.
 * `matchAll` makes a copy of the RegExp at every call, which costs more than matching a short
 * message does (about 0.5 µs a call, and the place and the clauses take a dozen calls a message).
 * The pattern is left at rest.
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf needs a global pattern, not ${pattern}`);
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    matches.push(match);
    // An empty match would be found again at the same place: step over one character, as matchAll does.
    if (match[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, /[uv]/.test(pattern.flags));
  }
  pattern.lastIndex = 0;
  return matches;
}

/** The index after `index`: a whole surrogate pair in a Unicode pattern, else one code unit. */
function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return index + 1;
  const low = text.charCodeAt(index + 1);
  return low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}
