import { settingsOf } from './estates/estate-settings.ts';
import { KyselyEstateStore } from './store/estate-store.ts';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Classifier } from './classify/classifier.ts';
import { openOfflineClassifier, type OfflineClassifier } from './classify/offline-classifier.ts';
import { ConfigError, type Config } from './config.ts';
import type { SameProblemJudge } from './understand/same-problem-judge.ts';
import type { Core } from './turn/core.ts';
import { expireConversations } from './router/expire-conversations.ts';
import { createInboxProcessor } from './inbox/inbox-processor.ts';
import { createDispatcher } from './outbox/dispatcher.ts';
import type { Sender } from './outbox/outgoing-message.ts';
import type { QueueWorker } from './queue-worker.ts';
import { checkDeadlines } from './staff/check-deadlines.ts';
import { fetchAttachments } from './inbox/fetch-attachments.ts';
import { InboxWriter } from './inbox/inbox-writer.ts';
import { watchDeadlines, type WatchDeadlinesDeps } from './staff/watch-deadlines.ts';
import { KyselyEscalationStore } from './store/escalation-store.ts';
import { calendarFor } from './calendar/calendar-for.ts';
import type { PlatformAdapter } from './platform.ts';
import type { IncomingEvent } from './turn/incoming-event.ts';
import { createPlatformAdapters } from '../bots/index.ts';
import { HttpServer, sendText, type Route } from './http/server.ts';
import { agendaRoute } from './http/agenda-route.ts';
import { recordingRoute } from './http/recording-route.ts';
import { recordingLinks } from './voice/recording-links.ts';
import { consoleRoutes } from './console/console-route.ts';
import type { NarrativeWriter } from './agenda/narrative.ts';
import { catchUpWeeklyAgendas, runWeeklyAgendas, type AgendaDeps } from './agenda/weekly-job.ts';
import { Metrics } from './metrics.ts';
import { Scheduler, type CronJob } from './scheduler.ts';
import { KyselyJobRuns } from './store/job-runs.ts';
import { KyselyAgendaStore } from './store/agenda-store.ts';
import { KyselyStreetDigestStore } from './store/street-digest-store.ts';
import { KyselyAttachmentFiles } from './store/attachment-files.ts';
import { KyselyHeldCards } from './store/held-cards.ts';
import { releaseHeldCards } from './voice/release-held-cards.ts';
import { openStore, redactDatabaseUrl, waitForDatabase, type Store } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';
import { KyselyUnitOfWork } from './store/unit-of-work.ts';
import { countByStatus, hasPending } from './store/work-queue.ts';

/** A running Linli service; `stop()` shuts it down gracefully. */
export interface Service {
  config: Config;
  store: Store;
  metrics: Metrics;
  http: HttpServer;
  scheduler: Scheduler;
  core: Core;
  inbox: QueueWorker;
  dispatcher: QueueWorker;
  adapters: readonly PlatformAdapter[];
  /** The port the HTTP server listens on (useful when PORT=0). */
  port: number;
  stop(): Promise<void>;
}

/** Which platforms and features are off, and how to turn them on, in one paragraph. */
export function describeFeatures(config: Config): string {
  const lines: string[] = [];
  if (config.telegram.token) {
    lines.push(
      `Telegram is on (${config.publicUrl ? `webhook at ${config.publicUrl}/webhooks/telegram` : 'long polling'}).`,
    );
  } else {
    lines.push('Telegram is off: set TELEGRAM_BOT_TOKEN (from @BotFather) to turn it on.');
  }
  if (config.line.channelSecret) {
    lines.push(`LINE is on (webhook at ${config.publicUrl ?? '<PUBLIC_URL>'}/webhooks/line).`);
  } else {
    lines.push(
      'LINE is off: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN (LINE Developers console) and point the channel webhook at PUBLIC_URL/webhooks/line.',
    );
  }
  lines.push(
    usesLlm(config)
      ? `Complaints are classified by ${config.openai.model} through ${config.openai.baseUrl ?? 'the OpenAI API'}, with the offline classifier as fallback; the same LLM writes the agenda's opening paragraph.`
      : 'Complaints are classified offline; set OPENAI_API_KEY (and OPENAI_BASE_URL, OPENAI_MODEL) to use an LLM.',
  );
  lines.push(
    config.transcribe
      ? `Voice notes are transcribed by ${config.transcribe.model} through ${config.transcribe.baseUrl ?? 'the OpenAI API'}; when it fails, staff listen to them.`
      : 'Voice notes are filed for staff to listen to; set TRANSCRIBE_MODEL (whisper-1, or your server’s model) to turn them into words.',
  );
  lines.push('Without any platform you can still talk to the bot in a terminal: npx linli chat.');
  return lines.join(' ');
}

