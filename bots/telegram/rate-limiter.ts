/** Telegram's broadcast limits (core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). */
export interface RateLimits {
  /** Messages one chat may take in a burst before the per-chat pace applies. */
  chatBurst: number;
  /** Sustained pace in one chat: about one message a second. */
  chatPerSecond: number;
  /** Messages a group may take in any minute. */
  groupPerMinute: number;
  /** Messages to all chats in any second. */
  overallPerSecond: number;
}

export const TELEGRAM_RATE_LIMITS: RateLimits = Object.freeze({
  chatBurst: 3,
  chatPerSecond: 1,
  groupPerMinute: 20,
  overallPerSecond: 30,
});

interface ChatState {
  tokens: number;
  updatedAt: number;
  /** Send times within the last minute (groups only). */
  recent: number[];
}

/**
 * A per-chat limiter for outgoing messages: a token bucket per chat (short bursts, then about one a
 * second, as Telegram tolerates), a sliding minute for groups and a sliding second overall. `take`
 * either reserves a slot at once (returns 0) or says how many milliseconds to wait, reserving nothing.
 */
export class TelegramRateLimiter {
  private readonly chats = new Map<string, ChatState>();
  private overall: number[] = [];

  constructor(
    private readonly limits: RateLimits = TELEGRAM_RATE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  take(chatId: string, isGroup: boolean): number {
    const now = this.now();
    this.overall = this.overall.filter((t) => t > now - 1000);
    const chat = this.refill(chatId, now);
    chat.recent = chat.recent.filter((t) => t > now - 60_000);

    let wait = 0;
    if (chat.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - chat.tokens) / this.limits.chatPerSecond) * 1000));
    if (isGroup && chat.recent.length >= this.limits.groupPerMinute)
      wait = Math.max(wait, chat.recent[0]! + 60_000 - now);
    if (this.overall.length >= this.limits.overallPerSecond) wait = Math.max(wait, this.overall[0]! + 1000 - now);
    if (wait > 0) return wait;

    chat.tokens -= 1;
    if (isGroup) chat.recent.push(now);
    this.overall.push(now);
    return 0;
  }

  private refill(chatId: string, now: number): ChatState {
    let chat = this.chats.get(chatId);
    if (!chat) {
      if (this.chats.size > 10_000) this.forgetIdle(now);
      chat = { tokens: this.limits.chatBurst, updatedAt: now, recent: [] };
      this.chats.set(chatId, chat);
      return chat;
    }
    chat.tokens = Math.min(
      this.limits.chatBurst,
      chat.tokens + ((now - chat.updatedAt) / 1000) * this.limits.chatPerSecond,
    );
    chat.updatedAt = now;
    return chat;
  }

  /** Drops chats that are back to a full bucket and quiet for a minute (they would start the same). */
  private forgetIdle(now: number): void {
    for (const [id, chat] of this.chats) {
      if (now - chat.updatedAt > 60_000) this.chats.delete(id);
    }
  }
}
