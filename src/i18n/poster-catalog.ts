import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';

/** The chat platforms a join poster can carry a QR code for. */
export type PosterPlatform = 'telegram' | 'line';

/**
 * Texts of the join poster (`linli poster`), the A4 notice that residents scan to reach the bot. Short
 * lines: the poster does not wrap text, so each entry of `intro` and `steps` is one printed line.
 */
export interface PosterCatalog {
  /** Above the estate's name, in the header band. */
  kicker: string;
  headline: string;
  /** What the bot is for, one printed line each. */
  intro: readonly string[];
  platformName: Record<PosterPlatform, string>;
  scanWith: Record<PosterPlatform, string>;
  /** What to do once the chat opens: Telegram shows a Start button; LINE has the join message typed. */
  telegramThen: string;
  lineThen(p: { text: string }): string;
  stepsTitle: string;
  steps: readonly string[];
  emergencyTitle: string;
  /** The emergency numbers on one line ("电梯困人 96333 ｜ 火警 119 …"); '' when none is set. */
  emergencyLine(numbers: EmergencyNumbers): string;
  privacy: string;
  /** The footer's estate code, for a resident who types it by hand. */
  estateCode(code: string): string;
}