/** Whether the configuration asks for the LLM: `CLASSIFIER=llm`, or `auto` with OPENAI_API_KEY set. */
export function usesLlm(config: Config): boolean {
  return config.classifier === 'llm' || (config.classifier === 'auto' && config.openai.apiKey !== undefined);
}

/**
 * The classifier the configuration asks for: the offline one, or the LLM (OPENAI_BASE_URL,
 * OPENAI_MODEL) with the offline one deciding whenever the LLM fails or takes longer than
 * OPENAI_TIMEOUT_MS. Pass `offline` to reuse an already loaded offline classifier. The offline model
 * comes from the build or DATA_DIR/cache (see {@link openOfflineClassifier}); the LLM client is loaded
 * only when the configuration uses it.
 */
export async function createClassifier(
  config: Config,
  options: { log?: Logger; offline?: OfflineClassifier } = {},
): Promise<Classifier> {
  const offline =
    options.offline ??
    (await openOfflineClassifier({
      cacheDir: join(config.dataDir, 'cache'),
      ...(options.log && { log: options.log }),
    }));
  if (!usesLlm(config)) return offline;
  const [{ OpenAiClassifier }, { FallbackClassifier }] = await Promise.all([
    import('./classify/openai-classifier.ts'),
    import('./classify/fallback-classifier.ts'),
  ]);
  const llm = await OpenAiClassifier.create({
    apiKey: config.openai.apiKey,
    baseUrl: config.openai.baseUrl,
    model: config.openai.model,
    timeoutMs: config.openai.timeoutMs,
    // The offline urgency rules and scorer may raise the LLM's "normal" (safety first, llm-answer.ts).
    urgency: (text) => offline.urgency(text),
    ...(options.log && { log: options.log }),
  });
  return new FallbackClassifier(llm, offline, {
    timeoutMs: config.openai.timeoutMs,
    ...(options.log && { log: options.log }),
  });
}

/**
 * The writer of the agenda's paragraph when the configuration uses the LLM (see {@link usesLlm}): the
 * same endpoint, model and OPENAI_TIMEOUT_MS as the classifier. Undefined otherwise, and the agenda
 * has the deterministic text; it has it too whenever the LLM fails.
 */
export async function createNarrativeWriter(
  config: Config,
  options: { log?: Logger } = {},
): Promise<NarrativeWriter | undefined> {
  if (!usesLlm(config)) return undefined;
  const { OpenAiNarrativeWriter } = await import('./agenda/openai-narrative.ts');
  return OpenAiNarrativeWriter.create({
    apiKey: config.openai.apiKey,
    baseUrl: config.openai.baseUrl,
    model: config.openai.model,
    timeoutMs: config.openai.timeoutMs,
    ...(options.log && { log: options.log }),
  });
}

/** Builds the core (a unit of work over the Kysely stores, classifier, clock) for the CLI and the service. */
export async function createCore(config: Config, store: Store, log: Logger, metrics?: Metrics): Promise<Core> {
  return {
    unitOfWork: new KyselyUnitOfWork(store.db),
    classifier: await createClassifier(config, { log }),
    config,
    now: () => new Date(),
    log,
    ...(metrics && { metrics }),
    ...(usesLlm(config) && { sameProblemJudge: await createSameProblemJudge(config) }),
  };
}

