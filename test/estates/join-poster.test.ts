import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { missingGlyphs } from '../../src/agenda/svg-to-png.ts';
import { readJoinPayload, readJoinText } from '../../src/estates/join-link.ts';
import {
  POSTER_PIXEL_WIDTH,
  renderPosterPdf,
  renderPosterPng,
  renderPosterSvg,
  type JoinPoster,
} from '../../src/estates/join-poster.ts';
import { posterLinks } from '../../src/estates/poster-links.ts';
import type { Config } from '../../src/config.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { DEFAULT_EMERGENCY_NUMBERS } from '../../src/tickets/emergency-numbers.ts';

// jsQR is CommonJS whose types declare a default export: required, it is the function itself.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

const ON: Pick<Config, 'telegram' | 'line'> = {
  telegram: { token: '123:abc', apiRoot: '', webhookSecret: undefined, botUsername: 'linli_demo_bot' },
  line: {
    channelSecret: 's',
    channelAccessToken: 't',
    apiBaseUrl: '',
    dataApiBaseUrl: '',
    basicId: '@123abcde',
  },
};

function poster(config: Pick<Config, 'telegram' | 'line'> = ON, locale: JoinPoster['locale'] = 'zh-CN'): JoinPoster {
  return {
    code: 'lincheng-1',
    name: '临城一号院',
    community: '临城社区',
    street: '朝阳街道',
    emergencyNumbers: { ...DEFAULT_EMERGENCY_NUMBERS, gas: '96777' },
    links: posterLinks(config, 'lincheng-1', locale).links,
    locale,
  };
}

interface Pixels {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/** The QR code found in columns [from, to) of an image, or null. */
function decodeQr(image: Pixels, from = 0, to = image.width): string | null {
  const width = to - from;
  const crop = new Uint8ClampedArray(width * image.height * 4);
  for (let y = 0; y < image.height; y++)
    crop.set(image.rgba.subarray((y * image.width + from) * 4, (y * image.width + to) * 4), y * width * 4);
  return jsQR(crop, width, image.height)?.data ?? null;
}

function pngPixels(png: Buffer): Pixels {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, rgba: new Uint8ClampedArray(image.data) };
}

/** The page's image in a PDF, read back from its deflated RGB samples. */
async function pdfImage(pdf: Uint8Array): Promise<Pixels> {
  const doc = await PDFDocument.load(pdf);
  const images = doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter(
      (o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    );
  expect(images).toHaveLength(1);
  const dict = images[0]!.dict;
  const width = (dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
  const height = (dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
  expect(dict.get(PDFName.of('ColorSpace'))).toBe(PDFName.of('DeviceRGB'));
  const rgb = inflateSync(images[0]!.contents);
  expect(rgb.length).toBe(width * height * 3);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
    rgba[i] = rgb[j]!;
    rgba[i + 1] = rgb[j + 1]!;
    rgba[i + 2] = rgb[j + 2]!;
    rgba[i + 3] = 255;
  }
  return { width, height, rgba };
}

describe('join poster', () => {
  it('is an A4 PNG at 200 dpi whose QR codes open the bot with the estate chosen: Telegram left, LINE right', () => {
    const image = pngPixels(renderPosterPng(poster()));
    expect([image.width, image.height]).toEqual([POSTER_PIXEL_WIDTH, Math.round((POSTER_PIXEL_WIDTH * 297) / 210)]);
    const telegram = decodeQr(image, 0, image.width / 2);
    const line = decodeQr(image, image.width / 2, image.width);
    expect(telegram).toBe('https://t.me/linli_demo_bot?start=lincheng-1');
    expect(line).toBe('https://line.me/R/oaMessage/%40123abcde/?%E5%8A%A0%E5%85%A5%20lincheng-1');
    // What the bot receives back from each link names the estate.
    expect(readJoinPayload(new URL(telegram!).searchParams.get('start')!)).toBe('lincheng-1');
    expect(readJoinText(decodeURIComponent(new URL(line!).search.slice(1)))).toBe('lincheng-1');
  });

  it('draws only the platforms that are on, one larger code in the middle', () => {
    const telegramOnly = { ...ON, line: { ...ON.line, channelSecret: undefined, channelAccessToken: undefined } };
    const svg = renderPosterSvg(poster(telegramOnly));
    expect(svg).toContain('Telegram');
    expect(svg).not.toContain('LINE');
    const image = pngPixels(renderPosterPng(poster(telegramOnly)));
    expect(decodeQr(image)).toBe('https://t.me/linli_demo_bot?start=lincheng-1');

    const lineOnly = { ...ON, telegram: { ...ON.telegram, token: undefined } };
    const en = pngPixels(renderPosterPng(poster(lineOnly, 'en')));
    expect(decodeQr(en)).toBe('https://line.me/R/oaMessage/%40123abcde/?join%20lincheng-1');
  });

  it('is a one-page A4 PDF whose image carries the same QR codes', async () => {
    const pdf = await renderPosterPdf(poster());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toContain('临城一号院');
    const image = await pdfImage(pdf);
    expect(decodeQr(image, 0, image.width / 2)).toBe('https://t.me/linli_demo_bot?start=lincheng-1');
    expect(decodeQr(image, image.width / 2, image.width)).toBe(
      'https://line.me/R/oaMessage/%40123abcde/?%E5%8A%A0%E5%85%A5%20lincheng-1',
    );
  });

  it('says what the bot is for, the emergency numbers and the estate code, in the poster language', () => {
    const zh = renderPosterSvg(poster());
    for (const words of [
      '临城一号院',
      '朝阳街道 · 临城社区',
      '24 小时受理',
      '电梯困人 96333',
      '燃气抢修 96777',
      'lincheng-1',
    ])
      expect(zh).toContain(words);
    const tw = renderPosterSvg(poster(ON, 'zh-TW'));
    expect(tw).toContain('掃碼');
    expect(tw).toContain('加入 lincheng-1');
    const en = renderPosterSvg(poster(ON, 'en'));
    expect(en).toContain('Scan with LINE');
    expect(en).toContain('Police 110');
  });

  it('has a glyph in the bundled font for every character it prints, in every language', () => {
    for (const locale of LOCALES) {
      const text = renderPosterSvg(poster(ON, locale))
        .replace(/<[^>]*>/g, '')
        .replace(/&[a-z]+;/g, '');
      expect(missingGlyphs(text), locale).toEqual([]);
    }
    // An estate name may hold a rarer hanzi: the CLI names it (and the PNG falls back to system fonts).
    expect(missingGlyphs('璟园')).toEqual(['璟']);
  });

  it('escapes what the operator typed and drops direction marks', () => {
    const svg = renderPosterSvg({ ...poster(), name: '<b>A&B</b>\u202e小区' });
    expect(svg).toContain('&lt;b&gt;A&amp;B&lt;/b&gt;小区');
    expect(svg).not.toContain('\u202e');
  });
});
