import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { messages } from '../../src/i18n/index.ts';
import type { Core } from '../../src/turn/core.ts';
import { staffCard, type VoiceOfTicket } from '../../src/turn/notify-staff.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { RecordingLinks } from '../../src/voice/recording-links.ts';

const NOW = new Date('2026-12-03T02:00:00.000Z');
const s = messages('zh-CN').staff;

const ticket: Ticket = {
  id: 9,
  reference: 'W-0009',
  category: 'water_supply',
  urgency: 'normal',
  hazard: null,
  status: 'open',
  summary: '3号楼停水',
  description: '3号楼停水',
  place: { building: '3', text: '3号楼' },
  location: null,
  language: 'zh-CN',
  classifierSource: 'offline',
  classifierModel: null,
  classifierLatencyMs: null,
  confidence: null,
  duplicateOf: null,
  assigneeId: null,
  reopenedCount: 0,
  explanation: null,
  createdAt: NOW,
  updatedAt: NOW,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  responseDueAt: NOW,
  resolutionDueAt: NOW,
  responseOverdueNotifiedAt: null,
  resolutionOverdueNotifiedAt: null,
  estateId: 1,
} as Ticket;

function core(env: Record<string, string>): Core {
  return {
    config: loadConfig({ DATABASE_URL: 'sqlite::memory:', CLASSIFIER: 'offline', ...env }),
    now: () => NOW,
    log: pino({ level: 'silent' }),
  } as Core;
}
const LINE = { LINE_CHANNEL_SECRET: 'line-secret', LINE_CHANNEL_ACCESS_TOKEN: 'line-token' };
const telegramVoice: VoiceOfTicket = {
  platform: 'telegram',
  fileId: 'AwACAgUAAxkBAAIB',
  heard: true,
  attachmentId: 41,
  mimeType: 'audio/ogg',
  durationSeconds: 12,
};
const lineVoice: VoiceOfTicket = {
  platform: 'line',
  fileId: '5551234',
  heard: false,
  attachmentId: 42,
  mimeType: 'audio/x-m4a',
  durationSeconds: 7,
};
const card = (c: Core, voice: VoiceOfTicket, platform: string) =>
  staffCard(c, ticket, 1, undefined, 'staff', undefined, voice)(platform);

describe('the recording on a staff card', () => {
  it('goes to a LINE group at a signed https link with its type and length, the link good for a week', () => {
    const c = core({ ...LINE, PUBLIC_URL: 'https://linli.example.org/' });
    const message = card(c, lineVoice, 'line');
    expect(message.audio).toEqual({
      url: new RecordingLinks('https://linli.example.org', 'line-secret').url(42, NOW),
      mimeType: 'audio/x-m4a',
      durationMs: 7000,
    });
    expect(message.text).toContain(s.cardVoiceListen);
    expect(message.text).not.toContain(s.cardRecordingInConsole);
    // A Telegram voice note in a LINE group: its link (LINE's renderer sends an ogg as a link).
    expect(card(c, telegramVoice, 'line').audio).toMatchObject({ mimeType: 'audio/ogg', durationMs: 12_000 });
    // Telegram resends its own recording by file id, never by link.
    expect(card(c, telegramVoice, 'telegram').audio).toEqual({ platformFileId: 'AwACAgUAAxkBAAIB' });
  });

  it('is in the console, and the card says so, when PUBLIC_URL is not https or the chat cannot take it', () => {
    for (const env of [{ ...LINE, PUBLIC_URL: 'http://linli.example.org' }, { ...LINE }]) {
      const message = card(core(env), lineVoice, 'line');
      expect(message.audio).toBeUndefined();
      expect(message.text).toContain(s.cardRecordingInConsole);
    }
    // A LINE recording in a Telegram group: Telegram cannot resend another platform's file.
    const message = card(core({ ...LINE, PUBLIC_URL: 'https://linli.example.org' }), lineVoice, 'telegram');
    expect(message.audio).toBeUndefined();
    expect(message.text).toContain(s.cardRecordingInConsole);
  });
});

describe('the recording on a staff card, once its file stands', () => {
  const https = () => core({ ...LINE, PUBLIC_URL: 'https://linli.example.org' });
  const saved = { status: 'saved', path: '/data/attachments/line/42-ab.m4a', mimeType: 'audio/mp4' } as const;

  it('is uploaded from the saved file to a Telegram group, with the type the download had', () => {
    const message = card(https(), { ...lineVoice, file: saved }, 'telegram');
    expect(message.audio).toEqual({ path: saved.path, mimeType: 'audio/mp4', durationMs: 7000 });
    expect(message.text).not.toContain(s.cardRecordingInConsole);
  });

  it('says it could not be fetched where it cannot go; Telegram still resends its own by file id', () => {
    const gone = { status: 'unavailable' } as const;
    for (const platform of ['line', 'telegram']) {
      const message = card(https(), { ...lineVoice, file: gone }, platform);
      expect(message.audio).toBeUndefined();
      expect(message.text).toContain(s.cardRecordingUnavailable);
      expect(message.text).not.toContain(s.cardRecordingInConsole);
    }
    const own = card(https(), { ...telegramVoice, file: gone }, 'telegram');
    expect(own.audio).toEqual({ platformFileId: telegramVoice.fileId });
    expect(own.text).not.toContain(s.cardRecordingUnavailable);
  });
});

describe('RecordingLinks', () => {
  const links = new RecordingLinks('https://linli.example.org', 'line-secret');
  const parts = (url: string) => {
    const u = new URL(url);
    return {
      id: Number(u.pathname.split('/').at(-1)),
      exp: Number(u.searchParams.get('exp')),
      sig: u.searchParams.get('sig')!,
    };
  };

  it('holds a link valid until its expiry, and nothing changed in it', () => {
    const { id, exp, sig } = parts(links.url(7, NOW));
    expect(exp).toBe(NOW.getTime() / 1000 + 7 * 86_400);
    expect(links.check(id, exp, sig, NOW)).toBe('valid');
    expect(links.check(id, exp, sig, new Date(exp * 1000 - 1000))).toBe('valid');
    expect(links.check(id, exp, sig, new Date(exp * 1000))).toBe('expired');
    expect(links.check(id + 1, exp, sig, NOW)).toBe('forged');
    expect(links.check(id, exp + 1, sig, NOW)).toBe('forged');
    expect(links.check(id, exp, '', NOW)).toBe('forged');
    expect(new RecordingLinks('https://linli.example.org', 'rotated-secret').check(id, exp, sig, NOW)).toBe('forged');
  });
});