/**
 * The LLM's second opinion on same-problem candidates (see findSameProblem), on the classifier's
 * endpoint, model and OPENAI_TIMEOUT_MS; loaded only when the configuration uses the LLM.
 */
export async function createSameProblemJudge(config: Config): Promise<SameProblemJudge> {
  const { OpenAiSameProblemJudge } = await import('./understand/openai-same-problem-judge.ts');
  return OpenAiSameProblemJudge.create({
    apiKey: config.openai.apiKey,
    baseUrl: config.openai.baseUrl,
    model: config.openai.model,
    timeoutMs: config.openai.timeoutMs,
  });
}

export interface ServiceOptions {
  /** Extra senders (tests); Telegram and LINE come from the configuration. The console's messages wait for `linli chat`. */
  senders?: readonly Sender[];
  /**
   * Called once, at the service's first piece of work: an incoming event (webhook or long poll), an
   * event already waiting in the inbox at start, a request other than GET /healthz and /metrics, or a
   * scheduled job other than the periodic checks. `linli serve` keeps V8 small until then (idle-start.ts).
   */
  onFirstWork?: () => void;
}

/**
 * Creates DATA_DIR if needed and checks it can be written (the agenda's charts go there), so that a
 * wrong path stops the start-up at once rather than the first weekly agenda days later.
 */
