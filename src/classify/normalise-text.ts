import { TRADITIONAL_TO_SIMPLIFIED } from './traditional.ts';

/**
 * Folds the surface variants residents type into one form before anything looks at the text:
 * full-width ASCII → half-width (`３号楼` → `3号楼`, `Ｂ座` → `B座`), the ideographic space → a space,
 * ASCII letters → lower case, traditional → simplified characters (`棟` → `栋`).
 *
 * The result always has the same length as the input, code unit for code unit, so an index found in
 * the normalised text (a place, a clause) points at the same characters of the original.
 */
export function normaliseText(text: string): string {
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    else if (code === 0x3000) code = 0x20;
    else if (code >= 0x80) code = SIMPLIFIED_CODE.get(code) ?? code;
    codes[i] = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  }
  return DECODER.decode(codes);
}

const SIMPLIFIED_CODE = new Map(
  [...TRADITIONAL_TO_SIMPLIFIED].map(([traditional, simplified]) => [
    traditional.charCodeAt(0),
    simplified.charCodeAt(0),
  ]),
);
const DECODER = new TextDecoder('utf-16le');
