import QRCode from 'qrcode';
import type { Locale } from '../i18n/catalog.ts';
import { posterMessages } from '../i18n/poster-messages.ts';
import type { PosterPlatform } from '../i18n/poster-catalog.ts';
import { stripDirectionMarks } from '../privacy/direction-marks.ts';
import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import { CJK_FONT_FAMILY, svgToPng, svgToRgb } from '../agenda/svg-to-png.ts';

/** One platform's QR code on the poster: the link it encodes and the account name printed under it. */
export interface PosterLink {
  url: string;
  /** The bot's @username or the official account's LINE ID, printed for a resident who searches by hand. */
  handle: string;
  /** LINE only: the join message the link types in ("加入 lincheng-1"). */
  text?: string;
}

/** What a join poster shows; at least one link. */
export interface JoinPoster {
  code: string;
  name: string;
  community?: string | undefined;
  street?: string | undefined;
  emergencyNumbers: EmergencyNumbers;
  links: Partial<Record<PosterPlatform, PosterLink>>;
  locale: Locale;
}

/** A4 in tenths of a millimetre: the poster is drawn in these units. */
const WIDTH = 2100;
const HEIGHT = 2970;
/** A4 at 200 dpi: sharp enough to print, light enough to send. */
export const POSTER_PIXEL_WIDTH = 1654;
/** A4 in PDF points (1/72 inch). */
const A4_POINTS = [595.28, 841.89] as const;

const RED = '#b4232a';
const GOLD = '#ffe3b3';
const INK = '#1f2328';
const GREY = '#57606a';
const BRAND: Readonly<Record<PosterPlatform, string>> = { telegram: '#229ed9', line: '#06c755' };

function esc(text: string): string {
  return stripDirectionMarks(text).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

/** The drawn width of a line in ems: hanzi and full-width forms are one em, Latin about half. */
function ems(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    width += c >= 0x2e80 || (c >= 0x2010 && c <= 0x201f) || c === 0x2026 ? 1 : ch === ' ' ? 0.26 : 0.56;
  }
  return width;
}

/** The largest font size up to `max` at which every line fits in `width`. */
function fit(lines: readonly string[], max: number, width: number): number {
  return Math.floor(Math.min(max, ...lines.map((l) => width / Math.max(1, ems(l)))));
}

function text(
  x: number,
  y: number,
  size: number,
  content: string,
  options: { fill?: string; anchor?: 'start' | 'middle'; bold?: boolean } = {},
): string {
  const fill = options.fill ?? INK;
  // The shipped font is the regular weight only: a thin outline in the text's colour gives titles weight.
  const weight = options.bold
    ? ` stroke="${fill}" stroke-width="${(size / 36).toFixed(1)}" stroke-linejoin="round"`
    : '';
  return `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}" text-anchor="${options.anchor ?? 'middle'}"${weight}>${esc(content)}</text>`;
}

/** A QR code as one path of dark modules, with its quiet zone, `size` units square at (x, y). */
function qrCode(url: string, x: number, y: number, size: number): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const quiet = 4;
  const scale = size / (n + 2 * quiet);
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      d += `M${start + quiet} ${row + quiet}h${col - start}v1h${start - col}z`;
    }
  }
  return (
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#ffffff"/>` +
    `<path transform="translate(${x} ${y}) scale(${scale.toFixed(5)})" d="${d}" fill="#000000" shape-rendering="crispEdges"/>`
  );
}

function card(platform: PosterPlatform, link: PosterLink, x: number, width: number, poster: JoinPoster): string {
  const m = posterMessages(poster.locale);
  const top = 1220;
  const height = 1050;
  const head = 120;
  const r = 36;
  const cx = x + width / 2;
  const qrSize = Math.min(640, width - 120);
  const qrTop = top + head + 30;
  const then = platform === 'line' ? m.lineThen({ text: link.text ?? '' }) : m.telegramThen;
  const lines = [
    `<rect x="${x}" y="${top}" width="${width}" height="${height}" rx="${r}" fill="#ffffff" stroke="#d0d7de" stroke-width="4"/>`,
    `<path d="M${x} ${top + head}V${top + r}a${r} ${r} 0 0 1 ${r} ${-r}H${x + width - r}a${r} ${r} 0 0 1 ${r} ${r}V${top + head}z" fill="${BRAND[platform]}"/>`,
    text(cx, top + 84, 64, m.platformName[platform], { fill: '#ffffff', bold: true }),
    qrCode(link.url, cx - qrSize / 2, qrTop, qrSize),
    text(cx, qrTop + qrSize + 80, fit([m.scanWith[platform]], 54, width - 60), m.scanWith[platform], { bold: true }),
    text(cx, qrTop + qrSize + 150, fit([then], 44, width - 60), then, { fill: GREY }),
    text(cx, qrTop + qrSize + 212, fit([link.handle], 40, width - 60), link.handle, { fill: GREY }),
  ];
  return lines.join('');
}

