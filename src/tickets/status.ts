/** Ticket statuses of DESIGN §3. */
export const STATUSES = [
  'open',
  'acknowledged',
  'in_progress',
  'resolved',
  'explained',
  'closed',
  'duplicate',
] as const;
export type Status = (typeof STATUSES)[number];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** Statuses in which a ticket still needs the property firm's work. */
export const ACTIVE_STATUSES: readonly Status[] = ['open', 'acknowledged', 'in_progress'];

/**
 * The one place where legal moves live. `resolved → open` is a reporter reopening; `explained →
 * in_progress` is staff taking up an explained ticket again when its plan becomes possible.
 */
const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  open: ['acknowledged', 'in_progress', 'resolved', 'explained', 'closed', 'duplicate'],
  acknowledged: ['in_progress', 'resolved', 'explained', 'closed', 'duplicate'],
  in_progress: ['resolved', 'explained', 'closed', 'duplicate'],
  resolved: ['open', 'closed'],
  explained: ['in_progress', 'resolved', 'closed', 'duplicate'],
  closed: [],
  duplicate: [],
};

export type TransitionResult = { kind: 'ok'; to: Status } | { kind: 'illegal-transition'; from: Status; to: Status };

/** Checks a status change; an illegal one is a value, never a throw. */
export function transition(from: Status, to: Status): TransitionResult {
  return TRANSITIONS[from].includes(to) ? { kind: 'ok', to } : { kind: 'illegal-transition', from, to };
}

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}
