import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { formatLocalDateTime } from './i18n/local-time.ts';
import { formatPlace } from './i18n/place-text.ts';
import { EXIT, processIo, type CommandIo } from './cli/command-io.ts';
import { releaseV8 } from './idle-start.ts';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Store } from './store/database.ts';
import type { Estate } from './estates/estate.ts';
// The member store is light (no Kysely at run time): its roles are in the help.
import { KyselyMemberStore, ROLES, isRole, parseMemberSelector, type Member } from './store/member-store.ts';
import { CATEGORIES, isCategory } from './tickets/category.ts';
import { STATUSES, isStatus } from './tickets/status.ts';

// Each command imports what it needs when it runs (the database, the logger, the service…): `linli
// help` and a mistyped command line answer at once, without loading the service.

const HELP = `linli — residents report estate problems by chat; staff answer; a weekly tripartite agenda.

Usage: linli <command> [options]

Commands:
  serve                       run the service (HTTP, bots, workers, scheduler); what npm start runs
  migrate                     bring the database schema up to date and exit
  tickets [--status S] [--category C] [--overdue] [--search TEXT] [--limit N] [--estate CODE]
                              list tickets, one line each, newest first: reference, status,
                              category, urgency, created (UTC), place, classifier, summary
  estate add CODE --name NAME [--community NAME] [--street NAME] [SETTINGS]
                              add an estate; CODE is lowercase letters, digits and dashes
                              (lincheng-1), used in join links and --estate. SETTINGS, where the
                              estate differs from the install: --emergency-numbers (as
                              EMERGENCY_NUMBERS), --deadlines (as DEADLINES), --working-hours (as
                              WORKING_HOURS)
  estate set CODE [--name NAME] [--community NAME] [--street NAME] [SETTINGS]
                              change an estate ("" clears a field; a cleared setting follows the
                              install again); name the estate "default" this way
  estate list                 the estates: code, name, community, street, own settings
  invite --role ROLE [--estate CODE] [--days N]
                              print a one-time code; a chat redeems it with /join CODE and holds
                              the role in that estate (needed when there are several)
                              roles: ${ROLES.join(', ')}
  invite --role street --street NAME [--days N]
                              a code for a street's group: it receives the weekly street digest
                              comparing the estates of that street
  members [--estate CODE]     list members (people and group chats): id, role, platform, name,
                              chat, joined and revoked (local time, TIMEZONE)
  revoke MEMBER [--estate CODE]
                              take a role away at once: MEMBER is an id from "linli members", or
                              PLATFORM:ID (every role of that person or group chat; with --estate,
                              their roles in that estate only)
  console-link --user NAME [--role ROLE] [--estate CODE] [--street NAME]
                              print a one-time sign-in URL for the staff web console (valid 10
                              minutes, works once). NAME: a member id or PLATFORM:ID from "linli
                              members", or a display name; otherwise a console-only member of
                              that name is created with ROLE (default staff; with --role street,
                              --street NAME says which street's estates it reads)
  export --format csv|xlsx --out FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--estate CODE]
                              write tickets (created in the dates, local TIMEZONE) as a spreadsheet,
                              masked, with no personal details
  chat [--user NAME] [--as staff] [--lang zh-CN|zh-TW|en] [--estate CODE]
                              talk to the bot in this terminal (lines from standard input), as a
                              resident (default: your OS user) of the estate, or in the console
                              staff room
  inbox [--failed] [--retry]  show incoming events that failed for good; --retry queues them again
  agenda [--estate CODE] [--week YYYY-Www] [--format md|html|json] [--out FILE] [--chart FILE.png] [--send]
                              print an estate's weekly tripartite meeting agenda (default: last
                              week; --estate is needed with several estates); --send stores it and
                              queues it for the estate's party_branch, committee and staff groups
                              (once per chat, however often it is run)
  agenda --street NAME [--week YYYY-Www] [--format md|html|json|telegram|line] [--out FILE]
         [--chart FILE.png] [--send]
                              the street digest: the street's estates side by side (figures,
                              rates with last week's, ranking, items escalated to the street);
                              --send stores it and queues it for the street's groups
  agenda decide REF --decision TEXT --lead property|committee|party_branch [--due YYYY-MM-DD]
                              record the meeting's decision; the ticket's reporters are told
  poster --estate CODE --out FILE.png|FILE.pdf [--lang zh-CN|zh-TW|en]
                              draw an estate's A4 join poster for a notice board: its name, what
                              the bot is for, emergency numbers, QR codes for Telegram
                              (TELEGRAM_BOT_USERNAME) and LINE (LINE_BASIC_ID) when they are on
  backup FILE                 write an online, consistent backup of a SQLite install (the database
                              and DATA_DIR/attachments) into FILE, a .tar.gz; safe while serving
  restore FILE [--force]      put a backup back (stop the service first); --force replaces an
                              existing database, which is kept as <file>.before-restore-<time>
  forget --resident PLATFORM:USER_ID
                              erase a resident at their request: identities, name, contacts,
                              words and photos; their tickets stay for the figures, masked
  export --resident PLATFORM:USER_ID [--out FILE]
                              a resident's own data as JSON (their right of access)
  retention [--days N]        run the retention pass now (the service runs it daily): tickets
                              closed over RETENTION_DAYS ago lose their residents' data
  classify [--classifier offline|llm] TEXT
                              classify a message with the configured classifier (as serve
                              does; --classifier overrides) and print JSON, saying which decided
  eval [--classifier offline|llm] FILE.tsv
                              score a classifier on a labelled TSV (header: category<TAB>text);
                              with llm, also its agreement with the offline classifier
  eval-duplicates [--matcher offline|llm] FILE.tsv
                              score same-problem matching on labelled pairs (header:
                              same<TAB>first<TAB>second, same yes|no): misses, false joins,
                              then precision=… recall=… n=…; llm: with the LLM's opinion
  help                        this text

Configuration comes from the environment and ./.env (see .env.example). With nothing set, Linli uses
sqlite:./data/linli.db and the offline classifier.

Exit codes: 0 ok, 1 failed, 2 bad command line, 3 configuration error (the message names the
variable), 4 database unavailable or migration failed.
`;

