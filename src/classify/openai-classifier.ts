import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import { maskContacts } from '../privacy/redact.ts';
import type { Classification, Classifier } from './classifier.ts';
import { ClassifierError } from './classifier-error.ts';
import { loadComplaintPrompt, type ComplaintPrompt, type ResponseFormat } from './complaint-prompt.ts';
import { createOpenAiClient, describeOpenAiError, endpointName, type OpenAiEndpoint } from '../llm/openai-client.ts';
import { answerToClassification, LLM_ANSWER_JSON_SCHEMA, parseLlmAnswer } from './llm-answer.ts';
import type { OfflineUrgency } from './urgency-model.ts';

export { DEFAULT_BASE_URL, retryAfterMs } from '../llm/openai-client.ts';

/**
 * Characters of a message sent to the LLM. The category, urgency and place of a complaint show in its
 * first lines; a long petition costs tokens and time without changing the answer.
 */
export const DEFAULT_MAX_INPUT_CHARS = 4_000;

// Room for the JSON answer (about 150 tokens with a Chinese summary) and for models that think aloud first.
const MAX_ANSWER_TOKENS = 600;

/**
 * Which structured-output mode each endpoint accepts, learnt from its refusals. OpenAI takes
 * `json_schema`; DeepSeek and several Qwen models accept only `json_object`. Keyed by base URL and
 * model, since one provider may serve models of both kinds.
 */
export class ResponseFormatMemory {
  private readonly refused = new Map<string, ResponseFormat>();

  formatFor(endpoint: string): ResponseFormat {
    return this.refused.get(endpoint) ?? 'json_schema';
  }

  remember(endpoint: string, format: ResponseFormat): void {
    this.refused.set(endpoint, format);
  }
}

/** One memory for the process: every classifier on the same endpoint learns from the first refusal. */
export const RESPONSE_FORMATS = new ResponseFormatMemory();

export interface OpenAiClassifierOptions extends OpenAiEndpoint {
  /** Milliseconds one classification may take, the switch to `json_object` included. */
  timeoutMs: number;
  prompt: ComplaintPrompt;
  maxInputChars?: number;
  formats?: ResponseFormatMemory;
  /**
   * The offline urgency decision (the offline classifier's rules and scorer), which can raise an
   * answer the model gave as normal; the rules alone when absent.
   */
  urgency?: (text: string) => OfflineUrgency;
  log?: Logger;
}

/**
 * A classifier backed by any OpenAI-compatible chat-completions endpoint (OpenAI, DeepSeek, Qwen in
 * DashScope compatible mode, a local Ollama) through the `openai` SDK.
 *
 * Before the text leaves the machine, phone numbers, ID numbers and e-mail addresses are masked and
 * the text is cut to `maxInputChars` (the classification then records `truncated`). The answer is
 * asked for as strict `json_schema`; an endpoint that refuses it with a 400/422 is asked again at once
 * with `json_object` and the schema in the prompt, and that choice is remembered for the endpoint.
 * The SDK does not retry: one call sends at most those two requests. Every failure is thrown as a
 * {@link ClassifierError}; the SDK's errors never leave this class.
 */
export class OpenAiClassifier implements Classifier {
  private readonly client: OpenAI;
  private readonly endpoint: string;
  private readonly formats: ResponseFormatMemory;
  private readonly maxInputChars: number;

  constructor(private readonly options: OpenAiClassifierOptions) {
    this.client = createOpenAiClient(options);
    this.endpoint = endpointName(options);
    this.formats = options.formats ?? RESPONSE_FORMATS;
    this.maxInputChars = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  }

  /** Loads the prompt from `prompts/classify-complaint.md` and builds the classifier. */
  static async create(
    options: Omit<OpenAiClassifierOptions, 'prompt'> & { prompt?: ComplaintPrompt },
  ): Promise<OpenAiClassifier> {
    return new OpenAiClassifier({ ...options, prompt: options.prompt ?? (await loadComplaintPrompt()) });
  }

  get model(): string {
    return this.options.model;
  }

  async classify(text: string, options: { signal?: AbortSignal } = {}): Promise<Classification> {
    const started = performance.now();
    const deadline = started + this.options.timeoutMs;
    const masked = maskContacts(text);
    const sent = cut(masked, this.maxInputChars);

    let format = this.formats.formatFor(this.endpoint);
    let completion: ChatCompletion;
    try {
      completion = await this.request(sent, format, deadline, options.signal);
    } catch (error) {
      if (format !== 'json_schema' || !refusesJsonSchema(error)) throw this.translate(error, options.signal);
      format = 'json_object';
      const said = mentionsResponseFormat(error);
      if (said) this.refuse(error);
      try {
        completion = await this.request(sent, format, deadline, options.signal);
      } catch (retryError) {
        throw this.translate(retryError, options.signal);
      }
      // A 400 that did not name response_format may have been about something else: remember only
      // once json_object has worked.
      if (!said) this.refuse(error);
    }

    const choice = completion.choices[0];
    const answer = parseLlmAnswer(choice?.message.content, choice?.finish_reason, choice?.message.refusal);
    return {
      ...answerToClassification(
        answer,
        text,
        { model: this.options.model, promptVersion: this.options.prompt.version },
        this.options.urgency,
      ),
      latencyMs: Math.round(performance.now() - started),
      ...(sent.length < masked.length && { truncated: { from: text.length, to: sent.length } }),
    };
  }

  private async request(
    text: string,
    format: ResponseFormat,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<ChatCompletion> {
    const remaining = Math.floor(deadline - performance.now());
    if (remaining <= 0)
      throw new ClassifierError('timeout', `no answer from ${this.endpoint} within ${this.options.timeoutMs} ms`);
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: this.options.model,
      messages: this.options.prompt.messages(text, format) as ChatCompletionMessageParam[],
      temperature: 0,
      max_tokens: MAX_ANSWER_TOKENS,
      response_format:
        format === 'json_schema'
          ? {
              type: 'json_schema',
              json_schema: {
                name: 'complaint_classification',
                strict: true,
                schema: LLM_ANSWER_JSON_SCHEMA as unknown as Record<string, unknown>,
              },
            }
          : { type: 'json_object' },
    };
    return await this.client.chat.completions.create(body, { timeout: remaining, ...(signal && { signal }) });
  }

  private refuse(error: unknown): void {
    this.formats.remember(this.endpoint, 'json_object');
    this.options.log?.info(
      { endpoint: this.endpoint, status: (error as { status?: number }).status, err: (error as Error).message },
      'the endpoint refuses json_schema structured output; using json_object with the schema in the prompt from now on',
    );
  }

  private translate(error: unknown, signal: AbortSignal | undefined): ClassifierError {
    if (error instanceof ClassifierError) return error;
    const { failure, message, retryAfterMs } = describeOpenAiError(error, {
      where: this.endpoint,
      timeoutMs: this.options.timeoutMs,
      signal,
    });
    return new ClassifierError(failure, message, { cause: error, ...(retryAfterMs !== undefined && { retryAfterMs }) });
  }
}

function refusesJsonSchema(error: unknown): boolean {
  return error instanceof OpenAI.APIError && (error.status === 400 || error.status === 422);
}

function mentionsResponseFormat(error: unknown): boolean {
  if (!(error instanceof OpenAI.APIError)) return false;
  return /response_format|response format|json_schema|json schema|structured output/i.test(
    `${error.message} ${JSON.stringify(error.error ?? '')}`,
  );
}

/** The first `max` characters, never splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}
