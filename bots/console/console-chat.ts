import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Core } from '../../src/turn/core.ts';
import { createInboxProcessor } from '../../src/inbox/inbox-processor.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { saveIncoming } from '../../src/inbox/save-incoming.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { CONSOLE_PLATFORM, ConsoleSender, pressedButton } from './console-sender.ts';

/** The console staff room: `linli chat --as staff` sessions share it, like a staff group chat. */
export const CONSOLE_STAFF_ROOM = 'staff-room';

export interface ConsoleChatOptions {
  user: string;
  asStaff: boolean;
  languageHint?: string;
  /** `--estate`: the estate the resident lives in, or the staff room works for. */
  estateId?: number;
  input: Readable;
  write: (text: string) => void;
}

/**
 * A terminal chat with the bot, through the very same core: each line becomes an IncomingEvent saved
 * to the inbox, the inbox worker handles it, and the console Sender prints what the outbox holds for
 * this chat. A letter (or a label) typed after buttons were shown presses that button. Ends when input ends.
 */
export async function runConsoleChat(core: Core, options: ConsoleChatOptions): Promise<void> {
  const sender = new ConsoleSender(options.write);
  const chatId = options.asStaff ? CONSOLE_STAFF_ROOM : `user:${options.user}`;
  if (options.asStaff) {
    // The CLI is admin by definition: a console staff session registers the room and its user.
    const now = core.now();
    await core.unitOfWork.withoutTransaction(async ({ members }) => {
      await members.grant(
        { platform: CONSOLE_PLATFORM, kind: 'group', id: CONSOLE_STAFF_ROOM },
        'staff',
        now,
        options.estateId,
      );
      await members.grant(
        { platform: CONSOLE_PLATFORM, kind: 'user', id: options.user, displayName: options.user },
        'staff',
        now,
        options.estateId,
      );
    });
  } else if (options.estateId !== undefined) {
    const estateId = options.estateId;
    await core.unitOfWork.run(async ({ residents }) => {
      const resident = await residents.findOrCreate(
        {
          platform: CONSOLE_PLATFORM,
          platformUserId: options.user,
          chatId,
          displayName: options.user,
          ...(options.languageHint && { languageHint: options.languageHint }),
        },
        core.now(),
      );
      if (resident.estateId !== estateId) await residents.setEstate(resident.id, estateId);
    });
  }
  const inbox = createInboxProcessor(core, { concurrency: 2 });
  const dispatcher = createDispatcher({
    unitOfWork: core.unitOfWork,
    senders: [sender],
    log: core.log,
    now: core.now,
    chatIds: [chatId],
  });
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  let seq = 0;

  const settle = async () => {
    await inbox.drain();
    await dispatcher.drain();
  };
  await settle(); // messages that waited for this user (replies that arrived while away)
  if (sender.lastButtons.length === 0) {
    // Buttons shown in an earlier session can still be pressed by number.
    const shown = (
      await core.unitOfWork.withoutTransaction(({ outbox }) => outbox.forChat(CONSOLE_PLATFORM, chatId))
    ).filter((m) => m.status === 'sent' && m.message.buttons?.length);
    sender.lastButtons = shown.at(-1)?.message.buttons?.flat() ?? [];
  }

  const lines = createInterface({ input: options.input, terminal: false });
  for await (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const button = pressedButton(sender.lastButtons, line);
    const event: IncomingEvent = {
      platform: CONSOLE_PLATFORM,
      eventId: `${options.user}:${runId}:${++seq}`,
      kind: button ? 'callback' : 'message',
      chat: { id: chatId, type: options.asStaff ? 'group' : 'private' },
      sender: {
        id: options.user,
        displayName: options.user,
        ...(options.languageHint && { languageHint: options.languageHint }),
      },
      ...(button ? { callbackData: button.data, callbackId: `${runId}:${seq}` } : { text: line }),
      occurredAt: core.now().toISOString(),
    };
    if (button) sender.lastButtons = [];
    await saveIncoming(core.unitOfWork, event, { now: core.now() });
    await settle();
  }
  await settle();
}
