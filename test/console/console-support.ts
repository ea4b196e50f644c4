import { messages } from '../../src/i18n/index.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../privacy/corpus.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, type Harness } from '../support/core-harness.ts';
import type { TestStore } from '../support/databases.ts';

export const STAFF_ROOM = 'staff-room';
/** A staff reply that quotes a resident's phone back: the console must mask it too. */
export const STAFF_REPLY = '已记下您的电话13912345678，师傅下午到';
/** A complaint that tries to run script in the console. */
export const HOSTILE = '3号楼电梯坏了<script>alert("x")</script><img src=x onerror=alert(1)>';

/** The secrets of the privacy corpus; `expectNoSecrets` in the tests looks for each. */
export const SECRETS = CORPUS.flatMap((e) => e.secrets);
export const PHONES = CORPUS.flatMap((e) => e.phones ?? []);

/** The first line of `text` holding a secret or a phone's digits, for a readable failure; undefined when clean. */
export function leakIn(text: string): string | undefined {
  for (const secret of SECRETS) if (text.includes(secret)) return secret;
  const digits = text.replace(/[\s\-.·()（）+\u3000]/g, '');
  for (const phone of PHONES) if (digits.includes(phone.slice(-8))) return phone;
  return undefined;
}

export interface Seeded {
  harness: Harness;
  tickets: Ticket[];
  /** A ticket with a photo whose file exists under DATA_DIR/attachments. */
  photoTicket: Ticket;
  photoId: number;
  photoBytes: Buffer;
  /** A voice report (no speech endpoint) whose recording exists under DATA_DIR/attachments. */
  voiceTicket: Ticket;
  voiceId: number;
  voiceBytes: Buffer;
}

/**
 * Files every complaint of the privacy corpus, a hostile one and one with a photo, and has staff
 * answer the first one quoting the phone back: what the console then shows must be masked.
 */
export async function seedConsoleTickets(store: TestStore, dataDir: string): Promise<Seeded> {
  const harness = await createHarness(store, { env: { DATA_DIR: dataDir } });
  await harness.registerStaff(STAFF_ROOM, ['wang']);
  for (const [i, entry] of CORPUS.entries()) {
    await harness.say(`resident${i}`, entry.text, {
      sender: { id: `resident${i}`, displayName: `resident${i}`, languageHint: entry.locale },
    });
  }
  await harness.say('hostile', HOSTILE);
  await harness.say('photographer', '40号楼门口的树倒了，挡住了路', {
    photo: { fileId: 'photo-1', mimeType: 'image/jpeg' },
  });
  await harness.say('speaker', '', { audio: { fileId: 'voice-1', mimeType: 'audio/ogg', durationSeconds: 3 } });
  const all = await new KyselyTicketStore(store.db).list({ limit: 1000 });
  const first = all.find((t) => t.description === CORPUS[0]!.text)!;
  await harness.sayInGroup(STAFF_ROOM, 'wang', `/reply ${first.reference} ${STAFF_REPLY}`);
  const photoTicket = all.find((t) => t.description.startsWith('40号楼'))!;
  const photo = await store.db
    .selectFrom('attachments')
    .select('id')
    .where('ticket_id', '=', photoTicket.id)
    .executeTakeFirstOrThrow();
  const dir = join(dataDir, 'attachments', 'test');
  mkdirSync(dir, { recursive: true });
  const photoBytes = Buffer.from('\xff\xd8\xff\xe0 a JPEG for the console test', 'latin1');
  const path = join(dir, `${photo.id}.jpg`);
  writeFileSync(path, photoBytes);
  await store.db
    .updateTable('attachments')
    .set({ path, mime_type: 'image/jpeg', size_bytes: photoBytes.length })
    .where('id', '=', photo.id)
    .execute();
  const voiceTicket = all.find((t) => t.description === messages('zh-CN').voiceSummary)!;
  const voice = await store.db
    .selectFrom('attachments')
    .select('id')
    .where('ticket_id', '=', voiceTicket.id)
    .executeTakeFirstOrThrow();
  const voiceBytes = Buffer.from('OggS a voice note for the console test', 'latin1');
  const voicePath = join(dir, `${voice.id}.ogg`);
  writeFileSync(voicePath, voiceBytes);
  await store.db
    .updateTable('attachments')
    .set({ path: voicePath, mime_type: 'audio/ogg', size_bytes: voiceBytes.length })
    .where('id', '=', voice.id)
    .execute();
  return {
    harness,
    voiceTicket,
    voiceId: voice.id,
    voiceBytes,
    tickets: await new KyselyTicketStore(store.db).list({ limit: 1000 }),
    photoTicket,
    photoId: photo.id,
    photoBytes,
  };
}

/** A browser-like client: keeps the console's cookies, never follows redirects by itself. */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(cookie && { cookie }),
        ...(init.form && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...init.headers,
      },
      ...(init.form && { body: new URLSearchParams(init.form).toString() }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async signIn(link: string): Promise<Response> {
    const token = new URL(link).searchParams.get('token')!;
    return this.request('/console/login', { form: { token } });
  }

  /** The CSRF token the page's forms carry. */
  static csrfOf(html: string): string {
    const match = /name="csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error(`no CSRF token in the page:\n${html.slice(0, 500)}`);
    return match[1]!;
  }
}

/** Parses CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
