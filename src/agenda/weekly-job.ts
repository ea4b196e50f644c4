import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { messages, type Locale } from '../i18n/index.ts';
import type { OutgoingMessage } from '../outbox/outgoing-message.ts';
import type { MemberStore } from '../members/member-store.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { AgendaStore } from './agenda-store.ts';
import type { EstateStore } from '../estates/estate-store.ts';
import { DEFAULT_ESTATE_CODE, DEFAULT_ESTATE_ID, estateName } from '../estates/estate.ts';
import type { JobRuns } from './job-runs.ts';
import type { Agenda } from './agenda.ts';
import type { StoredAgenda } from './agenda-store.ts';
import { renderChartPng } from './chart.ts';
import { compileWeeklyAgenda } from './compile.ts';
import { agendaWeekAt, weekBounds, type IsoWeek } from './iso-week.ts';
import { offsetAt } from '../calendar/zoned-time.ts';
import { DeterministicNarrativeWriter, deterministicNarrative, type NarrativeWriter } from './narrative.ts';
import { CHAT_LIMITS, renderAgendaChat } from './render-chat.ts';
import { catalogOf } from './render-text.ts';

/** The job's name in job_runs; its slot is the ISO week the agenda covers. */
export const AGENDA_JOB = 'agenda';
/** The roles whose registered group chats receive the agenda, in sending order. */
export const AGENDA_ROLES = ['party_branch', 'committee', 'staff'] as const;
/** A claimed run that has not finished after this long is taken for dead (its process crashed). */
const STALE_RUN_MS = 15 * 60_000;

/**
 * The estate whose meeting an agenda is for: its id, its code (in job slots and message keys) and the
 * name the agenda gives it. Absent, the estate `default` under COMMUNITY_NAME.
 */
export interface AgendaEstate {
  id: number;
  code: string;
  name: string | undefined;
}

/** The ports the agenda job uses, bound to one unit of work. */
export interface AgendaPorts {
  agendas: AgendaStore;
  estates: Pick<EstateStore, 'list'>;
  members: Pick<MemberStore, 'groups'>;
  outbox: Pick<Outbox, 'enqueue'>;
  jobRuns: JobRuns;
}

/** A unit of work over the agenda's ports (the service's `UnitOfWork` is one). */
export interface AgendaUnitOfWork {
  run<T>(fn: (ports: AgendaPorts) => Promise<T>): Promise<T>;
  withoutTransaction<T>(fn: (ports: AgendaPorts) => Promise<T>): Promise<T>;
}

/** What the agenda use cases need. */
export interface AgendaDeps {
  unitOfWork: AgendaUnitOfWork;
  config: Pick<Config, 'timezone' | 'communityName' | 'defaultLocale' | 'publicUrl' | 'dataDir' | 'agendaCron'>;
  log?: Logger;
  narrative?: NarrativeWriter;
  /** Nudges the outbox dispatcher after messages were queued. */
  wakeOutbox?: () => void;
}

function defaultEstate(deps: AgendaDeps): AgendaEstate {
  return { id: DEFAULT_ESTATE_ID, code: DEFAULT_ESTATE_CODE, name: deps.config.communityName };
}

/** Every estate of the install as its agenda names it. */
export async function agendaEstates(deps: AgendaDeps): Promise<AgendaEstate[]> {
  const estates = await deps.unitOfWork.withoutTransaction(({ estates }) => estates.list());
  return estates.map((e) => ({ id: e.id, code: e.code, name: estateName(e, deps.config.communityName) }));
}

/**
 * The job slot and message keys of an estate's agenda of a week: the week itself for `default` (as
 * before estates, so an upgraded install does not send a week twice), `week@code` for the others.
 */
function agendaSlot(week: IsoWeek, estate: AgendaEstate): string {
  return estate.code === DEFAULT_ESTATE_CODE ? week : `${week}@${estate.code}`;
}

