/** Timestamps are stored as ISO-8601 UTC text; these two keep the conversion in one place. */
export function toDbTime(date: Date): string {
  return date.toISOString();
}

export function fromDbTime(text: string): Date;
export function fromDbTime(text: string | null): Date | null;
export function fromDbTime(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}
