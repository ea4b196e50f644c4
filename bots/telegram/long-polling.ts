import type { Logger } from 'pino';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { BotApiError, type BotApi } from './bot-api.ts';
import { ALLOWED_UPDATES, mapUpdate } from './map-update.ts';

export interface LongPollingOptions {
  api: BotApi;
  log: Logger;
  saveIncoming(event: IncomingEvent): Promise<'saved' | 'duplicate'>;
  /** Seconds Telegram holds a getUpdates call open when there is nothing to deliver. */
  pollTimeoutSeconds?: number;
  /** First back-off after a failure, doubled on each further failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Our own long-polling loop (telegraf's confirms a whole batch even when one update fails): each
 * update is saved to the inbox before the offset moves past it. A save that fails is retried with
 * back-off and the offset stays put, so an update is never skipped; one saved twice (after a crash
 * before the offset was confirmed) is ignored by the inbox.
 */
export class LongPolling {
  private running = false;
  private loopDone: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private offset: number | undefined;

  constructor(private readonly options: LongPollingOptions) {}

  start(): void {
    if (this.running || this.stopping.signal.aborted) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops after the update in hand; a getUpdates call in progress is abandoned (nothing it held was confirmed). */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    const { api, log } = this.options;
    const timeout = this.options.pollTimeoutSeconds ?? 30;
    let failures = 0;
    while (this.running) {
      let updates: unknown[];
      try {
        updates = await api.call(
          (telegram, signal) =>
            telegram.callApi(
              'getUpdates',
              {
                timeout,
                allowed_updates: [...ALLOWED_UPDATES],
                ...(this.offset !== undefined && { offset: this.offset }),
              },
              { signal },
            ),
          { timeoutMs: (timeout + 15) * 1000, signal: this.stopping.signal },
        );
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        failures++;
        const failure = error instanceof BotApiError ? error.failure : undefined;
        if (failure?.kind === 'unauthorized')
          log.error(
            { reason: failure.reason },
            'Telegram refuses the bot token while polling; check TELEGRAM_BOT_TOKEN',
          );
        else if (failure?.reason.startsWith('409'))
          log.warn(
            { reason: failure.reason },
            'Telegram getUpdates conflict: another instance is polling with this token, or a webhook is set',
          );
        else log.warn({ reason: failure?.reason ?? String(error), failures }, 'Telegram getUpdates failed; retrying');
        await this.pause(failure?.kind === 'rate-limited' ? failure.retryAfterMs : this.backoff(failures));
        continue;
      }
      for (const raw of updates) {
        if (!this.running) break;
        const saved = await this.save(raw);
        if (!saved) break;
      }
    }
  }

  /** Saves one update (retrying until it is stored or the loop stops); true once the offset may pass it. */
  private async save(raw: unknown): Promise<boolean> {
    const { log } = this.options;
    const mapped = mapUpdate(raw);
    if (mapped.kind === 'invalid') {
      // Telegram sent something we cannot read; skipping it is all we can do, but say so.
      const id = (raw as { update_id?: unknown } | null)?.update_id;
      log.warn({ updateId: id, reason: mapped.reason }, 'telegram update not understood; skipped');
      if (typeof id === 'number' && Number.isInteger(id)) this.offset = id + 1;
      return true;
    }
    if (mapped.kind === 'event') {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.options.saveIncoming(mapped.event);
          break;
        } catch (error) {
          log.error(
            { err: error, updateId: mapped.updateId, attempt },
            'could not save a telegram update; retrying before moving on',
          );
          if (!this.running) return false;
          await this.pause(this.backoff(attempt));
          if (!this.running) return false;
        }
      }
    }
    this.offset = mapped.updateId + 1;
    return true;
  }

  private backoff(failures: number): number {
    const base = this.options.backoffMs ?? 1000;
    return Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** Math.max(0, failures - 1));
  }

  private pause(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