/** The poster as SVG, A4 portrait, drawn in tenths of a millimetre. */
export function renderPosterSvg(poster: JoinPoster): string {
  const m = posterMessages(poster.locale);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${CJK_FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  // The header band: what this is, and whose.
  out.push(`<rect width="${WIDTH}" height="600" fill="${RED}"/>`);
  out.push(`<rect y="600" width="${WIDTH}" height="14" fill="#e8b04b"/>`);
  out.push(text(WIDTH / 2, 150, fit([m.kicker], 64, 1800), m.kicker, { fill: GOLD }));
  const name = stripDirectionMarks(poster.name);
  out.push(text(WIDTH / 2, 350, fit([name], 180, 1850), name, { fill: '#ffffff', bold: true }));
  const place = [poster.street, poster.community].filter((p): p is string => !!p && p !== name).join(' · ');
  if (place) out.push(text(WIDTH / 2, 490, fit([place], 60, 1800), place, { fill: GOLD }));

  out.push(text(WIDTH / 2, 790, fit([m.headline], 116, 1900), m.headline, { fill: RED, bold: true }));
  const introSize = fit(m.intro, 52, 1900);
  m.intro.forEach((line, i) => out.push(text(WIDTH / 2, 900 + i * 78, introSize, line, { fill: '#30363d' })));

  const platforms = (['telegram', 'line'] as const).filter((p) => poster.links[p]);
  const width = platforms.length === 1 ? 1000 : 880;
  const gap = 140;
  const left = (WIDTH - platforms.length * width - (platforms.length - 1) * gap) / 2;
  platforms.forEach((p, i) => out.push(card(p, poster.links[p]!, left + i * (width + gap), width, poster)));

  out.push(text(100, 2370, 56, m.stepsTitle, { fill: RED, anchor: 'start', bold: true }));
  const stepSize = fit(
    m.steps.map((s) => `①  ${s}`),
    46,
    1900,
  );
  m.steps.forEach((step, i) =>
    out.push(text(100, 2450 + i * 70, stepSize, `${'①②③④⑤'[i]}  ${step}`, { anchor: 'start' })),
  );

  const numbers = m.emergencyLine(poster.emergencyNumbers);
  out.push(
    `<rect x="100" y="2660" width="1900" height="190" rx="20" fill="#fff4f2" stroke="${RED}" stroke-width="6"/>`,
  );
  out.push(text(WIDTH / 2, numbers ? 2730 : 2770, fit([m.emergencyTitle], 46, 1800), m.emergencyTitle, { bold: true }));
  if (numbers) out.push(text(WIDTH / 2, 2814, fit([numbers], 56, 1820), numbers, { fill: RED, bold: true }));

  const footer = `${m.privacy}    ${m.estateCode(poster.code)}`;
  out.push(text(WIDTH / 2, 2925, fit([footer], 32, 1900), footer, { fill: GREY }));
  out.push('</svg>');
  return out.join('');
}

/**
 * The poster as a PNG, A4 at 200 dpi (1654 × 2339). Characters the shipped font lacks are looked up in
 * the machine's fonts.
 */
export function renderPosterPng(poster: JoinPoster): Buffer {
  return svgToPng(renderPosterSvg(poster), { width: POSTER_PIXEL_WIDTH, systemFonts: true });
}

/**
 * The poster as a one-page A4 PDF holding the 200 dpi image, ready to print. The pixels go in as a
 * deflated RGB image (what a PDF stores anyway), without the round trip through PNG.
 */
export async function renderPosterPdf(poster: JoinPoster): Promise<Uint8Array> {
  const [
    { PDFDocument, pushGraphicsState, concatTransformationMatrix, drawObject, popGraphicsState },
    { deflateSync },
  ] = await Promise.all([import('pdf-lib'), import('node:zlib')]);
  const { width, height, rgb } = svgToRgb(renderPosterSvg(poster), { width: POSTER_PIXEL_WIDTH, systemFonts: true });
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${stripDirectionMarks(poster.name)} · ${posterMessages(poster.locale).kicker}`);
  pdf.setCreator('Linli');
  pdf.setProducer('Linli');
  const image = pdf.context.register(
    pdf.context.stream(deflateSync(rgb), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    }),
  );
  const page = pdf.addPage([...A4_POINTS]);
  const name = page.node.newXObject('Poster', image);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(A4_POINTS[0], 0, 0, A4_POINTS[1], 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  return pdf.save();
}
