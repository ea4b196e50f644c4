import type { Logger } from 'pino';
import { sendText, type Route } from '../../src/http/server.ts';
import type { IncomingEvent } from '../../src/turn/incoming-event.ts';
import type { Metrics } from '../../src/metrics.ts';
import { mapUpdateBody, TELEGRAM_PLATFORM, type MappedUpdate } from './map-update.ts';
import { secretTokenCheck } from './verify-secret-token.ts';

export const WEBHOOK_PATH = '/webhooks/telegram';

/**
 * `POST /webhooks/telegram`: checks the secret token (401 missing, 403 wrong), parses the update (400
 * when it is not one), saves the event to the inbox and only then answers 200. When saving fails the
 * answer is 500, so Telegram delivers the update again; nothing was stored.
 */
export function telegramWebhookRoute(options: {
  secret: string | undefined;
  saveIncoming(event: IncomingEvent): Promise<'saved' | 'duplicate'>;
  log: Logger;
  metrics?: Metrics;
}): Route {
  const reject = (reason: string) => options.metrics?.webhookRejected.inc({ platform: TELEGRAM_PLATFORM, reason });
  const checkSecret = options.secret === undefined ? () => 'mismatch' as const : secretTokenCheck(options.secret);
  return {
    method: 'POST',
    path: WEBHOOK_PATH,
    maxBodyBytes: 1_000_000,
    handler: async (request, body, response) => {
      const check = checkSecret(request.headers['x-telegram-bot-api-secret-token']);
      if (check !== 'ok') {
        reject(`secret-${check}`);
        options.log.warn(
          { check, remote: request.socket.remoteAddress },
          'telegram webhook request refused: secret token missing or wrong',
        );
        sendText(response, check === 'missing' ? 401 : 403, 'forbidden\n');
        return;
      }
      let mapped: MappedUpdate;
      try {
        mapped = mapUpdateBody(body);
      } catch (error) {
        // mapUpdate checks every field it reads and should never throw; if it does, the update is the cause.
        mapped = { kind: 'invalid', reason: (error as Error).message };
      }
      if (mapped.kind === 'invalid') {
        reject('invalid-update');
        options.log.warn({ reason: mapped.reason }, 'telegram webhook body is not a valid update');
        sendText(response, 400, 'not a Telegram update\n');
        return;
      }
      if (mapped.kind === 'ignored') {
        options.log.debug({ updateId: mapped.updateId, reason: mapped.reason }, 'telegram update ignored');
        sendText(response, 200, '');
        return;
      }
      try {
        await options.saveIncoming(mapped.event);
      } catch (error) {
        options.log.error(
          { err: error, updateId: mapped.updateId },
          'could not save a telegram update; Telegram will deliver it again',
        );
        sendText(response, 500, 'could not store the update\n');
        return;
      }
      sendText(response, 200, '');
    },
  };
}