class UsageError extends Error {}

async function readConfig(): Promise<Config> {
  const { loadConfig, loadDotEnv } = await import('./config.ts');
  loadDotEnv();
  return loadConfig();
}

async function createLogger(options: Config['log']): Promise<Logger> {
  return (await import('./logger.ts')).createLogger(options);
}

async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const [{ openStore, waitForDatabase }, { migrateToLatest }] = await Promise.all([
    import('./store/database.ts'),
    import('./store/migrate.ts'),
  ]);
  const store = openStore(config.database);
  try {
    await waitForDatabase(store, { attempts: config.database.kind === 'postgres' ? 3 : 1 });
    await migrateToLatest(store);
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function dataRightsEnvironment() {
  const config = await readConfig();
  return { config, withStore: <T>(fn: (store: Store) => Promise<T>) => withStore(config, fn) };
}

async function serve(io: CommandIo): Promise<number> {
  const config = await readConfig();
  const log = await createLogger(config.log);
  const { describeFeatures, startService } = await import('./main.ts');
  const service = await startService(config, log, { onFirstWork: releaseV8 });
  log.info(
    { port: service.port, database: config.database.kind },
    `Linli is listening on http://${config.host}:${service.port}`,
  );
  log.info(describeFeatures(config));
  io.stdout('');
  await new Promise<void>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        log.warn('second signal: exiting now');
        process.exit(1);
      }
      signalled = true;
      log.info({ signal }, 'shutting down: finishing work in hand');
      void service.stop().then(resolve, (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  log.info('stopped');
  await new Promise((r) => log.flush(() => r(undefined)));
  return EXIT.ok;
}

async function migrate(io: CommandIo): Promise<number> {
  const config = await readConfig();
  const [{ openStore, waitForDatabase }, { migrateToLatest }] = await Promise.all([
    import('./store/database.ts'),
    import('./store/migrate.ts'),
  ]);
  const store = openStore(config.database);
  try {
    await waitForDatabase(store, { attempts: config.database.kind === 'postgres' ? 3 : 1 });
    const applied = await migrateToLatest(store);
    io.stdout(
      applied.length === 0
        ? 'The database is up to date.\n'
        : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function tickets(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      status: { type: 'string' },
      category: { type: 'string' },
      overdue: { type: 'boolean' },
      search: { type: 'string' },
      limit: { type: 'string' },
      estate: { type: 'string' },
    },
  });
  if (values.status !== undefined && !isStatus(values.status))
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  if (values.category !== undefined && !isCategory(values.category))
    throw new UsageError(`--category must be one of ${CATEGORIES.join(', ')}`);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
  const config = await readConfig();
  const { KyselyTicketStore } = await import('./store/ticket-store.ts');
  const { forViewer } = await import('./privacy/for-viewer.ts');
  return withStore(config, async (store) => {
    // The CLI is admin: every estate's tickets, or one estate's with --estate.
    const estate = values.estate === undefined ? undefined : await chosenEstate(store, values.estate);
    const list = await new KyselyTicketStore(store.db).list({
      ...(estate !== undefined && { estateId: estate.id }),
      ...(values.status !== undefined && { status: values.status as (typeof STATUSES)[number] }),
      ...(values.category !== undefined && { category: values.category as (typeof CATEGORIES)[number] }),
      ...(values.overdue && { overdueAt: new Date() }),
      ...(values.search !== undefined && { search: values.search }),
      limit,
    });
    if (list.length === 0) {
      io.stdout('No tickets.\n');
      return EXIT.ok;
    }
    for (const t of list) {
      // An export: masked whatever SHOW_RESIDENT_DETAILS says (DESIGN §6).
      const place = forViewer(formatPlace(t.place, 'zh-CN'), 'public') || '-';
      const created = t.createdAt.toISOString().slice(0, 16).replace('T', ' ');
      const source = t.classifierModel ? `${t.classifierSource}:${t.classifierModel}` : t.classifierSource;
      io.stdout(
        `${t.reference}\t${t.status}\t${t.category}\t${t.urgency}\t${created}\t${place}\t${source}\t${forViewer(t.summary, 'public').replace(/\s+/g, ' ').slice(0, 60)}\n`,
      );
    }
    return EXIT.ok;
  });
}

/**
 * The estate `--estate CODE` names, or the only estate when it is not given; a usage error when the
 * code is unknown, or when the install has several estates and none is named.
 */
async function chosenEstate(store: Store, code: string | undefined): Promise<Estate> {
  const { KyselyEstateStore } = await import('./store/estate-store.ts');
  const estates = new KyselyEstateStore(store.db);
  if (code !== undefined) {
    const estate = await estates.findByCode(code.trim().toLowerCase());
    if (estate) return estate;
    const codes = (await estates.list()).map((e) => e.code).join(', ');
    throw new UsageError(`no estate "${code}" (estates: ${codes}); add one with linli estate add`);
  }
  const all = await estates.list();
  if (all.length === 1) return all[0]!;
  throw new UsageError(
    `this install has ${all.length} estates; say which with --estate CODE (${all.map((e) => e.code).join(', ')})`,
  );
}

async function invite(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      days: { type: 'string' },
      estate: { type: 'string' },
      street: { type: 'string' },
    },
  });
  if (values.role === undefined) throw new UsageError(`invite needs --role, one of ${ROLES.join(', ')}`);
  if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const role = values.role;
  const days = values.days === undefined ? 3 : Number(values.days);
  if (!(Number.isInteger(days) && days >= 1 && days <= 90))
    throw new UsageError('--days must be a whole number from 1 to 90');
  const street = values.street?.trim();
  if (role === 'street' && !street)
    throw new UsageError('--role street needs --street NAME (the street of the estates)');
  if (role !== 'street' && values.street !== undefined) throw new UsageError('--street goes with --role street');
  if (role === 'street' && values.estate !== undefined)
    throw new UsageError('--role street follows every estate of its street; leave out --estate');
  const config = await readConfig();
  return withStore(config, async (store) => {
    const now = new Date();
    if (role === 'street') {
      const members = new KyselyMemberStore(store.db);
      const { code, expiresAt } = await members.createStreetInvite(
        street!,
        new Date(now.getTime() + days * 86_400_000),
        now,
      );
      const { KyselyStreetDigestStore } = await import('./store/street-digest-store.ts');
      const known = (await new KyselyStreetDigestStore(store.db).streets()).includes(street!);
      io.stdout(`${code}\n`);
      const until = `${formatLocalDateTime(expiresAt, config.timezone)} ${config.timezone} (${expiresAt.toISOString()})`;
      io.stderr(
        `One-time code for the street role of ${street}, valid until ${until}. Send "/join ${code}" to the bot in the street's group: it receives the weekly digest of ${street}'s estates.` +
          `${known ? '' : ` No estate belongs to ${street} yet: linli estate set CODE --street "${street}".`}\n`,
      );
      return EXIT.ok;
    }
    const estate = await chosenEstate(store, values.estate);
    const { code, expiresAt } = await new KyselyMemberStore(store.db).createInvite(
      role,
      new Date(now.getTime() + days * 86_400_000),
      now,
      estate.id,
    );
    io.stdout(`${code}\n`);
    const until = `${formatLocalDateTime(expiresAt, config.timezone)} ${config.timezone} (${expiresAt.toISOString()})`;
    io.stderr(
      `One-time code for the ${role} role in estate ${estate.code}, valid until ${until}. Send "/join ${code}" to the bot: in a private chat it makes that person ${role}; in a group it registers the group.\n`,
    );
    return EXIT.ok;
  });
}

