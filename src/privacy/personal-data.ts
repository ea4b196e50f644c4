/**
 * The store port for residents' data rights (PIPL): finding a resident's data, handing it over, and
 * erasing it. Implemented by `KyselyPersonalDataStore` in src/store; each erasure runs in one
 * transaction.
 */

/** Why data is erased: the resident asked (`/forgetme`, `linli forget`), or the retention period ended. */
export type ErasureReason = 'request' | 'retention';

/** What one erasure touched, for the operator's report and the tests. Files are deleted by the caller. */
export interface ErasureReport {
  residents: number;
  tickets: number;
  reporterTexts: number;
  events: number;
  attachments: number;
  inboxRows: number;
  outboxRows: number;
  conversations: number;
  /** Stored attachment files to delete once the transaction has committed. */
  files: string[];
}

/** How to erase: the policy (masking) stays in the core, the SQL in the store. */
export interface ErasureOptions {
  at: Date;
  reason: ErasureReason;
  /**
   * The masked form of a text that stays for the figures (a ticket's summary, a staff reply):
   * `known` are strings that identify the resident (name, phone, unit), masked too.
   */
  mask: (text: string, known: readonly string[]) => string;
}

/** Everything Linli holds about one resident, as handed over on request (right of access). */
export interface ResidentExport {
  resident: {
    id: number;
    name: string | null;
    phone: string | null;
    unit: string | null;
    language: string | null;
    firstContact: string;
  };
  identities: Array<{ platform: string; userId: string; chatId: string; since: string }>;
  reports: Array<{
    reference: string;
    role: 'first reporter' | 'co-reporter';
    words: string | null;
    /** The ticket's own text: present only when this resident filed it first. */
    summary: string | null;
    category: string;
    status: string;
    place: { building: string | null; unit: string | null; spot: string | null; text: string | null } | null;
    reportedAt: string;
    withdrawnAt: string | null;
    fixedAnswer: string | null;
    rating: number | null;
    /** What the resident added later, and what staff answered them, in order. */
    history: Array<{ at: string; kind: string; text: string }>;
  }>;
  attachments: Array<{
    kind: string;
    mimeType: string | null;
    bytes: number | null;
    file: string | null;
    /** What was heard in a voice note (null for a photo, or before it was transcribed). */
    transcript: string | null;
    receivedAt: string;
  }>;
}

export interface PersonalDataStore {
  /** The resident behind a platform user id, if Linli knows them. */
  findResident(platform: string, userId: string): Promise<number | undefined>;
  /** Everything held about the resident. */
  exportResident(residentId: number): Promise<ResidentExport>;
  /**
   * Erases a resident: identities, name, contact details, words and photos; tickets they filed first
   * keep a masked summary for the figures; other reporters' words stay; each ticket's history records
   * that an erasure happened (not what was erased).
   */
  eraseResident(residentId: number, options: ErasureOptions): Promise<ErasureReport>;
  /** Erases the residents' words and photos of tickets closed (or resolved) before CUTOFF, not yet erased. */
  eraseTicketsClosedBefore(cutoff: Date, options: ErasureOptions): Promise<ErasureReport>;
  /** Residents not yet erased, first seen before CUTOFF, with no ticket still holding their data and no message since CUTOFF. */
  residentsIdleSince(cutoff: Date): Promise<number[]>;
}

export function emptyReport(): ErasureReport {
  return {
    residents: 0,
    tickets: 0,
    reporterTexts: 0,
    events: 0,
    attachments: 0,
    inboxRows: 0,
    outboxRows: 0,
    conversations: 0,
    files: [],
  };
}

export function addReports(a: ErasureReport, b: ErasureReport): ErasureReport {
  return {
    residents: a.residents + b.residents,
    tickets: a.tickets + b.tickets,
    reporterTexts: a.reporterTexts + b.reporterTexts,
    events: a.events + b.events,
    attachments: a.attachments + b.attachments,
    inboxRows: a.inboxRows + b.inboxRows,
    outboxRows: a.outboxRows + b.outboxRows,
    conversations: a.conversations + b.conversations,
    files: [...a.files, ...b.files],
  };
}
