import type { Place } from '../classify/classifier.ts';
import type { Category, Urgency } from './category.ts';
import type { Hazard } from './hazard.ts';
import type { Status } from './status.ts';

/** A ticket as the use cases see it. */
export interface Ticket {
  id: number;
  reference: string;
  category: Category;
  urgency: Urgency;
  /** The danger that made the ticket urgent; null for normal tickets (and urgent ones filed before it was recorded). */
  hazard: Hazard | null;
  status: Status;
  summary: string;
  description: string;
  place: Place | null;
  location: { latitude: number; longitude: number } | null;
  language: string;
  classifierSource: string;
  classifierModel: string | null;
  classifierLatencyMs: number | null;
  confidence: number | null;
  duplicateOf: number | null;
  assigneeId: number | null;
  reopenedCount: number;
  explanation: { reason: string; plan: string } | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  responseDueAt: Date;
  resolutionDueAt: Date;
  responseOverdueNotifiedAt: Date | null;
  resolutionOverdueNotifiedAt: Date | null;
  /** The estate the ticket belongs to (its first reporter's); only that estate's staff see it. */
  estateId: number;
}

/** The kinds of entries in a ticket's history. */
export const EVENT_KINDS = [
  'created',
  'reporter_added',
  'details_added',
  'attachment_added',
  'acknowledged',
  'replied',
  'started',
  'resolved',
  'explained',
  'recategorized',
  'urgency_raised',
  'assigned',
  'merged',
  'merged_into',
  'note',
  'reopened',
  'confirmed_fixed',
  'rated',
  'withdrawn',
  'closed',
  'overdue',
  'reminded',
  'escalated',
  'decision',
  'delivery_failed',
  'erased',
  'contact_details_shown',
  'revisit',
] as const;
export type TicketEventKind = (typeof EVENT_KINDS)[number];

export type Actor = { kind: 'resident'; id: number } | { kind: 'member'; id: number } | { kind: 'system' };

export interface TicketEvent {
  id: number;
  ticketId: number;
  kind: TicketEventKind;
  actor: Actor;
  data: Record<string, unknown>;
  createdAt: Date;
}