/** A member as `linli members` lists it; `estate`: the estate's code, a last column when the install has several. */
function memberRow(m: Member, timeZone: string, estate?: string): string {
  const revoked = m.revokedAt ? formatLocalDateTime(m.revokedAt, timeZone) : '-';
  return `${m.id}\t${m.role}\t${m.platform}\t${(m.displayName ?? '-').replace(/\s+/g, ' ')}\t${m.subjectKind}:${m.subjectId}\t${formatLocalDateTime(m.grantedAt, timeZone)}\t${revoked}${estate === undefined ? '' : `\t${estate}`}\n`;
}

/** The estate codes by id, when the install has more than one estate (else undefined: no estate column). */
async function estateCodes(store: Store): Promise<Map<number, string> | undefined> {
  const { KyselyEstateStore } = await import('./store/estate-store.ts');
  const all = await new KyselyEstateStore(store.db).list();
  return all.length > 1 ? new Map(all.map((e) => [e.id, e.code])) : undefined;
}

async function membersCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { estate: { type: 'string' } } });
  const config = await readConfig();
  return withStore(config, async (store) => {
    const estate = values.estate === undefined ? undefined : await chosenEstate(store, values.estate);
    const list = (await new KyselyMemberStore(store.db).list()).filter(
      (m) => estate === undefined || m.estateId === estate.id,
    );
    if (list.length === 0) {
      io.stdout('No members. Create an invite code with: linli invite --role staff\n');
      return EXIT.ok;
    }
    // A person may hold roles in several estates: with more than one estate, each row names its own.
    const codes = await estateCodes(store);
    io.stdout(`id\trole\tplatform\tname\tchat\tjoined\trevoked${codes ? '\testate' : ''}\n`);
    for (const m of list) io.stdout(memberRow(m, config.timezone, codes?.get(m.estateId)));
    return EXIT.ok;
  });
}

