import type { IsoWeek } from './iso-week.ts';
import type { StreetDigest, StreetDigestInput } from './street-digest.ts';

/** A street's digest as stored when it was first sent. */
export interface StoredStreetDigest {
  id: number;
  street: string;
  week: IsoWeek;
  compiledAt: Date;
  digest: StreetDigest;
  /** The unguessable name of the chart: `/agenda/<token>.png`. */
  imageToken: string;
  sentAt: Date | null;
}

/** The street and week whose digest is compiled, and how to read it. */
export interface StreetWeekToLoad {
  street: string;
  week: IsoWeek;
  timeZone: string;
  asOf: Date;
  /** How an estate without a name of its own is called (`default` shows COMMUNITY_NAME). */
  unnamed: string;
}

/** The street digests and what compiling them reads: the street digest use cases' port. */
export interface StreetDigestStore {
  /** The streets some estate belongs to, in name order. */
  streets(): Promise<string[]>;
  /**
   * The week of every estate of the street: its tickets with a deadline or a creation in this or last
   * week, those still active, the week's events and answers, the escalations of the active ones, and
   * what identifies the reporters of the escalated ones. Undefined when no estate belongs to the street.
   */
  weekInput(week: StreetWeekToLoad): Promise<StreetDigestInput | undefined>;
  findByWeek(street: string, week: IsoWeek): Promise<StoredStreetDigest | undefined>;
  findByToken(token: string): Promise<StoredStreetDigest | undefined>;
  /** Stores a digest unless its street and week have one (the first wins); returns the stored one. */
  insertOnce(
    digest: StreetDigest,
    imageToken: string,
    at: Date,
  ): Promise<{ inserted: boolean; stored: StoredStreetDigest }>;
  markSent(id: number, at: Date): Promise<void>;
}
