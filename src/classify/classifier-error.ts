/**
 * How a classifier can fail. `timeout` and `aborted` are about time, `rate-limited`, `unavailable`
 * and `connection` are the endpoint's passing trouble (worth one retry), `rejected` means the
 * endpoint refused the request (key, model, parameters), `invalid-answer` that it answered something
 * unusable (not JSON, a field missing, cut short).
 */
export type ClassifierFailure =
  'timeout' | 'aborted' | 'rate-limited' | 'unavailable' | 'connection' | 'rejected' | 'invalid-answer';

const RETRYABLE: ReadonlySet<ClassifierFailure> = new Set(['rate-limited', 'unavailable', 'connection']);

/** A classifier could not decide. Adapters translate their SDK's errors into this; `cause` keeps the original. */
export class ClassifierError extends Error {
  /** Milliseconds the endpoint asked us to wait before trying again (429 `retry-after`), if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly failure: ClassifierFailure,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClassifierError';
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the same request may succeed if sent again shortly. */
  get retryable(): boolean {
    return RETRYABLE.has(this.failure);
  }
}
