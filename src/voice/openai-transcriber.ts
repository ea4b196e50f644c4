import OpenAI, { toFile } from 'openai';
import { createOpenAiClient, describeOpenAiError, endpointName } from '../llm/openai-client.ts';
import type { TranscribeConfig } from '../config.ts';
import { TranscriberError, type Recording, type Transcriber, type Transcript } from './transcriber.ts';

/**
 * Speech to text through any OpenAI-compatible `/audio/transcriptions` endpoint (OpenAI's whisper-1
 * or gpt-4o-transcribe, a self-hosted whisper or SenseVoice server) with the `openai` SDK: the
 * recording goes up as a multipart upload with the model, the language hint and the answer format
 * asked for (`json`, `text` or `verbose_json`). The SDK does not retry; one call is one request of at
 * most TRANSCRIBE_TIMEOUT_MS. Every failure is thrown as a {@link TranscriberError}.
 */
export class OpenAiTranscriber implements Transcriber {
  private readonly client: OpenAI;
  private readonly endpoint: string;

  constructor(private readonly config: TranscribeConfig) {
    this.client = createOpenAiClient(config);
    this.endpoint = endpointName(config);
  }

  get model(): string {
    return this.config.model;
  }

  async transcribe(recording: Recording, options: { language?: string } = {}): Promise<Transcript> {
    const started = performance.now();
    // The SDK's timeout covers the wait for an answer; the signal also covers a body that never ends.
    const signal = AbortSignal.timeout(this.config.timeoutMs);
    let answer: unknown;
    try {
      answer = await this.client.audio.transcriptions.create(
        {
          file: await toFile(recording.data, recording.fileName, { type: recording.mimeType }),
          model: this.config.model,
          response_format: this.config.responseFormat,
          ...(options.language && { language: options.language }),
        },
        { signal },
      );
    } catch (error) {
      const { failure, message } = describeOpenAiError(error, {
        where: this.endpoint,
        timeoutMs: this.config.timeoutMs,
        signal,
        settings: 'TRANSCRIBE',
      });
      throw new TranscriberError(failure === 'aborted' ? 'timeout' : failure, message, { cause: error });
    }
    return {
      ...readAnswer(answer, this.endpoint),
      model: this.config.model,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}

/**
 * The words of an answer: a JSON object with `text` (`json`, `verbose_json` with `language` and
 * `duration`), or the bare text (`text`, and servers that answer text whatever was asked).
 */
function readAnswer(answer: unknown, endpoint: string): Pick<Transcript, 'text' | 'language' | 'durationSeconds'> {
  if (typeof answer === 'string') return { text: answer.trim() };
  if (typeof answer === 'object' && answer !== null && typeof (answer as { text?: unknown }).text === 'string') {
    const { text, language, duration } = answer as { text: string; language?: unknown; duration?: unknown };
    return {
      text: text.trim(),
      ...(typeof language === 'string' && language !== '' && { language }),
      ...(typeof duration === 'number' && Number.isFinite(duration) && { durationSeconds: duration }),
    };
  }
  throw new TranscriberError('invalid-answer', `the answer of ${endpoint} has no text`);
}
