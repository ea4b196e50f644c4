import type { Place } from '../classify/classifier.ts';
import type { Locale } from '../i18n/catalog.ts';
import { formatPlace } from '../i18n/place-text.ts';
import { stripDirectionMarks } from './direction-marks.ts';
import { maskContacts, redactPersonalDetails } from './redact.ts';

/**
 * Who reads a text that someone else wrote (DESIGN §6):
 * - `staff`: the staff group, a staff member's private chat, the console staff room. Masked unless
 *   the operator set `SHOW_RESIDENT_DETAILS=true`.
 * - `public`: every other group (committee, Party branch, street), agendas, digests, exports and the
 *   CLI listing. Always masked, whatever the operator set.
 */
export type Audience = 'staff' | 'public';

export interface ViewerOptions {
  /** The operator's `SHOW_RESIDENT_DETAILS`; only ever honoured for `staff`. */
  showResidentDetails?: boolean;
  /** Strings known to identify the ticket's reporters (names, phones, units), masked too. */
  known?: readonly string[];
  /**
   * Who wrote the text; `resident` when not said. Staff words shown to staff keep the names of
   * colleagues and trades ("王师傅换了电源") but lose any contact they quote back.
   */
  writtenBy?: 'resident' | 'staff';
}

/** True when this viewer may see residents' details as written. */
export function seesDetails(audience: Audience, options: ViewerOptions): boolean {
  return audience === 'staff' && options.showResidentDetails === true;
}

/**
 * The one masking point: every text that goes to someone other than its author passes through here
 * on its way out (cards, lists, /show and its history, /search results, overdue notices, agendas,
 * exports). Direction-control characters are always dropped; personal details are masked unless the
 * viewer is staff and the operator opted in.
 */
export function forViewer(text: string, audience: Audience, options: ViewerOptions = {}): string {
  if (seesDetails(audience, options)) return stripDirectionMarks(text);
  if (audience === 'staff' && options.writtenBy === 'staff') return maskContacts(stripDirectionMarks(text));
  return redactPersonalDetails(text, options.known);
}

/**
 * A ticket's place for a viewer: building and spot; the unit only for staff who may see details.
 * Contacts are masked even then: a phone given as the answer to "where is it?" is no place.
 */
export function placeForViewer(
  place: Place | null,
  locale: Locale,
  audience: Audience,
  options: ViewerOptions = {},
): string {
  const details = seesDetails(audience, options);
  const text = formatPlace(place, locale, { includeUnit: details });
  return details ? maskContacts(stripDirectionMarks(text)) : redactPersonalDetails(text, options.known);
}
