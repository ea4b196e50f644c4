import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, type Config } from '../config.ts';
import { isLocale, type Locale } from '../i18n/index.ts';
import { missingGlyphs } from '../agenda/svg-to-png.ts';
import { renderPosterPdf, renderPosterPng, type JoinPoster } from '../estates/join-poster.ts';
import { posterLinks } from '../estates/poster-links.ts';
import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import { EXIT, type CommandIo } from './command-io.ts';

export const POSTER_USAGE = `Usage:
  linli poster --estate CODE --out FILE.png|FILE.pdf [--lang zh-CN|zh-TW|en]
      Draws the join poster of an estate for a notice board: an A4 page with the estate's name, what
      the bot is for, the emergency numbers, and a QR code for each chat platform that is on (Telegram:
      TELEGRAM_BOT_USERNAME; LINE: LINE_BASIC_ID). Scanning it opens the bot's chat with the estate
      chosen. PNG (200 dpi) or PDF by the file's extension; the language defaults to DEFAULT_LOCALE.
`;

/** The estate a poster is for, as the poster names it. */
export interface PosterEstate {
  code: string;
  name: string;
  community?: string | null | undefined;
  street?: string | null | undefined;
  /** The estate's own numbers (its settings over EMERGENCY_NUMBERS); the install's when absent. */
  emergencyNumbers?: EmergencyNumbers;
}

interface Environment {
  config: Config;
  /** The estate of that code, or undefined when there is none. */
  findEstate: (code: string, locale: Locale) => Promise<PosterEstate | undefined>;
  /** The codes of the estates there are, for the error when `--estate` names none. */
  estateCodes: () => Promise<string[]>;
}

function usage(io: CommandIo, problem: string): number {
  io.stderr(`linli poster: ${problem}\n\n${POSTER_USAGE}`);
  return EXIT.usage;
}

/** `linli poster …`: writes the poster; returns the exit code. */
export async function posterCommand(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { estate: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } },
  });
  if (values.estate === undefined) return usage(io, 'needs --estate CODE (see linli estate list)');
  if (values.out === undefined || !/\.(png|pdf)$/i.test(values.out))
    return usage(io, 'needs --out FILE.png or --out FILE.pdf');
  if (values.lang !== undefined && !isLocale(values.lang))
    return usage(io, `--lang must be zh-CN, zh-TW or en, got "${values.lang}"`);
  const { config } = env;
  const locale = (values.lang as Locale | undefined) ?? config.defaultLocale;
  const estate = await env.findEstate(values.estate.trim().toLowerCase(), locale);
  if (!estate) {
    const codes = await env.estateCodes();
    io.stderr(`linli poster: no estate "${values.estate}"; the estates are: ${codes.join(', ') || '(none)'}\n`);
    return EXIT.failure;
  }
  const { links, problems, missing } = posterLinks(config, estate.code, locale);
  if (!links.telegram && !links.line)
    throw new ConfigError(
      missing ?? 'TELEGRAM_BOT_USERNAME',
      `the poster has no QR code to draw: ${problems.join('; ')}`,
    );
  for (const problem of problems) if (/ is on but /.test(problem)) io.stderr(`linli poster: ${problem}.\n`);
  const rare = missingGlyphs(`${estate.name}${estate.community ?? ''}${estate.street ?? ''}`);
  if (rare.length > 0)
    io.stderr(
      `linli poster: the bundled font has no glyph for ${rare.join('')}; they are drawn with a system font if one has them (Debian: apt-get install fonts-noto-cjk).\n`,
    );
  const poster: JoinPoster = {
    code: estate.code,
    name: estate.name,
    community: estate.community ?? undefined,
    street: estate.street ?? undefined,
    emergencyNumbers: estate.emergencyNumbers ?? config.emergencyNumbers,
    links,
    locale,
  };
  const pdf = /\.pdf$/i.test(values.out);
  await writeFile(values.out, pdf ? await renderPosterPdf(poster) : renderPosterPng(poster));
  const drawn = (['telegram', 'line'] as const).filter((p) => links[p]);
  io.stderr(
    `Wrote ${values.out}: the join poster of ${estate.code} (${estate.name}), A4 ${pdf ? 'PDF' : 'PNG at 200 dpi'}, QR codes for ${drawn.join(' and ')}.\n`,
  );
  for (const p of drawn) io.stdout(`${p}\t${links[p]!.url}\n`);
  return EXIT.ok;
}
