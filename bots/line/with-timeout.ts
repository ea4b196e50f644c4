/** A LINE API call took longer than allowed. The request may still have reached LINE. */
export class LineTimeoutError extends Error {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`LINE ${operation} took longer than ${timeoutMs} ms`);
    this.name = 'LineTimeoutError';
  }
}

/**
 * Settles with `call`'s result, or rejects with a {@link LineTimeoutError} after `timeoutMs`. The SDK
 * (v11) accepts no AbortSignal and sets no timeout, so a hung request is abandoned here rather than
 * cancelled; a late failure of the abandoned call is swallowed.
 */
export async function withTimeout<T>(operation: string, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const pending = call();
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineTimeoutError(operation, timeoutMs)), timeoutMs);
    // Nothing waits on a pending LINE call at shutdown.
    timer.unref();
  });
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
    pending.catch(() => {});
  }
}
