import type { Config } from '../config.ts';
import type { Locale } from '../i18n/index.ts';

/**
 * Whether a voice note goes to the speech endpoint: one is configured, and what the platform said of
 * the recording (length, size) is within TRANSCRIBE_MAX_SECONDS and TRANSCRIBE_MAX_BYTES. Otherwise
 * it is filed for staff to listen to.
 */
export function transcribable(config: Config, audio: { durationSeconds?: number; sizeBytes?: number }): boolean {
  return whyNotTranscribed(config, audio) === undefined;
}

/** Why a voice note is not sent to the speech endpoint (the metrics' outcome), or undefined when it is. */
export function whyNotTranscribed(
  config: Config,
  audio: { durationSeconds?: number; sizeBytes?: number },
): 'disabled' | 'over-limit' | undefined {
  const t = config.transcribe;
  if (!t) return 'disabled';
  if (audio.durationSeconds !== undefined && audio.durationSeconds > t.maxSeconds) return 'over-limit';
  return audio.sizeBytes === undefined || audio.sizeBytes <= t.maxBytes ? undefined : 'over-limit';
}

/**
 * A voice note too short to hold words: a tap on the record button, its length 0 s. LINE gives
 * milliseconds, rounded to seconds when mapped (0: under half a second); Telegram gives whole seconds
 * as the sender's app counted them. An unknown length is not too short.
 */
export function tooShortToHear(audio: { durationSeconds?: number }): boolean {
  return audio.durationSeconds === 0;
}

/** The language hint sent with a resident's recording (ISO-639-1): Chinese for both scripts. */
export function speechLanguage(locale: Locale): string {
  return locale === 'en' ? 'en' : 'zh';
}
