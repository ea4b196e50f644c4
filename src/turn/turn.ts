import type { Locale } from '../i18n/index.ts';
import type { SameProblemAnswers } from '../intake/same-problem-answers.ts';
import type { Resident } from '../residents/resident-store.ts';
import type { Conversation } from './conversation-store.ts';
import type { Core } from './core.ts';
import type { IncomingEvent } from './incoming-event.ts';
import type { Replies } from './replies.ts';
import type { TurnPorts } from './unit-of-work.ts';

/** Everything a step of a conversation needs, inside the event's unit of work. */
export interface Turn {
  core: Core;
  /** The ports bound to this turn's transaction. */
  ports: TurnPorts;
  event: IncomingEvent;
  inboxId: number;
  now: Date;
  replies: Replies;
  /**
   * The same-problem judge's answers, asked outside the unit of work (withSameProblemAnswers); absent
   * where the turn was not run that way (the judge is then asked inline).
   */
  sameProblemAnswers?: SameProblemAnswers;
}

/** A turn in a resident's private chat: who they are, their language, and where their conversation stands. */
export interface ResidentTurn extends Turn {
  resident: Resident;
  locale: Locale;
  conversation: Conversation;
}

/** What a job or a use case outside a chat turn needs to write and queue messages: the ports and a sink. */
export interface WorkContext {
  ports: TurnPorts;
  core: Core;
  replies: Replies;
  now: Date;
}
