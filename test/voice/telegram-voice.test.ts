import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../servers/openai-api.ts';
import { GROUP, RESIDENT, STAFF, startLinli, textUpdate, voiceUpdate, type Linli } from '../bots/telegram/harness.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { toneWav } from '../support/audio.ts';

let nextResident = 5100;
function resident(language_code = 'zh-hans') {
  const id = nextResident++;
  return { ...RESIDENT, id, first_name: `居民${id}`, language_code };
}

describe('Telegram voice notes (end to end, local speech endpoint)', () => {
  let speech: FakeOpenAiServer;
  let linli: Linli;
  const db = () => linli.service.store.db;
  let nextFile = 1;

  /** A resident sends a recording; resolves with the bot's answers to them once `count` came. */
  async function sendVoice(who: ReturnType<typeof resident>, options: { as?: 'voice' | 'audio'; count?: number } = {}) {
    const fileId = `voice-${nextFile++}`;
    linli.api.addFile(fileId, toneWav(), options.as === 'audio' ? `music/${fileId}.mp3` : `voice/${fileId}.oga`);
    expect(await linli.post(voiceUpdate(fileId, { from: who, ...(options.as && { as: options.as }) }))).toBe(200);
    const sent = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), {
      count: options.count ?? 1,
      timeoutMs: 15_000,
    });
    return { fileId, texts: sent.map((c) => String(c.params.text)) };
  }

  async function ticketOf(text: string) {
    const reference = /[A-Z]-\d{4}/.exec(text)![0];
    return db().selectFrom('tickets').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    speech = await new FakeOpenAiServer({ kind: 'transcript', text: '3号楼2单元停水一天了' }).start();
    linli = await startLinli({
      env: { TRANSCRIBE_MODEL: 'whisper-1', TRANSCRIBE_BASE_URL: speech.baseUrl, TRANSCRIBE_TIMEOUT_MS: '1500' },
    });
  });
  afterAll(async () => {
    await linli.close();
    await speech.stop();
  });

  const group = String(GROUP.id);
  /** The staff group's messages about a ticket: the recording resent, then the card. */
  const cardAbout = async (reference: string) => {
    const [card] = await linli.api.waitFor(
      'sendMessage',
      (p) => String(p.chat_id) === group && String(p.text).includes(reference),
      { timeoutMs: 15_000 },
    );
    return String(card!.params.text);
  };

  it('registers the staff group', async () => {
    const { code } = await new KyselyMemberStore(db()).createInvite(
      'staff',
      new Date(Date.now() + 86_400_000),
      new Date(),
    );
    await linli.post(textUpdate(`/join ${code}`, { from: STAFF, chat: GROUP }));
    await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === group);
  });

  it('gives staff the masked transcript on the card and the recording with it', async () => {
    speech.script.push({ kind: 'transcript', text: '5号楼电梯坏了，有事打我电话13912345678' });
    const who = resident();
    const { fileId, texts } = await sendVoice(who);
    const reference = /[A-Z]-\d{4}/.exec(texts[0]!)![0];
    const card = await cardAbout(reference);
    expect(card).toContain('5号楼电梯坏了');
    expect(card).not.toContain('13912345678');
    expect(card).toContain('🎤 居民发的是语音');
    expect(linli.api.callsTo('sendVoice', (p) => String(p.chat_id) === group && p.voice === fileId)).toHaveLength(1);
  });
  it('turns a voice note into words, files them like typed text and quotes them in the receipt', async () => {
    const who = resident();
    const { fileId, texts } = await sendVoice(who);
    expect(texts[0]).toContain('我听到的是：“3号楼2单元停水一天了”');
    expect(texts[0]).toMatch(/已登记，编号 W-\d{4}（供水）/);
    const ticket = await ticketOf(texts[0]!);
    expect(ticket).toMatchObject({
      category: 'water_supply',
      place_building: '3',
      description: '3号楼2单元停水一天了',
    });
    const attachment = await db()
      .selectFrom('attachments')
      .selectAll()
      .where('platform_file_id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(attachment).toMatchObject({
      ticket_id: ticket.id,
      kind: 'audio',
      transcript_status: 'done',
      transcript: '3号楼2单元停水一天了',
    });
    const upload = speech.uploads.at(-1)!;
    expect(upload.fields).toMatchObject({ model: 'whisper-1', language: 'zh', response_format: 'json' });
    expect(upload.file.name).toMatch(/^voice-\d+\.ogg$/);
    expect(upload.file.data.equals(toneWav())).toBe(true);
  });

  it('takes an audio file too, and asks where when the words do not say, quoting them', async () => {
    speech.script.push({ kind: 'transcript', text: '电梯坏了，困在里面好几次' });
    const who = resident();
    const { texts } = await sendVoice(who, { as: 'audio' });
    expect(texts[0]).toContain('我听到的是：“电梯坏了，困在里面好几次”');
    expect(texts[0]).toContain('在哪');
  });

  it('hints English for an English speaker', async () => {
    speech.script.push({ kind: 'transcript', text: 'No water in building 5 since this morning' });
    const who = resident('en');
    const { texts } = await sendVoice(who);
    expect(speech.uploads.at(-1)!.fields.language).toBe('en');
    expect(texts[0]).toContain('What I heard: "No water in building 5 since this morning"');
    expect((await ticketOf(texts[0]!)).category).toBe('water_supply');
  });

  it('files a voice report for staff to listen to when the endpoint hangs, and says a person will listen', async () => {
    speech.script.push({ kind: 'hang' });
    const who = resident();
    const { fileId, texts } = await sendVoice(who, { as: 'audio' });
    const card = await cardAbout(/[A-Z]-\d{4}/.exec(texts[0]!)![0]);
    expect(card).toContain('🎤 语音留言，未能转成文字');
    // An audio file's id goes back as audio (Telegram refuses it as a voice note).
    expect(linli.api.callsTo('sendAudio', (p) => String(p.chat_id) === group && p.audio === fileId)).toHaveLength(1);
    expect(texts[0]).toContain('工作人员会亲自收听您的语音');
    expect(texts[0]).not.toContain('我听到的是');
    expect(await ticketOf(texts[0]!)).toMatchObject({ category: 'other', description: '语音留言（请物业收听）' });
    const attachment = await db()
      .selectFrom('attachments')
      .selectAll()
      .where('platform_file_id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(attachment.transcript_status).toBe('failed');
    expect(attachment.transcript).toMatch(/^timeout/);
    expect(attachment.ticket_id).not.toBeNull();
  });

  it('files a voice report when the endpoint answers an error', async () => {
    speech.script.push({ kind: 'error', status: 500, message: 'model overloaded' });
    const who = resident();
    const { texts } = await sendVoice(who);
    expect(texts[0]).toContain('工作人员会亲自收听您的语音');
    expect((await ticketOf(texts[0]!)).category).toBe('other');
  });

  it('counts the transcriptions on /metrics: outcomes, seconds of audio, latency', async () => {
    const read = await metricsOf(linli.service.port);
    // Four voice notes heard (4 s each, as Telegram said), one timed out, one refused with a 500.
    expect(read('linli_transcriptions_total{outcome="ok"}')).toBe(4);
    expect(read('linli_transcriptions_total{outcome="timeout"}')).toBe(1);
    expect(read('linli_transcriptions_total{outcome="failed"}')).toBe(1);
    expect(read('linli_transcribed_audio_seconds_total')).toBe(16);
    expect(read('linli_transcribe_seconds_count{outcome="ok"}')).toBe(4);
    expect(read('linli_transcribe_seconds_count{outcome="timeout"}')).toBe(1);
    // The hang was cut at TRANSCRIBE_TIMEOUT_MS (1.5 s), never sooner: above the 1 s bucket.
    expect(read('linli_transcribe_seconds_bucket{le="1",outcome="timeout"}')).toBe(0);
    expect(read('linli_transcribe_seconds_bucket{le="+Inf",outcome="timeout"}')).toBe(1);
    // Transcribed (or given up on) once downloaded, every card had its recording saved: none waited.
    expect(read('linli_voice_cards_total{recording="saved",held="no"}')).toBeGreaterThan(0);
    expect(read('linli_voice_cards_total{recording="saved",held="yes"}')).toBe(0);
  });
});