async function revokeCommand(argv: string[], io: CommandIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { estate: { type: 'string' } },
  });
  const selector = positionals.length === 1 ? parseMemberSelector(positionals[0]!) : undefined;
  if (!selector)
    throw new UsageError('revoke takes one MEMBER: an id from "linli members" (12) or PLATFORM:ID (telegram:12345)');
  if (values.estate !== undefined && selector.kind !== 'subject')
    throw new UsageError('--estate goes with PLATFORM:ID (a member id is one role in one estate already)');
  const config = await readConfig();
  return withStore(config, async (store) => {
    const members = new KyselyMemberStore(store.db);
    // PLATFORM:ID --estate CODE: that person's roles in that estate only, one id at a time.
    const estate = values.estate === undefined ? undefined : await chosenEstate(store, values.estate);
    const revoked =
      estate === undefined
        ? await members.revoke(selector, new Date())
        : (
            await Promise.all(
              (await members.select(selector))
                .filter((m) => m.estateId === estate.id && m.revokedAt === null)
                .map((m) => members.revoke({ kind: 'id', id: m.id }, new Date())),
            )
          ).flat();
    if (revoked.length === 0) {
      const known = await members.select(selector);
      io.stderr(
        known.length === 0
          ? `No member ${positionals[0]}; see linli members.\n`
          : `${positionals[0]} is revoked already.\n`,
      );
      return known.length === 0 ? EXIT.failure : EXIT.ok;
    }
    for (const m of revoked) io.stdout(memberRow(m, config.timezone));
    io.stderr(
      `Revoked ${revoked.length === 1 ? '1 role' : `${revoked.length} roles`}; their buttons and commands stop working now${revoked.some((m) => m.subjectKind === 'group') ? ', and the group chats get no more cards or agendas' : ''}.\n`,
    );
    return EXIT.ok;
  });
}

