import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import type { Core } from '../turn/core.ts';
import { Replies } from '../turn/replies.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import { toStaffGroups } from '../turn/notify-staff.ts';

/**
 * Announces, once per deadline, every active ticket that passed its response deadline (no staff
 * response yet) or its resolution deadline. The notified-at stamp is claimed with a conditional update,
 * so two instances never announce the same deadline twice.
 */
export async function checkDeadlines(core: Core): Promise<number> {
  const now = core.now();
  let announced = 0;
  for (const kind of ['response', 'resolution'] as const) {
    const overdue = await core.unitOfWork.withoutTransaction((ports) =>
      ports.tickets.overdueUnannounced(kind, now, 200),
    );
    for (const ticket of overdue) {
      const dueAt = kind === 'response' ? ticket.responseDueAt : ticket.resolutionDueAt;
      const queued = await core.unitOfWork.run(async (ports) => {
        if (!(await ports.tickets.claimOverdueNotice(ticket.id, kind, now))) return 0;
        await ports.tickets.addEvent(
          ticket.id,
          'overdue',
          { kind: 'system' },
          { deadline: kind, due: dueAt.toISOString() },
          now,
        );
        const replies = new Replies(null);
        const s = messages(core.config.defaultLocale).staff;
        const dueText = formatLocalDateTime(dueAt, core.config.timezone);
        const summary = forViewer(ticket.summary, 'staff', { showResidentDetails: core.config.showResidentDetails });
        await toStaffGroups(
          { ports, core, replies, now },
          () => ({
            text: s.overdue({ reference: ticket.reference, kind, due: dueText, summary }),
            urgent: ticket.urgency === 'urgent',
          }),
          ticket,
        );
        announced++;
        return replies.flush(ports.outbox, now);
      });
      if (queued > 0) core.wakeOutbox?.();
    }
  }
  return announced;
}
