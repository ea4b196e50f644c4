import { ConfigError } from '../../src/config.ts';
import type { AdapterDeps, PlatformAdapter } from '../../src/platform.ts';
import { BotApi, BotApiError, DEFAULT_REQUEST_TIMEOUT_MS } from './bot-api.ts';
import { fetchTelegramFile } from './fetch-file.ts';
import { LongPolling } from './long-polling.ts';
import { ALLOWED_UPDATES, TELEGRAM_PLATFORM } from './map-update.ts';
import { TelegramRateLimiter, type RateLimits } from './rate-limiter.ts';
import { TelegramSender } from './telegram-sender.ts';
import { telegramWebhookRoute, WEBHOOK_PATH } from './webhook-route.ts';

/** Knobs for tests and operators' code; the service uses the defaults. */
export interface TelegramAdapterOptions {
  /** Timeout of one Bot API call (default 15 s). */
  requestTimeoutMs?: number;
  /** getUpdates long-poll duration in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** First back-off after a failure when connecting or polling (default 1 s, doubling up to 30 s). */
  backoffMs?: number;
  rateLimits?: RateLimits;
}

/**
 * The Telegram adapter: long polling when PUBLIC_URL is unset, else a webhook at
 * `POST /webhooks/telegram` registered with setWebhook and checked against TELEGRAM_WEBHOOK_SECRET.
 * Either way each update is saved to the inbox before it is confirmed; the core handles it later.
 */
export function createTelegramAdapter(deps: AdapterDeps, options: TelegramAdapterOptions = {}): PlatformAdapter {
  const { token, apiRoot, webhookSecret } = deps.config.telegram;
  if (!token) throw new ConfigError('TELEGRAM_BOT_TOKEN', 'is required for the Telegram adapter');
  const log = deps.log.child({ platform: TELEGRAM_PLATFORM });
  const api = new BotApi(token, apiRoot, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const webhookUrl = deps.config.publicUrl === undefined ? undefined : `${deps.config.publicUrl}${WEBHOOK_PATH}`;
  const backoffMs = options.backoffMs ?? 1000;
  const polling =
    webhookUrl === undefined
      ? new LongPolling({
          api,
          log,
          saveIncoming: deps.saveIncoming,
          backoffMs,
          ...(options.pollTimeoutSeconds !== undefined && { pollTimeoutSeconds: options.pollTimeoutSeconds }),
        })
      : undefined;
  const stopping = new AbortController();
  let reconnecting: Promise<void> | undefined;

  /** getMe, then setWebhook or deleteWebhook + polling. Throws a BotApiError. */
  async function connect(): Promise<void> {
    const me = await api.call((telegram, signal) => telegram.callApi('getMe', {}, { signal }), {
      signal: stopping.signal,
    });
    if (webhookUrl !== undefined) {
      await api.call(
        (telegram, signal) =>
          telegram.callApi(
            'setWebhook',
            { url: webhookUrl, secret_token: webhookSecret ?? '', allowed_updates: [...ALLOWED_UPDATES] },
            { signal },
          ),
        { signal: stopping.signal },
      );
      log.info({ bot: me.username, webhook: webhookUrl }, 'telegram webhook set');
    } else {
      // A webhook left from an earlier deployment would make every getUpdates fail with 409.
      await api.call(
        (telegram, signal) => telegram.callApi('deleteWebhook', { drop_pending_updates: false }, { signal }),
        { signal: stopping.signal },
      );
      polling!.start();
      log.info({ bot: me.username }, 'telegram long polling started');
    }
  }

  function unauthorized(error: unknown): boolean {
    return error instanceof BotApiError && error.failure.kind === 'unauthorized';
  }

  /** Keeps trying to connect in the background (Telegram unreachable at boot must not stop the service). */
  async function reconnect(): Promise<void> {
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      const delay = Math.min(30_000, backoffMs * 2 ** (attempt - 1));
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stopping.signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, delay);
        stopping.signal.addEventListener('abort', done, { once: true });
      });
      if (stopping.signal.aborted) return;
      try {
        await connect();
        log.info({ attempt }, 'connected to Telegram');
        return;
      } catch (error) {
        if (stopping.signal.aborted) return;
        const reason = error instanceof BotApiError ? error.failure.reason : String(error);
        if (unauthorized(error)) log.error({ reason }, 'Telegram refuses TELEGRAM_BOT_TOKEN; fix it and restart');
        else log.warn({ reason, attempt }, 'Telegram still unreachable; retrying');
      }
    }
  }

  return {
    platform: TELEGRAM_PLATFORM,
    sender: new TelegramSender(api, log, { limiter: new TelegramRateLimiter(options.rateLimits) }),
    routes:
      webhookUrl === undefined
        ? []
        : [
            telegramWebhookRoute({
              secret: webhookSecret,
              saveIncoming: deps.saveIncoming,
              log,
              metrics: deps.metrics,
            }),
          ],
    fetchFile: (fileId) => fetchTelegramFile(api, fileId),

    async start() {
      try {
        await connect();
      } catch (error) {
        if (unauthorized(error)) {
          throw new ConfigError(
            'TELEGRAM_BOT_TOKEN',
            `was refused by the Bot API at ${apiRoot} (${(error as BotApiError).failure.reason}); copy the token again from @BotFather`,
          );
        }
        const reason = error instanceof BotApiError ? error.failure.reason : String(error);
        log.warn(
          { reason },
          `Telegram is unreachable; the service runs and keeps trying to ${webhookUrl ? 'set the webhook' : 'start polling'}`,
        );
        reconnecting = reconnect();
      }
    },

    async stop() {
      stopping.abort();
      await reconnecting;
      await polling?.stop();
    },
  };
}
