import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyReplyTemplateStore } from '../../src/store/reply-template-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';
import { ConsoleClient } from './console-support.ts';
import { startInProcessConsole, textOf, type InProcessConsole } from './console-in-process.ts';

const STAFF_ROOM = 'staff-room';
const HOSTILE = '<script>alert("tpl")</script>{ref}';

/**
 * Canned replies in the console over real HTTP: admins manage them with the chat's store and rules;
 * staff send one from a ticket page and residents get exactly what `/tpl` in the chat sends.
 */
describe('console canned replies (templates page, the ticket page’s canned reply)', () => {
  let store: TestStore;
  let h: Harness;
  let web: InProcessConsole;
  const tickets = () => new KyselyTicketStore(store.db);
  const templates = () => new KyselyReplyTemplateStore(store.db).list();
  const grant = (id: string, role: 'admin' | 'committee') =>
    new KyselyMemberStore(store.db).grant(
      { platform: PLATFORM, kind: 'user', id, displayName: id },
      role,
      h.clock.now(),
    );

  beforeAll(async () => {
    store = await createTestStore('sqlite');
  });
  afterAll(async () => {
    await store.cleanup();
  });
  beforeEach(async () => {
    await store.reset();
    h = await createHarness(store);
    await h.registerStaff(STAFF_ROOM, ['wang']);
    await grant('boss', 'admin');
    await grant('elder', 'committee');
    web = await startInProcessConsole(store, h);
    return () => web.close();
  });

  /** Posts a form of `page` with the session's CSRF token. */
  const post = async (client: ConsoleClient, page: string, path: string, form: Record<string, string>) => {
    const csrf = ConsoleClient.csrfOf(await (await client.request(page)).text());
    return client.request(path, { form: { csrf, ...form } });
  };

  it('lets an admin list, add, edit and delete templates by language, as /tpl does, escaping what they write', async () => {
    const boss = await web.signIn('boss');
    const page = await boss.request('/console/templates?lang=zh-CN');
    expect(page.status).toBe(200);
    const html = await page.text();
    // The shipped defaults are written on first use, as in the chat.
    for (const name of ['派修', '上门', '配件']) expect(html).toContain(`<h2>${name}</h2>`);
    expect(html).toContain('href="/console/templates"');

    const added = await post(boss, '/console/templates', '/console/templates', {
      name: '到场',
      language: 'zh-CN',
      text: '师傅已到{place}，请开门（{ref}）',
    });
    expect(added.status).toBe(303);
    const after = await (await boss.request(added.headers.get('location')!)).text();
    expect(after).toContain('已保存模板“到场”的简体中文文本。');
    await post(boss, '/console/templates', '/console/templates', {
      name: '到场',
      language: 'en',
      text: 'The worker is at {place}, please open the door ({ref}).',
    });
    // Edited: the same name and language again.
    await post(boss, '/console/templates', '/console/templates', {
      name: '到场',
      language: 'zh-CN',
      text: '师傅已到{place}（{ref}）',
    });
    expect((await templates()).find((t) => t.name === '到场')!.texts).toEqual({
      'zh-CN': '师傅已到{place}（{ref}）',
      en: 'The worker is at {place}, please open the door ({ref}).',
    });
    // The chat sees the same store.
    await h.say('boss', '/tpl list');
    expect(h.inbox('boss').at(-1)).toContain('• 到场（简体中文/English）：师傅已到{place}（{ref}）');

    // What an admin writes is shown as text, never run.
    await post(boss, '/console/templates', '/console/templates', { name: '脚本', language: 'en', text: HOSTILE });
    const shown = await (await boss.request('/console/templates')).text();
    expect(shown).not.toContain('<script>alert');
    expect(shown).toContain('&lt;script&gt;alert(&quot;tpl&quot;)&lt;/script&gt;{ref}');

    // The chat's name rules; an empty text. Nothing is saved, and the page says why.
    for (const [name, text, expected] of <Array<[string, string, string]>>[
      ['add', 'x', '“add”不能作模板名'],
      ['W-0001', 'x', '“W-0001”不能作模板名'],
      ['两个 词', 'x', '不能作模板名'],
      ['十三个字的名字太长了不能用哦', 'x', '不能作模板名'],
      ['空白', '   ', '请填写文本。'],
    ]) {
      const refused = await post(boss, '/console/templates', '/console/templates', { name, language: 'zh-CN', text });
      expect(textOf(await (await boss.request(refused.headers.get('location')!)).text())).toContain(expected);
    }
    expect((await templates()).map((t) => t.name).sort()).toEqual(['上门', '到场', '脚本', '派修', '配件'].sort());

    // Delete one language, then a whole template.
    const one = await post(boss, '/console/templates', '/console/templates/delete', { name: '到场', language: 'en' });
    expect(textOf(await (await boss.request(one.headers.get('location')!)).text())).toContain(
      '已删除模板“到场”的 1 条文本',
    );
    expect((await templates()).find((t) => t.name === '到场')!.texts).toEqual({ 'zh-CN': '师傅已到{place}（{ref}）' });
    await post(boss, '/console/templates', '/console/templates/delete', { name: '派修', language: '' });
    const gone = await post(boss, '/console/templates', '/console/templates/delete', { name: '派修', language: '' });
    expect(textOf(await (await boss.request(gone.headers.get('location')!)).text())).toContain('没有这个名称的模板');
    expect((await templates()).some((t) => t.name === '派修')).toBe(false);
    await h.say('boss', '/tpl list');
    expect(h.inbox('boss').at(-1)).not.toContain('• 派修');
  });

  it('refuses a change without the CSRF token, and refuses staff and the committee on the server', async () => {
    const boss = await web.signIn('boss');
    expect((await boss.request('/console/templates')).status).toBe(200);
    const forged = await boss.request('/console/templates', {
      form: { name: '伪造', language: 'zh-CN', text: 'x' },
    });
    expect(forged.status).toBe(403);
    const forgedDelete = await boss.request('/console/templates/delete', { form: { name: '上门', language: '' } });
    expect(forgedDelete.status).toBe(403);

    for (const user of ['wang', 'elder']) {
      const client = await web.signIn(user);
      expect((await client.request('/console/templates')).status, user).toBe(403);
      // A valid token of their own session does not make them an admin.
      const csrf = ConsoleClient.csrfOf(await (await client.request('/console/')).text());
      const changed = await client.request('/console/templates', {
        form: { csrf, name: '伪造', language: 'zh-CN', text: 'x' },
      });
      expect(changed.status, user).toBe(403);
      const deleted = await client.request('/console/templates/delete', { form: { csrf, name: '上门', language: '' } });
      expect(deleted.status, user).toBe(403);
      expect(await (await client.request('/console/')).text()).not.toContain('/console/templates');
    }
    expect((await templates()).map((t) => t.name).sort()).toEqual(['上门', '派修', '配件'].sort());
  });

  it('sends a canned reply from the ticket page: each resident gets exactly what /tpl sends in the chat', async () => {
    await h.say('ann', '3号楼停水了');
    await h.say('ben', 'The street light at building 5 is broken', { sender: { id: 'ben', languageHint: 'en' } });
    // The chat first, for what residents get from it.
    await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 派修 W-0001 12-05 14:00');
    await h.sayInGroup(STAFF_ROOM, 'wang', '/tpl 派修 U-0001 12-05 14:00');
    const fromChat = { ann: h.inbox('ann').at(-1)!, ben: h.inbox('ben').at(-1)! };
    expect(fromChat.ben).toContain('5 December at 14:00');

    const wang = await web.signIn('wang');
    for (const [reference, resident] of [
      ['W-0001', 'ann'],
      ['U-0001', 'ben'],
    ] as const) {
      const page = await (await wang.request(`/console/tickets/${reference}`)).text();
      expect(page).toContain('id="template-reply"');
      expect(page).toContain('<option value="派修">');
      const sent = await post(wang, `/console/tickets/${reference}`, `/console/tickets/${reference}/act`, {
        action: 'template',
        name: '派修',
        date: '2026-12-05',
        time: '14:00',
      });
      expect(sent.status).toBe(303);
      expect(sent.headers.get('location')).toBe(`/console/tickets/${reference}?action=reply&outcome=ok`);
      await h.settle();
      expect(h.inbox(resident).at(-1)).toBe(fromChat[resident]);
      expect(h.inbox(resident).filter((t) => t === fromChat[resident])).toHaveLength(2);
    }
    // The history records it as the chat does: a reply by wang, with the template's name.
    const ticket = (await tickets().findByReference('W-0001'))!;
    const wangId = (await new KyselyMemberStore(store.db).find(PLATFORM, 'user', 'wang', 'staff'))!.id;
    const replied = (await tickets().events(ticket.id)).filter((e) => e.kind === 'replied');
    expect(replied).toHaveLength(2);
    expect(replied[1]).toMatchObject({ actor: { kind: 'member', id: wangId }, data: replied[0]!.data });
    expect(replied[1]!.data).toMatchObject({ template: '派修' });
    // The staff group is told each time, as for a reply in the chat.
    expect(h.groupTexts(STAFF_ROOM).filter((t) => t === '✅ W-0001 已回复居民（wang）')).toHaveLength(2);

    // Today and now when no date or time is given, as in the chat.
    await post(wang, '/console/tickets/W-0001', '/console/tickets/W-0001/act', {
      action: 'template',
      name: '派修',
      date: '',
      time: '',
    });
    await h.settle();
    expect(h.inbox('ann').at(-1)).toContain('11月23日 10:00');

    // An unknown template and a date that is none: said on the page, nothing sent.
    const before = h.inbox('ann').length;
    for (const [form, notice] of [
      [{ name: '没有', date: '', time: '' }, '没有这个名称的模板'],
      [{ name: '派修', date: 'tomorrow', time: '' }, '日期或时间无效。'],
    ] as const) {
      const refused = await post(wang, '/console/tickets/W-0001', '/console/tickets/W-0001/act', {
        action: 'template',
        ...form,
      });
      const shown = await (await wang.request(`${refused.headers.get('location')!}&lang=zh-CN`)).text();
      expect(textOf(shown)).toContain(notice);
    }
    await h.settle();
    expect(h.inbox('ann')).toHaveLength(before);

    // The committee reads the ticket but is offered no canned reply, and cannot send one.
    const elder = await web.signIn('elder');
    expect(await (await elder.request('/console/tickets/W-0001')).text()).not.toContain('template-reply');
    const csrf = ConsoleClient.csrfOf(await (await elder.request('/console/')).text());
    const refused = await elder.request('/console/tickets/W-0001/act', {
      form: { csrf, action: 'template', name: '派修', date: '', time: '' },
    });
    expect(refused.status).toBe(403);
  });
});
