import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { mapUpdate } from '../../../bots/telegram/map-update.ts';
import { checkUpdate } from '../../../bots/telegram/update-shape.ts';

/* The zod schema the hand-written check replaced, kept here as the reference it must agree with. */
const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const chat = z.object({ id: z.number().int(), type: z.string() });
const fileBase = { file_id: z.string().min(1), file_size: z.number().int().nonnegative().optional() };
const location = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });
const message = z.object({
  message_id: z.number().int(),
  date: z.number().int().nonnegative(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.object({ ...fileBase, width: z.number().optional(), height: z.number().optional() })).optional(),
  document: z.object({ ...fileBase, mime_type: z.string().optional() }).optional(),
  location: location.optional(),
  venue: z.object({ location, title: z.string().optional(), address: z.string().optional() }).optional(),
  voice: z.object({ ...fileBase, duration: z.number().optional(), mime_type: z.string().optional() }).optional(),
  audio: z.object({ ...fileBase, duration: z.number().optional(), mime_type: z.string().optional() }).optional(),
  reply_to_message: z.object({ message_id: z.number().int() }).optional(),
});
const reference = z.object({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: z
    .object({
      id: z.string().min(1),
      from: user,
      message: z.object({ message_id: z.number().int(), chat }).optional(),
      data: z.string().optional(),
    })
    .optional(),
  my_chat_member: z
    .object({
      chat,
      from: user,
      date: z.number().int().nonnegative(),
      old_chat_member: z.object({ status: z.string() }),
      new_chat_member: z.object({ status: z.string(), user }),
    })
    .optional(),
});

const from = { id: 1001, is_bot: false, first_name: '小', last_name: '李', username: 'li', language_code: 'zh-hans' };
const privateChat = { id: 1001, type: 'private' };
const file = { file_id: 'f1', file_unique_id: 'u1', file_size: 3000 };
/** Updates with every field the check reads, and some it does not. */
const valid: unknown[] = [
  {
    update_id: 1,
    message: {
      message_id: 10,
      date: 1_700_000_000,
      chat: privateChat,
      from,
      text: '3号楼停水了',
      caption: '照片',
      photo: [{ ...file, width: 90, height: 67 }],
      document: { ...file, mime_type: 'image/png' },
      location: { latitude: 31.2, longitude: 121.5 },
      venue: { location: { latitude: -90, longitude: 180 }, title: '花园', address: '幸福路1号' },
      voice: { ...file, duration: 12, mime_type: 'audio/ogg' },
      audio: { ...file, duration: 1.5, mime_type: 'audio/mpeg' },
      reply_to_message: { message_id: 9, text: 'unread' },
      entities: [{ type: 'bold' }],
    },
  },
  {
    update_id: 2,
    callback_query: {
      id: 'cb1',
      from,
      message: { message_id: 5, chat: { id: -100123, type: 'supergroup' } },
      data: 'st:ack:3',
      chat_instance: 'x',
    },
  },
  {
    update_id: 3,
    my_chat_member: {
      chat: { id: -100123, type: 'group' },
      from,
      date: 0,
      old_chat_member: { status: 'left', user: { id: 7 } },
      new_chat_member: { status: 'member', user: { id: 7, is_bot: true, first_name: 'Linli' } },
    },
  },
  { update_id: 4, edited_message: { text: 'not read' } },
];

/** Every place in `value` (objects and array items), as key paths. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...paths(child, path)];
  });
}

function replaced(value: unknown, path: Array<string | number>, by: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  if (by === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = by;
  return copy;
}

const WRONG: unknown[] = [
  undefined,
  null,
  '7',
  '',
  'x'.repeat(50),
  0,
  -0,
  -1,
  1.5,
  -90.5,
  181,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  1e300,
  Infinity,
  NaN,
  true,
  {},
  [],
  [{}],
  { $gt: 0 },
];

describe('checkUpdate', () => {
  it('takes the updates the zod schema took, with the same mapping', () => {
    for (const update of valid) {
      expect(checkUpdate(update)).toEqual({ ok: true, update });
      expect(reference.safeParse(update).success).toBe(true);
    }
  });

  it('refuses exactly what the zod schema refused: every field of every update set to every wrong value', () => {
    const at = new Date('2026-12-01T08:00:00Z');
    let refused = 0;
    let cases = 0;
    for (const update of valid)
      for (const path of [[], ...paths(update)])
        for (const wrong of WRONG) {
          const value = path.length === 0 ? wrong : replaced(update, path, wrong);
          const expected = reference.safeParse(value);
          const checked = checkUpdate(value);
          cases++;
          if (!expected.success) refused++;
          expect({ path: path.join('.'), wrong, ok: checked.ok }).toEqual({
            path: path.join('.'),
            wrong,
            ok: expected.success,
          });
          // What is mapped from it is what was mapped from zod's output (its unknown fields dropped).
          if (expected.success) expect(mapUpdate(value, at)).toEqual(mapUpdate(expected.data, at));
          else expect(mapUpdate(value, at)).toMatchObject({ kind: 'invalid' });
        }
    // The cases are not all one way.
    expect(refused).toBeGreaterThan(cases / 3);
    expect(refused).toBeLessThan(cases);
  });

  it('says where and what is wrong', () => {
    expect(
      checkUpdate({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 'abc', type: 'private' } } }),
    ).toEqual({ ok: false, reason: 'message.chat.id: Invalid input: expected number, received string' });
    expect(checkUpdate([])).toEqual({ ok: false, reason: 'update: Invalid input: expected object, received array' });
    expect(checkUpdate({ update_id: -1 })).toEqual({
      ok: false,
      reason: 'update_id: Too small: expected number to be >=0',
    });
  });
});
