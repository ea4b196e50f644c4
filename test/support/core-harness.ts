import pino from 'pino';
import type { Classifier } from '../../src/classify/classifier.ts';
import { openOfflineClassifier, type OfflineClassifier } from '../../src/classify/offline-classifier.ts';
import { loadConfig } from '../../src/config.ts';
import type { Core } from '../../src/turn/core.ts';
import { createInboxProcessor } from '../../src/inbox/inbox-processor.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import { saveIncoming } from '../../src/inbox/save-incoming.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import type { OutgoingMessage, Sender, SendResult } from '../../src/outbox/outgoing-message.ts';
import type { Store } from '../../src/store/database.ts';
import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import type { TurnPorts, UnitOfWork } from '../../src/turn/unit-of-work.ts';
import type { SameProblemJudge } from '../../src/understand/same-problem-judge.ts';
import { MemoryUnitOfWork } from './memory/memory-unit-of-work.ts';

let offline: Promise<OfflineClassifier> | undefined;
/** The real offline classifier, once per test process: the built model when `npm run build` made one of this code and corpus, else trained. */
export function sharedClassifier(): Promise<OfflineClassifier> {
  return (offline ??= openOfflineClassifier());
}

/** A settable clock for deadline and timeout tests. */
export class FakeClock {
  constructor(public current = new Date('2026-11-23T02:00:00.000Z')) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A Sender of our own port that records what it is asked to send and answers as scripted. */
export class RecordingSender implements Sender {
  readonly sent: Array<{ chatId: string; message: OutgoingMessage; attempt: number }> = [];
  /** Results to return, in order; when empty, `sent`. */
  script: SendResult[] = [];
  private seq = 0;

  constructor(readonly platform: string) {}

  async send(chatId: string, message: OutgoingMessage, context: { attempt: number }): Promise<SendResult> {
    const next = this.script.shift() ?? { kind: 'sent', platformMessageId: String(++this.seq) };
    if (next.kind === 'sent') this.sent.push({ chatId, message, attempt: context.attempt });
    return next;
  }

  textsTo(chatId: string): string[] {
    return this.sent.filter((s) => s.chatId === chatId && !s.message.callbackAnswer).map((s) => s.message.text);
  }
}

export interface Harness {
  core: Core;
  clock: FakeClock;
  sender: RecordingSender;
  /** A resident writes in a private chat; the event is saved, handled and delivered. */
  say(user: string, text: string, extra?: Partial<IncomingEvent>): Promise<void>;
  /** A resident presses a button. */
  press(user: string, data: string, extra?: Partial<IncomingEvent>): Promise<void>;
  /** A user writes in a group chat. */
  sayInGroup(group: string, user: string, text: string, extra?: Partial<IncomingEvent>): Promise<void>;
  pressInGroup(group: string, user: string, data: string): Promise<void>;
  /** Saves an event without handling it. */
  save(event: IncomingEvent): Promise<'saved' | 'duplicate'>;
  /** Handles everything pending and delivers the outbox. */
  settle(): Promise<void>;
  /** Texts delivered to a resident's private chat, in order. */
  inbox(user: string): string[];
  groupTexts(group: string): string[];
  /** Makes a group the staff chat and `users` staff members (of an estate; default: `default`). */
  registerStaff(group: string, users: string[], estateId?: number): Promise<void>;
  /** Reads (or writes) through the core's ports outside any turn: what the store holds now. */
  read<T>(fn: (ports: TurnPorts) => Promise<T>): Promise<T>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  classifier?: Classifier;
  sameProblemJudge?: SameProblemJudge;
}

export const PLATFORM = 'test';

/** Builds a core on a test store with the real offline classifier (or a given one) and a fake clock. */
export async function createHarness(store: Store, options: HarnessOptions = {}): Promise<Harness> {
  return harnessOn(new KyselyUnitOfWork(store.db), options);
}

/**
 * The same core (router, conversations, the real offline classifier, the inbox worker and the
 * dispatcher) on the in-memory fakes of its ports (test/support/memory/): for tests of conversation
 * logic that need no SQL. A port method the fakes leave out makes `settle` (and so `say`…) throw.
 */
export async function createMemoryHarness(
  options: HarnessOptions = {},
): Promise<Harness & { unitOfWork: MemoryUnitOfWork }> {
  const unitOfWork = new MemoryUnitOfWork();
  const harness = await harnessOn(unitOfWork, options, () => {
    const [missing] = unitOfWork.notFaked;
    if (missing) throw missing;
  });
  return Object.assign(harness, { unitOfWork });
}

async function harnessOn(
  unitOfWork: UnitOfWork,
  options: HarnessOptions,
  afterSettle: () => void = () => {},
): Promise<Harness> {
  const clock = new FakeClock();
  const config = loadConfig({ LOG_FORMAT: 'json', ...options.env });
  const core: Core = {
    unitOfWork,
    classifier: options.classifier ?? (await sharedClassifier()),
    config,
    now: clock.now,
    log: pino({ level: 'silent' }),
    ...(options.sameProblemJudge && { sameProblemJudge: options.sameProblemJudge }),
  };
  const sender = new RecordingSender(PLATFORM);
  const inboxWorker = createInboxProcessor(core);
  const dispatcher = createDispatcher({
    unitOfWork: core.unitOfWork,
    senders: [sender],
    log: core.log,
    now: clock.now,
  });
  let seq = 0;
  // Several harnesses may share one store: their event ids must not collide.
  const harnessId = Math.random().toString(36).slice(2, 8);
  const event = (chat: IncomingEvent['chat'], user: string, fields: Partial<IncomingEvent>): IncomingEvent => ({
    platform: PLATFORM,
    eventId: `${harnessId}-e${++seq}`,
    kind: 'message',
    chat,
    sender: { id: user, displayName: user },
    occurredAt: clock.now().toISOString(),
    ...fields,
  });
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      const a = await inboxWorker.drain();
      const b = await dispatcher.drain();
      if (a + b === 0) break;
    }
    afterSettle();
  };
  const save = (e: IncomingEvent) => saveIncoming(core.unitOfWork, e, { now: clock.now() });
  const harness: Harness = {
    core,
    clock,
    sender,
    save,
    settle,
    async say(user, text, extra = {}) {
      await save(event({ id: `chat-${user}`, type: 'private' }, user, { text, ...extra }));
      await settle();
    },
    async press(user, data, extra = {}) {
      await save(
        event({ id: `chat-${user}`, type: 'private' }, user, {
          kind: 'callback',
          callbackData: data,
          callbackId: `cb${seq}`,
          ...extra,
        }),
      );
      await settle();
    },
    async sayInGroup(group, user, text, extra = {}) {
      await save(event({ id: group, type: 'group' }, user, { text, ...extra }));
      await settle();
    },
    async pressInGroup(group, user, data) {
      await save(
        event({ id: group, type: 'group' }, user, { kind: 'callback', callbackData: data, callbackId: `cb${seq}` }),
      );
      await settle();
    },
    inbox: (user) => sender.textsTo(`chat-${user}`),
    groupTexts: (group) => sender.textsTo(group),
    read: (fn) => unitOfWork.withoutTransaction(fn),
    async registerStaff(group, users, estateId) {
      await unitOfWork.withoutTransaction(async ({ members }) => {
        await members.grant({ platform: PLATFORM, kind: 'group', id: group }, 'staff', clock.now(), estateId);
        for (const user of users)
          await members.grant(
            { platform: PLATFORM, kind: 'user', id: user, displayName: user },
            'staff',
            clock.now(),
            estateId,
          );
      });
    },
  };
  return harness;
}
