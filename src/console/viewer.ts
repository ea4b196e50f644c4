import type { Place } from '../classify/classifier.ts';
import type { Locale } from '../i18n/catalog.ts';
import { forViewer, placeForViewer, type Audience } from '../privacy/for-viewer.ts';
import { ACTING_ROLES } from '../staff/staff-actions.ts';
import type { Role } from '../members/member.ts';

/**
 * How the console shows texts written by others to the signed-in member (DESIGN §6): staff and admins
 * as staff (masked; details only if the operator set SHOW_RESIDENT_DETAILS), committee and Party
 * branch as the public (always masked). Every text a page shows goes through here.
 */
export interface Viewer {
  audience: Audience;
  text(text: string, writtenBy?: 'resident' | 'staff'): string;
  place(place: Place | null): string;
}

export function viewerFor(role: Role, locale: Locale, showResidentDetails: boolean): Viewer {
  const audience: Audience = (ACTING_ROLES as readonly string[]).includes(role) ? 'staff' : 'public';
  const options = { showResidentDetails };
  return {
    audience,
    text: (text, writtenBy = 'resident') => forViewer(text, audience, { ...options, writtenBy }),
    place: (place) => placeForViewer(place, locale, audience, options),
  };
}
