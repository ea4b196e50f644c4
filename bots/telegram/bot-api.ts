import { Telegram, TelegramError } from 'telegraf';
import { redactSecrets } from '../../src/logger.ts';

/** What went wrong with a Bot API call, in the terms the adapter acts on. */
export type ApiFailure =
  /** 429: wait `retryAfterMs` (Telegram's retry_after). */
  | { kind: 'rate-limited'; retryAfterMs: number; reason: string }
  /** 401, or 404 for the whole bot: the token is wrong or revoked. */
  | { kind: 'unauthorized'; reason: string }
  /** 5xx, 409, a network error, a timeout, an unreadable answer: worth trying again. */
  | { kind: 'transient'; reason: string }
  /** 400, 403: this request will never succeed (blocked, kicked, chat not found, bad request). */
  | { kind: 'permanent'; code: number; reason: string; migrateToChatId?: number };

/** The signal type telegraf's callApi declares (from the abort-controller shim; the native one works at runtime). */
export type ApiSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;

/** Default limit for one Bot API call; telegraf's own is 500 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * The Bot API through telegraf's `Telegram` client, with what telegraf lacks: a timeout on every call,
 * errors whose messages never carry the token (node-fetch puts the URL, token included, in some), and
 * a classification of failures.
 */
export class BotApi {
  readonly telegram: Telegram;

  constructor(
    readonly token: string,
    readonly apiRoot: string,
    private readonly timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    // webhookReply off: every call is a real request whose result we see.
    this.telegram = new Telegram(token, { apiRoot, webhookReply: false });
  }

  /**
   * Runs one call with a timeout (and an optional outer signal, e.g. stopping). Rejects with a
   * {@link BotApiError} whose message is free of the token.
   */
  async call<T>(
    run: (telegram: Telegram, signal: ApiSignal) => Promise<T>,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      return await run(this.telegram, signal as unknown as ApiSignal);
    } catch (error) {
      throw new BotApiError(classifyFailure(error, timeout.aborted), error);
    }
  }

  /** Hides the token in text that may contain a URL. */
  redact(text: string): string {
    return redactSecrets(text.split(this.token).join('<token>'));
  }
}

/** A failed Bot API call; `failure` says what to do about it. The message never contains the token. */
export class BotApiError extends Error {
  constructor(
    readonly failure: ApiFailure,
    cause: unknown,
  ) {
    super(`Telegram Bot API: ${failure.reason}`);
    this.name = 'BotApiError';
    // The original error's message may hold the token; keep only its kind.
    this.cause = cause instanceof Error ? { name: cause.name } : undefined;
  }
}

function classifyFailure(error: unknown, timedOut: boolean): ApiFailure {
  if (error instanceof TelegramError) {
    const code = error.code;
    const reason = `${code} ${redactSecrets(error.description ?? '')}`.trim();
    if (code === 429)
      return { kind: 'rate-limited', retryAfterMs: Math.max(1, error.parameters?.retry_after ?? 1) * 1000, reason };
    if (code === 401 || code === 404) return { kind: 'unauthorized', reason };
    if (code >= 500 || code === 409) return { kind: 'transient', reason };
    const migrateTo = error.parameters?.migrate_to_chat_id;
    return { kind: 'permanent', code, reason, ...(migrateTo !== undefined && { migrateToChatId: migrateTo }) };
  }
  if (timedOut) return { kind: 'transient', reason: 'timed out' };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'transient', reason: `network error (${redactSecrets(message)})` };
}