/** Loads an estate's week and compiles its agenda, narrative included. Reads only; stores nothing. */
export async function compileAgenda(
  deps: AgendaDeps,
  week: IsoWeek,
  asOf: Date,
  estate: AgendaEstate = defaultEstate(deps),
): Promise<Agenda> {
  const input = await deps.unitOfWork.withoutTransaction(({ agendas }) =>
    agendas.weekInput({
      week,
      estateId: estate.id,
      timeZone: deps.config.timezone,
      community: estate.name ?? messages(deps.config.defaultLocale).defaultCommunity,
      asOf,
    }),
  );
  const draft = compileWeeklyAgenda(input);
  const writer = deps.narrative ?? new DeterministicNarrativeWriter();
  try {
    return {
      ...draft,
      narrative: await writer.write(draft, deps.config.defaultLocale),
      narrativeSource: writer.source,
    };
  } catch (error) {
    deps.log?.warn({ err: error, week }, 'agenda narrative failed; using the deterministic text');
    return {
      ...draft,
      narrative: deterministicNarrative(draft, deps.config.defaultLocale),
      narrativeSource: 'deterministic',
    };
  }
}

/** Where a chart is kept: `<DATA_DIR>/agenda/<token>.png`, absolute. */
export function chartFile(dataDir: string, token: string): string {
  return resolve(dataDir, 'agenda', `${token}.png`);
}

/** The public address of an agenda's chart or printable page (needs PUBLIC_URL). */
export function agendaUrl(publicUrl: string | undefined, token: string, kind: 'png' | 'html'): string | undefined {
  return publicUrl === undefined ? undefined : `${publicUrl}/agenda/${token}.${kind}`;
}

