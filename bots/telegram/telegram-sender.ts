import type { Logger } from 'pino';
import { Input } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Button, OutgoingMessage, Sender, SendResult } from '../../src/outbox/outgoing-message.ts';
import { BotApiError, type ApiFailure, type BotApi } from './bot-api.ts';
import { TELEGRAM_PLATFORM } from './map-update.ts';
import { TelegramRateLimiter } from './rate-limiter.ts';
import { MAX_CAPTION_LENGTH, splitText } from './split-text.ts';

/** Telegram refuses callback_data longer than 64 bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

/** Telegram shows at most 200 characters in a button answer. */
const MAX_CALLBACK_ANSWER_LENGTH = 200;

/** One Bot API request of a message that may take several (a photo, then the text in parts). */
type Part =
  | { kind: 'text'; text: string; keyboard?: InlineKeyboardMarkup }
  | { kind: 'photo'; image: NonNullable<OutgoingMessage['image']>; caption?: string; keyboard?: InlineKeyboardMarkup }
  /**
   * A recording resent by its file id: as a voice note, else (a music file's id) as audio; or the saved
   * file of another platform's recording uploaded, as a voice note when it is Ogg/Opus, else as audio.
   */
  | { kind: 'voice'; fileId: string }
  | { kind: 'upload'; path: string; mimeType?: string };

export interface TelegramSenderOptions {
  /** Longest wait for the rate limiter inside one attempt; beyond it the outbox retries later. */
  maxLimiterWaitMs?: number;
  limiter?: TelegramRateLimiter;
}

/**
 * Delivers outbox messages to Telegram as plain text (no parse_mode, so nothing needs escaping), with
 * inline keyboards for buttons, photos by file id, URL or local file, and button answers as
 * answerCallbackQuery. Long text goes in parts of at most 4096 characters, in order, the keyboard on
 * the last; when an attempt fails half-way, the next attempt of the same outbox row resumes after the
 * parts already delivered. Platform errors become {@link SendResult}s, never exceptions.
 */
export class TelegramSender implements Sender {
  readonly platform = TELEGRAM_PLATFORM;
  private readonly limiter: TelegramRateLimiter;
  /** Parts already delivered per outbox row (retry key), so a retry does not repeat them. */
  private readonly progress = new Map<string, { done: number; lastMessageId?: string }>();

  constructor(
    private readonly api: BotApi,
    private readonly log: Logger,
    private readonly options: TelegramSenderOptions = {},
  ) {
    this.limiter = options.limiter ?? new TelegramRateLimiter();
  }

  async send(
    chatId: string,
    message: OutgoingMessage,
    context: { retryKey: string; attempt: number },
  ): Promise<SendResult> {
    try {
      if (message.callbackAnswer) return await this.answerButton(message.callbackAnswer, message.text);
      return await this.deliver(chatId, message, context.retryKey);
    } catch (error) {
      if (!(error instanceof BotApiError)) {
        this.log.error({ err: error, chatId }, 'unexpected error while sending to Telegram');
        return { kind: 'retry', reason: error instanceof Error ? this.api.redact(error.message) : 'unexpected error' };
      }
      return this.toResult(error.failure, chatId);
    }
  }

  private async answerButton(answer: { id: string; alert: boolean }, text: string): Promise<SendResult> {
    // Not rate limited: answers are not chat messages, and a late answer leaves the button spinning.
    await this.api.call((telegram, signal) =>
      telegram.callApi(
        'answerCallbackQuery',
        {
          callback_query_id: answer.id,
          ...(text !== '' && { text: truncate(text, MAX_CALLBACK_ANSWER_LENGTH) }),
          show_alert: answer.alert,
        },
        { signal },
      ),
    );
    return { kind: 'sent' };
  }

