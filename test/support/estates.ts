import type { Kysely } from 'kysely';
import type { EstateFields, EstateSettingsText } from '../../src/estates/estate.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import type { Database } from '../../src/store/schema.ts';

/** An estate's settings when it keeps the install's own (emergency numbers, deadlines, working hours). */
export const NO_SETTINGS: EstateSettingsText = { emergencyNumbers: null, deadlines: null, workingHours: null };

/** Adds an estate (no community, street or settings of its own unless given) and returns its id. */
export async function addEstate(
  db: Kysely<Database>,
  code: string,
  name: string,
  at: Date,
  fields: Partial<EstateFields> = {},
): Promise<number> {
  const result = await new KyselyEstateStore(db).add(
    code,
    { name, community: null, street: null, settings: NO_SETTINGS, ...fields },
    at,
  );
  if (result.kind !== 'added') throw new Error(`estate ${code} not added`);
  return result.estate.id;
}
