import { isLocale, messages, type Catalog, type Locale } from '../i18n/index.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { WorkContext } from './turn.ts';

/**
 * Sends a message to every reporter of a ticket, each in their own language, on every platform they
 * used. Returns how many chats were messaged.
 */
export async function notifyReporters(
  ctx: WorkContext,
  ticketId: number,
  build: (m: Catalog, locale: Locale) => OutgoingMessage,
): Promise<number> {
  const residents = ctx.ports.residents;
  let sent = 0;
  for (const residentId of await ctx.ports.tickets.reporterIds(ticketId)) {
    const resident = await residents.findById(residentId);
    const locale: Locale = resident && isLocale(resident.locale) ? resident.locale : ctx.core.config.defaultLocale;
    for (const address of await residents.addresses(residentId)) {
      ctx.replies.to(address.platform, address.chatId, build(messages(locale), locale), ticketId);
      sent++;
    }
  }
  return sent;
}
