import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../../src/store/member-store.ts';
import {
  callbackUpdate,
  eventually,
  GROUP,
  RESIDENT,
  startLinli,
  STAFF,
  STRANGER,
  textUpdate,
  TOKEN,
  type Linli,
} from './harness.ts';

describe('Telegram staff group (end to end)', () => {
  let linli: Linli;
  const db = () => linli.service.store.db;
  const group = String(GROUP.id);
  const resident = { ...RESIDENT, id: 1501 };

  beforeAll(async () => {
    linli = await startLinli();
  });
  afterAll(async () => {
    const logs = linli.lines.join('');
    await linli.close();
    expect(logs).not.toContain(TOKEN.split(':')[1]);
  });

  it('registers a group with /join, posts cards with buttons, and lets only staff act on them', async () => {
    const { code } = await new KyselyMemberStore(db()).createInvite(
      'staff',
      new Date(Date.now() + 86_400_000),
      new Date(),
    );
    await linli.post(textUpdate(`/join@linli_test_bot ${code}`, { from: STAFF, chat: GROUP }));
    const [joined] = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === group);
    expect(joined!.params.text).toContain('本群已登记');

    // A resident's complaint becomes a card in the group, with inline buttons.
    await linli.post(textUpdate('9号楼垃圾好几天没人清理了，很臭', { from: resident }));
    // Other messages may reach the group (the weekly agenda, say): the card is the one with staff buttons.
    const [card] = await linli.api.waitFor(
      'sendMessage',
      (p) => String(p.chat_id) === group && JSON.stringify(p.reply_markup ?? '').includes('st:ack:'),
    );
    const reference = /[A-Z]-\d{4}/.exec(String(card!.params.text))![0];
    const ticket = await db()
      .selectFrom('tickets')
      .select(['id', 'status'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const buttons = (
      card!.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }
    ).inline_keyboard
      .flat()
      .map((b) => b.callback_data);
    expect(buttons).toEqual([
      `st:ack:${ticket.id}`,
      `st:res:${ticket.id}`,
      `st:exp:${ticket.id}`,
      `st:cat:${ticket.id}`,
      `st:tpls:${ticket.id}`,
      `st:claim:${ticket.id}`,
    ]);
    const cardMessageId = (card!.result as { message_id: number }).message_id;
    const row = await eventually(
      () =>
        db()
          .selectFrom('outbox')
          .select('platform_message_id')
          .where('chat_id', '=', group)
          .where('ticket_id', '=', ticket.id)
          .where('platform_message_id', 'is not', null)
          .executeTakeFirst(),
      'card id stored',
    );
    expect(row.platform_message_id).toBe(String(cardMessageId));
    await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(resident.id));

    // Someone who is not staff presses "acknowledge": an alert, and nothing changes.
    const foreign = callbackUpdate(`st:ack:${ticket.id}`, cardMessageId, { from: STRANGER, chat: GROUP });
    await linli.post(foreign);
    const [refusal] = await linli.api.waitFor(
      'answerCallbackQuery',
      (p) => p.callback_query_id === foreign.callback_query.id,
    );
    expect(refusal!.params).toMatchObject({ show_alert: true, text: expect.stringContaining('物业工作人员') });
    expect(
      (await db().selectFrom('tickets').select('status').where('id', '=', ticket.id).executeTakeFirstOrThrow()).status,
    ).toBe('open');

    // Staff press it: the press is answered and the resident is told.
    const press = callbackUpdate(`st:ack:${ticket.id}`, cardMessageId, { from: STAFF, chat: GROUP });
    await linli.post(press);
    const [answer] = await linli.api.waitFor(
      'answerCallbackQuery',
      (p) => p.callback_query_id === press.callback_query.id,
    );
    expect(answer!.params.show_alert).toBe(false);
    const toResident = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(resident.id), {
      count: 2,
    });
    expect(toResident[1]!.params.text).toContain(`物业已受理您反映的问题（${reference}）`);
    expect(
      (await db().selectFrom('tickets').select('status').where('id', '=', ticket.id).executeTakeFirstOrThrow()).status,
    ).toBe('acknowledged');

    // Replying to the card relays the text to the resident.
    await linli.post(textUpdate('明天上午安排保洁清运', { from: STAFF, chat: GROUP, replyTo: cardMessageId }));
    const relayed = await linli.api.waitFor('sendMessage', (p) => String(p.chat_id) === String(resident.id), {
      count: 3,
    });
    expect(relayed[2]!.params.text).toBe(`物业回复（${reference}）：明天上午安排保洁清运`);
  });
});
