import { isJoinCode } from './join-link.ts';

/** The estate every install has: the one an install made before estates existed migrated into. */
export const DEFAULT_ESTATE_CODE = 'default';
/** Its id: the migration that brought estates makes it first, on every install. */
export const DEFAULT_ESTATE_ID = 1;

/**
 * Settings an estate keeps where it differs from the install, as the operator wrote them, in the
 * syntax of the install's variables: `emergencyNumbers` like EMERGENCY_NUMBERS (`lift=96333,gas=96777`,
 * read over the install's numbers), `deadlines` like DEADLINES (JSON, read over the install's table),
 * `workingHours` like WORKING_HOURS (`08:30-12:00,13:00-17:30`, replacing the install's). Null: the
 * install's value.
 */
export interface EstateSettingsText {
  emergencyNumbers: string | null;
  deadlines: string | null;
  workingHours: string | null;
}

/** An estate (小区) the install serves: its code (in join links and `--estate`), names and settings. */
export interface Estate {
  id: number;
  /** Lowercase letters, digits and dashes (`lincheng-1`): printed in links and typed in commands. */
  code: string;
  /** The estate's name (幸福里小区); null only for `default`, which shows COMMUNITY_NAME. */
  name: string | null;
  /** The community (社区) it belongs to, if given. */
  community: string | null;
  /** The street (街道) whose digest compares it with the street's other estates, if given. */
  street: string | null;
  settings: EstateSettingsText;
  createdAt: Date;
}

/** What `linli estate add` records; `linli estate set` changes the fields it is given. */
export interface EstateFields {
  name: string | null;
  community: string | null;
  street: string | null;
  settings: EstateSettingsText;
}

/** Whether `code` can name an estate: what a Telegram deep link can carry (see join-link.ts). */
export function isEstateCode(code: string): boolean {
  return isJoinCode(code);
}

/** The name residents and staff read: the estate's own, else COMMUNITY_NAME for `default`, else undefined. */
export function estateName(estate: Pick<Estate, 'name'>, communityName: string | undefined): string | undefined {
  return estate.name ?? communityName;
}
