import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, EstateTable } from './schema.ts';
import { toDbTime } from './time.ts';
import type { Estate, EstateFields } from '../estates/estate.ts';
import type { EstateStore } from '../estates/estate-store.ts';

function estateRowToEstate(row: Selectable<EstateTable>): Estate {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    community: row.community,
    street: row.street,
    settings: { emergencyNumbers: row.emergency_numbers, deadlines: row.deadlines, workingHours: row.working_hours },
    createdAt: new Date(row.created_at),
  };
}

function fieldsToRow(fields: Partial<EstateFields>): Updateable<EstateTable> {
  const s = fields.settings;
  return {
    ...(fields.name !== undefined && { name: fields.name }),
    ...(fields.community !== undefined && { community: fields.community }),
    ...(fields.street !== undefined && { street: fields.street }),
    ...(s?.emergencyNumbers !== undefined && { emergency_numbers: s.emergencyNumbers }),
    ...(s?.deadlines !== undefined && { deadlines: s.deadlines }),
    ...(s?.workingHours !== undefined && { working_hours: s.workingHours }),
  };
}

/** The estates an install serves. */
export class KyselyEstateStore implements EstateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<Estate[]> {
    return (await this.db.selectFrom('estates').selectAll().orderBy('id').execute()).map(estateRowToEstate);
  }

  async findByCode(code: string): Promise<Estate | undefined> {
    const row = await this.db.selectFrom('estates').selectAll().where('code', '=', code).executeTakeFirst();
    return row && estateRowToEstate(row);
  }

  async findById(id: number): Promise<Estate | undefined> {
    const row = await this.db.selectFrom('estates').selectAll().where('id', '=', id).executeTakeFirst();
    return row && estateRowToEstate(row);
  }

  async add(
    code: string,
    fields: EstateFields,
    at: Date,
  ): Promise<{ kind: 'added'; estate: Estate } | { kind: 'exists' }> {
    // The unique code settles a race between two `estate add` of one code: the loser inserts nothing.
    const row = await this.db
      .insertInto('estates')
      .values({
        code,
        name: fields.name,
        community: fields.community,
        street: fields.street,
        emergency_numbers: fields.settings.emergencyNumbers,
        deadlines: fields.settings.deadlines,
        working_hours: fields.settings.workingHours,
        created_at: toDbTime(at),
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? { kind: 'added', estate: estateRowToEstate(row) } : { kind: 'exists' };
  }

  async update(code: string, fields: Partial<EstateFields>): Promise<Estate | undefined> {
    const changes = fieldsToRow(fields);
    if (Object.keys(changes).length === 0) return this.findByCode(code);
    const row = await this.db
      .updateTable('estates')
      .set(changes)
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
    return row && estateRowToEstate(row);
  }
}
