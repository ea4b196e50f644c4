/**
 * What kind of danger makes a ticket urgent (DESIGN §1.6), so that the resident gets advice for that
 * danger and staff see it on the card: someone trapped in a lift, gas, fire or smoke, a burst pipe or
 * flooding, someone hurt, something falling or about to fall, or another danger.
 */
export const HAZARDS = ['trapped', 'gas', 'fire', 'water', 'injury', 'falling', 'other'] as const;
export type Hazard = (typeof HAZARDS)[number];

export function isHazard(value: unknown): value is Hazard {
  return typeof value === 'string' && (HAZARDS as readonly string[]).includes(value);
}
