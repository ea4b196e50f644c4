import type { Estate, EstateFields } from './estate.ts';

/** The estates an install serves (DESIGN §5). */
export interface EstateStore {
  /** Every estate, `default` first, then in the order they were added. */
  list(): Promise<Estate[]>;
  /** The estate with this code (codes are lowercase), or undefined. */
  findByCode(code: string): Promise<Estate | undefined>;
  findById(id: number): Promise<Estate | undefined>;
  /** Adds an estate; `exists` when the code is taken (nothing is changed then). */
  add(code: string, fields: EstateFields, at: Date): Promise<{ kind: 'added'; estate: Estate } | { kind: 'exists' }>;
  /**
   * Changes the fields given (a null clears a field, a setting then follows the install again);
   * undefined when there is no such estate.
   */
  update(code: string, fields: Partial<EstateFields>): Promise<Estate | undefined>;
}