async function consoleLinkCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: 'string' },
      role: { type: 'string' },
      estate: { type: 'string' },
      street: { type: 'string' },
    },
  });
  if (values.user === undefined || values.user.trim() === '')
    throw new UsageError('console-link needs --user NAME (a member id, PLATFORM:ID, or a name)');
  if (values.street !== undefined && values.role !== 'street') throw new UsageError('--street goes with --role street');
  if (values.role !== undefined && !isRole(values.role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const config = await readConfig();
  const [{ createConsoleLink, consoleLoginUrl }, { KyselyConsoleSessionStore }, { KyselyEstateStore }] =
    await Promise.all([
      import('./console/create-console-link.ts'),
      import('./store/console-session-store.ts'),
      import('./store/estate-store.ts'),
    ]);
  return withStore(config, async (store) => {
    const result = await createConsoleLink(
      {
        sessions: new KyselyConsoleSessionStore(store.db),
        members: new KyselyMemberStore(store.db),
        estates: new KyselyEstateStore(store.db),
      },
      {
        user: values.user!,
        ...(values.role !== undefined && { role: values.role as Member['role'] }),
        ...(values.estate !== undefined && { estate: values.estate }),
        ...(values.street !== undefined && { street: values.street }),
      },
      new Date(),
    );
    switch (result.kind) {
      case 'invalid':
        throw new UsageError(
          result.reason === 'estate'
            ? '--estate must be an estate code: lowercase letters, digits and dashes (lincheng-1)'
            : result.reason === 'group'
              ? `${values.user} is a group chat; a console link is for a person`
              : result.reason === 'street'
                ? `a console-only street member needs --street NAME: the street whose estates it reads (linli estate list shows each estate's street)`
                : `no member ${values.user}; see linli members (a new console-only member needs a name of letters, digits, spaces, dots or dashes)`,
        );
      case 'unknown-street':
        throw new UsageError(
          `no estate is in street ${values.street}; the streets are: ${result.streets.join(', ') || 'none (linli estate set CODE --street NAME)'}`,
        );
      case 'unknown-estate':
        throw new UsageError(`no estate ${values.estate}; the estates are: ${result.estates.join(', ')}`);
      case 'other-estate':
        io.stderr(
          `${values.user} holds no role in estate ${values.estate}; a console session reads and acts on the estate the role is held in (${result.estates.join(', ') || 'none'}). Give one of those, or invite them to ${values.estate} first (linli invite --estate ${values.estate}).\n`,
        );
        return EXIT.failure;
      case 'revoked':
        io.stderr(
          `Member #${result.member.id} (${result.member.role}) is revoked; grant the role again (linli invite) before making a console link.\n`,
        );
        return EXIT.failure;
      case 'ambiguous':
        io.stderr(
          `Several people are called ${values.user}; give a member id instead:\n${result.members.map((m) => memberRow(m, config.timezone)).join('')}`,
        );
        return EXIT.failure;
      case 'ok': {
        io.stdout(`${consoleLoginUrl(config, result.token)}\n`);
        const who = `${result.member.displayName ?? `#${result.member.id}`} (member #${result.member.id}, ${result.member.role}${result.created ? ', console-only member created now' : ''})`;
        const until = `${formatLocalDateTime(result.expiresAt, config.timezone)} ${config.timezone}`;
        const codes = await estateCodes(store);
        const held = await new KyselyMemberStore(store.db).select({
          kind: 'subject',
          platform: result.member.platform,
          subjectId: result.member.subjectId,
        });
        const { estateChoices } = await import('./console/estate-chooser.ts');
        const several = estateChoices(held, await new KyselyEstateStore(store.db).list()).length > 1;
        const estate =
          values.estate === undefined
            ? codes && result.member.role !== 'street'
              ? ` The session reads and acts on estate ${codes.get(result.member.estateId)}${several ? '; for another estate the person holds a role in, they choose it after signing in (the console offers their estates first), or give --estate CODE.' : '.'}`
              : ''
            : result.member.role === 'street'
              ? ` The session reads estate ${values.estate} only.`
              : ` The session reads and acts on estate ${values.estate}.`;
        io.stderr(`One-time sign-in link for ${who}, valid until ${until}; it works once.${estate}\n`);
        return EXIT.ok;
      }
    }
  });
}

async function exportCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      estate: { type: 'string' },
    },
  });
  if (values.format !== 'csv' && values.format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
  if (values.out === undefined || values.out === '') throw new UsageError('export needs --out FILE');
  const [
    { parseTicketFilter, dateRange },
    { writeTicketExport },
    { KyselyConsoleTicketReader },
    { createWriteStream },
  ] = await Promise.all([
    import('./console/ticket-filter.ts'),
    import('./console/export-tickets.ts'),
    import('./store/console-ticket-reader.ts'),
    import('node:fs'),
  ]);
  const filter = parseTicketFilter(
    new URLSearchParams({
      ...(values.from && { from: values.from }),
      ...(values.to && { to: values.to }),
      sort: 'oldest',
    }),
  );
  for (const key of ['from', 'to'] as const)
    if (values[key] !== undefined && filter[key] === undefined)
      throw new UsageError(`--${key} must be a date YYYY-MM-DD`);
  const config = await readConfig();
  return withStore(config, async (store) => {
    const now = new Date();
    const range = dateRange(filter, config.timezone);
    const estate = values.estate === undefined ? undefined : await chosenEstate(store, values.estate);
    const out = createWriteStream(values.out!);
    const count = await writeTicketExport(
      new KyselyConsoleTicketReader(store.db).each({
        sort: 'oldest',
        ...(estate !== undefined && { estateId: estate.id }),
        ...(range.from && { createdFrom: range.from }),
        ...(range.to && { createdBefore: range.to }),
      }),
      values.format as 'csv' | 'xlsx',
      out,
      { locale: config.defaultLocale, timeZone: config.timezone, now },
    );
    io.stderr(`Wrote ${count} ticket(s) to ${values.out} (${values.format}, masked, no personal details).\n`);
    return EXIT.ok;
  });
}