/** Reads the service's /metrics over HTTP; the reader returns a sample's value (0 when absent). */
async function metricsOf(port: number): Promise<(sample: string) => number> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  const lines = (await response.text()).split('\n');
  return (sample) => {
    const line = lines.find((l) => l.startsWith(`${sample} `));
    return line === undefined ? 0 : Number(line.slice(sample.length + 1));
  };
}

describe('Telegram voice notes with the speech endpoint down', () => {
  it('files a voice report for staff to listen to', async () => {
    const linli = await startLinli({
      env: {
        TRANSCRIBE_MODEL: 'whisper-1',
        TRANSCRIBE_BASE_URL: 'http://127.0.0.1:9/v1',
        TRANSCRIBE_TIMEOUT_MS: '1500',
      },
    });
    try {
      const who = { ...RESIDENT, id: 5900 };
      linli.api.addFile('down-1', toneWav(), 'voice/down-1.oga');
      expect(await linli.post(voiceUpdate('down-1', { from: who }))).toBe(200);
      const [receipt] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), {
        timeoutMs: 15_000,
      });
      expect(String(receipt!.params.text)).toContain('工作人员会亲自收听您的语音');
      const attachment = await linli.service.store.db
        .selectFrom('attachments')
        .selectAll()
        .where('platform_file_id', '=', 'down-1')
        .executeTakeFirstOrThrow();
      expect(attachment.transcript).toMatch(/^connection/);
      expect((await metricsOf(linli.service.port))('linli_transcriptions_total{outcome="failed"}')).toBe(1);
    } finally {
      await linli.close();
    }
  });
});

describe('Telegram voice notes without a speech endpoint, and too long for one', () => {
  it('files them for staff to listen to and counts them disabled, or over the limit', async () => {
    for (const [env, outcome] of [
      [{}, 'disabled'],
      [
        { TRANSCRIBE_MODEL: 'whisper-1', TRANSCRIBE_BASE_URL: 'http://127.0.0.1:9/v1', TRANSCRIBE_MAX_SECONDS: '60' },
        'over-limit',
      ],
    ] as const) {
      const linli = await startLinli({ env });
      try {
        const who = { ...RESIDENT, id: 5950 };
        linli.api.addFile('long-1', toneWav(), 'voice/long-1.oga');
        expect(await linli.post(voiceUpdate('long-1', { from: who, duration: 90 }))).toBe(200);
        const [receipt] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(who.id), {
          timeoutMs: 15_000,
        });
        expect(String(receipt!.params.text)).toContain('工作人员会亲自收听您的语音');
        const read = await metricsOf(linli.service.port);
        expect(read(`linli_transcriptions_total{outcome="${outcome}"}`)).toBe(1);
        expect(read('linli_transcriptions_total{outcome="ok"}')).toBe(0);
        expect(read('linli_transcribe_seconds_count{outcome="ok"}')).toBe(0);
      } finally {
        await linli.close();
      }
    }
  });
});
