/**
 * Paces sends: at most one message per `minIntervalMs` to each chat, and a pause for every chat after
 * LINE answers 429 (its rate limits are per channel, so one chat's 429 holds for all).
 */
export class ChatLimiter {
  private readonly nextSlot = new Map<string, number>();
  private pausedUntil = 0;

  constructor(
    private readonly minIntervalMs = 200,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Milliseconds left of a 429 pause, or 0. */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.clock());
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /** Waits for the chat's next slot and takes it. */
  async take(chatId: string): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.nextSlot.get(chatId) ?? 0);
    this.nextSlot.set(chatId, slot + this.minIntervalMs);
    if (this.nextSlot.size > 10_000) this.forgetIdle(now);
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  private forgetIdle(now: number): void {
    for (const [chatId, next] of this.nextSlot) if (next < now) this.nextSlot.delete(chatId);
  }
}
