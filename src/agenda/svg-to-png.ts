import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../package-root.ts';

/**
 * The CJK font that ships with the code (Noto Sans CJK SC cut down to the common hanzi and every
 * character of the catalogues; see fonts/subset.sh), so the agenda's chart and the join poster never
 * fall back to a system font that may lack Chinese glyphs.
 */
export const CJK_FONT_FILE = packagePath('src', 'agenda', 'fonts', 'NotoSansCJKsc-Regular.subset.otf');
export const CJK_FONT_FAMILY = 'Noto Sans CJK SC';

// The renderer (a native addon) is loaded the first time an image is drawn, not with the service: most
// of the week nothing draws one.
const require = createRequire(import.meta.url);
let resvg: typeof import('@resvg/resvg-js') | undefined;

/**
 * An SVG drawn as a PNG with the shipped font. `width` scales the drawing to that many pixels (the
 * height follows); `systemFonts` lets characters the shipped font lacks (a rare hanzi in an estate's
 * name) come from the machine's fonts instead of drawing as empty boxes.
 */
export function svgToPng(svg: string, options: { width?: number; systemFonts?: boolean } = {}): Buffer {
  return draw(svg, options).asPng();
}

/**
 * An SVG drawn as raw pixels, 8-bit RGB rows top to bottom (the background is white, so no alpha), for
 * a document format that takes an image's samples (a PDF image).
 */
export function svgToRgb(
  svg: string,
  options: { width?: number; systemFonts?: boolean } = {},
): { width: number; height: number; rgb: Buffer } {
  const image = draw(svg, options);
  const rgba = image.pixels;
  const rgb = Buffer.allocUnsafe((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return { width: image.width, height: image.height, rgb };
}

function draw(svg: string, options: { width?: number; systemFonts?: boolean }) {
  resvg ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const renderer = new resvg.Resvg(svg, {
    font: {
      fontFiles: [CJK_FONT_FILE],
      loadSystemFonts: options.systemFonts ?? false,
      defaultFontFamily: CJK_FONT_FAMILY,
    },
    background: '#ffffff',
    ...(options.width !== undefined && { fitTo: { mode: 'width', value: options.width } }),
  });
  return renderer.render();
}

let covered: ReadonlySet<number> | undefined;

/**
 * The characters of `text` that the shipped font has no glyph for (each once, in order): an estate's
 * name may hold a hanzi outside the common set the font was cut down to.
 */
export function missingGlyphs(text: string): string[] {
  covered ??= fontCodePoints(readFileSync(CJK_FONT_FILE));
  return [...new Set(text)].filter((ch) => /\S/u.test(ch) && !covered!.has(ch.codePointAt(0)!));
}

/** The code points an OpenType font maps (its cmap subtables of formats 4 and 12). */
export function fontCodePoints(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++)
    if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(12 + i * 16 + 8);
  const points = new Set<number>();
  if (cmap < 0) return points;
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + font.readUInt32BE(cmap + 4 + i * 8 + 4);
    const format = font.readUInt16BE(at);
    if (format === 4) {
      const segments = font.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      for (let s = 0; s < segments; s++)
        for (let c = font.readUInt16BE(starts + s * 2); c <= font.readUInt16BE(ends + s * 2) && c !== 0xffff; c++)
          points.add(c);
    } else if (format === 12) {
      const groups = font.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++)
        for (let c = font.readUInt32BE(at + 16 + g * 12); c <= font.readUInt32BE(at + 20 + g * 12); c++) points.add(c);
    }
  }
  return points;
}
