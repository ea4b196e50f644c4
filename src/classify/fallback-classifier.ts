import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Classification, Classifier } from './classifier.ts';
import { ClassifierError } from './classifier-error.ts';

export interface FallbackClassifierOptions {
  /** Milliseconds the primary classifier may take in all, its retry included (OPENAI_TIMEOUT_MS). */
  timeoutMs: number;
  /** Wait before the retry when the endpoint did not say how long (default 250 ms). */
  retryDelayMs?: number;
  log?: Logger;
}

const DEFAULT_RETRY_DELAY_MS = 250;

/**
 * Never loses a complaint: asks the primary classifier (the LLM) and, on a timeout, an error or an
 * unusable answer, lets the fallback (offline) classifier decide, recording why in `fallbackReason`.
 *
 * The primary gets `timeoutMs` in all: a passing failure (429, 5xx, a dropped connection) is retried
 * once, after the wait a 429 asks for, and only if that wait leaves time; when the time is up the
 * primary is abandoned (its request aborted) even if it ignores the signal. So the caller waits at
 * most `timeoutMs` plus the fallback's few milliseconds. `latencyMs` is the whole wait.
 * Aborting the caller's own signal aborts everything and rejects, without a fallback.
 */
export class FallbackClassifier implements Classifier {
  constructor(
    private readonly primary: Classifier,
    private readonly fallback: Classifier,
    private readonly options: FallbackClassifierOptions,
  ) {}

  async classify(text: string, options: { signal?: AbortSignal } = {}): Promise<Classification> {
    const started = performance.now();
    const caller = options.signal;
    caller?.throwIfAborted();
    const { timeoutMs } = this.options;
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    const signal = caller ? AbortSignal.any([caller, deadline.signal]) : deadline.signal;

    let reason = '';
    try {
      let wait: number | undefined;
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          if (wait !== undefined) await sleep(wait, undefined, { signal });
          const result = await untilAborted(this.primary.classify(text, { signal }), signal);
          return { ...result, latencyMs: elapsed(started) };
        } catch (error) {
          caller?.throwIfAborted();
          if (deadline.signal.aborted) {
            reason = `timeout: no answer within ${timeoutMs} ms`;
            break;
          }
          reason =
            error instanceof ClassifierError
              ? `${error.failure}: ${error.message}`
              : `error: ${(error as Error).message ?? String(error)}`;
          if (attempt === 2 || !(error instanceof ClassifierError) || !error.retryable) break;
          wait = error.retryAfterMs ?? this.options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
          if (wait >= timeoutMs - elapsed(started)) {
            reason += ` (not retried: waiting ${Math.round(wait)} ms would pass the ${timeoutMs} ms timeout)`;
            break;
          }
          this.options.log?.info({ reason, retryInMs: Math.round(wait) }, 'LLM classification failed; retrying once');
        }
      }
    } finally {
      clearTimeout(timer);
    }

    this.options.log?.warn({ reason }, 'LLM classification failed; the offline classifier decides');
    const result = await this.fallback.classify(text, caller ? { signal: caller } : {});
    return { ...result, latencyMs: elapsed(started), fallbackReason: reason };
  }
}

/** Settles with `work`, or rejects as soon as `signal` aborts, whether or not `work` listens to it. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // abandoned after an abort: its late rejection is expected, not unhandled
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
