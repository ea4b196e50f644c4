import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda } from '../../src/agenda/agenda.ts';
import { agendaForReaders } from '../../src/agenda/agenda-for-readers.ts';
import { renderChartSvg } from '../../src/agenda/chart.ts';
import { CHAT_LIMITS, renderAgendaChat } from '../../src/agenda/render-chat.ts';
import { renderAgendaHtml } from '../../src/agenda/render-html.ts';
import { renderAgendaMarkdown } from '../../src/agenda/render-markdown.ts';
import { compileAgenda } from '../../src/agenda/weekly-job.ts';
import { LOCALES, messages } from '../../src/i18n/index.ts';
import { checkDeadlines } from '../../src/staff/check-deadlines.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';
import { CORPUS } from './corpus.ts';

const STAFF_ROOM = 'staff-room';
const COMMITTEE_ROOM = 'committee-room';
/** A neighbour who joins the first complaint: their words go into the history as a co-reporter's. */
const NEIGHBOUR = {
  text: '1号楼电梯还是坏的，我是邻居孙丽，电话13700001111',
  secrets: ['孙丽', '13700001111'],
  phones: ['13700001111'],
};
/** A staff reply that quotes the resident's phone back. */
const STAFF_REPLY = '已记下您的电话13912345678，师傅下午到';

const SECRETS = [...CORPUS.flatMap((e) => e.secrets), ...NEIGHBOUR.secrets];
const PHONES = [...CORPUS.flatMap((e) => e.phones ?? []), ...NEIGHBOUR.phones];

/** Fails naming the rendering and the secret; also looks for each phone's digits with separators taken out. */
function expectNoSecrets(name: string, text: string): void {
  for (const secret of SECRETS) expect(text.includes(secret), `${name} shows ${secret}:\n${text}`).toBe(false);
  const digits = text.replace(/[\s\-.·()（）+\u3000]/g, '');
  for (const phone of PHONES)
    expect(digits.includes(phone.slice(-8)), `${name} shows the digits of ${phone}:\n${text}`).toBe(false);
}

/**
 * Every renderer over tickets filed with the privacy corpus: what staff, other groups, agendas and
 * exports see never holds a name, phone, ID, e-mail, QQ/WeChat ID, flat or street number.
 */
