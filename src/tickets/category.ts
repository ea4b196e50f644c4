/** The five complaint categories of DESIGN §3. Order is the display order. */
export const CATEGORIES = ['greening', 'water_supply', 'security', 'upkeep', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** One letter per category, used as the prefix of ticket references (`W-0123`). */
export const CATEGORY_PREFIX: Readonly<Record<Category, string>> = Object.freeze({
  greening: 'G',
  water_supply: 'W',
  security: 'S',
  upkeep: 'U',
  other: 'O',
});

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
