import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { messages, type Locale } from '../i18n/index.ts';
import { streetMessages } from '../i18n/street-messages.ts';
import type { MemberStore } from '../members/member-store.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { agendaWeekAt, type IsoWeek } from './iso-week.ts';
import type { JobRuns } from './job-runs.ts';
import { CHAT_LIMITS } from './render-chat.ts';
import { renderStreetChat } from './render-street.ts';
import { renderStreetChartPng } from './street-chart.ts';
import { compileStreetDigest, type StreetDigest } from './street-digest.ts';
import type { StoredStreetDigest, StreetDigestStore } from './street-digest-store.ts';
import { agendaUrl, chartFile } from './weekly-job.ts';

/** The job's name in job_runs; its slot is the week and the street (`2026-W48:朝阳街道`). */
export const STREET_DIGEST_JOB = 'street-digest';
/** A claimed run that has not finished after this long is taken for dead (its process crashed). */
const STALE_RUN_MS = 15 * 60_000;

/** The ports the street digest uses, bound to one unit of work. */
export interface StreetPorts {
  streetDigests: StreetDigestStore;
  members: Pick<MemberStore, 'streetGroups'>;
  outbox: Pick<Outbox, 'enqueue'>;
  jobRuns: JobRuns;
}

/** A unit of work over the street digest's ports (the service's `UnitOfWork` is one). */
export interface StreetUnitOfWork {
  run<T>(fn: (ports: StreetPorts) => Promise<T>): Promise<T>;
  withoutTransaction<T>(fn: (ports: StreetPorts) => Promise<T>): Promise<T>;
}

/** What the street digest use cases need. */
export interface StreetDeps {
  unitOfWork: StreetUnitOfWork;
  config: Pick<Config, 'timezone' | 'communityName' | 'defaultLocale' | 'publicUrl' | 'dataDir'>;
  log?: Logger;
  /** Nudges the outbox dispatcher after messages were queued. */
  wakeOutbox?: () => void;
}

