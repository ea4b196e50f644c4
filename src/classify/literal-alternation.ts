/** One match: the alternative found (`[0]`, as in a RegExp match) and where it starts. */
export interface LiteralMatch {
  0: string;
  index: number;
}

/**
 * The matches of a regular expression that is an alternation of plain strings — `a|b|c` with the
 * flag g, each alternative that starts with a letter a–z wrapped in `\b…\b` — found without it:
 * irregexp tries every alternative at every position of the text, this only those that start with
 * the character there. Same matches in the same order: leftmost first, at one position the first
 * alternative listed, none overlapping, `\b` as without the flag u (a word character is
 * [A-Za-z0-9_]).
 */
export class LiteralAlternation {
  private readonly byFirstCode = new Map<number, Array<{ text: string; wholeWord: boolean }>>();

  constructor(alternatives: readonly string[]) {
    for (const text of alternatives) {
      if (text === '' || /[\\^$.*+?()[\]{}|/]/.test(text))
        throw new Error(`"${text}" is not a plain string a LiteralAlternation can match`);
      const first = text.charCodeAt(0);
      const list = this.byFirstCode.get(first) ?? [];
      list.push({ text, wholeWord: first >= 0x61 && first <= 0x7a });
      this.byFirstCode.set(first, list);
    }
  }

  /** Every match in `text`, as `text.matchAll(pattern)` would give them. */
  matchAll(text: string): LiteralMatch[] {
    const matches: LiteralMatch[] = [];
    let i = 0;
    while (i < text.length) {
      const found = this.matchAt(text, i);
      if (found === undefined) {
        i++;
        continue;
      }
      matches.push({ 0: found, index: i });
      i += found.length;
    }
    return matches;
  }

  private matchAt(text: string, at: number): string | undefined {
    const candidates = this.byFirstCode.get(text.charCodeAt(at));
    if (candidates === undefined) return undefined;
    for (const { text: alternative, wholeWord } of candidates) {
      if (!text.startsWith(alternative, at)) continue;
      const end = at + alternative.length;
      if (wholeWord && !(isBoundary(text, at) && isBoundary(text, end))) continue;
      return alternative;
    }
    return undefined;
  }
}

/** `\b` at `at`: a word character on one side and not on the other. */
function isBoundary(text: string, at: number): boolean {
  return isWordCode(text.charCodeAt(at - 1)) !== isWordCode(text.charCodeAt(at));
}

/** [A-Za-z0-9_]; NaN (outside the text) is not. */
function isWordCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f
  );
}
