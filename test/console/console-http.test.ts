import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_STATUSES } from '../../src/tickets/status.ts';
import { hashConsoleToken } from '../../src/console/console-tokens.ts';
import { KyselyConsoleSessionStore } from '../../src/store/console-session-store.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { messages } from '../../src/i18n/index.ts';
import {
  ConsoleClient,
  HOSTILE,
  leakIn,
  parseCsv,
  seedConsoleTickets,
  STAFF_REPLY,
  STAFF_ROOM,
  type Seeded,
} from './console-support.ts';

/**
 * The staff web console over real HTTP, against `linli serve` as an operator runs it, with links made
 * by `linli console-link`: sign-in, the pages, exports, sessions ending, CSRF, escaping and masking.
 */
describe('staff web console (linli serve, real HTTP)', () => {
  let store: TestStore;
  let dataDir: string;
  let cwd: string;
  let service: ServiceProcess;
  let seeded: Seeded;
  const env = () => ({ DATABASE_URL: store.config.url, DATA_DIR: dataDir, TIMEZONE: 'Asia/Shanghai' });
  const consoleLink = async (...args: string[]): Promise<string> => {
    const result = await runCli(['console-link', ...args], { cwd, env: env() });
    expect(result.code, result.stderr).toBe(0);
    return result.stdout.trim();
  };

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    dataDir = mkdtempSync(join(tmpdir(), 'linli-console-data-'));
    cwd = mkdtempSync(join(tmpdir(), 'linli-console-cli-'));
    seeded = await seedConsoleTickets(store, dataDir);
    service = await startServiceProcess(env());
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await store?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it('is loaded on the first request, and sends a visitor without a session to the sign-in page', async () => {
    const client = new ConsoleClient(service.url);
    for (const path of [
      '/console/',
      '/console/export.csv',
      `/console/tickets/${seeded.tickets[0]!.reference}`,
      `/console/attachments/${seeded.photoId}`,
    ]) {
      const response = await client.request(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location')).toBe('/console/login');
    }
    const login = await client.request('/console/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('linli console-link');
    // The webhooks and health check are where they were.
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });

  it(
    'signs in with a link (once), lists, filters, opens a ticket and its photo, exports CSV and XLSX, and signs out',
    { timeout: 60_000 },
    async () => {
      const link = await consoleLink('--user', '王师傅', '--estate', 'default');
      expect(link).toMatch(/^http:\/\/localhost:3000\/console\/login\?token=[\w-]{43}$/);
      const client = new ConsoleClient(service.url, { 'accept-language': 'zh-CN' });

      // Opening the link (as a chat app's preview does) does not use it up.
      const landing = await client.request(new URL(link).pathname + new URL(link).search);
      expect(landing.status).toBe(200);
      expect(await landing.text()).toContain('<form method="post" action="/console/login">');

      const signedIn = await client.signIn(link);
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/console/');
      const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('linli_console='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/console/);
      expect(cookie).not.toMatch(/Secure/);

      // The same link again: refused.
      const again = await new ConsoleClient(service.url).signIn(link);
      expect(again.status).toBe(403);
      expect(again.headers.getSetCookie()).toEqual([]);

      const list = await client.request('/console/');
      expect(list.status).toBe(200);
      expect(list.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await list.text();
      expect(html).toContain(`共 ${seeded.tickets.length} 张工单`);
      expect(html).toContain('王师傅（物业工作人员）');

      const greening = seeded.tickets.filter((t) => t.category === 'greening');
      const filtered = await (await client.request('/console/?category=greening')).text();
      expect(filtered).toContain(`共 ${greening.length} 张工单`);
      for (const t of greening) expect(filtered).toContain(`>${t.reference}<`);

      const building = seeded.photoTicket.place!.building!;
      const byBuilding = await (await client.request(`/console/?building=${building}`)).text();
      expect(byBuilding).toContain(`>${seeded.photoTicket.reference}<`);
      expect(byBuilding).toContain('共 1 张工单');
      const searched = await (await client.request(`/console/?q=${encodeURIComponent('树倒了')}`)).text();
      expect(searched).toContain(`>${seeded.photoTicket.reference}<`);
      // A phone number finds nothing: search runs over masked text.
      expect(await (await client.request('/console/?q=13912345678')).text()).toContain('共 0 张工单');
      // The seeded tickets were filed days ago by the harness's clock: every one still open is overdue now.
      const overdue = await (await client.request('/console/?overdue=1&urgent=1')).text();
      expect(overdue).toContain(
        `共 ${seeded.tickets.filter((t) => t.urgency === 'urgent' && ACTIVE_STATUSES.includes(t.status)).length} 张工单`,
      );

      const ticketPage = await client.request(`/console/tickets/${seeded.photoTicket.reference}`);
      const ticketHtml = await ticketPage.text();
      expect(ticketHtml).toContain('40号楼');
      expect(ticketHtml).toContain(`<img src="/console/attachments/${seeded.photoId}"`);
      const photo = await client.request(`/console/attachments/${seeded.photoId}`);
      expect(photo.status).toBe(200);
      expect(photo.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await photo.arrayBuffer())).toEqual(seeded.photoBytes);

      // A voice note plays in the page, served only to a signed-in member like the photos.
      const voiceHtml = await (await client.request(`/console/tickets/${seeded.voiceTicket.reference}`)).text();
      expect(voiceHtml).toMatch(new RegExp(`<audio [^>]*src="/console/attachments/${seeded.voiceId}"`));
      const recording = await client.request(`/console/attachments/${seeded.voiceId}`);
      expect(recording.status).toBe(200);
      expect(recording.headers.get('content-type')).toBe('audio/ogg');
      expect(Buffer.from(await recording.arrayBuffer())).toEqual(seeded.voiceBytes);
      expect((await new ConsoleClient(service.url).request(`/console/attachments/${seeded.voiceId}`)).status).toBe(303);

      const csvResponse = await client.request('/console/export.csv?category=greening');
      expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const csvBytes = Buffer.from(await csvResponse.arrayBuffer());
      expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(csvBytes.toString('utf8').slice(1));
      expect(rows[0]).toEqual([
        '编号',
        '状态',
        '分类',
        '紧急程度',
        '楼栋',
        '位置',
        '摘要（已脱敏）',
        '反映人数',
        '登记时间',
        '首次响应',
        '解决时间',
        '响应期限',
        '解决期限',
        '超时',
      ]);
      expect(
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
      ).toEqual(greening.map((t) => t.reference).sort());

      const xlsx = await client.request('/console/export.xlsx');
      expect(xlsx.headers.get('content-disposition')).toMatch(
        /attachment; filename="linli-tickets-\d{4}-\d{2}-\d{2}\.xlsx"/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(seeded.tickets.length + 1);
      expect(sheet.getRow(1).getCell(1).value).toBe('编号');
      const references = new Set<string>();
      sheet.eachRow((row, n) => n > 1 && references.add(String(row.getCell(1).value)));
      expect(references).toEqual(new Set(seeded.tickets.map((t) => t.reference)));

      // Sign out: the form's CSRF token is needed, and afterwards the cookie opens nothing.
      const csrf = ConsoleClient.csrfOf(html);
      const stolen = client.cookies.get('linli_console')!;
      const out = await client.request('/console/logout', { form: { csrf } });
      expect(out.status).toBe(303);
      expect(out.headers.get('location')).toBe('/console/login?signed-out=1');
      const replay = new ConsoleClient(service.url);
      replay.cookies.set('linli_console', stolen);
      expect((await replay.request('/console/')).status).toBe(303);
    },
  );

  it('refuses an expired link, and turns away a POST without the CSRF token or with a wrong one', async () => {
    const member = await new KyselyMemberStore(store.db).grant(
      { platform: 'web', kind: 'user', id: 'late', displayName: 'late' },
      'staff',
      new Date(),
    );
    const token = 'expired-token-0123456789abcdefghijklmnop';
    await new KyselyConsoleSessionStore(store.db).createLink({
      tokenHash: hashConsoleToken('link', token),
      memberId: member.id,
      estate: null,
      createdAt: new Date(Date.now() - 11 * 60_000),
      expiresAt: new Date(Date.now() - 60_000),
    });
    const expired = await new ConsoleClient(service.url).request('/console/login', { form: { token } });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('已过期');

    const client = new ConsoleClient(service.url);
    expect((await client.signIn(await consoleLink('--user', 'csrf-test'))).status).toBe(303);
    expect((await client.request('/console/logout', { form: {} })).status).toBe(403);
    expect((await client.request('/console/logout', { form: { csrf: 'x'.repeat(43) } })).status).toBe(403);
    // Still signed in: the refused POSTs did nothing.
    expect((await client.request('/console/')).status).toBe(200);
  });

  it('ends a revoked member’s session at once (linli revoke)', { timeout: 60_000 }, async () => {
    const client = new ConsoleClient(service.url);
    expect((await client.signIn(await consoleLink('--user', 'to-revoke', '--role', 'committee'))).status).toBe(303);
    expect((await client.request('/console/')).status).toBe(200);
    const member = (await new KyselyMemberStore(store.db).list()).find((m) => m.subjectId === 'to-revoke')!;
    const revoked = await runCli(['revoke', String(member.id)], { cwd, env: env() });
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = await client.request('/console/');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/console/login');
  });

  it(
    'shows no personal detail on any page or export, and escapes what residents wrote',
    { timeout: 120_000 },
    async () => {
      const client = new ConsoleClient(service.url);
      expect((await client.signIn(await consoleLink('--user', 'privacy-check'))).status).toBe(303);
      const texts: Array<[string, string]> = [];
      for (const lang of ['en', 'zh-TW', 'zh-CN'])
        texts.push([`list ${lang}`, await (await client.request(`/console/?lang=${lang}`)).text()]);
      for (const t of seeded.tickets)
        texts.push([t.reference, await (await client.request(`/console/tickets/${t.reference}`)).text()]);
      for (const lang of ['zh-TW', 'zh-CN'])
        texts.push([
          `figures ${lang}`,
          await (await client.request(`/console/figures?week=2026-W48&lang=${lang}`)).text(),
        ]);
      texts.push(['csv', await (await client.request('/console/export.csv')).text()]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await client.request('/console/export.xlsx')).arrayBuffer());
      const cells: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
      texts.push(['xlsx', cells.join('\n')]);
      for (const [name, text] of texts) expect(leakIn(text), `${name} shows a personal detail`).toBeUndefined();

      const first = seeded.tickets.find((t) => t.description.includes('李建国'))!;
      const history = texts.find(([name]) => name === first.reference)![1];
      expect(history).toContain('回复居民');
      expect(history).toContain('师傅下午到');
      expect(history).not.toContain(STAFF_REPLY);

      const hostile = seeded.tickets.find((t) => t.description === HOSTILE)!;
      const page = texts.find(([name]) => name === hostile.reference)![1];
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
      expect(page).toContain('&lt;script&gt;');
    },
  );

  it('shows the figures: the three rates, counts by week, category and building, and two charts', async () => {
    const client = new ConsoleClient(service.url, { 'accept-language': 'en' });
    expect((await client.signIn(await consoleLink('--user', 'figures-reader', '--role', 'committee'))).status).toBe(
      303,
    );
    // The harness filed the tickets on 2026-11-23 (week 48): the twelve weeks up to that one.
    const response = await client.request('/console/figures?week=2026-W48');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('href="/console/figures"');
    for (const name of ['Response rate', 'Resolution rate', 'Satisfaction rate']) expect(html).toContain(name);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    const weekRows = /<table id="by-week">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!.match(/<tr>/g);
    expect(weekRows).toHaveLength(12);
    // Every seeded ticket was filed within the twelve weeks; none is a merged duplicate yet.
    const live = seeded.tickets.filter((t) => t.status !== 'duplicate');
    const category = /<table id="by-category">[\s\S]*?<\/table>/.exec(html)![0];
    const newInTable = [...category.matchAll(/<td>[^<]+<\/td><td class="n">(\d+)<\/td>/g)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
    expect(newInTable).toBe(live.length);
    const building = /<table id="by-building">[\s\S]*?<\/table>/.exec(html)![0];
    expect(building).toContain(`<td>Building ${seeded.photoTicket.place!.building}</td><td class="n">1</td>`);
  });

  it(
    'shows the agendas, prints one, and lets the committee (not staff) record a decision the reporters are told',
    { timeout: 60_000 },
    async () => {
      const compiled = await runCli(['agenda', '--week', '2026-W48', '--send'], { cwd, env: env() });
      expect(compiled.code, compiled.stderr).toBe(0);
      const committee = new ConsoleClient(service.url, { 'accept-language': 'zh-CN' });
      expect((await committee.signIn(await consoleLink('--user', '居委王主任', '--role', 'committee'))).status).toBe(
        303,
      );
      const list = await (await committee.request('/console/agenda')).text();
      expect(list).toContain('href="/console/agenda/2026-W48"');
      const page = await (await committee.request('/console/agenda/2026-W48')).text();
      expect(leakIn(page)).toBeUndefined();
      expect(page).toContain('action="/console/agenda/2026-W48/decide"');
      const reference = /id="item-([A-Z]{1,3}-\d{2,6})"/.exec(page)![1]!;
      const ticket = seeded.tickets.find((t) => t.reference === reference)!;
      const csrf = ConsoleClient.csrfOf(page);
      const decide = (form: Record<string, string>) =>
        committee.request('/console/agenda/2026-W48/decide', { form: { csrf, reference, lead: 'property', ...form } });

      expect((await decide({ text: '  ' })).headers.get('location')).toContain('outcome=empty-text');
      expect((await decide({ text: '更换', due: '2026-02-30' })).headers.get('location')).toContain('outcome=bad-date');
      const before = await store.db.selectFrom('outbox').select('id').execute();
      const recorded = await decide({ text: '物业下周三前更换电梯主板', due: '2026-12-20' });
      expect(recorded.status).toBe(303);
      expect(recorded.headers.get('location')).toMatch(
        new RegExp(`outcome=recorded&decided=${reference}&notified=\\d+#item-${reference}$`),
      );
      const after = await (await committee.request(recorded.headers.get('location')!)).text();
      expect(after).toContain(`已记录 ${reference} 的决定`);
      expect(after).toContain('物业下周三前更换电梯主板');
      expect(after).toContain('居委王主任');
      const member = (await new KyselyMemberStore(store.db).list()).find((m) => m.subjectId === '居委王主任')!;
      const events = await store.db
        .selectFrom('ticket_events')
        .select(['actor_id', 'data'])
        .where('ticket_id', '=', ticket.id)
        .where('kind', '=', 'decision')
        .execute();
      expect(events.map((e) => e.actor_id)).toEqual([member.id]);
      const sent = await store.db
        .selectFrom('outbox')
        .select('payload')
        .where(
          'id',
          'not in',
          before.map((r) => r.id),
        )
        .execute();
      expect(
        sent.some((r) => (JSON.parse(r.payload) as { text: string }).text.includes('物业下周三前更换电梯主板')),
      ).toBe(true);

      // The printable agenda: the A4 page, its own inline styles, still no script.
      const print = await committee.request('/console/agenda/2026-W48/print');
      expect(print.status).toBe(200);
      const policy = print.headers.get('content-security-policy')!;
      expect(policy).toContain("style-src 'unsafe-inline'");
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('script');
      const printed = await print.text();
      expect(printed).toContain('@page');
      expect(leakIn(printed)).toBeUndefined();

      // Staff read the agenda but do not record decisions: no form, and the server refuses.
      const staff = new ConsoleClient(service.url);
      expect((await staff.signIn(await consoleLink('--user', 'agenda-staff', '--role', 'staff'))).status).toBe(303);
      const staffPage = await (await staff.request('/console/agenda/2026-W48')).text();
      expect(staffPage).not.toContain('/decide"');
      const refused = await staff.request('/console/agenda/2026-W48/decide', {
        form: { csrf: ConsoleClient.csrfOf(staffPage), reference, lead: 'property', text: '不该记录' },
      });
      expect(refused.status).toBe(403);
      expect((await staff.request('/console/agenda/2026-W01')).status).toBe(404);
    },
  );

  it(
    'lets an admin invite (a code and its QR), list and revoke members (the session ends at once), and see who did what',
    { timeout: 60_000 },
    async () => {
      const admin = new ConsoleClient(service.url, { 'accept-language': 'en' });
      expect((await admin.signIn(await consoleLink('--user', 'office-admin', '--role', 'admin'))).status).toBe(303);
      const page = await (await admin.request('/console/members')).text();
      expect(page).toContain('href="/console/members"');
      const csrf = ConsoleClient.csrfOf(page);

      // An invite: the code, once, with a QR code of the join message; redeemed in the chat it works.
      expect((await admin.request('/console/members/invite', { form: { role: 'staff' } })).status).toBe(403);
      const invited = await admin.request('/console/members/invite', { form: { csrf, role: 'staff' } });
      expect(invited.status).toBe(200);
      const invitePage = await invited.text();
      const code = /Invite code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2})/.exec(invitePage)![1]!;
      expect(invitePage).toContain(`Send &quot;/join ${code}&quot; to the bot`);
      expect(invitePage).toMatch(/<div class="qr" role="img"[^>]*><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      await seeded.harness.say('new-colleague', `/join ${code}`, {
        sender: { id: 'new-colleague', displayName: '新同事小李' },
      });
      const joined = (await new KyselyMemberStore(store.db).list()).find((m) => m.subjectId === 'new-colleague');
      expect(joined?.role).toBe('staff');
      const listed = await (await admin.request('/console/members')).text();
      expect(listed).toContain(`<tr id="member-${joined!.id}">`);
      expect(listed).not.toContain(code);

      // Revoke a member with a live console session: it ends at once.
      const victim = new ConsoleClient(service.url);
      expect((await victim.signIn(await consoleLink('--user', 'leaving-staff', '--role', 'staff'))).status).toBe(303);
      expect((await victim.request('/console/')).status).toBe(200);
      const leaving = (await new KyselyMemberStore(store.db).list()).find((m) => m.subjectId === 'leaving-staff')!;
      const revoked = await admin.request(`/console/members/${leaving.id}/revoke`, { form: { csrf } });
      expect(revoked.headers.get('location')).toBe('/console/members?outcome=revoked&n=1');
      expect((await victim.request('/console/')).status).toBe(303);
      expect(
        (await admin.request(`/console/members/${leaving.id}/revoke`, { form: { csrf } })).headers.get('location'),
      ).toBe('/console/members?outcome=none');
      const me = (await new KyselyMemberStore(store.db).list()).find((m) => m.subjectId === 'office-admin')!;
      expect(
        (await admin.request(`/console/members/${me.id}/revoke`, { form: { csrf } })).headers.get('location'),
      ).toBe('/console/members?outcome=self');

      // Who did what: the staff's history entries with their tickets, grants and revocations.
      const after = await (await admin.request('/console/members')).text();
      const activity = /<table id="activity">[\s\S]*?<\/table>/.exec(after)![0];
      const first = seeded.tickets.find((t) => t.description.includes('李建国'))!;
      expect(activity).toContain(
        `<td>wang</td><td>replied to residents</td><td><a href="/console/tickets/${first.reference}">`,
      );
      expect(activity).toContain('<td>leaving-staff</td><td>lost the property staff role</td>');
      expect(activity).toContain('<td>新同事小李</td><td>became property staff</td>');

      // Only admins: staff and committee are refused, and see no link.
      const staff = new ConsoleClient(service.url);
      expect((await staff.signIn(await consoleLink('--user', 'members-staff', '--role', 'staff'))).status).toBe(303);
      expect(await (await staff.request('/console/')).text()).not.toContain('href="/console/members"');
      expect((await staff.request('/console/members')).status).toBe(403);
      const staffCsrf = ConsoleClient.csrfOf(await (await staff.request('/console/')).text());
      expect(
        (await staff.request('/console/members/invite', { form: { csrf: staffCsrf, role: 'admin' } })).status,
      ).toBe(403);
      expect((await staff.request(`/console/members/${me.id}/revoke`, { form: { csrf: staffCsrf } })).status).toBe(403);
    },
  );

  it(
    'checks every role on the server: who reads, who acts, who decides, who manages members',
    { timeout: 60_000 },
    async () => {
      const ticket = seeded.tickets.find((t) => t.status === 'open' && t.description !== HOSTILE)!;
      const expected = {
        staff: { act: 303, decide: 403, members: 403 },
        admin: { act: 303, decide: 403, members: 200 },
        committee: { act: 403, decide: 303, members: 403 },
        party_branch: { act: 403, decide: 303, members: 403 },
      } as const;
      for (const [role, may] of Object.entries(expected)) {
        const client = new ConsoleClient(service.url);
        expect((await client.signIn(await consoleLink('--user', `matrix-${role}`, '--role', role))).status).toBe(303);
        for (const path of ['/console/', '/console/figures', '/console/agenda', `/console/tickets/${ticket.reference}`])
          expect((await client.request(path)).status, `${role} reads ${path}`).toBe(200);
        expect((await client.request('/console/export.csv')).status, `${role} exports`).toBe(200);
        const csrf = ConsoleClient.csrfOf(await (await client.request('/console/')).text());
        const note = await client.request(`/console/tickets/${ticket.reference}/act`, {
          form: { csrf, action: 'note', text: `note by ${role}` },
        });
        expect(note.status, `${role} acts`).toBe(may.act);
        const decide = await client.request('/console/agenda/2026-W48/decide', {
          form: { csrf, reference: ticket.reference, lead: 'committee', text: `decision by ${role}` },
        });
        expect(decide.status, `${role} decides`).toBe(may.decide);
        expect((await client.request('/console/members')).status, `${role} opens members`).toBe(may.members);
        const invite = await client.request('/console/members/invite', { form: { csrf, role: 'admin' } });
        expect(invite.status, `${role} invites`).toBe(may.members);
      }
      // What was refused left no trace; what was allowed is in the history with who.
      const notes = await store.db
        .selectFrom('ticket_events')
        .select('data')
        .where('ticket_id', '=', ticket.id)
        .where('kind', '=', 'note')
        .execute();
      expect(notes.map((n) => (JSON.parse(n.data) as { text: string }).text).sort()).toEqual([
        'note by admin',
        'note by staff',
      ]);
    },
  );

  it(
    'keeps another estate’s admin and committee to their own estate: tickets, figures, agendas, members, decisions',
    { timeout: 60_000 },
    async () => {
      const added = await runCli(['estate', 'add', 'lincheng-2', '--name', '林城二期'], { cwd, env: env() });
      expect(added.code, added.stderr).toBe(0);
      const estate = (await new KyselyEstateStore(store.db).findByCode('lincheng-2'))!;
      const members = new KyselyMemberStore(store.db);
      for (const [id, role] of [
        ['b-admin', 'admin'],
        ['b-committee', 'committee'],
      ] as const)
        await members.grant({ platform: 'web', kind: 'user', id, displayName: id }, role, new Date(), estate.id);
      const admin = new ConsoleClient(service.url, { 'accept-language': 'en' });
      expect((await admin.signIn(await consoleLink('--user', 'web:b-admin'))).status).toBe(303);

      // The first estate's tickets, photos, figures and agenda are not there for them.
      expect(await (await admin.request('/console/')).text()).toContain('<strong id="count">0 tickets</strong>');
      const ticket = seeded.tickets[0]!;
      expect((await admin.request(`/console/tickets/${ticket.reference}`)).status).toBe(404);
      expect((await admin.request(`/console/attachments/${seeded.photoId}`)).status).toBe(404);
      const figures = await (await admin.request('/console/figures?week=2026-W48')).text();
      const category = /<table id="by-category">[\s\S]*?<\/table>/.exec(figures)![0];
      expect([...category.matchAll(/<td class="n">(\d+)<\/td>/g)].every((m) => m[1] === '0')).toBe(true);
      expect(await (await admin.request('/console/agenda')).text()).not.toContain('/console/agenda/2026-W48');
      expect((await admin.request('/console/agenda/2026-W48')).status).toBe(404);
      expect((await admin.request('/console/agenda/2026-W48/print')).status).toBe(404);

      // Members: only their estate's, and the first estate's cannot be revoked from here.
      const page = await (await admin.request('/console/members')).text();
      const table = /<table id="members">[\s\S]*?<\/table>/.exec(page)![0];
      expect(table).toContain('b-committee');
      expect(table).not.toContain('<td>wang</td>');
      expect(/<table id="activity">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '').not.toContain('replied to residents');
      const wang = (await members.list()).find((m) => m.subjectId === 'wang' && m.subjectKind === 'user')!;
      const csrf = ConsoleClient.csrfOf(page);
      expect(
        (await admin.request(`/console/members/${wang.id}/revoke`, { form: { csrf } })).headers.get('location'),
      ).toBe('/console/members?outcome=none');
      expect((await members.list()).find((m) => m.id === wang.id)!.revokedAt).toBeNull();
      // An invite made here is for this estate.
      const invited = await (await admin.request('/console/members/invite', { form: { csrf, role: 'staff' } })).text();
      const code = /Invite code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2})/.exec(invited)![1]!;
      await seeded.harness.say('b-newcomer', `/join ${code}`, {
        sender: { id: 'b-newcomer', displayName: 'b-newcomer' },
      });
      expect((await members.list()).find((m) => m.subjectId === 'b-newcomer')?.estateId).toBe(estate.id);

      // Their committee cannot record a decision on the first estate's ticket.
      const committee = new ConsoleClient(service.url);
      expect((await committee.signIn(await consoleLink('--user', 'web:b-committee'))).status).toBe(303);
      const committeeCsrf = ConsoleClient.csrfOf(await (await committee.request('/console/')).text());
      const decided = await committee.request('/console/agenda/2026-W48/decide', {
        form: { csrf: committeeCsrf, reference: ticket.reference, lead: 'committee', text: '越界的决定' },
      });
      expect(decided.headers.get('location')).toContain('outcome=not-found');
      const events = await store.db
        .selectFrom('ticket_events')
        .select('data')
        .where('ticket_id', '=', ticket.id)
        .where('kind', '=', 'decision')
        .execute();
      expect(events.some((e) => e.data.includes('越界的决定'))).toBe(false);
    },
  );

  it('speaks the member’s language: ?lang= (remembered), else Accept-Language', async () => {
    const client = new ConsoleClient(service.url, { 'accept-language': 'zh-TW,zh;q=0.9' });
    expect((await client.signIn(await consoleLink('--user', 'lang-check'))).status).toBe(303);
    expect(await (await client.request('/console/')).text()).toContain('<html lang="zh-TW">');
    expect(await (await client.request('/console/?lang=en')).text()).toContain(`${seeded.tickets.length} tickets`);
    expect(await (await client.request('/console/')).text()).toContain('<html lang="en">');
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const client = new ConsoleClient(service.url, { 'x-forwarded-proto': 'https' });
    const response = await client.signIn(await consoleLink('--user', 'secure-check'));
    expect(response.headers.getSetCookie().find((c) => c.startsWith('linli_console='))).toMatch(/Secure/);
  });

  it(
    'acts on a ticket with the chat’s use cases: residents get the chat’s messages, the history names the member',
    { timeout: 60_000 },
    async () => {
      const client = new ConsoleClient(service.url, { 'accept-language': 'en' });
      expect((await client.signIn(await consoleLink('--user', '前台小张', '--role', 'staff'))).status).toBe(303);
      const ticket = seeded.tickets.find((t) => t.description.startsWith('2号楼'))!;
      const page = await (await client.request(`/console/tickets/${ticket.reference}`)).text();
      expect(page).toContain(`action="/console/tickets/${ticket.reference}/act"`);
      const csrf = ConsoleClient.csrfOf(page);
      const act = (form: Record<string, string>) =>
        client.request(`/console/tickets/${ticket.reference}/act`, { form: { csrf, ...form } });
      const outbox = async (chatId: string) =>
        (
          await store.db.selectFrom('outbox').select('payload').where('chat_id', '=', chatId).orderBy('id').execute()
        ).map((r) => (JSON.parse(r.payload) as { text: string }).text);
      const resident = 'chat-resident1';
      const before = (await outbox(resident)).length;

      // No CSRF token: nothing happens.
      expect(
        (await client.request(`/console/tickets/${ticket.reference}/act`, { form: { action: 'ack' } })).status,
      ).toBe(403);
      expect(await outbox(resident)).toHaveLength(before);

      const acked = await act({ action: 'ack' });
      expect(acked.status).toBe(303);
      expect(acked.headers.get('location')).toBe(`/console/tickets/${ticket.reference}?action=ack&outcome=ok`);
      expect(await (await client.request(acked.headers.get('location')!)).text()).toContain(
        `✅ ${ticket.reference} acknowledged (前台小张)`,
      );
      const zh = messages('zh-CN');
      expect((await outbox(resident)).slice(before)).toEqual([zh.acknowledged({ reference: ticket.reference })]);
      expect((await outbox(STAFF_ROOM)).at(-1)).toBe(`✅ ${ticket.reference} 已受理（前台小张）`);

      expect((await act({ action: 'reply', text: '师傅明天上午来修路灯' })).status).toBe(303);
      expect((await outbox(resident)).at(-1)).toBe(
        zh.staffReplied({ reference: ticket.reference, text: '师傅明天上午来修路灯' }),
      );

      const halfExplained = await act({ action: 'explain', reason: '需要更换整条线路', plan: '' });
      expect(halfExplained.headers.get('location')).toContain('outcome=explain-needs-reason-and-plan');
      expect((await act({ action: 'explain', reason: '需要更换整条线路', plan: '列入明年维修基金计划' })).status).toBe(
        303,
      );
      expect((await outbox(resident)).at(-1)).toBe(
        zh.explainedToResident({
          reference: ticket.reference,
          reason: '需要更换整条线路',
          plan: '列入明年维修基金计划',
        }),
      );
      // Explained cannot be acknowledged again: said, and nothing sent.
      const count = (await outbox(resident)).length;
      const illegal = await act({ action: 'ack' });
      expect(illegal.headers.get('location')).toContain('outcome=illegal');
      expect(await outbox(resident)).toHaveLength(count);

      expect((await act({ action: 'note', text: '业主不在家，改约' })).status).toBe(303);
      expect(await outbox(resident)).toHaveLength(count);
      expect((await act({ action: 'resolve', note: '已更换线路' })).status).toBe(303);
      expect((await outbox(resident)).at(-1)).toBe(zh.resolvedAsk({ reference: ticket.reference, note: '已更换线路' }));

      const history = await (await client.request(`/console/tickets/${ticket.reference}?lang=zh-CN`)).text();
      for (const kind of ['受理', '回复居民', '内部备注', '已解决']) expect(history).toContain(kind);
      expect(history.match(/· 前台小张/g)?.length).toBeGreaterThanOrEqual(5);

      // A committee member reads, but acting is refused on the server.
      const reader = new ConsoleClient(service.url);
      expect((await reader.signIn(await consoleLink('--user', 'committee-reader', '--role', 'committee'))).status).toBe(
        303,
      );
      const readerPage = await (await reader.request(`/console/tickets/${ticket.reference}`)).text();
      expect(readerPage).not.toContain('/act"');
      const refused = await reader.request(`/console/tickets/${ticket.reference}/act`, {
        form: { csrf: ConsoleClient.csrfOf(readerPage), action: 'work' },
      });
      expect(refused.status).toBe(403);
    },
  );

  it(
    'assigns, merges, and shows the contact details to the assignee only, each recorded in the history with who',
    { timeout: 60_000 },
    async () => {
      const client = new ConsoleClient(service.url, { 'accept-language': 'en' });
      expect((await client.signIn(await consoleLink('--user', 'assigner', '--role', 'staff'))).status).toBe(303);
      const members = await new KyselyMemberStore(store.db).list();
      const me = members.find((m) => m.subjectId === 'assigner')!;
      const wang = members.find((m) => m.subjectId === 'wang')!;
      const ticket = seeded.tickets.find((t) => t.description.includes('李建国'))!;
      const path = `/console/tickets/${ticket.reference}`;
      const page = await (await client.request(path)).text();
      const csrf = ConsoleClient.csrfOf(page);
      const act = (reference: string, form: Record<string, string>) =>
        client.request(`/console/tickets/${reference}/act`, { form: { csrf, ...form } });
      const events = async (ticketId: number) =>
        store.db
          .selectFrom('ticket_events')
          .select(['kind', 'actor_id'])
          .where('ticket_id', '=', ticketId)
          .orderBy('id')
          .execute();

      // Not assigned to me: no button, and the server refuses; nothing is recorded.
      expect(page).not.toContain('value="contact"');
      const early = await act(ticket.reference, { action: 'contact' });
      expect(early.status).toBe(403);
      const earlyText = await early.text();
      expect(earlyText).toContain('Only the staff member this ticket is assigned to');
      for (const secret of ['李建国', '13912345678']) expect(earlyText).not.toContain(secret);
      expect((await events(ticket.id)).map((e) => e.kind)).not.toContain('contact_details_shown');

      // Assign: to a committee member or a stranger, refused; to a colleague, then to myself.
      const committee = await new KyselyMemberStore(store.db).grant(
        { platform: 'web', kind: 'user', id: 'not-staff', displayName: 'not-staff' },
        'committee',
        new Date(),
      );
      for (const assignee of [String(committee.id), '999999'])
        expect((await act(ticket.reference, { action: 'assign', assignee })).headers.get('location')).toContain(
          'outcome=no-such-assignee',
        );
      expect((await act(ticket.reference, { action: 'assign', assignee: String(wang.id) })).status).toBe(303);
      expect(await (await client.request(path)).text()).not.toContain('value="contact"');
      expect((await act(ticket.reference, { action: 'assign', assignee: String(me.id) })).status).toBe(303);
      const plain = (html: string) => html.replace(/<[^>]+>/g, '');
      const assignedHtml = await (await client.request(path)).text();
      expect(assignedHtml).toContain('value="contact"');
      const assigned = plain(assignedHtml);
      expect(assigned).toContain('assigned → wang · assigner');
      expect(assigned).toContain('assigned → assigner · assigner');

      // The contact details: in this answer only, unmasked, not cached; the history says who looked.
      const shown = await act(ticket.reference, { action: 'contact' });
      expect(shown.status).toBe(200);
      expect(shown.headers.get('cache-control')).toBe('no-store');
      const details = await shown.text();
      expect(details).toContain('13912345678');
      expect(details).toContain('李建国');
      expect(details).toContain('test:resident0');
      expect(details).toContain('First reporter');
      const after = plain(await (await client.request(path)).text());
      expect(after).toContain('viewed the residents&#39; contact details · assigner');
      for (const secret of ['李建国', '13912345678']) expect(after).not.toContain(secret);
      const logged = (await events(ticket.id)).filter((e) => e.kind === 'contact_details_shown');
      expect(logged).toEqual([{ kind: 'contact_details_shown', actor_id: me.id }]);

      // Merge another ticket into this one: its reporter joins and is told; bad targets are said.
      const other = seeded.tickets.find((t) => t.description === HOSTILE)!;
      const third = seeded.tickets.find((t) => t.id !== other.id && t.id !== ticket.id && t.status === 'open')!;
      expect((await act(other.reference, { action: 'merge', into: 'W-99999' })).headers.get('location')).toContain(
        'outcome=no-such-target&target=W-99999',
      );
      expect(
        (await act(other.reference, { action: 'merge', into: other.reference })).headers.get('location'),
      ).toContain('outcome=same-ticket');
      const merged = await act(other.reference, { action: 'merge', into: ticket.reference.toLowerCase() });
      expect(merged.headers.get('location')).toBe(`/console/tickets/${other.reference}?action=merge&outcome=ok`);
      const outbox = await store.db
        .selectFrom('outbox')
        .select('payload')
        .where('chat_id', '=', 'chat-hostile')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect((JSON.parse(outbox.payload) as { text: string }).text).toBe(
        messages('en').mergedToResident({ reference: other.reference, into: ticket.reference }),
      );
      expect(plain(await (await client.request(path)).text())).toContain(
        `merged a duplicate ← ${other.reference} · assigner`,
      );
      const otherPage = await (await client.request(`/console/tickets/${other.reference}`)).text();
      expect(plain(otherPage)).toContain(`merged into another ticket → ${ticket.reference} · assigner`);
      expect(otherPage).not.toContain('value="merge"');
      // Into a duplicate: refused, and said so.
      const intoDuplicate = await act(third.reference, { action: 'merge', into: other.reference });
      expect(intoDuplicate.headers.get('location')).toContain('outcome=merge-target-closed');
      expect(await (await client.request(intoDuplicate.headers.get('location')!)).text()).toContain(
        `${other.reference} is closed or itself a duplicate`,
      );
      // Now the ticket has two reporters, and the assignee sees both.
      const both = await (await act(ticket.reference, { action: 'contact' })).text();
      expect(both).toContain('Co-reporter');
      expect(both).toContain('test:hostile');
    },
  );

  it(
    'linli export writes the same masked spreadsheet, CSV or XLSX, for a range of dates',
    { timeout: 60_000 },
    async () => {
      const csvFile = join(cwd, 'tickets.csv');
      const csv = await runCli(
        ['export', '--format', 'csv', '--out', csvFile, '--from', '2026-11-23', '--to', '2026-11-23'],
        { cwd, env: env() },
      );
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stderr).toContain(`Wrote ${seeded.tickets.length} ticket(s)`);
      const bytes = readFileSync(csvFile);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.toString('utf8').slice(1));
      expect(rows).toHaveLength(seeded.tickets.length + 1);
      expect(leakIn(bytes.toString('utf8'))).toBeUndefined();
      const none = await runCli(['export', '--format', 'csv', '--out', csvFile, '--from', '2026-11-24'], {
        cwd,
        env: env(),
      });
      expect(none.stderr).toContain('Wrote 0 ticket(s)');

      const xlsxFile = join(cwd, 'tickets.xlsx');
      const xlsx = await runCli(['export', '--format', 'xlsx', '--out', xlsxFile], { cwd, env: env() });
      expect(xlsx.code, xlsx.stderr).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsxFile);
      expect(workbook.worksheets[0]!.rowCount).toBe(seeded.tickets.length + 1);

      const bad = await runCli(['export', '--format', 'pdf', '--out', xlsxFile], { cwd, env: env() });
      expect(bad.code).toBe(2);
    },
  );

  // Last: it turns this address away for a quarter of an hour. The refused links above count too.
  it(
    'lets a street member read every estate of its street, side by side and read-only; --estate narrows it to one of them',
    { timeout: 60_000 },
    async () => {
      const street = '临城街道';
      for (const args of [
        ['estate', 'set', 'default', '--street', street],
        ['estate', 'add', 'lincheng-3', '--name', '林城三期', '--street', street],
        ['estate', 'add', 'elsewhere', '--name', '别处小区', '--street', '别的街道'],
      ]) {
        const result = await runCli(args, { cwd, env: env() });
        expect(result.code, result.stderr).toBe(0);
      }
      await seeded.harness.say('east-resident', '/start lincheng-3');
      await seeded.harness.say('east-resident', '5号楼楼道灯不亮了，晚上很黑，电话13812345678');
      const all = await new KyselyTicketStore(store.db).list({ limit: 1000 });
      const east = all.find((t) => t.description.startsWith('5号楼楼道灯'))!;
      const home = seeded.tickets[0]!;
      const invite = await runCli(['invite', '--role', 'street', '--street', street], { cwd, env: env() });
      expect(invite.code, invite.stderr).toBe(0);
      await seeded.harness.say('jiedao', `/join ${invite.stdout.trim()}`, {
        sender: { id: 'jiedao', displayName: '街道张' },
      });

      const reader = new ConsoleClient(service.url, { 'accept-language': 'en' });
      expect((await reader.signIn(await consoleLink('--user', 'test:jiedao'))).status).toBe(303);
      const list = await (await reader.request('/console/')).text();
      expect(list).toContain('临城街道: 2 estates, read only');
      expect(list).toContain('<select name="estate">');
      expect(list).toContain('<span class="tag estate">林城三期</span>');
      const onlyEast = await (await reader.request('/console/?estate=lincheng-3')).text();
      expect(onlyEast).toContain('<strong id="count">1 ticket</strong>');
      expect(onlyEast).toContain(east.reference);
      expect(onlyEast).not.toContain('13812345678');
      // An estate of another street is not theirs, even named in the filter.
      expect(await (await reader.request('/console/?estate=elsewhere')).text()).toContain(
        '<strong id="count">0 tickets</strong>',
      );
      for (const ticket of [home, east]) {
        const page = await reader.request(`/console/tickets/${ticket.reference}`);
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).not.toContain(`action="/console/tickets/${ticket.reference}/act"`);
        expect(leakIn(html)).toBeUndefined();
        expect(html).not.toContain('13812345678');
      }
      const figures = await (await reader.request('/console/figures')).text();
      const byEstate = /<table id="by-estate">[\s\S]*?<\/table>/.exec(figures)?.[0] ?? '';
      expect(byEstate).toContain('林城三期');
      expect(byEstate).toContain('<td>default</td>');
      const csv = await (await reader.request('/console/export.csv')).text();
      expect(csv).toContain(east.reference);
      expect(csv).toContain(home.reference);
      expect(csv).not.toContain('13812345678');

      // Read-only, whatever is posted.
      const csrf = ConsoleClient.csrfOf(list);
      for (const action of ['ack', 'work', 'resolve', 'note', 'contact']) {
        const acted = await reader.request(`/console/tickets/${east.reference}/act`, {
          form: { csrf, action, text: 'x', note: 'x' },
        });
        expect(acted.status, action).toBe(403);
      }
      const decided = await reader.request('/console/agenda/2026-W48/decide', {
        form: { csrf, reference: east.reference, lead: 'committee', text: '街道的决定' },
      });
      expect(decided.status).toBe(403);
      expect((await reader.request('/console/members/invite', { form: { csrf, role: 'staff' } })).status).toBe(403);
      expect((await new KyselyTicketStore(store.db).events(east.id)).map((e) => e.kind)).toEqual(['created']);

      // --estate: one estate of the street only.
      const narrow = new ConsoleClient(service.url, { 'accept-language': 'en' });
      expect((await narrow.signIn(await consoleLink('--user', 'test:jiedao', '--estate', 'lincheng-3'))).status).toBe(
        303,
      );
      const narrowList = await (await narrow.request('/console/')).text();
      expect(narrowList).toContain('<strong id="count">1 ticket</strong>');
      expect(narrowList).not.toContain('<select name="estate">');
      expect((await narrow.request(`/console/tickets/${home.reference}`)).status).toBe(404);
      expect(await (await narrow.request('/console/figures')).text()).not.toContain('id="by-estate"');

      // An estate the person holds no role in is refused, naming those they do.
      const refused = await runCli(['console-link', '--user', 'test:jiedao', '--estate', 'elsewhere'], {
        cwd,
        env: env(),
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('holds no role in estate elsewhere');
      expect(refused.stderr).toContain('default, lincheng-3');
      const unknown = await runCli(['console-link', '--user', 'test:jiedao', '--estate', 'nowhere'], {
        cwd,
        env: env(),
      });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no estate nowhere');
      const staff = await runCli(['console-link', '--user', 'test:wang', '--estate', 'lincheng-3'], {
        cwd,
        env: env(),
      });
      expect(staff.code).toBe(1);
      expect(staff.stderr).toContain('holds no role in estate lincheng-3');
    },
  );

  it('turns an address away after ten failed sign-ins, even with a good link', async () => {
    const good = await consoleLink('--user', 'rate-check');
    const client = new ConsoleClient(service.url);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await client.request('/console/login', { form: { token: `guess-${i}-0123456789abcdefghij` } })).status,
      );
    expect(statuses.slice(0, 7).every((s) => s === 403)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await client.signIn(good)).status).toBe(429);
  });
});