describe('every rendering for others, over the privacy corpus', () => {
  let store: TestStore;
  let h: Harness;
  let tickets: Array<{ ticket: Ticket; entry: (typeof CORPUS)[number] }>;
  const renderings: Array<[string, string]> = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-privacy-corpus-'));

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    h = await createHarness(store, { env: { DATA_DIR: dataDir, COMMUNITY_NAME: '<b>阳光</b>\u202E小区' } });
    await h.registerStaff(STAFF_ROOM, ['wang']);
    await new KyselyMemberStore(store.db).grant(
      { platform: PLATFORM, kind: 'group', id: COMMITTEE_ROOM },
      'committee',
      h.clock.now(),
    );
    for (const [i, entry] of CORPUS.entries())
      await h.say(`resident${i}`, entry.text, {
        sender: { id: `resident${i}`, displayName: `resident${i}`, languageHint: entry.locale },
      });
    await h.say('neighbour', NEIGHBOUR.text);
    const all = await new KyselyTicketStore(store.db).list({ limit: 1000 });
    tickets = CORPUS.map((entry) => ({ ticket: all.find((t) => t.description === entry.text)!, entry }));

    const reference = tickets[0]!.ticket.reference;
    await h.sayInGroup(STAFF_ROOM, 'wang', `/reply ${reference} ${STAFF_REPLY}`);
    await h.sayInGroup(STAFF_ROOM, 'wang', '/tickets all');
    await h.sayInGroup(STAFF_ROOM, 'wang', '/search 电梯');
    await h.sayInGroup(STAFF_ROOM, 'wang', '/search 漏水');
    await h.say('wang', '/tickets all');
    await h.say('wang', '/search 電梯');
    for (const { ticket } of tickets) {
      await h.sayInGroup(STAFF_ROOM, 'wang', `/show ${ticket.reference}`);
      await h.say('wang', `/show ${ticket.reference}`);
    }
    // Staff commands do nothing in a meeting group; whatever it is told still goes through the check below.
    await h.sayInGroup(COMMITTEE_ROOM, 'wang', `/show ${tickets[0]!.ticket.reference}`);
    // Past every response deadline: one overdue notice per ticket.
    h.clock.advance(3 * 24 * 3_600_000);
    await checkDeadlines(h.core);
    await h.settle();

    for (const sent of h.sender.sent) {
      if (sent.chatId === STAFF_ROOM || sent.chatId === COMMITTEE_ROOM || sent.chatId === 'chat-wang')
        renderings.push([`chat ${sent.chatId}: ${sent.message.text.slice(0, 30)}`, sent.message.text]);
    }

    // The agenda as compiled, and an agenda stored before masking grew stronger (raw texts in every field).
    const compiled = await compileAgenda(
      { unitOfWork: new KyselyUnitOfWork(store.db), config: h.core.config },
      '2026-W48',
      h.clock.now(),
    );
    const old: Agenda = {
      ...compiled,
      items: tickets.map(({ ticket }, i) => ({
        rank: i + 1,
        ticketId: ticket.id,
        reference: ticket.reference,
        category: ticket.category,
        urgent: false,
        building: ticket.place?.building ?? null,
        spot: ticket.description,
        summary: ticket.summary,
        reporters: 1,
        ageDays: 3,
        status: ticket.status,
        reasons: [{ kind: 'explained', text: ticket.description }],
        lead: 'property',
        related: [],
        score: 1,
      })),
      followUps: tickets.map(({ ticket }) => ({
        reference: ticket.reference,
        category: ticket.category,
        building: null,
        spot: null,
        decision: ticket.description,
        lead: 'committee',
        dueDate: null,
        status: ticket.status,
        state: 'pending',
      })),
      previousWeek: '2026-W47',
      supervised: tickets.map(({ ticket }) => ({
        reference: ticket.reference,
        category: ticket.category,
        urgent: false,
        building: null,
        spot: ticket.description,
        summary: ticket.description,
        status: ticket.status,
        dueAt: ticket.responseDueAt.toISOString(),
        levels: [{ level: 'staff', since: ticket.responseDueAt.toISOString(), hours: 5 }],
      })),
    };
    for (const [label, agenda] of [
      ['compiled', compiled],
      ['old', old],
    ] as const) {
      renderings.push([`agenda json ${label}`, JSON.stringify(agendaForReaders(agenda))]);
      for (const locale of LOCALES) {
        renderings.push([`agenda md ${label} ${locale}`, renderAgendaMarkdown(agenda, locale)]);
        renderings.push([`agenda html ${label} ${locale}`, renderAgendaHtml(agenda, locale)]);
        renderings.push([
          `agenda telegram ${label} ${locale}`,
          renderAgendaChat(agenda, locale, { limit: CHAT_LIMITS.telegram, maxParts: 100 }).join('\n'),
        ]);
        renderings.push([
          `agenda line ${label} ${locale}`,
          renderAgendaChat(agenda, locale, { limit: CHAT_LIMITS.line, maxParts: 100 }).join('\n'),
        ]);
        renderings.push([`agenda chart ${label} ${locale}`, renderChartSvg(agenda, locale)]);
      }
    }

    // The CLI's export of the ticket list and of the agenda, as an operator runs them.
    const env = { DATABASE_URL: store.config.url, DATA_DIR: dataDir };
    const cli = async (args: string[]): Promise<string> => {
      const result = await runCli(args, { cwd: dataDir, env });
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    };
    renderings.push(['linli tickets', await cli(['tickets', '--limit', '1000'])]);
    renderings.push(['linli tickets --search', await cli(['tickets', '--search', '楼'])]);
    renderings.push(['linli agenda --format json', await cli(['agenda', '--week', '2026-W48', '--format', 'json'])]);
    renderings.push(['linli agenda --format md', await cli(['agenda', '--week', '2026-W48'])]);
  }, 240_000);

  afterAll(async () => {
    await store.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('files one ticket per complaint (so the checks below look at real content)', () => {
    for (const { ticket, entry } of tickets) expect(ticket, entry.text).toBeDefined();
    expect(new Set(tickets.map((t) => t.ticket.id)).size).toBe(CORPUS.length);
  });

  it('reaches every renderer: cards, lists, search, show with history, notices, agendas, CLI', () => {
    const s = messages('zh-CN').staff;
    const texts = renderings.map(([, text]) => text);
    const staffRoom = h.groupTexts(STAFF_ROOM);
    expect(h.sender.sent.filter((m) => m.chatId === STAFF_ROOM && m.message.style === 'card')).toHaveLength(
      CORPUS.length + tickets.length,
    );
    expect(staffRoom.some((t) => t.startsWith(s.listHeader(20)))).toBe(true);
    for (const { ticket } of tickets)
      expect(
        staffRoom.some((t) => t.startsWith(`⏰ ${ticket.reference}`)),
        ticket.reference,
      ).toBe(true);
    expect(staffRoom.some((t) => t === s.coReporter({ reference: tickets[0]!.ticket.reference, reporters: 2 }))).toBe(
      true,
    );
    expect(h.inbox('wang').filter((t) => t.includes(s.history))).toHaveLength(CORPUS.length);
    expect(h.groupTexts(COMMITTEE_ROOM)).toEqual([s.notHere]);
    expect(texts.some((t) => t.includes('[phone]'))).toBe(true);
    const cliList = renderings.find(([name]) => name === 'linli tickets')![1];
    expect(cliList.trim().split('\n')).toHaveLength(CORPUS.length);
  });

  it('shows no name, phone, ID, e-mail, QQ or WeChat ID, flat or street number in any of them', () => {
    expect(renderings.length).toBeGreaterThan(150);
    for (const [name, text] of renderings) expectNoSecrets(name, text);
  });

  it('keeps what staff need: each ticket’s building and problem, in its card and its /show', () => {
    for (const { ticket, entry } of tickets) {
      const shown = h
        .inbox('wang')
        .find((t) => t.includes(ticket.reference) && t.includes(messages('zh-CN').staff.history))!;
      for (const keep of entry.keep) expect(shown, `${entry.text} → ${shown}`).toContain(keep);
    }
  });

  it('finds nothing when staff search for a phone number, a name, an e-mail or a flat', async () => {
    const empty = messages('zh-CN').staff.listEmpty;
    for (const query of [
      '13912345678',
      '139 1234 5678',
      '李建国',
      'zhangwei88@qq.com',
      'abc_123',
      '1202',
      'Peter Chan',
      '陳小姐',
    ]) {
      await h.sayInGroup(STAFF_ROOM, 'wang', `/search ${query}`);
      expect(h.groupTexts(STAFF_ROOM).at(-1), query).toBe(empty);
      await h.say('wang', `/search ${query}`);
      expect(h.inbox('wang').at(-1), query).toBe(empty);
    }
    await h.sayInGroup(STAFF_ROOM, 'wang', '/search 下水道');
    expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain(
      tickets.find((t) => t.entry.text.includes('下水道'))!.ticket.reference,
    );
    const cli = await runCli(['tickets', '--search', '13912345678'], {
      cwd: dataDir,
      env: { DATABASE_URL: store.config.url },
    });
    expect(cli.stdout).toBe('No tickets.\n');
  }, 120_000);

  it('drops direction controls and escapes HTML in the community name', () => {
    const md = renderings.find(([name]) => name === 'agenda md compiled zh-CN')![1];
    expect(md).toContain('&lt;b&gt;阳光&lt;/b&gt;小区');
    for (const [name, text] of renderings)
      expect(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/.test(text), name).toBe(false);
  });
});
