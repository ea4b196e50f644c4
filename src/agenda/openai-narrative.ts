import { join } from 'node:path';
import type OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import type { Locale } from '../i18n/index.ts';
import {
  createOpenAiClient,
  describeOpenAiError,
  endpointName,
  type OpenAiEndpoint,
  type OpenAiFailure,
} from '../llm/openai-client.ts';
import { PROMPTS_DIR, PromptFileError, readPromptFile } from '../prompt-file.ts';
import type { AgendaDraft, NarrativeWriter } from './narrative.ts';

export const NARRATIVE_PROMPT_FILE = join(PROMPTS_DIR, 'weekly-agenda.md');

/** The longest paragraph accepted from the LLM, in characters; a longer one is a failure. */
export const MAX_NARRATIVE_CHARS = 600;

// 600 characters of Chinese is about 600 tokens; the rest is room for models that think aloud first.
const MAX_ANSWER_TOKENS = 1_200;

/** How the prompt names each language to the model. */
const LANGUAGE: Record<Locale, string> = {
  'zh-CN': 'simplified Chinese (简体中文)',
  'zh-TW': 'traditional Chinese (繁體中文)',
  en: 'English',
};

/** The narrative could not be written; `compileAgenda` then uses the deterministic text. */
export class NarrativeError extends Error {
  constructor(
    readonly failure: OpenAiFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NarrativeError';
  }
}

/**
 * What the LLM is shown of a week: the figures, the rates, the listed items and the state of last
 * meeting's decisions. Built field by field, so nothing added to the agenda later is sent unless it is
 * added here; the free texts (summaries, explained plans) were redacted by compile, and the decisions'
 * own wording is left out.
 */
export function narrativeFacts(draft: AgendaDraft) {
  return {
    week: draft.week,
    figures: draft.figures,
    rates: draft.rates,
    items: draft.items.map((i) => ({
      reference: i.reference,
      category: i.category,
      urgent: i.urgent,
      building: i.building,
      spot: i.spot,
      summary: i.summary,
      reporters: i.reporters,
      ageDays: i.ageDays,
      status: i.status,
      reasons: i.reasons,
      lead: i.lead,
      related: i.related,
    })),
    moreItems: draft.moreItems,
    followUps: draft.followUps.map((f) => ({
      reference: f.reference,
      category: f.category,
      building: f.building,
      spot: f.spot,
      lead: f.lead,
      dueDate: f.dueDate,
      status: f.status,
      state: f.state,
    })),
  };
}

/** The narrative prompt, ready to wrap a week's facts into chat messages. */
export interface NarrativePrompt {
  /** The prompt's `version:` line, logged with each paragraph the LLM writes. */
  version: string;
  messages(draft: AgendaDraft, locale: Locale): Array<{ role: 'system' | 'user'; content: string }>;
}

/**
 * Reads `prompts/weekly-agenda.md` (or `path`): the `## system` section (with `{{community}}` and
 * `{{language}}`) and the `## user` section (with `{{agenda}}`, replaced by {@link narrativeFacts} as
 * JSON). Throws a {@link PromptFileError} naming the file and the problem.
 */
export async function loadNarrativePrompt(path: string = NARRATIVE_PROMPT_FILE): Promise<NarrativePrompt> {
  const file = await readPromptFile(path);
  const section = (heading: string, placeholder: string): string => {
    const body = file.sections.find((s) => s.heading === heading)?.body;
    if (!body) throw new PromptFileError(path, `has no "## ${heading}" section`);
    if (!body.includes(placeholder))
      throw new PromptFileError(path, `the "## ${heading}" section must contain ${placeholder}`);
    return body;
  };
  const system = section('system', '{{language}}');
  const user = section('user', '{{agenda}}');
  return Object.freeze({
    version: file.version,
    messages(draft: AgendaDraft, locale: Locale) {
      // Functions as replacements, so a `$` in the data is not read as a replacement pattern.
      return [
        {
          role: 'system' as const,
          content: system
            .replaceAll('{{community}}', () => draft.community)
            .replaceAll('{{language}}', () => LANGUAGE[locale]),
        },
        { role: 'user' as const, content: user.replace('{{agenda}}', () => JSON.stringify(narrativeFacts(draft))) },
      ];
    },
  });
}

