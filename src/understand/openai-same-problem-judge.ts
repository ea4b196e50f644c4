import { join } from 'node:path';
import type OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import * as z from 'zod';
import {
  createOpenAiClient,
  describeOpenAiError,
  endpointName,
  type OpenAiEndpoint,
  type OpenAiFailure,
} from '../llm/openai-client.ts';
import { maskContacts } from '../privacy/redact.ts';
import { PROMPTS_DIR, PromptFileError, readPromptFile } from '../prompt-file.ts';
import type { JudgedReport, SameProblemJudge } from './same-problem-judge.ts';

export const SAME_PROBLEM_PROMPT_FILE = join(PROMPTS_DIR, 'same-problem.md');

/** The judge gave no usable answer; the offline matcher's verdict stands. */
export class SameProblemJudgeError extends Error {
  constructor(
    readonly failure: OpenAiFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SameProblemJudgeError';
  }
}

const ANSWER = z.object({ same: z.boolean(), reason: z.string().max(500).optional() });

/** The prompt, ready to wrap two reports into chat messages. */
export interface SameProblemPrompt {
  version: string;
  messages(first: JudgedReport, report: JudgedReport): Array<{ role: 'system' | 'user'; content: string }>;
}

/**
 * Reads `prompts/same-problem.md` (or `path`): `## system`, and `## user` with `{{first}}` and
 * `{{second}}`, each replaced by a report as JSON (text with contacts masked, place, urgency).
 */
export async function loadSameProblemPrompt(path: string = SAME_PROBLEM_PROMPT_FILE): Promise<SameProblemPrompt> {
  const file = await readPromptFile(path);
  const section = (heading: string): string => {
    const body = file.sections.find((s) => s.heading === heading)?.body;
    if (!body) throw new PromptFileError(path, `has no "## ${heading}" section`);
    return body;
  };
  const system = section('system');
  const user = section('user');
  for (const placeholder of ['{{first}}', '{{second}}'])
    if (!user.includes(placeholder))
      throw new PromptFileError(path, `the "## user" section must contain ${placeholder}`);
  const shown = (r: JudgedReport) => JSON.stringify({ text: maskContacts(r.text), place: r.place, urgent: r.urgent });
  return Object.freeze({
    version: file.version,
    messages(first: JudgedReport, report: JudgedReport) {
      return [
        { role: 'system' as const, content: system },
        {
          role: 'user' as const,
          content: user.replace('{{first}}', () => shown(first)).replace('{{second}}', () => shown(report)),
        },
      ];
    },
  });
}

/**
 * Reads the judge's answer: one JSON object `{"same": true|false, "reason": "…"}` (a leading
 * `<think>…</think>` and a ```json fence are tolerated). Throws {@link SameProblemJudgeError}
 * (`invalid-answer`) for anything else, a refusal or an answer cut short.
 */
export function parseSameProblemAnswer(
  content: string | null | undefined,
  finishReason?: string | null,
  refusal?: string | null,
): boolean {
  const invalid = (problem: string) => new SameProblemJudgeError('invalid-answer', `unusable answer: ${problem}`);
  if (finishReason === 'length') throw invalid('cut short (finish_reason: length)');
  if (refusal) throw invalid(`the model refused: ${refusal.slice(0, 200)}`);
  const text = (content ?? '')
    .replace(/^\s*<think>[\s\S]*?<\/think>/, '')
    .trim()
    .replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid(`not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const parsed = ANSWER.safeParse(json);
  if (!parsed.success) throw invalid(`not {"same": boolean}: ${JSON.stringify(text.slice(0, 80))}`);
  return parsed.data.same;
}

export interface OpenAiSameProblemJudgeOptions extends OpenAiEndpoint {
  prompt: SameProblemPrompt;
}

/**
 * The same-problem judge on any OpenAI-compatible chat-completions endpoint through the `openai` SDK,
 * from `prompts/same-problem.md`: one request, no retry, within `timeoutMs`; every failure is thrown
 * as a {@link SameProblemJudgeError} (the SDK's errors never leave this class).
 */
export class OpenAiSameProblemJudge implements SameProblemJudge {
  private readonly client: OpenAI;
  private readonly endpoint: string;

  constructor(private readonly options: OpenAiSameProblemJudgeOptions) {
    this.client = createOpenAiClient(options);
    this.endpoint = endpointName(options);
  }

  /** Loads the prompt from `prompts/same-problem.md` and builds the judge. */
  static async create(
    options: Omit<OpenAiSameProblemJudgeOptions, 'prompt'> & { prompt?: SameProblemPrompt },
  ): Promise<OpenAiSameProblemJudge> {
    return new OpenAiSameProblemJudge({ ...options, prompt: options.prompt ?? (await loadSameProblemPrompt()) });
  }

  get model(): string {
    return this.options.model;
  }

  async isSameProblem(first: JudgedReport, report: JudgedReport): Promise<boolean> {
    const { model, timeoutMs, prompt } = this.options;
    // The SDK's timeout stops waiting for the headers; this signal also bounds reading the body.
    const signal = AbortSignal.timeout(timeoutMs);
    let completion: ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        {
          model,
          messages: prompt.messages(first, report),
          temperature: 0,
          max_tokens: 300,
          response_format: { type: 'json_object' },
        },
        { signal },
      );
    } catch (error) {
      const { failure, message } = describeOpenAiError(error, { where: this.endpoint, timeoutMs, signal });
      throw new SameProblemJudgeError(failure, message, { cause: error });
    }
    const choice = completion.choices[0];
    return parseSameProblemAnswer(choice?.message.content, choice?.finish_reason, choice?.message.refusal);
  }
}