async function chat(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string' }, as: { type: 'string' }, lang: { type: 'string' }, estate: { type: 'string' } },
  });
  if (values.as !== undefined && values.as !== 'staff' && values.as !== 'resident')
    throw new UsageError('--as must be staff or resident');
  const user = (values.user ?? userInfo().username).trim();
  if (!/^[\w.-]{1,64}$/.test(user))
    throw new UsageError('--user must be 1–64 letters, digits, dots, dashes or underscores');
  const config = await readConfig();
  const log = await createLogger({
    ...config.log,
    level: ['debug', 'trace'].includes(config.log.level) ? config.log.level : 'warn',
  });
  const { createCore } = await import('./main.ts');
  const { runConsoleChat } = await import('../bots/console/console-chat.ts');
  return withStore(config, async (store) => {
    // Named, the estate binds the resident (or the staff room); unnamed, the resident's own applies.
    const estate = values.estate === undefined ? undefined : await chosenEstate(store, values.estate);
    const core = await createCore(config, store, log);
    if (process.stdin.isTTY)
      io.stderr(
        `Chatting with the bot as ${values.as === 'staff' ? `${user} in the console staff room` : user}. Type a message and press Enter; Ctrl-D to leave.\n`,
      );
    await runConsoleChat(core, {
      user,
      asStaff: values.as === 'staff',
      ...(values.lang !== undefined && { languageHint: values.lang }),
      ...(estate !== undefined && { estateId: estate.id }),
      input: process.stdin,
      write: io.stdout,
    });
    return EXIT.ok;
  });
}