async function writeAtomically(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/** Loads the street's week and compiles its digest; undefined when no estate belongs to the street. Stores nothing. */
export async function compileStreet(
  deps: StreetDeps,
  street: string,
  week: IsoWeek,
  asOf: Date,
): Promise<StreetDigest | undefined> {
  const input = await deps.unitOfWork.withoutTransaction(({ streetDigests }) =>
    streetDigests.weekInput({
      street,
      week,
      timeZone: deps.config.timezone,
      asOf,
      unnamed: deps.config.communityName ?? messages(deps.config.defaultLocale).defaultCommunity,
    }),
  );
  return input && compileStreetDigest(input);
}

/** Makes sure a stored digest's chart is on this instance's disk (it is a function of the stored content). */
export async function ensureStreetChartFile(
  dataDir: string,
  stored: StoredStreetDigest,
  locale: Locale,
): Promise<string> {
  const path = chartFile(dataDir, stored.imageToken);
  if (!existsSync(path)) await writeAtomically(path, renderStreetChartPng(stored.digest, locale));
  return path;
}

/**
 * The messages of one digest for one chat, as for the agenda: the text within the platform's limit,
 * then the chart (Telegram: a photo from `chartPath`; LINE: an image under PUBLIC_URL, when set).
 */
export function streetDigestMessages(
  stored: StoredStreetDigest,
  platform: string,
  options: { locale: Locale; publicUrl: string | undefined; chartPath: string | undefined },
): OutgoingMessage[] {
  const limit = platform === 'line' ? CHAT_LIMITS.line : CHAT_LIMITS.telegram;
  const out: OutgoingMessage[] = renderStreetChat(stored.digest, options.locale, { limit }).map((text) => ({ text }));
  const url = agendaUrl(options.publicUrl, stored.imageToken, 'png');
  const caption = streetMessages(options.locale).chartCaption({
    week: messages(options.locale).agenda.weekName(stored.week),
  });
  if (platform === 'line') {
    if (url) out.push({ text: '', image: { url, ...(options.chartPath && { path: options.chartPath }) } });
  } else if (options.chartPath) {
    out.push({ text: caption, image: { path: options.chartPath, ...(url && { url }) } });
  }
  return out;
}

export type StreetPublishResult =
  | { kind: 'published'; stored: StoredStreetDigest; compiled: boolean; chats: number; queued: number }
  | { kind: 'no-estates' };

/**
 * Stores a street's digest of a week (once: the first to store it wins) and queues it for every group
 * registered for that street, in one transaction. Each message has a dedupe key (street, week, chat,
 * part): calling this again queues only what a chat has not had, never a message twice.
 */
export async function publishStreetDigest(
  deps: StreetDeps,
  street: string,
  week: IsoWeek,
  now: Date,
): Promise<StreetPublishResult> {
  const locale = deps.config.defaultLocale;
  let fresh: { digest: StreetDigest; token: string } | undefined;
  if (!(await deps.unitOfWork.withoutTransaction(({ streetDigests }) => streetDigests.findByWeek(street, week)))) {
    const digest = await compileStreet(deps, street, week, now);
    if (!digest) return { kind: 'no-estates' };
    const token = randomBytes(18).toString('base64url');
    await writeAtomically(chartFile(deps.config.dataDir, token), renderStreetChartPng(digest, locale));
    fresh = { digest, token };
  }
  const outcome = await deps.unitOfWork.run(async ({ streetDigests, members, outbox }) => {
    let stored = await streetDigests.findByWeek(street, week);
    let compiled = false;
    if (!stored && fresh) {
      const result = await streetDigests.insertOnce(fresh.digest, fresh.token, now);
      stored = result.stored;
      compiled = result.inserted;
    }
    if (!stored)
      throw new Error(`the street digest of ${street}, ${week} vanished while it was being sent; run it again`);
    const chartPath = await ensureStreetChartFile(deps.config.dataDir, stored, locale);
    const seen = new Set<string>();
    let queued = 0;
    for (const group of await members.streetGroups(street)) {
      const chat = `${group.platform}:${group.subjectId}`;
      if (seen.has(chat)) continue;
      seen.add(chat);
      const list = streetDigestMessages(stored, group.platform, {
        locale,
        publicUrl: deps.config.publicUrl,
        chartPath,
      });
      for (const [i, message] of list.entries()) {
        const dedupeKey = `street:${week}:${street}:${chat}:${i}`;
        if (await outbox.enqueue({ platform: group.platform, chatId: group.subjectId, message, dedupeKey }, now))
          queued++;
      }
    }
    if (seen.size > 0) await streetDigests.markSent(stored.id, now);
    return { stored: (await streetDigests.findByWeek(street, week))!, compiled, chats: seen.size, queued };
  });
  if (fresh && !outcome.compiled) await unlink(chartFile(deps.config.dataDir, fresh.token)).catch(() => {});
  if (outcome.queued > 0) deps.wakeOutbox?.();
  return { kind: 'published', ...outcome };
}

/**
 * The weekly street job: for every street with a registered chat, compiles, stores and sends the
 * digest of the last complete week (or `week`), once across runs and instances — each (week, street)
 * slot in job_runs goes to one caller, and the digest and its messages are idempotent besides.
 * Streets nobody is registered for are skipped without storing anything.
 */
export async function runStreetDigestJob(
  deps: StreetDeps,
  now: Date,
  week: IsoWeek = agendaWeekAt(now, deps.config.timezone),
): Promise<Array<{ street: string; result: StreetPublishResult | 'claimed-elsewhere' }>> {
  const streets = await deps.unitOfWork.withoutTransaction(async ({ streetDigests, members }) => {
    const named = [];
    for (const street of await streetDigests.streets())
      if ((await members.streetGroups(street)).length > 0) named.push(street);
    return named;
  });
  const results: Array<{ street: string; result: StreetPublishResult | 'claimed-elsewhere' }> = [];
  // One street's failure (logged, its slot marked failed) does not keep the others' digests back.
  let failure: unknown;
  for (const street of streets) {
    const slot = `${week}:${street}`;
    const claimed = await deps.unitOfWork.withoutTransaction(({ jobRuns }) =>
      jobRuns.claim(STREET_DIGEST_JOB, slot, now, { staleAfterMs: STALE_RUN_MS }),
    );
    if (!claimed) {
      results.push({ street, result: 'claimed-elsewhere' });
      continue;
    }
    try {
      const result = await publishStreetDigest(deps, street, week, now);
      await deps.unitOfWork.withoutTransaction(({ jobRuns }) => jobRuns.finish(STREET_DIGEST_JOB, slot, new Date()));
      deps.log?.info(
        { week, street, ...(result.kind === 'published' && { chats: result.chats, queued: result.queued }) },
        'street digest sent',
      );
      results.push({ street, result });
    } catch (error) {
      await deps.unitOfWork
        .withoutTransaction(({ jobRuns }) => jobRuns.finish(STREET_DIGEST_JOB, slot, new Date(), error))
        .catch(() => {});
      deps.log?.error({ err: error, week, street }, 'street digest failed');
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return results;
}
