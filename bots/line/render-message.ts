import type { messagingApi } from '@line/bot-sdk';
import type { Button, OutgoingMessage } from '../../src/outbox/outgoing-message.ts';
import { REFERENCE_PATTERN } from '../../src/tickets/reference.ts';

/** LINE's limits (Messaging API reference). */
export const LINE_LIMITS = Object.freeze({
  /** Text message length, in UTF-16 code units. */
  textLength: 5000,
  /** Messages in one reply or push call. */
  messagesPerCall: 5,
  quickReplyItems: 13,
  /** Action labels: quick replies 20 characters, Flex buttons 40. */
  quickReplyLabel: 20,
  buttonLabel: 40,
  postbackData: 300,
  altText: 400,
});

/** Texts the renderer adds itself (the staff card's reply button), in the staff chat's language. */
export interface RenderTexts {
  replyButton: string;
  /** A recording LINE cannot play (not m4a), sent as its link. */
  recordingLink(url: string): string;
}

/** Text longer than this goes before a card as plain messages; the card keeps its first line. */
const CARD_TEXT_LIMIT = 2000;

/**
 * Splits text into pieces of at most `limit` UTF-16 code units, preferring a line break in the second
 * half of a piece and never cutting a surrogate pair (an emoji) in two.
 */
export function splitText(text: string, limit: number = LINE_LIMITS.textLength): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(rest[cut] === '\n' ? cut + 1 : cut);
  }
  if (rest !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** Shortens a label to `max` characters (code points), marking the cut. */
function label(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function postback(button: Button, max: number): messagingApi.PostbackAction {
  const shown = label(button.label, max);
  // displayText shows the choice in the chat as the person's own words, as if they had typed it.
  return { type: 'postback', label: shown, data: button.data, displayText: shown };
}

function usable(buttons: Button[][] | undefined): Button[][] {
  return (buttons ?? [])
    .map((row) => row.filter((b) => b.label !== '' && b.data.length <= LINE_LIMITS.postbackData))
    .filter((row) => row.length > 0);
}

/** The staff card's "reply" button: opens the keyboard with `/reply W-0001 ` filled in. */
function replyButton(message: OutgoingMessage, texts: RenderTexts): messagingApi.FlexButton | undefined {
  const reference = REFERENCE_PATTERN.exec(message.text)?.[0];
  const isStaffCard = message.buttons?.some((row) => row.some((b) => b.data.startsWith('st:ack:')));
  if (!reference || !isStaffCard) return undefined;
  const action: messagingApi.PostbackAction = {
    type: 'postback',
    label: label(texts.replyButton, LINE_LIMITS.buttonLabel),
    data: `st:reply:${reference}`,
    inputOption: 'openKeyboard',
    fillInText: `/reply ${reference} `,
  };
  return { type: 'button', style: 'link', height: 'sm', action };
}

/**
 * A Flex bubble: the first line as a title (red when urgent), the rest as body text, and the buttons
 * in the footer row by row. Staff cards use it; so do buttons that must outlive the next message.
 */
function card(message: OutgoingMessage, text: string, rows: Button[][], texts: RenderTexts): messagingApi.FlexMessage {
  const [title = '', ...lines] = text.split('\n');
  const body: messagingApi.FlexComponent[] = [];
  if (title.trim() !== '')
    body.push({
      type: 'text',
      text: title,
      weight: 'bold',
      size: 'md',
      wrap: true,
      ...(message.urgent && { color: '#D32F2F' }),
    });
  const detail = lines.join('\n').trim();
  if (detail !== '') body.push({ type: 'text', text: detail, size: 'sm', wrap: true, margin: 'md', color: '#333333' });
  const footer: messagingApi.FlexComponent[] = rows.map((row) => ({
    type: 'box',
    layout: 'horizontal',
    spacing: 'sm',
    contents: row.map((b): messagingApi.FlexButton => ({
      type: 'button',
      style: 'secondary',
      height: 'sm',
      action: postback(b, LINE_LIMITS.buttonLabel),
    })),
  }));
  const reply = replyButton(message, texts);
  if (reply) footer.push(reply);
  const bubble: messagingApi.FlexBubble = {
    type: 'bubble',
    ...(body.length > 0 && { body: { type: 'box', layout: 'vertical', contents: body } }),
    ...(footer.length > 0 && { footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: footer } }),
    ...(message.urgent && { styles: { body: { backgroundColor: '#FFF3F3' } } }),
  };
  const alt =
    text.trim() === ''
      ? rows
          .flat()
          .map((b) => b.label)
          .join(' / ')
      : text;
  return { type: 'flex', altText: label(alt, LINE_LIMITS.altText), contents: bubble };
}

/** An image LINE can show: only public https URLs (LINE fetches them itself). */
function image(message: OutgoingMessage): messagingApi.ImageMessage | undefined {
  const url = message.image?.url;
  if (!url || !url.startsWith('https://')) return undefined;
  return { type: 'image', originalContentUrl: url, previewImageUrl: url };
}

/** The recording types LINE's audio message plays: m4a (AAC in an MP4 container). */
const LINE_AUDIO = /^audio\/(mp4|x-m4a|m4a)$/;

/**
 * A recording at an https link: an audio message when LINE can play it (m4a, with its length in
 * whole milliseconds); otherwise — a Telegram voice note is Ogg/Opus — the link as text, which opens
 * in the phone's browser, so the group still hears the resident. Nothing without an https link.
 */
function recording(message: OutgoingMessage, texts: RenderTexts): messagingApi.Message | undefined {
  const audio = message.audio;
  if (!audio?.url || !audio.url.startsWith('https://')) return undefined;
  const type = (audio.mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  const duration = audio.durationMs;
  if (LINE_AUDIO.test(type) && duration !== undefined && Number.isInteger(duration) && duration > 0)
    return { type: 'audio', originalContentUrl: audio.url, duration };
  return { type: 'text', text: texts.recordingLink(audio.url) };
}

/**
 * Renders an outbox message as LINE messages, grouped into calls of at most five. Buttons become
 * quick replies (`style: 'quick-replies'`, at most 13, on the last message) or a Flex card (`'card'`,
 * unstyled buttons, or more buttons than quick replies allow). Text is split at 5000 UTF-16 units.
 * Images need a public https URL; a `platformFileId` alone is another platform's file and is skipped.
 * So does a recording: an m4a becomes an audio message, another format its link (see `recording`).
 * Returns no calls when there is nothing to send.
 */
export function renderMessage(message: OutgoingMessage, texts: RenderTexts): messagingApi.Message[][] {
  const rows = usable(message.buttons);
  const buttonCount = rows.reduce((n, row) => n + row.length, 0);
  const asQuickReplies =
    buttonCount > 0 &&
    message.style === 'quick-replies' &&
    buttonCount <= LINE_LIMITS.quickReplyItems &&
    message.text.trim() !== '';
  const asCard = buttonCount > 0 && !asQuickReplies;

  // The recording goes first, as on Telegram: the card with its buttons follows it.
  const messages: messagingApi.Message[] = [];
  const sound = recording(message, texts);
  if (sound) messages.push(sound);
  const picture = image(message);
  if (picture) messages.push(picture);
  if (asCard) {
    const long = message.text.length > CARD_TEXT_LIMIT;
    if (long) for (const piece of splitText(message.text)) messages.push({ type: 'text', text: piece });
    messages.push(card(message, long ? label(message.text.split('\n')[0] ?? '', 200) : message.text, rows, texts));
  } else if (message.text.trim() !== '') {
    for (const piece of splitText(message.text)) messages.push({ type: 'text', text: piece });
  }
  if (asQuickReplies) {
    const last = messages.at(-1)!;
    last.quickReply = {
      items: rows.flat().map((b) => ({ type: 'action', action: postback(b, LINE_LIMITS.quickReplyLabel) })),
    };
  }

  const calls: messagingApi.Message[][] = [];
  for (let i = 0; i < messages.length; i += LINE_LIMITS.messagesPerCall)
    calls.push(messages.slice(i, i + LINE_LIMITS.messagesPerCall));
  return calls;
}
