import OpenAI from 'openai';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The settings of an OpenAI-compatible endpoint (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_TIMEOUT_MS). */
export interface OpenAiEndpoint {
  /** Omit for a local server that needs none (Ollama). */
  apiKey?: string | undefined;
  /** Default {@link DEFAULT_BASE_URL}. */
  baseUrl?: string | undefined;
  model: string;
  /** Milliseconds one request may take. */
  timeoutMs: number;
}

/** The endpoint as log lines and error messages name it: base URL and model. */
export function endpointName(endpoint: Pick<OpenAiEndpoint, 'baseUrl' | 'model'>): string {
  return `${(endpoint.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')} ${endpoint.model}`;
}

/**
 * An `openai` SDK client for the endpoint. Every setting is passed explicitly so the SDK reads
 * nothing from process.env behind config.ts; it does not retry (callers decide whether a failure is
 * worth a second request) and does not log.
 */
export function createOpenAiClient(endpoint: Omit<OpenAiEndpoint, 'model'>): OpenAI {
  return new OpenAI({
    apiKey: endpoint.apiKey ?? 'none',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    baseURL: endpoint.baseUrl ?? DEFAULT_BASE_URL,
    timeout: endpoint.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
  });
}

/** How a request to the endpoint failed; see `ClassifierFailure` for what each kind means. */
export type OpenAiFailure =
  'timeout' | 'aborted' | 'rate-limited' | 'unavailable' | 'connection' | 'rejected' | 'invalid-answer';

/** An SDK error told in our words: its kind and a message naming the endpoint and what to check. */
export interface OpenAiFailureDescription {
  failure: OpenAiFailure;
  message: string;
  /** For a 429: the wait the endpoint asked for, if it said. */
  retryAfterMs?: number | undefined;
}

/**
 * Describes an error thrown by the `openai` SDK (or by the code around the call) for an adapter to
 * wrap in its own `Error` subclass. `where` names the endpoint in messages (base URL and model);
 * `signal` is the caller's, whose abort reason tells a timeout from a cancellation.
 */
export function describeOpenAiError(
  error: unknown,
  options: {
    where: string;
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    /** The settings' prefix that error messages tell the operator to check (default `OPENAI`). */
    settings?: string;
  },
): OpenAiFailureDescription {
  const { where, timeoutMs, signal } = options;
  const settings = options.settings ?? 'OPENAI';
  if (error instanceof OpenAI.APIUserAbortError || signal?.aborted) {
    const timedOut = (signal?.reason as Error | undefined)?.name === 'TimeoutError';
    return timedOut
      ? { failure: 'timeout', message: `no answer from ${where} in time` }
      : { failure: 'aborted', message: `the request to ${where} was cancelled` };
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return { failure: 'timeout', message: `no answer from ${where} within ${timeoutMs} ms` };
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = (error.cause as Error | undefined)?.message;
    return {
      failure: 'connection',
      message: `cannot reach ${where}${cause ? ` (${cause})` : ''}: check ${settings}_BASE_URL`,
    };
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const detail = `${where} answered ${status}: ${error.message.slice(0, 200)}`;
    if (status === 429) return { failure: 'rate-limited', message: detail, retryAfterMs: retryAfterMs(error.headers) };
    if (status === 408 || status === 409 || status >= 500) return { failure: 'unavailable', message: detail };
    if (status === 401 || status === 403)
      return { failure: 'rejected', message: `${detail} (check ${settings}_API_KEY)` };
    if (status === 404)
      return { failure: 'rejected', message: `${detail} (check ${settings}_MODEL and ${settings}_BASE_URL)` };
    return { failure: 'rejected', message: detail };
  }
  return {
    failure: 'invalid-answer',
    message: `unusable response from ${where}: ${(error as Error).message ?? String(error)}`,
  };
}

/**
 * The wait a 429 asks for: `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP
 * date. Undefined when neither says.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
