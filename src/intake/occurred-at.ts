/** No platform Linli speaks to existed before this (2010-01-01): an older time is a broken one. */
const EARLIEST_BELIEVED_MS = Date.UTC(2010, 0, 1);
/** Clock skew tolerated ahead of the receipt time. */
const AHEAD_BELIEVED_MS = 24 * 60 * 60_000;

/**
 * When an event happened, as an ISO-8601 string: the platform's time (milliseconds since the epoch)
 * when it is a plausible one, otherwise the time the webhook received it. A signed body can still
 * carry `timestamp: 1e300` or a date in the year 287,000; such a value is no reason to refuse the
 * message (the platform would only deliver it again), nor one to store a time that no window or
 * deadline can work with.
 */
export function occurredAt(platformMs: number | undefined, receivedAt: Date): string {
  const received = receivedAt.getTime();
  const believable =
    platformMs !== undefined &&
    Number.isFinite(platformMs) &&
    platformMs >= EARLIEST_BELIEVED_MS &&
    platformMs <= received + AHEAD_BELIEVED_MS;
  return new Date(believable ? platformMs : received).toISOString();
}
