import type { Kysely } from 'kysely';
import type { EstateFields, EstateSettingsText } from '../../src/estates/estate.ts';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import type { Database } from '../../src/store/schema.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import type { Harness } from './core-harness.ts';

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

/** Two estates with a staff group each and a resident's ticket each (see {@link twoEstates}). */
export interface TwoEstates {
  north: number;
  south: number;
  northTicket: Ticket;
  southTicket: Ticket;
}

/**
 * Two estates on a harness: 北苑 (`north`, staff group `north-room` with wang) and 南苑 (`south`,
 * `south-room` with li); amy of the north reports a lift, bob of the south a street light.
 */
export async function twoEstates(db: Kysely<Database>, h: Harness): Promise<TwoEstates> {
  const north = await addEstate(db, 'north', '北苑', h.clock.now());
  const south = await addEstate(db, 'south', '南苑', h.clock.now());
  await h.registerStaff('north-room', ['wang'], north);
  await h.registerStaff('south-room', ['li'], south);
  await h.say('amy', '/start north');
  await h.say('amy', '3号楼电梯坏了，一直停在5楼');
  await h.say('bob', '/start south');
  await h.say('bob', '7号楼门口路灯坏了');
  const all = await new KyselyTicketStore(db).list();
  return {
    north,
    south,
    northTicket: all.find((t) => t.estateId === north)!,
    southTicket: all.find((t) => t.estateId === south)!,
  };
}
