import { createHash } from 'node:crypto';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import type { Logger } from 'pino';
import type { OutgoingMessage, Sender, SendResult } from '../../src/outbox/outgoing-message.ts';
import { ChatLimiter } from './chat-limiter.ts';
import { LINE_PLATFORM } from './map-event.ts';
import { renderMessage, type RenderTexts } from './render-message.ts';
import { LineTimeoutError, withTimeout } from './with-timeout.ts';

export interface LineSenderOptions {
  client: messagingApi.MessagingApiClient;
  log: Logger;
  texts: RenderTexts;
  /** Longest wait for one API call (the SDK has no timeout of its own). */
  timeoutMs?: number;
  /** How long after the webhook arrived a reply token is still used; LINE allows about a minute. */
  replyTokenTtlMs?: number;
  limiter?: ChatLimiter;
  now?: () => number;
}

/** The ids LINE gave the messages of one call (`sentMessages`, also in a 409's body). */
function sentIds(body: unknown): string[] {
  const list = (body as { sentMessages?: unknown } | null)?.sentMessages;
  return Array.isArray(list)
    ? list.map((m) => (m as { id?: unknown }).id).filter((id): id is string => typeof id === 'string')
    : [];
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The retry key of the n-th call of one outbox message: the row's key for the first, a UUID derived
 * from it for the others (only text beyond 25,000 units needs more than one call). Stable across attempts.
 */
export function callRetryKey(retryKey: string, call: number): string {
  if (call === 0) return retryKey;
  const hex = createHash('sha256').update(`${retryKey}:${call}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Delivers outbox messages to LINE. A fresh reply token (well under LINE's minute) is used once, for
 * a message that fits in one call; otherwise, or when the reply is refused, the message is pushed
 * with `X-Line-Retry-Key` = the outbox row's key, so a retry after a lost answer is a 409 ("already
 * accepted"), counted as delivered. Errors become results, never throws: 429, 5xx, network errors
 * and timeouts → retry (honouring Retry-After); 400/403/404 → failed with LINE's reason.
 */
export class LineSender implements Sender {
  readonly platform = LINE_PLATFORM;
  private readonly usedTokens = new Map<string, number>();
  private readonly timeoutMs: number;
  private readonly replyTokenTtlMs: number;
  private readonly limiter: ChatLimiter;
  private readonly now: () => number;

  constructor(private readonly options: LineSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.replyTokenTtlMs = options.replyTokenTtlMs ?? 50_000;
    this.limiter = options.limiter ?? new ChatLimiter();
    this.now = options.now ?? Date.now;
  }

  async send(
    chatId: string,
    message: OutgoingMessage,
    context: { retryKey: string; attempt: number },
  ): Promise<SendResult> {
    try {
      return await this.deliver(chatId, message, context.retryKey);
    } catch (error) {
      return this.failure(chatId, 'send', error);
    }
  }

  private async deliver(chatId: string, message: OutgoingMessage, retryKey: string): Promise<SendResult> {
    if (message.callbackAnswer) {
      // LINE has no answers to button presses: only a refusal worth reading becomes a message.
      if (!message.callbackAnswer.alert || message.text.trim() === '') return { kind: 'sent' };
      message = { text: message.text, ...(message.replyToken && { replyToken: message.replyToken }) };
    }
    const calls = renderMessage(message, this.options.texts);
    if (calls.length === 0) return { kind: 'sent' };
    const paused = this.limiter.pausedFor();
    if (paused > 0) return { kind: 'retry', reason: 'LINE rate limit (429): pausing sends', afterMs: paused };
    await this.limiter.take(chatId);

    let lastIds: string[] = [];
    let first = 0;
    const token = calls.length === 1 ? this.takeReplyToken(message.replyToken) : undefined;
    if (token !== undefined) {
      try {
        const response = await withTimeout('reply', this.timeoutMs, () =>
          this.options.client.replyMessage({ replyToken: token, messages: calls[0]! }),
        );
        lastIds = sentIds(response);
        first = 1;
      } catch (error) {
        // Spent, expired or refused: a push reaches the chat all the same.
        this.options.log.info({ chatId, reason: describe(error) }, 'LINE reply failed; pushing instead');
      }
    }
    for (let i = first; i < calls.length; i++) {
      try {
        const response = await withTimeout('push', this.timeoutMs, () =>
          this.options.client.pushMessage({ to: chatId, messages: calls[i]! }, callRetryKey(retryKey, i)),
        );
        lastIds = sentIds(response);
      } catch (error) {
        // 409: a previous attempt with this retry key was accepted; that is a delivery.
        if (error instanceof HTTPFetchError && error.status === 409) {
          lastIds = sentIds(parseBody(error.body));
          continue;
        }
        return this.failure(chatId, 'push', error);
      }
    }
    const id = lastIds.at(-1);
    return { kind: 'sent', ...(id !== undefined && { platformMessageId: id }) };
  }

  /** The token if it is fresh and unused; it counts as used from here on, whatever happens next. */
  private takeReplyToken(replyToken: OutgoingMessage['replyToken']): string | undefined {
    const now = this.now();
    for (const [token, expires] of this.usedTokens) if (expires < now) this.usedTokens.delete(token);
    if (!replyToken) return undefined;
    const receivedAt = Date.parse(replyToken.receivedAt);
    if (Number.isNaN(receivedAt) || now - receivedAt > this.replyTokenTtlMs || this.usedTokens.has(replyToken.token))
      return undefined;
    this.usedTokens.set(replyToken.token, receivedAt + 2 * this.replyTokenTtlMs);
    return replyToken.token;
  }

  private failure(chatId: string, operation: string, error: unknown): SendResult {
    const reason = describe(error);
    const log = this.options.log;
    if (error instanceof HTTPFetchError) {
      const afterMs = retryAfterMs(error.headers.get('retry-after'), this.now());
      if (error.status === 429) {
        this.limiter.pause(afterMs ?? 1_000);
        log.warn({ chatId, operation, afterMs }, 'LINE rate limit (429); will retry');
        return { kind: 'retry', reason, ...(afterMs !== undefined && { afterMs }) };
      }
      if (error.status >= 500) return { kind: 'retry', reason, ...(afterMs !== undefined && { afterMs }) };
      if (error.status === 401) {
        // An operator mistake that a restart with the right token fixes: keep the message meanwhile.
        log.error({ operation }, 'LINE rejected the channel access token (401): check LINE_CHANNEL_ACCESS_TOKEN');
        return { kind: 'retry', reason, afterMs: 60_000 };
      }
      return { kind: 'failed', reason };
    }
    if (error instanceof LineTimeoutError)
      log.warn({ chatId, operation, timeoutMs: error.timeoutMs }, 'LINE call timed out; will retry');
    return { kind: 'retry', reason };
  }
}

/** A one-line reason for the outbox: status and LINE's message, never headers or the token. */
export function describe(error: unknown): string {
  if (error instanceof HTTPFetchError) {
    const body = parseBody(error.body) as
      { message?: unknown; details?: Array<{ message?: unknown; property?: unknown }> } | undefined;
    const detail = body?.details
      ?.map((d) => [d.property, d.message].filter((x) => typeof x === 'string').join(': '))
      .join('; ');
    const text = [typeof body?.message === 'string' ? body.message : error.statusText, detail]
      .filter(Boolean)
      .join(' — ');
    return `LINE ${error.status}: ${text.slice(0, 300)}`;
  }
  if (error instanceof LineTimeoutError) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `network error: ${error.message}${cause}`.slice(0, 300);
  }
  return String(error).slice(0, 300);
}
