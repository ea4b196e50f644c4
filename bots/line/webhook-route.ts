import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { decodeUtf8 } from '../../src/http/decode-utf8.ts';
import { sendJson, sendText, type Route } from '../../src/http/server.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import type { Metrics } from '../../src/metrics.ts';
import { LINE_PLATFORM, lineEventProblem, mapLineEvent } from './map-event.ts';
import { validateSignature } from './validate-signature.ts';

export const LINE_WEBHOOK_PATH = '/webhooks/line';

/** What LINE's profile says about a user (both optional: LINE omits language without consent). */
export interface LineProfile {
  displayName?: string;
  language?: string;
}

export interface LineWebhookOptions {
  channelSecret: string;
  saveIncoming(event: IncomingEvent): Promise<'saved' | 'duplicate'>;
  log: Logger;
  /**
   * Looks a user up for their language when they add the bot (follow), so the welcome is in it. It
   * must settle quickly: the events are saved only after it, and a failure just leaves the hint out.
   */
  /** The user's profile; with `group`, the member profile of that group or room (display name only). */
  lookupProfile?(userId: string, group?: { type: 'group' | 'room'; id: string }): Promise<LineProfile>;
  metrics?: Metrics;
  now?: () => Date;
}

/** How much of a refused event the log keeps: enough to see what was wrong, not a whole body. */
const MAX_LOGGED_EVENT_CHARS = 2_000;

function signatureHeader(request: IncomingMessage): string | undefined {
  const value = request.headers['x-line-signature'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Profiles worth fetching before saving: users who just added the bot (their profile language decides
 * the welcome's language), and staff registering with `/join` in a group (LINE group events carry no
 * name, and the name is what the staff chat shows for their actions).
 */
async function profilesToKnow(events: unknown[], options: LineWebhookOptions): Promise<Map<string, LineProfile>> {
  const profiles = new Map<string, LineProfile>();
  const lookup = options.lookupProfile;
  if (!lookup) return profiles;
  const wanted = new Map<string, { type: 'group' | 'room'; id: string } | undefined>();
  for (const event of events) {
    const e = event as {
      type?: unknown;
      source?: { type?: unknown; userId?: unknown; groupId?: unknown; roomId?: unknown };
      message?: { type?: unknown; text?: unknown };
    } | null;
    const userId = e?.source?.userId;
    if (typeof userId !== 'string') continue;
    if (e?.type === 'follow' && e.source?.type === 'user') wanted.set(userId, undefined);
    const joining =
      e?.type === 'message' &&
      e.message?.type === 'text' &&
      typeof e.message.text === 'string' &&
      /^\s*\/join\b/i.test(e.message.text);
    if (joining && e.source?.type === 'group' && typeof e.source.groupId === 'string')
      wanted.set(userId, { type: 'group', id: e.source.groupId });
    if (joining && e.source?.type === 'room' && typeof e.source.roomId === 'string')
      wanted.set(userId, { type: 'room', id: e.source.roomId });
  }
  await Promise.all(
    [...wanted].map(async ([userId, group]) => {
      try {
        profiles.set(userId, await lookup(userId, group));
      } catch (error) {
        options.log.info({ reason: (error as Error).message }, 'LINE profile not available; going on without it');
      }
    }),
  );
  return profiles;
}

/**
 * `POST /webhooks/line`: checks `x-line-signature` over the raw bytes before reading anything (401
 * and nothing stored when it is wrong or missing), answers LINE's verification call (no events) with
 * 200, saves every event to the inbox keyed by `webhookEventId` (a redelivery is a no-op there), then
 * answers 200. A malformed event is refused on its own — logged with its JSON and counted in
 * `linli_webhook_rejected_total` — and the others of the body are still saved: a body answered 500
 * for it would come back forever with the good events never saved. If saving fails the answer is
 * 500, so LINE delivers the body again (when redelivery is turned on in the console). Handling
 * happens later, in the inbox worker.
 */
export function lineWebhookRoute(options: LineWebhookOptions): Route {
  const now = options.now ?? (() => new Date());
  return {
    method: 'POST',
    path: LINE_WEBHOOK_PATH,
    handler: async (request, body, response) => {
      if (!validateSignature(body, options.channelSecret, signatureHeader(request))) {
        options.log.warn(
          { hasSignature: signatureHeader(request) !== undefined, bytes: body.length },
          'LINE webhook with a bad or missing signature refused',
        );
        sendText(response, 401, 'bad signature\n');
        return;
      }
      let events: unknown;
      try {
        const text = decodeUtf8(body);
        events = text === undefined ? undefined : (JSON.parse(text) as { events?: unknown } | null)?.events;
      } catch {
        events = undefined;
      }
      if (!Array.isArray(events)) {
        sendText(response, 400, 'expected a UTF-8 JSON body with an events array\n');
        return;
      }
      const receivedAt = now();
      const profiles = await profilesToKnow(events, options);
      const reject = (raw: unknown, index: number, reason: string) => {
        options.metrics?.webhookRejected.inc({ platform: LINE_PLATFORM, reason: 'invalid-event' });
        const json = JSON.stringify(raw) ?? String(raw);
        options.log.warn(
          { index, reason, event: json.slice(0, MAX_LOGGED_EVENT_CHARS) },
          'malformed LINE event refused; the other events of the body are saved',
        );
      };
      let saved = 0;
      try {
        for (const [index, raw] of events.entries()) {
          const problem = lineEventProblem(raw);
          if (problem !== undefined) {
            reject(raw, index, problem);
            continue;
          }
          const userId = (raw as { source?: { userId?: unknown } }).source?.userId;
          const profile = typeof userId === 'string' ? profiles.get(userId) : undefined;
          let event: IncomingEvent | undefined;
          try {
            event = mapLineEvent(raw, {
              receivedAt,
              ...(profile?.language && { languageHint: profile.language }),
              ...(profile?.displayName && { displayName: profile.displayName }),
            });
          } catch (error) {
            // mapLineEvent checks field by field and should never throw; if it does, the event is the cause.
            reject(raw, index, (error as Error).message);
            continue;
          }
          if (event && (await options.saveIncoming(event)) === 'saved') saved++;
        }
      } catch (error) {
        options.log.error({ err: error }, 'LINE events could not be saved; answering 500 so LINE delivers them again');
        sendText(response, 500, 'could not store the events\n');
        return;
      }
      options.log.debug({ events: events.length, saved }, 'LINE webhook stored');
      sendJson(response, 200, {});
    },
  };
}