  private async deliver(chatId: string, message: OutgoingMessage, retryKey: string): Promise<SendResult> {
    let parts = this.plan(message, true);
    const progress = this.progress.get(retryKey) ?? { done: 0 };
    for (let i = progress.done; i < parts.length; i++) {
      const part = parts[i]!;
      const waited = await this.waitForSlot(chatId);
      if (waited !== 0) {
        this.remember(retryKey, progress);
        return { kind: 'retry', reason: 'rate limit of this chat', afterMs: waited };
      }
      let id: string;
      try {
        id = await this.sendPart(chatId, part);
      } catch (error) {
        if (
          part.kind !== 'text' &&
          error instanceof BotApiError &&
          error.failure.kind === 'permanent' &&
          error.failure.code === 400
        ) {
          // A photo or a recording Telegram will not take (expired file id, unreachable URL): the text still matters.
          this.log.warn(
            { chatId, reason: error.failure.reason },
            `telegram refused the ${part.kind}; sending the text alone`,
          );
          parts = this.plan(message, false);
          i = -1;
          continue;
        }
        this.remember(retryKey, progress);
        throw error;
      }
      progress.done = i + 1;
      progress.lastMessageId = id;
    }
    this.progress.delete(retryKey);
    // Staff reply to a card by replying to the message that carries its buttons: the last part.
    return { kind: 'sent', ...(progress.lastMessageId !== undefined && { platformMessageId: progress.lastMessageId }) };
  }

  private remember(retryKey: string, progress: { done: number; lastMessageId?: string }): void {
    if (progress.done === 0) return;
    if (!this.progress.has(retryKey) && this.progress.size >= 1000)
      this.progress.delete(this.progress.keys().next().value!);
    this.progress.set(retryKey, progress);
  }

  private plan(message: OutgoingMessage, withMedia: boolean): Part[] {
    // The recording goes first; the card's text and buttons follow it, where staff reply.
    const audio = withMedia ? message.audio : undefined;
    const recording: Part[] = audio?.platformFileId
      ? [{ kind: 'voice', fileId: audio.platformFileId }]
      : audio?.path
        ? [{ kind: 'upload', path: audio.path, ...(audio.mimeType && { mimeType: audio.mimeType }) }]
        : [];
    return [...recording, ...this.planText(message, withMedia)];
  }

  private planText(message: OutgoingMessage, withImage: boolean): Part[] {
    const keyboard = this.keyboard(message.buttons);
    const text = message.urgent && !message.text.startsWith('🚨') ? `🚨 ${message.text}` : message.text;
    const image =
      withImage && message.image && (message.image.platformFileId ?? message.image.url ?? message.image.path)
        ? message.image
        : undefined;
    if (image && text.length <= MAX_CAPTION_LENGTH) {
      return [{ kind: 'photo', image, ...(text.trim() !== '' && { caption: text }), ...(keyboard && { keyboard }) }];
    }
    const parts: Part[] = image ? [{ kind: 'photo', image }] : [];
    const texts = splitText(text);
    texts.forEach((t, i) =>
      parts.push({ kind: 'text', text: t, ...(keyboard && i === texts.length - 1 && { keyboard }) }),
    );
    return parts;
  }

  private keyboard(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
    if (!buttons) return undefined;
    const rows = buttons
      .map((row) =>
        row.filter((b) => {
          const fits = Buffer.byteLength(b.data, 'utf8') <= MAX_CALLBACK_DATA_BYTES && b.data !== '';
          // Telegram would refuse the whole message; better a message without this one button.
          if (!fits)
            this.log.warn(
              { bytes: Buffer.byteLength(b.data, 'utf8') },
              'button data does not fit Telegram callback_data (1-64 bytes); button left out',
            );
          return fits && b.label.trim() !== '';
        }),
      )
      .filter((row) => row.length > 0)
      .map((row) => row.map((b) => ({ text: b.label, callback_data: b.data })));
    return rows.length > 0 ? { inline_keyboard: rows } : undefined;
  }

