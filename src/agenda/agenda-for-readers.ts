import { stripDirectionMarks } from '../privacy/direction-marks.ts';
import { forViewer } from '../privacy/for-viewer.ts';
import { maskContacts } from '../privacy/redact.ts';
import type { Agenda } from './agenda.ts';

/**
 * The agenda as its readers may see it: every free text (summaries, spots, explanations, decisions)
 * masked for the `public` audience again at render time, so agendas stored before the masking grew
 * stronger are covered too, and no direction-control character is left. The narrative is built from
 * masked figures and texts: only contacts and direction controls are taken out of it. Masking
 * masked text changes nothing, so this is safe to apply to any agenda.
 */
export function agendaForReaders(agenda: Agenda): Agenda {
  const text = (t: string): string => forViewer(t, 'public');
  const spot = (s: string | null): string | null => (s === null ? null : text(s));
  return {
    ...agenda,
    community: stripDirectionMarks(agenda.community),
    narrative: maskContacts(stripDirectionMarks(agenda.narrative)),
    items: agenda.items.map((item) => ({
      ...item,
      spot: spot(item.spot),
      summary: text(item.summary),
      reasons: item.reasons.map((r) => (r.text === undefined ? r : { ...r, text: text(r.text) })),
    })),
    followUps: agenda.followUps.map((u) => ({ ...u, spot: spot(u.spot), decision: text(u.decision) })),
    ...(agenda.supervised && {
      supervised: agenda.supervised.map((s) => ({ ...s, spot: spot(s.spot), summary: text(s.summary) })),
    }),
    ...(agenda.revisits && {
      revisits: agenda.revisits.map((r) => ({ ...r, spot: spot(r.spot), summary: text(r.summary) })),
    }),
  };
}
