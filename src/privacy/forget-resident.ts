import { rm } from 'node:fs/promises';
import { forViewer } from './for-viewer.ts';
import {
  addReports,
  type ErasureOptions,
  type ErasureReason,
  type ErasureReport,
  type PersonalDataStore,
} from './personal-data.ts';

/** The masked form kept for the figures: as any public reader (the agenda, an export) would see it. */
function maskForFigures(text: string, known: readonly string[]): string {
  return forViewer(text, 'public', { known });
}

/** How an erasure masks what it keeps (for the figures), at AT for REASON. */
export function erasureOptions(at: Date, reason: ErasureReason): ErasureOptions {
  return { at, reason, mask: maskForFigures };
}

/** Deletes the stored files an erasure let go of; a file already gone is no error. */
export async function deleteFiles(files: readonly string[]): Promise<void> {
  for (const file of files) await rm(file, { force: true });
}

/**
 * Forgets a resident at their request (`/forgetme`, `linli forget`): identities, name, contact details,
 * words and photos erased; tickets they filed first keep a masked summary for the figures; other
 * reporters keep their own words; the histories record that an erasure happened. Files are deleted
 * after the database has committed.
 */
export async function forgetResident(store: PersonalDataStore, residentId: number, at: Date): Promise<ErasureReport> {
  const report = await store.eraseResident(residentId, erasureOptions(at, 'request'));
  await deleteFiles(report.files);
  return report;
}

/**
 * The retention period (RETENTION_DAYS): tickets closed or resolved more than DAYS ago lose their
 * residents' words and photos, raw platform events and delivered messages older than that are blanked,
 * and residents with nothing left and no message since are forgotten. Running it again changes nothing.
 */
export async function applyRetention(store: PersonalDataStore, days: number, now: Date): Promise<ErasureReport> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let report = await store.eraseTicketsClosedBefore(cutoff, erasureOptions(now, 'retention'));
  for (const residentId of await store.residentsIdleSince(cutoff)) {
    report = addReports(report, await store.eraseResident(residentId, erasureOptions(now, 'retention')));
  }
  await deleteFiles(report.files);
  return report;
}

/** One line for logs and the CLI: what an erasure did. */
export function describeErasure(report: ErasureReport): string {
  return (
    `residents=${report.residents} tickets=${report.tickets} reporter_texts=${report.reporterTexts} events=${report.events} ` +
    `attachments=${report.attachments} files=${report.files.length} inbox=${report.inboxRows} outbox=${report.outboxRows} conversations=${report.conversations}`
  );
}
