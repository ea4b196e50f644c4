import { messages } from '../i18n/index.ts';
import type { Core } from '../intake/core.ts';
import { Replies } from '../intake/handle-event.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import { KyselyTicketStore, ticketRowToTicket } from '../store/ticket-store.ts';
import { toDbTime } from '../store/time.ts';
import { ACTIVE_STATUSES } from '../tickets/status.ts';
import { toStaffGroups } from './notify-staff.ts';

/**
 * Announces, once per deadline, every active ticket that passed its response deadline (no staff
 * response yet) or its resolution deadline. The notified-at stamp is claimed with a conditional update,
 * so two instances never announce the same deadline twice.
 */
export async function checkDeadlines(core: Core): Promise<number> {
  const now = core.now();
  const at = toDbTime(now);
  let announced = 0;
  for (const kind of ['response', 'resolution'] as const) {
    const due = kind === 'response' ? 'response_due_at' : 'resolution_due_at';
    const stamp = kind === 'response' ? 'response_overdue_notified_at' : 'resolution_overdue_notified_at';
    let query = core.db.selectFrom('tickets').selectAll().where('status', 'in', [...ACTIVE_STATUSES]).where(due, '<', at).where(stamp, 'is', null);
    if (kind === 'response') query = query.where('first_response_at', 'is', null);
    const rows = await query.orderBy(due).limit(200).execute();
    for (const row of rows) {
      const queued = await core.db.transaction().execute(async (trx) => {
        const claimed = await trx.updateTable('tickets').set({ [stamp]: at }).where('id', '=', row.id).where(stamp, 'is', null).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return 0;
        const ticket = ticketRowToTicket(row);
        await new KyselyTicketStore(trx).addEvent(ticket.id, 'overdue', { kind: 'system' }, { deadline: kind, due: row[due] }, now);
        const replies = new Replies(null);
        const s = messages(core.config.defaultLocale).staff;
        const dueText = new Date(row[due]).toLocaleString(core.config.defaultLocale, { timeZone: core.config.timezone, dateStyle: 'short', timeStyle: 'short' });
        const summary = forViewer(ticket.summary, 'staff', { showResidentDetails: core.config.showResidentDetails });
        await toStaffGroups({ trx, core, replies, now }, () => ({ text: s.overdue({ reference: ticket.reference, kind, due: dueText, summary }), urgent: ticket.urgency === 'urgent' }), ticket.id);
        announced++;
        return replies.flush(trx, now);
      });
      if (queued > 0) core.wakeOutbox?.();
    }
  }
  return announced;
}
