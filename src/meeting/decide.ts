import type { Core } from '../turn/core.ts';
import { Replies } from '../turn/replies.ts';
import type { WorkContext } from '../turn/turn.ts';
import { LOCALES, messages } from '../i18n/index.ts';
import { notifyReporters } from '../turn/notify-reporters.ts';
import { findReference } from '../tickets/reference.ts';
import type { Actor } from '../tickets/ticket.ts';
import { isParty, PARTIES, type Party } from '../agenda/agenda.ts';
import { proposeLeadParty } from '../agenda/lead-party.ts';
import { redactPersonalDetails } from '../privacy/redact.ts';

/** A decision of the meeting on one ticket. */
export interface DecisionInput {
  reference: string;
  text: string;
  lead: Party;
  /** `YYYY-MM-DD`, or null when the meeting set no date. */
  dueDate: string | null;
  /** Who recorded it (a member's name, "cli"). */
  by: string | null;
  actor: Actor;
  /** The estate of the member recording it: a ticket of another estate is not found. Absent for the CLI. */
  estateId?: number;
}

export type DecisionResult =
  | { kind: 'recorded'; reference: string; week: string; notified: number }
  | { kind: 'not-found'; reference: string }
  | { kind: 'no-agenda' }
  | { kind: 'invalid'; reason: 'empty-text' | 'bad-date' };

const LEAD_WORDS: ReadonlyArray<[RegExp, Party]> = [
  [/^(party[_ -]?branch|party|党支部|社区党支部|黨支部|社區黨支部|支部|党委|黨委)$/i, 'party_branch'],
  [/^(committee|residents'? committee|居委会|居委會|居委|社区居委会|社區居委會)$/i, 'committee'],
  [/^(property|property firm|firm|物业|物業|物业公司|物業公司)$/i, 'property'],
];

/** Reads a lead party given as a key (`property`) or a name in any locale (物业, 居委會, Party branch). */
export function parseParty(text: string): Party | undefined {
  const word = text.trim();
  if (isParty(word)) return word;
  for (const [pattern, party] of LEAD_WORDS) if (pattern.test(word)) return party;
  for (const locale of LOCALES) {
    const names = messages(locale).agenda.partyName;
    const found = PARTIES.find((p) => names[p].toLowerCase() === word.toLowerCase());
    if (found) return found;
  }
  return undefined;
}

export function isDueDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/**
 * Records the meeting's decision on a ticket, on the latest agenda that lists it (or, when the meeting
 * raised a ticket that was not on the agenda, as an extra item of the latest agenda), logs it in the
 * ticket's history, and tells every reporter in their own language. Call inside a transaction; the
 * messages go into `replies` for the caller to flush.
 */
export async function recordDecision(ctx: WorkContext, input: DecisionInput): Promise<DecisionResult> {
  const text = input.text.trim();
  if (text === '') return { kind: 'invalid', reason: 'empty-text' };
  if (input.dueDate !== null && !isDueDate(input.dueDate)) return { kind: 'invalid', reason: 'bad-date' };
  const tickets = ctx.ports.tickets;
  const ticket = await tickets.findByReference(input.reference);
  if (!ticket || (input.estateId !== undefined && ticket.estateId !== input.estateId))
    return { kind: 'not-found', reference: input.reference };
  const agendas = ctx.ports.agendas;
  let item = await agendas.latestItemOf(ticket.id);
  if (!item) {
    const latest = await agendas.latest(ticket.estateId);
    if (!latest) return { kind: 'no-agenda' };
    const lead = proposeLeadParty(ticket);
    item = { itemId: await agendas.addItem(latest.id, ticket.id, lead), week: latest.week };
  }
  await agendas.addDecision(item.itemId, { text, lead: input.lead, dueDate: input.dueDate, by: input.by }, ctx.now);
  await tickets.addEvent(
    ticket.id,
    'decision',
    input.actor,
    { decision: text, lead: input.lead, due: input.dueDate, week: item.week },
    ctx.now,
  );
  // The decision goes to residents: it must not carry another resident's details.
  const relayed = redactPersonalDetails(text);
  const notified = await notifyReporters(ctx, ticket.id, (m) => ({
    text: m.decisionToResident({
      reference: ticket.reference,
      decision: relayed,
      lead: m.agenda.partyName[input.lead],
      ...(input.dueDate !== null && { due: input.dueDate }),
    }),
  }));
  return { kind: 'recorded', reference: ticket.reference, week: item.week, notified };
}

/**
 * Parses `REF decision | lead | YYYY-MM-DD` (the staff-chat command's argument; `｜` works too, the
 * date is optional).
 */
export function parseDecisionCommand(
  arg: string,
): { reference: string; text: string; lead: string; dueDate: string | null } | undefined {
  const match = /^\s*([A-Za-z]{1,3}-?\d{1,6})\s+(.+)$/s.exec(arg);
  if (!match) return undefined;
  const [text = '', lead = '', due = ''] = match[2]!.split(/[|｜]/).map((s) => s.trim());
  if (text === '' || lead === '') return undefined;
  const reference = findReference(match[1]!);
  if (reference === undefined) return undefined;
  return { reference, text, lead, dueDate: due === '' ? null : due };
}

/** Records a decision outside any chat (the CLI): its own transaction and outbox flush. */
export async function recordDecisionNow(core: Core, input: DecisionInput): Promise<DecisionResult> {
  const now = core.now();
  const result = await core.unitOfWork.run(async (ports) => {
    const replies = new Replies(null);
    const outcome = await recordDecision({ ports, core, replies, now }, input);
    if (outcome.kind === 'recorded') await replies.flush(ports.outbox, now);
    return outcome;
  });
  if (result.kind === 'recorded' && result.notified > 0) core.wakeOutbox?.();
  return result;
}