/**
 * The paragraph in an LLM's answer, or a {@link NarrativeError} (`invalid-answer`) when the answer is
 * cut short, refused, empty, has a heading, a list or a code block, is more than one paragraph, or is
 * longer than {@link MAX_NARRATIVE_CHARS}. A leading `<think>…</think>` is dropped and line breaks
 * inside the paragraph become spaces.
 */
export function checkNarrative(
  content: string | null | undefined,
  finishReason?: string | null,
  refusal?: string | null,
): string {
  const invalid = (problem: string) => new NarrativeError('invalid-answer', `unusable narrative: ${problem}`);
  if (finishReason === 'length') throw invalid('the answer was cut short (finish_reason: length)');
  if (refusal) throw invalid(`the model refused: ${refusal.slice(0, 200)}`);
  const text = (content ?? '').replace(/^\s*<think>[\s\S]*?<\/think>/, '').trim();
  if (text === '') throw invalid('the answer is empty');
  if (/^ {0,3}#{1,6}(\s|$)/m.test(text)) throw invalid('it has a Markdown heading');
  if (/```/.test(text)) throw invalid('it has a code block');
  if (/^\s*(?:[-*+•]|\d+[.)、])\s/m.test(text)) throw invalid('it has a list');
  if (/\n\s*\n/.test(text)) throw invalid('it is more than one paragraph');
  const paragraph = text.replace(/\s*\n\s*/g, ' ');
  const length = [...paragraph].length;
  if (length > MAX_NARRATIVE_CHARS) throw invalid(`it is ${length} characters long (at most ${MAX_NARRATIVE_CHARS})`);
  return paragraph;
}

export interface OpenAiNarrativeWriterOptions extends OpenAiEndpoint {
  prompt: NarrativePrompt;
  log?: Logger;
}

/**
 * The agenda's paragraph written by any OpenAI-compatible chat-completions endpoint through the
 * `openai` SDK, from `prompts/weekly-agenda.md`. It sends only {@link narrativeFacts} of the draft,
 * one request, no retry, within `timeoutMs`; the answer must pass {@link checkNarrative}. Every
 * failure is thrown as a {@link NarrativeError} (the SDK's errors never leave this class), and
 * `compileAgenda` then uses the deterministic text.
 */
export class OpenAiNarrativeWriter implements NarrativeWriter {
  readonly source = 'llm' as const;
  private readonly client: OpenAI;
  private readonly endpoint: string;

  constructor(private readonly options: OpenAiNarrativeWriterOptions) {
    this.client = createOpenAiClient(options);
    this.endpoint = endpointName(options);
  }

  /** Loads the prompt from `prompts/weekly-agenda.md` and builds the writer. */
  static async create(
    options: Omit<OpenAiNarrativeWriterOptions, 'prompt'> & { prompt?: NarrativePrompt },
  ): Promise<OpenAiNarrativeWriter> {
    return new OpenAiNarrativeWriter({ ...options, prompt: options.prompt ?? (await loadNarrativePrompt()) });
  }

  async write(draft: AgendaDraft, locale: Locale): Promise<string> {
    const { model, timeoutMs, prompt } = this.options;
    const started = performance.now();
    // The SDK's timeout stops waiting for the headers; this signal also bounds reading the body.
    const signal = AbortSignal.timeout(timeoutMs);
    let completion: ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        { model, messages: prompt.messages(draft, locale), temperature: 0, max_tokens: MAX_ANSWER_TOKENS },
        { signal },
      );
    } catch (error) {
      const { failure, message } = describeOpenAiError(error, { where: this.endpoint, timeoutMs, signal });
      throw new NarrativeError(failure, message, { cause: error });
    }
    const choice = completion.choices[0];
    const paragraph = checkNarrative(choice?.message.content, choice?.finish_reason, choice?.message.refusal);
    this.options.log?.info(
      {
        week: draft.week,
        endpoint: this.endpoint,
        promptVersion: prompt.version,
        latencyMs: Math.round(performance.now() - started),
      },
      'agenda narrative written by the LLM',
    );
    return paragraph;
  }
}
