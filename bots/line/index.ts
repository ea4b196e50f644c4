import type { Readable } from 'node:stream';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { messages } from '../../src/i18n/index.ts';
import { MAX_ATTACHMENT_BYTES } from '../../src/inbox/fetch-attachments.ts';
import { RECORDING_LINK_DAYS } from '../../src/voice/recording-links.ts';
import { FileUnavailableError, type AdapterDeps, type FetchedFile, type PlatformAdapter } from '../../src/platform.ts';
import { describe, LineSender } from './line-sender.ts';
import { LINE_PLATFORM } from './map-event.ts';
import { LINE_WEBHOOK_PATH, lineWebhookRoute, type LineProfile } from './webhook-route.ts';
import { withTimeout } from './with-timeout.ts';

/** Waits for LINE calls: messages, a profile on follow (it delays the webhook's answer), content. */
const SEND_TIMEOUT_MS = 10_000;
const PROFILE_TIMEOUT_MS = 1_000;
const CONTENT_TIMEOUT_MS = 60_000;

/** An attachment LINE could not give us now; the attachments job asks again later. */
export class LineContentError extends Error {
  constructor(fileId: string, reason: string, options?: { cause: unknown }) {
    super(`LINE content of message ${fileId} not fetched: ${reason}`, options);
    this.name = 'LineContentError';
  }
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    // Enough to know it is too large (the core records it as skipped) without holding all of it.
    if (size > limit) {
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}

/** Downloads a user's image or voice note from the data API (LINE_DATA_API_BASE_URL). */
async function fetchContent(blob: messagingApi.MessagingApiBlobClient, fileId: string): Promise<FetchedFile> {
  try {
    return await withTimeout('content download', CONTENT_TIMEOUT_MS, async () => {
      const { httpResponse, body } = await blob.getMessageContentWithHttpInfo(fileId);
      // 202: LINE is still preparing the content (long audio); try again later.
      if (httpResponse.status === 202) throw new LineContentError(fileId, 'not ready yet (202)');
      const data = await readAll(body, MAX_ATTACHMENT_BYTES);
      if (data.length === 0) throw new LineContentError(fileId, 'empty content');
      const mimeType = (httpResponse.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim();
      return { data, mimeType };
    });
  } catch (error) {
    if (error instanceof LineContentError) throw error;
    // LINE keeps a message's content for a limited time: once it answers 404 the file is gone for
    // good, and asking again would only repeat the 404 (a staff card waiting for it goes out now).
    if (error instanceof HTTPFetchError && error.status === 404)
      throw new FileUnavailableError(`LINE has no content for message ${fileId} (404: expired or deleted)`);
    throw new LineContentError(fileId, describe(error), { cause: error });
  }
}

/**
 * The LINE adapter: the signed webhook at `POST /webhooks/line` (events saved to the inbox), a
 * Sender (reply token while fresh, else push with a retry key; quick replies and Flex cards), and
 * content downloads through the data API. The webhook URL itself is set in the LINE console.
 */
export function createLineAdapter(deps: AdapterDeps): PlatformAdapter {
  const { channelSecret, channelAccessToken, apiBaseUrl, dataApiBaseUrl } = deps.config.line;
  if (!channelSecret || !channelAccessToken) {
    throw new Error(
      'LINE needs LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN (LINE Developers console → your channel)',
    );
  }
  const log = deps.log.child({ platform: LINE_PLATFORM });
  const client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: apiBaseUrl });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: dataApiBaseUrl });
  // Staff texts (the card's reply button) are in the operator's language, like the rest of the staff chat.
  const sender = new LineSender({
    client,
    log,
    texts: {
      replyButton: messages(deps.config.defaultLocale).staff.buttonReply,
      recordingLink: (url) =>
        messages(deps.config.defaultLocale).staff.recordingLink({ url, days: RECORDING_LINK_DAYS }),
    },
    timeoutMs: SEND_TIMEOUT_MS,
  });

  const lookupProfile = async (
    userId: string,
    group?: { type: 'group' | 'room'; id: string },
  ): Promise<LineProfile> => {
    if (group) {
      const member = await withTimeout('profile', PROFILE_TIMEOUT_MS, () =>
        group.type === 'group'
          ? client.getGroupMemberProfile(group.id, userId)
          : client.getRoomMemberProfile(group.id, userId),
      );
      return member.displayName ? { displayName: member.displayName } : {};
    }
    const profile = await withTimeout('profile', PROFILE_TIMEOUT_MS, () => client.getProfile(userId));
    return {
      ...(profile.language && { language: profile.language }),
      ...(profile.displayName && { displayName: profile.displayName }),
    };
  };

  return {
    platform: LINE_PLATFORM,
    sender,
    routes: [
      lineWebhookRoute({ channelSecret, saveIncoming: deps.saveIncoming, log, lookupProfile, metrics: deps.metrics }),
    ],
    fetchFile: (fileId) => fetchContent(blob, fileId),
    async start() {
      const publicUrl = deps.config.publicUrl;
      if (publicUrl === undefined) {
        log.warn(
          `LINE needs a public https address: set PUBLIC_URL and enter <PUBLIC_URL>${LINE_WEBHOOK_PATH} as the webhook URL in the LINE console`,
        );
      } else {
        if (!publicUrl.startsWith('https://'))
          log.warn({ publicUrl }, 'LINE only calls https webhooks: PUBLIC_URL should start with https://');
        log.info(
          { webhook: `${publicUrl}${LINE_WEBHOOK_PATH}` },
          'LINE webhook ready; set this URL in the LINE console (Messaging API → Webhook URL)',
        );
      }
      // A wrong token is worth a clear word at start-up, but must not stop the service (nor delay it).
      void withTimeout('bot info', SEND_TIMEOUT_MS, () => client.getBotInfo()).then(
        (info) => log.info({ bot: info.displayName, basicId: info.basicId }, 'LINE channel access token accepted'),
        (error: unknown) => {
          if (error instanceof HTTPFetchError && error.status === 401)
            log.error(
              'LINE rejected LINE_CHANNEL_ACCESS_TOKEN (401): issue a new channel access token in the LINE console',
            );
          else
            log.warn(
              { reason: describe(error) },
              'could not reach the LINE API to check the access token; sends will be retried',
            );
        },
      );
    },
    async stop() {
      // Nothing to stop: LINE pushes events to the webhook, which closes with the HTTP server.
    },
  };
}