async function checkDataDir(dataDir: string): Promise<void> {
  const path = resolve(dataDir);
  try {
    await mkdir(path, { recursive: true });
    await access(path, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(
      'DATA_DIR',
      `cannot create or write the directory ${path} (${reason}); point DATA_DIR at a directory the service's user can write, or create it and give that user write access`,
    );
  }
}

/**
 * The composition root: opens and migrates the database, starts the HTTP server, the workers and the
 * scheduler. Used by `linli serve` and by tests (with PORT=0).
 */
export async function startService(config: Config, log: Logger, options: ServiceOptions = {}): Promise<Service> {
  await checkDataDir(config.dataDir);
  const store = openStore(config.database);
  try {
    await waitForDatabase(store, {
      attempts: config.database.kind === 'postgres' ? 10 : 1,
      onRetry: (attempt, error) =>
        log.warn(
          { attempt, err: (error as Error).message, database: redactDatabaseUrl(config.database.url) },
          'database not answering yet; retrying',
        ),
    });
    const applied = await migrateToLatest(store);
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }

  let idle = options.onFirstWork;
  const work = (): void => {
    idle?.();
    idle = undefined;
  };
  if (await hasPending(store.db, 'inbox')) work();

  const metrics = new Metrics();
  const http = new HttpServer(log);
  // Every route but the probes is work (see ServiceOptions.onFirstWork).
  const addRoute = (route: Route): void =>
    void http.add({
      ...route,
      handler: (request, body, response) => {
        work();
        return route.handler(request, body, response);
      },
    });
  http.add({
    method: 'GET',
    path: '/healthz',
    handler: async (_req, _body, res) => {
      const ok = await store.ping();
      sendText(res, ok ? 200 : 503, ok ? 'ok\n' : 'database not answering\n');
    },
  });
  http.add({
    method: 'GET',
    path: '/metrics',
    handler: async (_req, _body, res) => {
      for (const queue of ['inbox', 'outbox'] as const) {
        // A status with no items left is absent from the counts; it must read 0, not its last value.
        const counts = {
          pending: 0,
          failed: 0,
          [queue === 'inbox' ? 'done' : 'sent']: 0,
          ...(await countByStatus(store.db, queue)),
        };
        for (const [status, n] of Object.entries(counts)) metrics.queueDepth.set({ queue, status }, n);
      }
      sendText(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
    },
  });

  // The agenda's chart and printable page, at unguessable paths (LINE fetches the chart from here).
  addRoute(
    agendaRoute(new KyselyAgendaStore(store.db), {
      dataDir: config.dataDir,
      locale: config.defaultLocale,
      streetDigests: new KyselyStreetDigestStore(store.db),
    }),
  );

  // Voice-note recordings at signed, expiring links (LINE fetches a staff group's audio from here).
  const links = recordingLinks(config);
  if (links)
    addRoute(
      recordingRoute(links, new KyselyAttachmentFiles(store.db), { dataDir: config.dataDir, now: () => new Date() }),
    );

  const core = await createCore(config, store, log, metrics);
  // The staff web console, loaded on its first request; its actions run on the service's core.
  for (const route of consoleRoutes(async () =>
    (await import('./console/console-wiring.ts')).wireConsole({ db: store.db, core }),
  ))
    addRoute(route);
  const narrative = await createNarrativeWriter(config, { log });
  const lease = config.queueLeaseSeconds === undefined ? {} : { leaseMs: config.queueLeaseSeconds * 1000 };
  const inboxWriter = new InboxWriter(core.unitOfWork, { metrics, wake: () => inbox.wake() });
  const inbox = createInboxProcessor(core, { ...lease, busy: () => http.busy() });
  const adapters = await createPlatformAdapters({
    config,
    log,
    metrics,
    saveIncoming: (event) => {
      work();
      return inboxWriter.save(event);
    },
  });
  for (const adapter of adapters) for (const route of adapter.routes) addRoute(route);
  const dispatcher = createDispatcher({
    unitOfWork: core.unitOfWork,
    senders: [...adapters.map((a) => a.sender), ...(options.senders ?? [])],
    log,
    metrics,
    ...lease,
    busy: () => http.busy(),
  });
  core.wakeOutbox = () => dispatcher.wake();
  inbox.start();
  dispatcher.start();

  const scheduler = new Scheduler(config.timezone, log);
  // The cron jobs (the weekly agenda, backups, retention) are work; the periodic checks are not.
  const addCron = (job: CronJob): void =>
    scheduler.addCron({
      ...job,
      run: (now) => {
        work();
        return job.run(now);
      },
    });
  scheduler.addInterval({
    name: 'expire-conversations',
    everyMs: 30_000,
    run: async () => void (await expireConversations(core)),
  });
  const deadlineWatch: WatchDeadlinesDeps = {
    store: new KyselyEscalationStore(store.db),
    calendar: calendarFor(config, log),
    calendarOf: async (estateId) => {
      const { workingHours } = await settingsOf(new KyselyEstateStore(store.db), estateId, config);
      return calendarFor({ timezone: config.timezone, workingHours }, log);
    },
    config,
    now: core.now,
    wakeOutbox: () => dispatcher.wake(),
  };
  scheduler.addInterval({
    name: 'check-deadlines',
    everyMs: config.deadlineCheckSeconds * 1000,
    // The staff group hears of a passed deadline first; then reminders and the rungs above it.
    run: async () => {
      await checkDeadlines(core);
      await watchDeadlines(deadlineWatch);
    },
  });
  // Voice notes: the recording is fetched as soon as it is recorded; a staff card waiting for it is
  // let out then; with TRANSCRIBE_MODEL, the words come back to the resident's chat as an event of
  // the inbox.
  let transcribe: (() => Promise<number>) | undefined;
  if (config.transcribe) {
    // Loaded only when voice notes become words.
    const [{ OpenAiTranscriber }, { transcribeVoiceNotes }, { KyselyVoiceNotes }] = await Promise.all([
      import('./voice/openai-transcriber.ts'),
      import('./voice/transcribe-voice-notes.ts'),
      import('./store/voice-notes.ts'),
    ]);
    const deps = {
      voiceNotes: new KyselyVoiceNotes(store.db),
      unitOfWork: core.unitOfWork,
      transcriber: new OpenAiTranscriber(config.transcribe),
      saveIncoming: (event: IncomingEvent) => inboxWriter.save(event),
      limits: config.transcribe,
      now: core.now,
      log,
      metrics,
    };
    transcribe = () => transcribeVoiceNotes(deps);
  }
  const audioFiles = new KyselyAttachmentFiles(store.db);
  const heldCards = {
    heldCards: new KyselyHeldCards(store.db),
    unitOfWork: core.unitOfWork,
    saveIncoming: (event: IncomingEvent) => inboxWriter.save(event),
    now: core.now,
  };
  scheduler.addInterval({
    name: 'voice-notes',
    everyMs: 2_000,
    run: async () => {
      await fetchAttachments({ attachments: audioFiles, adapters, dataDir: config.dataDir, log, kind: 'audio' });
      await releaseHeldCards(heldCards);
      if (transcribe) await transcribe();
    },
  });
  scheduler.addInterval({
    name: 'fetch-attachments',
    everyMs: 15_000,
    run: async () =>
      void (await fetchAttachments({
        attachments: new KyselyAttachmentFiles(store.db),
        adapters,
        dataDir: config.dataDir,
        log,
      })),
  });
  const agendaDeps: AgendaDeps = {
    unitOfWork: new KyselyUnitOfWork(store.db),
    config,
    log,
    ...(narrative && { narrative }),
    wakeOutbox: () => dispatcher.wake(),
  };
  addCron({
    name: 'weekly-agenda',
    cron: config.agendaCron,
    // Each estate's agenda goes to its own chats.
    run: async (now) => void (await runWeeklyAgendas(agendaDeps, now)),
  });
  // The street digests go out at the same time as the agendas, each to its street's chats.
  addCron({
    name: 'street-digest',
    cron: config.agendaCron,
    run: async (now) =>
      void (await (
        await import('./agenda/street-job.ts')
      ).runStreetDigestJob({ ...agendaDeps, unitOfWork: new KyselyUnitOfWork(store.db) }, now)),
  });
  if (config.backup.cron !== undefined && config.database.kind === 'sqlite') {
    const sqlite = {
      databaseFile: config.database.file,
      dataDir: config.dataDir,
      dir: config.backup.dir,
      keep: config.backup.keep,
    };
    addCron({
      name: 'backup',
      cron: config.backup.cron,
      run: async (now) =>
        void (await (
          await import('./backup/scheduled-backup.ts')
        ).runScheduledBackup({ jobRuns: new KyselyJobRuns(store.db), log, ...sqlite }, now)),
    });
  }
  if (config.retentionDays > 0) {
    addCron({
      name: 'retention',
      cron: '15 4 * * *',
      run: async (now) => {
        const [{ runRetentionJob }, { KyselyPersonalDataStore }] = await Promise.all([
          import('./privacy/retention-job.ts'),
          import('./store/personal-data-store.ts'),
        ]);
        const jobRuns = new KyselyJobRuns(store.db);
        const runs = {
          claim: (slot: string, at: Date) => jobRuns.claim('retention', slot, at),
          finish: (slot: string, at: Date, error?: unknown) => jobRuns.finish('retention', slot, at, error),
        };
        await runRetentionJob(
          { runs, personalData: new KyselyPersonalDataStore(store.db), days: config.retentionDays, log },
          now,
        );
      },
    });
  }
  const { port } = await http.listen(config.port, config.host);

  let stopping: Promise<void> | undefined;
  let agendaCatchUp: Promise<void> = Promise.resolve();
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const adapter of adapters) await adapter.stop();
      await http.close();
      await scheduler.stop();
      await agendaCatchUp;
      await inbox.stop();
      await dispatcher.stop();
      await store.close();
    })());
  try {
    for (const adapter of adapters) await adapter.start();
  } catch (error) {
    // A refused bot token, say: shut down what runs so the process can exit with the error.
    await stop().catch((stopError: unknown) => log.error({ err: stopError }, 'shutdown after a failed start failed'));
    throw error;
  }
  // A weekly agenda missed while the service was down goes out now; start-up does not wait for it.
  agendaCatchUp = catchUpWeeklyAgendas(agendaDeps, new Date()).then(
    () => undefined,
    (error: unknown) => log.error({ err: error }, 'weekly agenda catch-up failed'),
  );

  return {
    config,
    store,
    metrics,
    http,
    scheduler,
    core,
    inbox,
    dispatcher,
    adapters,
    port,
    stop,
  };
}
