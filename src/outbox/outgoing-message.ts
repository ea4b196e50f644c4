/** A button under a message; `data` comes back as an IncomingEvent's `callbackData` when pressed. */
export interface Button {
  label: string;
  data: string;
}

/**
 * A platform-neutral outgoing message, stored in the outbox as JSON. Senders render it: Telegram
 * inline keyboards, LINE quick replies or Flex cards, plain lines on the console.
 */
export interface OutgoingMessage {
  text: string;
  /** Rows of buttons. */
  buttons?: Button[][];
  /** How the buttons should look where the platform has a choice: quick replies or a card. */
  style?: 'quick-replies' | 'card';
  /** An image to send with the text: a stored file under DATA_DIR and/or a public URL. */
  image?: { path?: string; url?: string; platformFileId?: string };
  /**
   * A recording to send with the text: by the platform's file id (Telegram resends a voice note), as
   * the file saved under DATA_DIR (Telegram uploads another platform's recording), or at a signed
   * https link with its type and length (LINE fetches an m4a itself; other formats go as the link).
   * Platforms that can use none leave it out.
   */
  audio?: { platformFileId?: string; path?: string; url?: string; mimeType?: string; durationMs?: number };
  /** Urgent staff alerts: senders make them stand out (and may notify loudly). */
  urgent?: boolean;
  /**
   * An answer to what someone in a group just did (a staff command, a button): delivered ahead of the
   * group's routine backlog (ticket cards), in its own lane.
   */
  interactive?: boolean;
  /**
   * Answer a button press instead of sending a message (Telegram answerCallbackQuery; `alert` shows a
   * dialog). Platforms without such answers send `text` as a message.
   */
  callbackAnswer?: { id: string; alert: boolean };
  /** LINE: a reply token that may be used instead of a push while fresh. */
  replyToken?: { token: string; receivedAt: string };
}

/** What a Sender reports for one delivery attempt. */
export type SendResult =
  | { kind: 'sent'; platformMessageId?: string }
  /** Try again later: rate limited (honour `afterMs`), 5xx or a network error. */
  | { kind: 'retry'; reason: string; afterMs?: number }
  /** Will never succeed (blocked by the user, chat gone, bad request): record it and stop. */
  | { kind: 'failed'; reason: string };

/** The port each platform implements to deliver outbox messages. */
export interface Sender {
  readonly platform: string;
  /**
   * Delivers one message to one chat. Must not throw for platform errors: translate them into a
   * {@link SendResult}. `retryKey` is stable across attempts of the same outbox row.
   */
  send(chatId: string, message: OutgoingMessage, context: { retryKey: string; attempt: number }): Promise<SendResult>;
}