async function writeAtomically(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

/**
 * Makes sure the stored agenda's chart exists on this instance's disk (another instance may have
 * compiled it): the chart is a function of the stored content, so it is drawn again when missing.
 */
export async function ensureChartFile(
  dataDir: string,
  stored: StoredAgenda,
  locale: Locale,
): Promise<string | undefined> {
  if (stored.imageToken === null) return undefined;
  const path = chartFile(dataDir, stored.imageToken);
  if (!existsSync(path)) await writeAtomically(path, renderChartPng(stored.agenda, locale));
  return path;
}

/**
 * The messages of one agenda for one chat: the text within the platform's limit (split or
 * summarised), then the chart. Telegram gets the chart as a photo uploaded from `image.path` with a
 * caption; LINE as an image message (`image.url` under PUBLIC_URL; no text) when PUBLIC_URL is set;
 * other platforms (the console) get the caption and the file's path.
 */
export function agendaMessages(
  stored: StoredAgenda,
  platform: string,
  options: { locale: Locale; publicUrl: string | undefined; chartPath: string | undefined },
): OutgoingMessage[] {
  const token = stored.imageToken;
  const fullUrl = token === null ? undefined : agendaUrl(options.publicUrl, token, 'html');
  const limit = platform === 'line' ? CHAT_LIMITS.line : CHAT_LIMITS.telegram;
  const texts = renderAgendaChat(stored.agenda, options.locale, { limit, ...(fullUrl && { fullUrl }) });
  const messages: OutgoingMessage[] = texts.map((text) => ({ text }));
  const caption = catalogOf(options.locale).agenda.chartCaption({ week: stored.agenda.week });
  const url = token === null ? undefined : agendaUrl(options.publicUrl, token, 'png');
  if (platform === 'line') {
    if (url) messages.push({ text: '', image: { url, ...(options.chartPath && { path: options.chartPath }) } });
  } else if (options.chartPath) {
    messages.push({ text: caption, image: { path: options.chartPath, ...(url && { url }) } });
  }
  return messages;
}

export type PublishResult = {
  kind: 'published';
  week: IsoWeek;
  stored: StoredAgenda;
  compiled: boolean;
  chats: number;
  queued: number;
};

/**
 * Stores an estate's agenda of a week (once: the first to store it wins, later calls reuse it) and
 * queues it for every group chat of the estate registered for the Party branch, the committee and the
 * staff, in one transaction.
 * Each message has a dedupe key (week, chat, part), so calling this again — a second run, a second
 * instance, `linli agenda --send` — queues only what a chat has not been sent yet (a group
 * registered since), never a message twice.
 */
export async function publishAgenda(
  deps: AgendaDeps,
  week: IsoWeek,
  now: Date,
  estate: AgendaEstate = defaultEstate(deps),
): Promise<PublishResult> {
  const locale = deps.config.defaultLocale;
  const slot = agendaSlot(week, estate);
  let fresh: { agenda: Agenda; token: string } | undefined;
  if (!(await deps.unitOfWork.withoutTransaction(({ agendas }) => agendas.findByWeek(week, estate.id)))) {
    const agenda = await compileAgenda(deps, week, now, estate);
    const token = randomBytes(18).toString('base64url');
    await writeAtomically(chartFile(deps.config.dataDir, token), renderChartPng(agenda, locale));
    fresh = { agenda, token };
  }
  const outcome = await deps.unitOfWork.run(async ({ agendas, members, outbox }) => {
    let stored = await agendas.findByWeek(week, estate.id);
    let compiled = false;
    if (!stored && fresh) {
      const result = await agendas.insertOnce(fresh.agenda, fresh.token, now, estate.id);
      stored = result.stored;
      compiled = result.inserted;
    }
    if (!stored) throw new Error(`the agenda of ${week} vanished while it was being sent; run it again`);
    const chartPath = await ensureChartFile(deps.config.dataDir, stored, locale);
    const seen = new Set<string>();
    let queued = 0;
    for (const role of AGENDA_ROLES) {
      for (const group of await members.groups(role, estate.id)) {
        const chat = `${group.platform}:${group.subjectId}`;
        if (seen.has(chat)) continue;
        seen.add(chat);
        const messages = agendaMessages(stored, group.platform, {
          locale,
          publicUrl: deps.config.publicUrl,
          chartPath,
        });
        for (const [i, message] of messages.entries()) {
          if (
            await outbox.enqueue(
              { platform: group.platform, chatId: group.subjectId, message, dedupeKey: `agenda:${slot}:${chat}:${i}` },
              now,
            )
          )
            queued++;
        }
      }
    }
    await agendas.markSent(stored.id, now);
    return { stored: (await agendas.findByWeek(week, estate.id))!, compiled, chats: seen.size, queued };
  });
  if (fresh && !outcome.compiled) await unlink(chartFile(deps.config.dataDir, fresh.token)).catch(() => {});
  if (outcome.queued > 0) deps.wakeOutbox?.();
  if (deps.config.publicUrl === undefined && outcome.chats > 0) {
    deps.log?.info(
      { week },
      'PUBLIC_URL is not set: LINE chats get the agenda without its chart (LINE needs an https image URL)',
    );
  }
  return { kind: 'published', week, ...outcome };
}

/**
 * Takes the job's slot for a week: the first claim, or the slot of a run that failed or was left
 * running by a process that died (after {@link STALE_RUN_MS}). Exactly one caller gets true.
 */
async function claimAgendaRun(deps: AgendaDeps, slot: string, now: Date): Promise<boolean> {
  return deps.unitOfWork.withoutTransaction(({ jobRuns }) =>
    jobRuns.claim(AGENDA_JOB, slot, now, { staleAfterMs: STALE_RUN_MS }),
  );
}

export type JobResult =
  PublishResult | { kind: 'skipped'; week: IsoWeek; reason: 'claimed-elsewhere' | 'no-recipients' };

/** Whether any group chat of the estate is registered to receive its agenda. */
async function hasRecipients({ members }: AgendaPorts, estateId: number): Promise<boolean> {
  for (const role of AGENDA_ROLES) if ((await members.groups(role, estateId)).length > 0) return true;
  return false;
}

/**
 * The weekly job for one estate (default: `default`): compiles, stores and sends its agenda of the
 * last complete week (or `week`), once across runs and instances — the (job, week and estate) slot in
 * job_runs goes to one caller, and the agenda and its messages are idempotent besides.
 */
export async function runWeeklyAgendaJob(
  deps: AgendaDeps,
  now: Date,
  week: IsoWeek = agendaWeekAt(now, deps.config.timezone),
  estate: AgendaEstate = defaultEstate(deps),
): Promise<JobResult> {
  // With nobody to send it to, nothing is stored or marked sent: the week stays open for the catch-up
  // (or `linli agenda --send`) once a group has registered, instead of being spent on no one.
  if (!(await deps.unitOfWork.withoutTransaction((ports) => hasRecipients(ports, estate.id)))) {
    deps.log?.warn(
      { week, estate: estate.code },
      `no chat of estate ${estate.code} is registered for the agenda; register one: linli invite --role party_branch --estate ${estate.code} (or committee, staff), then /join CODE in the group`,
    );
    return { kind: 'skipped', week, reason: 'no-recipients' };
  }
  const slot = agendaSlot(week, estate);
  if (!(await claimAgendaRun(deps, slot, now))) return { kind: 'skipped', week, reason: 'claimed-elsewhere' };
  try {
    const result = await publishAgenda(deps, week, now, estate);
    await deps.unitOfWork.withoutTransaction(({ jobRuns }) => jobRuns.finish(AGENDA_JOB, slot, new Date()));
    deps.log?.info(
      {
        week,
        estate: estate.code,
        chats: result.chats,
        queued: result.queued,
        items: result.stored.agenda.items.length,
      },
      'weekly agenda sent',
    );
    return result;
  } catch (error) {
    await deps.unitOfWork
      .withoutTransaction(({ jobRuns }) => jobRuns.finish(AGENDA_JOB, slot, new Date(), error))
      .catch(() => {});
    throw error;
  }
}

/**
 * The weekly job over every estate: each estate's agenda goes to its own chats. An estate whose run
 * fails does not stop the others; the first failure is thrown after all were tried.
 */
export async function runWeeklyAgendas(
  deps: AgendaDeps,
  now: Date,
  week: IsoWeek = agendaWeekAt(now, deps.config.timezone),
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  let failure: unknown;
  for (const estate of await agendaEstates(deps)) {
    try {
      results.push(await runWeeklyAgendaJob(deps, now, week, estate));
    } catch (error) {
      deps.log?.error({ err: error, week, estate: estate.code }, 'weekly agenda failed');
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return results;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * The latest time the cron expression fired in the 7 days up to `now` (minute precision), in the
 * time zone; undefined when it did not fire in that span.
 *
 * The cron's own `match` decides, minute by minute from `now` back; but asking it about all 10,080
 * minutes of a week formats the zoned time as often (about 175 ms of CPU at start under load). So
 * the zone's offset is read once at each end of every UTC hour, and where it is the same at both
 * ends (no clock change within the hour) only the minutes whose local hour and minute the
 * expression names are put to `match`: for the default cron, 7 of them.
 */
export function lastScheduledRun(expression: string, timeZone: string, now: Date): Date | undefined {
  const fields = cron.parse(expression);
  const minutes = new Set(fields.minute);
  const hours = new Set(fields.hour);
  const task = cron.createTask(expression, () => {}, { timezone: timeZone });
  try {
    const latest = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
    const earliest = latest - 7 * 24 * 60 * MINUTE_MS;
    for (let end = latest; end >= earliest;) {
      const start = Math.max(earliest, Math.floor(end / HOUR_MS) * HOUR_MS);
      const offset = offsetAt(start, timeZone);
      const steady = offsetAt(end, timeZone) === offset;
      for (let at = end; at >= start; at -= MINUTE_MS) {
        if (steady) {
          const local = new Date(at + offset);
          if (!minutes.has(local.getUTCMinutes()) || !hours.has(local.getUTCHours())) continue;
        }
        if (task.match(new Date(at))) return new Date(at);
      }
      end = start - MINUTE_MS;
    }
    return undefined;
  } finally {
    void task.destroy();
  }
}

/**
 * At start-up: if the agenda's cron fired while the service was down (within the last 7 days) and the
 * week it should have covered has no sent agenda, runs the job for that week now. A week that ended
 * before the install's first ticket is not caught up: its run was not missed by a service in use but
 * fell before there was one (the first start of a fresh install), and its agenda would be empty.
 */
export async function catchUpWeeklyAgenda(
  deps: AgendaDeps,
  now: Date,
  estate: AgendaEstate = defaultEstate(deps),
): Promise<JobResult | undefined> {
  const fired = lastScheduledRun(deps.config.agendaCron, deps.config.timezone, now);
  if (fired === undefined) return undefined;
  const week = agendaWeekAt(fired, deps.config.timezone);
  const end = weekBounds(week, deps.config.timezone).end;
  const { stored, hadTickets } = await deps.unitOfWork.withoutTransaction(async ({ agendas }) => ({
    stored: await agendas.findByWeek(week, estate.id),
    hadTickets: await agendas.hadTicketsBefore(end, estate.id),
  }));
  if (stored?.sentAt) return undefined;
  if (!stored && !hadTickets) {
    deps.log?.info({ week }, 'no weekly agenda to catch up: no ticket had been opened by the end of that week');
    return undefined;
  }
  deps.log?.info(
    { week, missed: fired.toISOString() },
    'catching up the weekly agenda missed while the service was down',
  );
  return runWeeklyAgendaJob(deps, now, week, estate);
}

/** {@link catchUpWeeklyAgenda} for every estate. */
export async function catchUpWeeklyAgendas(deps: AgendaDeps, now: Date): Promise<Array<JobResult | undefined>> {
  const results: Array<JobResult | undefined> = [];
  for (const estate of await agendaEstates(deps)) results.push(await catchUpWeeklyAgenda(deps, now, estate));
  return results;
}
