import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscribeConfig } from '../../src/config.ts';
import { OpenAiTranscriber } from '../../src/voice/openai-transcriber.ts';
import { recordingFileName, TranscriberError } from '../../src/voice/transcriber.ts';
import { FakeOpenAiServer } from '../servers/openai-api.ts';
import { toneWav } from '../support/audio.ts';

describe('OpenAiTranscriber (the real openai SDK against a local transcription endpoint)', () => {
  let server: FakeOpenAiServer;
  const recording = { data: toneWav(0.5), mimeType: 'audio/wav', fileName: 'voice-7.wav' };
  const transcriber = (overrides: Partial<TranscribeConfig> = {}) =>
    new OpenAiTranscriber({
      model: 'whisper-1',
      apiKey: 'sk-test',
      baseUrl: server.baseUrl,
      timeoutMs: 1_000,
      maxBytes: 1_000_000,
      maxSeconds: 300,
      responseFormat: 'json',
      ...overrides,
    });
  const failure = async (promise: Promise<unknown>): Promise<TranscriberError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TranscriberError);
    return error as TranscriberError;
  };

  beforeAll(async () => {
    server = await new FakeOpenAiServer({ kind: 'transcript', text: ' 6号楼的路灯不亮了 ' }).start();
  });
  afterAll(() => server.stop());

  it('uploads the recording as multipart with the model, the language hint and the format, and reads a json answer', async () => {
    const heard = await transcriber().transcribe(recording, { language: 'zh' });
    expect(heard).toMatchObject({ text: '6号楼的路灯不亮了', model: 'whisper-1' });
    const upload = server.uploads.at(-1)!;
    expect(upload.fields).toEqual({ model: 'whisper-1', language: 'zh', response_format: 'json' });
    expect(upload.file).toMatchObject({ name: 'voice-7.wav', type: 'audio/wav' });
    expect(upload.file.data.equals(recording.data)).toBe(true);
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer sk-test');
  });

  it('reads a text answer and a verbose_json answer (with its language and duration)', async () => {
    expect((await transcriber({ responseFormat: 'text' }).transcribe(recording)).text).toBe('6号楼的路灯不亮了');
    expect(server.uploads.at(-1)!.fields).not.toHaveProperty('language');
    server.script.push({ kind: 'transcript', text: 'The lift is stuck', language: 'english', duration: 4.2 });
    expect(
      await transcriber({ responseFormat: 'verbose_json' }).transcribe(recording, { language: 'en' }),
    ).toMatchObject({ text: 'The lift is stuck', language: 'english', durationSeconds: 4.2 });
  });

  it('turns errors into TranscriberErrors that name the TRANSCRIBE_ setting to check', async () => {
    server.script.push({ kind: 'error', status: 401, message: 'Incorrect API key provided' });
    const rejected = await failure(transcriber().transcribe(recording));
    expect(rejected.failure).toBe('rejected');
    expect(rejected.message).toContain('TRANSCRIBE_API_KEY');
    server.script.push({ kind: 'error', status: 404, message: 'The model `whisper-9` does not exist' });
    expect((await failure(transcriber().transcribe(recording))).message).toContain('TRANSCRIBE_MODEL');
    server.script.push({ kind: 'error', status: 503, message: 'overloaded' });
    expect((await failure(transcriber().transcribe(recording))).failure).toBe('unavailable');
    server.script.push({ kind: 'error', status: 429, message: 'slow down', headers: { 'retry-after': '3' } });
    expect((await failure(transcriber().transcribe(recording))).failure).toBe('rate-limited');
    const down = await failure(transcriber({ baseUrl: 'http://127.0.0.1:9/v1' }).transcribe(recording));
    expect(down.failure).toBe('connection');
    expect(down.message).toContain('TRANSCRIBE_BASE_URL');
  });

  it('gives up on a hanging endpoint after its timeout', async () => {
    server.script.push({ kind: 'hang' });
    expect((await failure(transcriber({ timeoutMs: 300 }).transcribe(recording))).failure).toBe('timeout');
  });

  it('refuses an answer without text', async () => {
    server.script.push({ kind: 'error', status: 200, message: 'not a transcript' });
    expect((await failure(transcriber().transcribe(recording))).failure).toBe('invalid-answer');
  });

  it('names the file by the recording’s type, as whisper servers read the format from it', () => {
    expect(recordingFileName('audio/ogg', 1)).toBe('voice-1.ogg');
    expect(recordingFileName('audio/x-m4a', 2)).toBe('voice-2.m4a');
    expect(recordingFileName('audio/mpeg', 3)).toBe('voice-3.mp3');
    expect(recordingFileName('application/octet-stream', 4)).toBe('voice-4.ogg');
  });
});
