import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';

/** How long a recording's link works: a week covers a ticket's handling; after it the console still plays it. */
export const RECORDING_LINK_DAYS = 7;

/** The path recordings are served under: `/media/<attachment id>?exp=<unix seconds>&sig=<HMAC>`. */
export const RECORDING_PATH = '/media/';

/** What a link's signature and expiry say at a given moment. */
export type LinkCheck = 'valid' | 'expired' | 'forged';

/**
 * Capability links to voice-note recordings, for platforms that fetch audio from a URL (LINE's audio
 * message): whoever holds the link may fetch that one recording until it expires, and nothing else —
 * the signature is an HMAC over the attachment id and the expiry, so neither can be changed.
 *
 * The key is derived from LINE_CHANNEL_SECRET rather than read from a setting of its own: LINE is the
 * only platform that needs the links, so the secret is there whenever they are; the operator has no
 * new secret to make and keep; the derivation (an HMAC with a fixed label) reveals nothing of the
 * channel secret; and rotating a leaked channel secret revokes every link with it.
 */
export class RecordingLinks {
  private readonly key: Buffer;

  constructor(
    private readonly publicUrl: string,
    channelSecret: string,
  ) {
    this.key = createHmac('sha256', channelSecret).update('linli recording links v1').digest();
  }

  /** The link of attachment `id`, valid for {@link RECORDING_LINK_DAYS} from `now`. */
  url(id: number, now: Date): string {
    const exp = Math.floor(now.getTime() / 1000) + RECORDING_LINK_DAYS * 86_400;
    return `${this.publicUrl}${RECORDING_PATH}${id}?exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  /** Whether `sig` was made here for `id` and `exp`, and `exp` is still ahead of `now`. */
  check(id: number, exp: number, sig: string, now: Date): LinkCheck {
    const expected = Buffer.from(this.sign(id, exp));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    return exp * 1000 > now.getTime() ? 'valid' : 'expired';
  }

  private sign(id: number, exp: number): string {
    return createHmac('sha256', this.key).update(`${id}.${exp}`).digest('base64url');
  }
}

/**
 * The links, when recordings can be linked to: PUBLIC_URL is https (LINE fetches only https) and LINE
 * is configured (its channel secret keys them). Otherwise undefined, and cards point to the console.
 */
export function recordingLinks(config: Pick<Config, 'publicUrl' | 'line'>): RecordingLinks | undefined {
  const { publicUrl } = config;
  const secret = config.line.channelSecret;
  if (publicUrl === undefined || !publicUrl.startsWith('https://') || secret === undefined) return undefined;
  return new RecordingLinks(publicUrl, secret);
}
