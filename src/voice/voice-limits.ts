import type { Config } from '../config.ts';
import type { Locale } from '../i18n/index.ts';

/**
 * Whether a voice note goes to the speech endpoint: one is configured, and what the platform said of
 * the recording (length, size) is within TRANSCRIBE_MAX_SECONDS and TRANSCRIBE_MAX_BYTES. Otherwise
 * it is filed for staff to listen to.
 */
export function transcribable(config: Config, audio: { durationSeconds?: number; sizeBytes?: number }): boolean {
  const t = config.transcribe;
  if (!t) return false;
  if (audio.durationSeconds !== undefined && audio.durationSeconds > t.maxSeconds) return false;
  return audio.sizeBytes === undefined || audio.sizeBytes <= t.maxBytes;
}

/** The language hint sent with a resident's recording (ISO-639-1): Chinese for both scripts. */
export function speechLanguage(locale: Locale): string {
  return locale === 'en' ? 'en' : 'zh';
}