  private async sendPart(chat: string, part: Part): Promise<string> {
    // Chat ids are stored as text; the Bot API takes them as integers (it also accepts @usernames).
    const chatId = /^-?\d+$/.test(chat) ? Number(chat) : chat;
    if (part.kind === 'voice') return this.sendRecording(chatId, part.fileId);
    if (part.kind === 'upload') return this.uploadRecording(chatId, part.path, part.mimeType);
    // Notifications stay on (no disable_notification): urgent alerts must ring, and they carry 🚨.
    const common = { ...(part.keyboard && { reply_markup: part.keyboard }) };
    if (part.kind === 'text') {
      const sent = await this.api.call((telegram, signal) =>
        telegram.callApi('sendMessage', { chat_id: chatId, text: part.text, ...common }, { signal }),
      );
      return String(sent.message_id);
    }
    // A file we hold is uploaded: a URL works only if Telegram can reach PUBLIC_URL.
    const photo =
      part.image.platformFileId ??
      (part.image.path !== undefined ? Input.fromLocalFile(part.image.path) : part.image.url!);
    const sent = await this.api.call(
      (telegram, signal) =>
        telegram.callApi(
          'sendPhoto',
          { chat_id: chatId, photo, ...(part.caption !== undefined && { caption: part.caption }), ...common },
          { signal },
        ),
      { timeoutMs: 60_000 },
    );
    return String(sent.message_id);
  }

  /** A voice note's file id goes back as a voice note; an audio file's id only as audio, so that is tried next. */
  private async sendRecording(chatId: number | string, fileId: string): Promise<string> {
    try {
      const sent = await this.api.call((telegram, signal) =>
        telegram.callApi('sendVoice', { chat_id: chatId, voice: fileId }, { signal }),
      );
      return String(sent.message_id);
    } catch (error) {
      if (!(error instanceof BotApiError && error.failure.kind === 'permanent' && error.failure.code === 400))
        throw error;
      const sent = await this.api.call((telegram, signal) =>
        telegram.callApi('sendAudio', { chat_id: chatId, audio: fileId }, { signal }),
      );
      return String(sent.message_id);
    }
  }

  /** Telegram plays Ogg/Opus as a voice note; anything else (LINE's m4a) goes as an audio file. */
  private async uploadRecording(chatId: number | string, path: string, mimeType: string | undefined): Promise<string> {
    const asVoice = /^audio\/ogg\b/.test(mimeType ?? '');
    const file = Input.fromLocalFile(path);
    const sent = await this.api.call(
      (telegram, signal): Promise<{ message_id: number }> =>
        asVoice
          ? telegram.callApi('sendVoice', { chat_id: chatId, voice: file }, { signal })
          : telegram.callApi('sendAudio', { chat_id: chatId, audio: file }, { signal }),
      { timeoutMs: 60_000 },
    );
    return String(sent.message_id);
  }

  /** Waits for the limiter; returns 0 once a slot is taken, or the wait when it is longer than worth holding the row. */
  private async waitForSlot(chatId: string): Promise<number> {
    const maxWait = this.options.maxLimiterWaitMs ?? 5_000;
    // Telegram group and supergroup ids are negative; users are positive.
    const isGroup = chatId.startsWith('-');
    for (;;) {
      const wait = this.limiter.take(chatId, isGroup);
      if (wait === 0) return 0;
      if (wait > maxWait) return wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private toResult(failure: ApiFailure, chatId: string): SendResult {
    switch (failure.kind) {
      case 'rate-limited':
        return { kind: 'retry', reason: failure.reason, afterMs: failure.retryAfterMs };
      case 'transient':
        return { kind: 'retry', reason: failure.reason };
      case 'unauthorized':
        this.log.error(
          { reason: failure.reason },
          'Telegram refuses the bot token; check TELEGRAM_BOT_TOKEN. Messages wait in the outbox.',
        );
        return { kind: 'retry', reason: failure.reason, afterMs: 60_000 };
      case 'permanent':
        if (failure.migrateToChatId !== undefined) {
          this.log.warn(
            { chatId, newChatId: failure.migrateToChatId },
            'a telegram group became a supergroup; register the new group with /join',
          );
          return {
            kind: 'failed',
            reason: `${failure.reason} (the group is now chat ${failure.migrateToChatId}; register it again with /join)`,
          };
        }
        return { kind: 'failed', reason: failure.reason };
    }
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