async function inboxCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { failed: { type: 'boolean' }, retry: { type: 'boolean' } } });
  const config = await readConfig();
  const { KyselyInboxStore } = await import('./store/inbox-store.ts');
  return withStore(config, async (store) => {
    const inbox = new KyselyInboxStore(store.db);
    if (values.retry) {
      io.stdout(`Queued ${await inbox.retryFailed(new Date())} failed event(s) again.\n`);
      return EXIT.ok;
    }
    const failed = await inbox.failed();
    if (failed.length === 0) io.stdout('No failed incoming events.\n');
    for (const f of failed)
      io.stdout(
        `${f.id}\t${f.platform}\t${f.eventId}\t${f.receivedAt.toISOString()}\tattempts=${f.attempts}\t${(f.lastError ?? '').replace(/\s+/g, ' ').slice(0, 120)}\n`,
      );
    return EXIT.ok;
  });
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const [verb, ...rest] = argv;
  // bin/ held V8 small from its first line (idle-start.ts); only the service keeps it so until it has work.
  if (verb !== 'serve') releaseV8();
  if (verb !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  try {
    switch (verb) {
      case 'serve':
        return await serve(io);
      case 'migrate':
        return await migrate(io);
      case 'tickets':
        return await tickets(rest, io);
      case 'invite':
        return await invite(rest, io);
      case 'chat':
        return await chat(rest, io);
      case 'console-link':
        return await consoleLinkCommand(rest, io);
      case 'export':
        // --resident: one resident's own data (right of access); otherwise the tickets as CSV/XLSX.
        if (rest.some((arg) => arg === '--resident' || arg.startsWith('--resident=')))
          return await (
            await import('./cli/data-rights-command.ts')
          ).exportResidentCommand(rest, io, await dataRightsEnvironment());
        return await exportCommand(rest, io);
      case 'members':
        return await membersCommand(rest, io);
      case 'estate': {
        const config = await readConfig();
        return await (
          await import('./cli/estate-command.ts')
        ).estateCommand(rest, io, { config, withStore: (fn) => withStore(config, fn) });
      }
      case 'revoke':
        return await revokeCommand(rest, io);
      case 'inbox':
        return await inboxCommand(rest, io);
      case 'agenda': {
        const { agendaCommand } = await import('./cli/agenda-command.ts');
        const config = await readConfig();
        const log = await createLogger({ ...config.log, level: 'warn' });
        return await agendaCommand(rest, io, {
          config,
          log,
          withStore: (fn) => withStore(config, fn),
          createCore: async (store) => (await import('./main.ts')).createCore(config, store, log),
          createNarrative: async () => (await import('./main.ts')).createNarrativeWriter(config, { log }),
        });
      }
      case 'poster': {
        const [{ posterCommand }, { messages }] = await Promise.all([
          import('./cli/poster-command.ts'),
          import('./i18n/index.ts'),
        ]);
        const config = await readConfig();
        const [{ KyselyEstateStore }, { estateName }, { estateSettings }] = await Promise.all([
          import('./store/estate-store.ts'),
          import('./estates/estate.ts'),
          import('./estates/estate-settings.ts'),
        ]);
        return await withStore(config, (store) => {
          const estates = new KyselyEstateStore(store.db);
          return posterCommand(rest, io, {
            config,
            findEstate: async (code, locale) => {
              const estate = await estates.findByCode(code);
              return (
                estate && {
                  code: estate.code,
                  name: estateName(estate, config.communityName) ?? messages(locale).defaultCommunity,
                  community: estate.community,
                  street: estate.street,
                  emergencyNumbers: estateSettings(estate.settings, config).emergencyNumbers,
                }
              );
            },
            estateCodes: async () => (await estates.list()).map((e) => e.code),
          });
        });
      }
      case 'backup':
        return await (await import('./cli/backup-command.ts')).backupCommand(rest, io, await readConfig());
      case 'restore':
        return await (await import('./cli/backup-command.ts')).restoreCommand(rest, io, await readConfig());
      case 'forget':
        return await (
          await import('./cli/data-rights-command.ts')
        ).forgetCommand(rest, io, await dataRightsEnvironment());
      case 'retention':
        return await (
          await import('./cli/data-rights-command.ts')
        ).retentionCommand(rest, io, await dataRightsEnvironment());
      case 'classify': {
        const { classifyCommand } = await import('./cli/classify-command.ts');
        return await classifyCommand(rest, io);
      }
      case 'eval': {
        const { evalCommand } = await import('./cli/eval-command.ts');
        return await evalCommand(rest, io);
      }
      case 'eval-duplicates': {
        const { evalDuplicatesCommand } = await import('./cli/eval-duplicates-command.ts');
        return await evalDuplicatesCommand(rest, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return verb === undefined ? EXIT.usage : EXIT.ok;
      default:
        io.stderr(`linli: unknown command "${verb}"\n\n${HELP}`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`linli ${verb}: ${(error as Error).message}\nRun "linli help" for usage.\n`);
      return EXIT.usage;
    }
    // Imported here rather than up front: only a failure needs them.
    const [{ ConfigError }, { DatabaseOpenError }, { MigrationError }] = await Promise.all([
      import('./config.ts'),
      import('./store/database.ts'),
      import('./store/migrate.ts'),
    ]);
    if (error instanceof ConfigError) {
      io.stderr(`linli: configuration error: ${error.message}\n`);
      return EXIT.config;
    }
    if (error instanceof DatabaseOpenError || error instanceof MigrationError) {
      io.stderr(`linli: ${error.message}\n`);
      return EXIT.database;
    }
    io.stderr(`linli: ${(error as Error).stack ?? error}\n`);
    return EXIT.failure;
  }
}
