import { KyselyUnitOfWork } from '../store/unit-of-work.ts';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { EXIT, type CommandIo } from './command-io.ts';
import type { Config } from '../config.ts';
import type { Core } from '../turn/core.ts';
import type { Store } from '../store/database.ts';
import type { Agenda } from '../agenda/agenda.ts';
import { KyselyAgendaStore } from '../store/agenda-store.ts';
import { agendaForReaders } from '../agenda/agenda-for-readers.ts';
import { renderChartPng } from '../agenda/chart.ts';
import { parseParty, recordDecisionNow } from '../meeting/decide.ts';
import { agendaWeekAt, isIsoWeek, type IsoWeek } from '../agenda/iso-week.ts';
import type { StreetDigest } from '../agenda/street-digest.ts';
import { KyselyStreetDigestStore } from '../store/street-digest-store.ts';
import type { NarrativeWriter } from '../agenda/narrative.ts';
import { renderAgendaChat, CHAT_LIMITS } from '../agenda/render-chat.ts';
import { renderAgendaHtml } from '../agenda/render-html.ts';
import { renderAgendaMarkdown } from '../agenda/render-markdown.ts';
import { agendaEstates, compileAgenda, publishAgenda, type AgendaDeps } from '../agenda/weekly-job.ts';

export const AGENDA_USAGE = `Usage:
  linli agenda [--estate CODE] [--week YYYY-Www] [--format md|html|json|telegram|line] [--out FILE] [--chart FILE.png] [--send]
      Prints an estate's agenda of a week (default: the last complete week, in TIMEZONE): the stored
      one if it was sent, else a fresh preview (nothing is stored). --send stores it if needed and
      queues it for every group of the estate registered for party_branch, committee and staff; chats
      that already have it are skipped, so --send twice sends once. The service's dispatcher delivers
      the queued messages. --estate is needed when the install has several estates.
  linli agenda --street NAME [--week YYYY-Www] [--format md|html|json|telegram|line] [--out FILE] [--chart FILE.png] [--send]
      The street digest of a week: every estate of the street (linli estate … --street NAME) side by
      side, ranked, with the tickets escalated to the street. --send stores it and queues it for the
      groups registered for that street (linli invite --role street --street NAME), once per chat.
  linli agenda decide REF --decision TEXT --lead property|committee|party_branch [--due YYYY-MM-DD]
      Records the meeting's decision on a ticket; its reporters are told in their language.
`;

type Environment = {
  config: Config;
  log: Logger;
  withStore: <T>(fn: (store: Store) => Promise<T>) => Promise<T>;
  createCore: (store: Store) => Promise<Core>;
  /** The LLM writer of the paragraph when the configuration uses one; without it, the deterministic text. */
  createNarrative?: () => Promise<NarrativeWriter | undefined>;
};

function usage(io: CommandIo, problem: string): number {
  io.stderr(`linli agenda: ${problem}\n\n${AGENDA_USAGE}`);
  return EXIT.usage;
}

function render(agenda: Agenda, format: string, config: Config, chart: () => Buffer): string {
  switch (format) {
    case 'html':
      return renderAgendaHtml(agenda, config.defaultLocale, {
        chartSrc: `data:image/png;base64,${chart().toString('base64')}`,
      });
    case 'json':
      return `${JSON.stringify(agendaForReaders(agenda), null, 2)}\n`;
    case 'telegram':
    case 'line':
      return `${renderAgendaChat(agenda, config.defaultLocale, { limit: CHAT_LIMITS[format] }).join('\n\n----------\n\n')}\n`;
    default:
      return renderAgendaMarkdown(agenda, config.defaultLocale);
  }
}

/** `linli agenda …`: preview, send, or record a decision. Returns the exit code. */
export async function agendaCommand(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  if (argv[0] === 'decide') return decideCommand(argv.slice(1), io, env);
  const { values } = parseArgs({
    args: argv,
    options: {
      week: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      chart: { type: 'string' },
      send: { type: 'boolean' },
      estate: { type: 'string' },
      street: { type: 'string' },
    },
  });
  const { config } = env;
  const week = values.week ?? agendaWeekAt(new Date(), config.timezone);
  if (!isIsoWeek(week)) return usage(io, `--week must be an ISO week like 2026-W48, got "${week}"`);
  const format =
    values.format ?? (values.out?.endsWith('.html') ? 'html' : values.out?.endsWith('.json') ? 'json' : 'md');
  if (!['md', 'html', 'json', 'telegram', 'line'].includes(format))
    return usage(io, `--format must be md, html, json, telegram or line, got "${format}"`);

  if (values.street !== undefined) {
    const street = values.street.trim();
    if (street === '') return usage(io, "--street needs the street's name");
    return streetCommand(io, env, {
      ...values,
      street,
      week,
      format,
      print: !values.send || values.format !== undefined,
    });
  }
  return env.withStore(async (store) => {
    const estates = await agendaEstates({ unitOfWork: new KyselyUnitOfWork(store.db), config });
    const code = values.estate?.trim().toLowerCase();
    const estate =
      code === undefined ? (estates.length === 1 ? estates[0] : undefined) : estates.find((e) => e.code === code);
    if (!estate) {
      const codes = estates.map((e) => e.code).join(', ');
      return usage(
        io,
        code === undefined
          ? `this install has several estates; say which with --estate CODE (${codes})`
          : `no estate "${code}" (estates: ${codes})`,
      );
    }
    const narrative = await env.createNarrative?.();
    const deps: AgendaDeps = {
      unitOfWork: new KyselyUnitOfWork(store.db),
      config,
      log: env.log,
      ...(narrative && { narrative }),
    };
    const now = new Date();
    let agenda: Agenda;
    if (values.send) {
      const result = await publishAgenda(deps, week, now, estate);
      agenda = result.stored.agenda;
      io.stderr(
        `${result.compiled ? 'Compiled and stored' : 'Using the stored'} agenda of ${week}; ${result.queued} message(s) queued for ${result.chats} chat(s)` +
          `${result.chats === 0 ? ' (no group is registered for party_branch, committee or staff: linli invite --role …)' : ''}. The running service delivers them.\n`,
      );
    } else {
      const stored = await new KyselyAgendaStore(store.db).findByWeek(week, estate.id);
      agenda = stored?.agenda ?? (await compileAgenda(deps, week, now, estate));
      io.stderr(
        stored
          ? `The agenda of ${week} as stored on ${stored.compiledAt.toISOString()}.\n`
          : `A preview of the agenda of ${week} (not stored, not sent).\n`,
      );
    }
    let png: Buffer | undefined;
    const chart = (): Buffer => (png ??= renderChartPng(agenda, config.defaultLocale));
    if (values.chart !== undefined) await writeFile(values.chart, chart());
    const text = render(agenda, format, config, chart);
    if (values.out !== undefined) {
      await writeFile(values.out, text);
      io.stderr(`Wrote ${values.out}.\n`);
    } else if (!values.send || values.format !== undefined) {
      io.stdout(text);
    }
    return EXIT.ok;
  });
}

async function streetCommand(
  io: CommandIo,
  env: Environment,
  options: {
    street: string;
    week: IsoWeek;
    format: string;
    print: boolean;
    out?: string;
    chart?: string;
    send?: boolean;
  },
): Promise<number> {
  const { config } = env;
  const [street, render, chart] = await Promise.all([
    import('../agenda/street-job.ts'),
    import('../agenda/render-street.ts'),
    import('../agenda/street-chart.ts'),
  ]);
  return env.withStore(async (store) => {
    const deps = { unitOfWork: new KyselyUnitOfWork(store.db), config, log: env.log };
    const now = new Date();
    let digest: StreetDigest | undefined;
    if (options.send) {
      const result = await street.publishStreetDigest(deps, options.street, options.week, now);
      if (result.kind === 'published') {
        digest = result.stored.digest;
        io.stderr(
          `${result.compiled ? 'Compiled and stored' : 'Using the stored'} digest of ${options.street}, ${options.week}; ${result.queued} message(s) queued for ${result.chats} chat(s)` +
            `${result.chats === 0 ? ` (no group is registered for this street: linli invite --role street --street "${options.street}")` : ''}. The running service delivers them.\n`,
        );
      }
    } else {
      const stored = await new KyselyStreetDigestStore(store.db).findByWeek(options.street, options.week);
      digest = stored?.digest ?? (await street.compileStreet(deps, options.street, options.week, now));
      if (digest)
        io.stderr(
          stored
            ? `The digest of ${options.street}, ${options.week} as stored on ${stored.compiledAt.toISOString()}.\n`
            : `A preview of the digest of ${options.street}, ${options.week} (not stored, not sent).\n`,
        );
    }
    if (!digest) {
      io.stderr(
        `linli agenda: no estate belongs to the street "${options.street}"; give estates their street with linli estate set CODE --street "${options.street}".\n`,
      );
      return EXIT.failure;
    }
    const locale = config.defaultLocale;
    let png: Buffer | undefined;
    const image = (): Buffer => (png ??= chart.renderStreetChartPng(digest, locale));
    if (options.chart !== undefined) await writeFile(options.chart, image());
    const text =
      options.format === 'html'
        ? render.renderStreetHtml(digest, locale, { chartSrc: `data:image/png;base64,${image().toString('base64')}` })
        : options.format === 'json'
          ? `${JSON.stringify(render.streetDigestForReaders(digest), null, 2)}\n`
          : options.format === 'telegram' || options.format === 'line'
            ? `${render.renderStreetChat(digest, locale, { limit: CHAT_LIMITS[options.format] }).join('\n\n----------\n\n')}\n`
            : render.renderStreetMarkdown(digest, locale);
    if (options.out !== undefined) {
      await writeFile(options.out, text);
      io.stderr(`Wrote ${options.out}.\n`);
    } else if (options.print) {
      io.stdout(text);
    }
    return EXIT.ok;
  });
}

async function decideCommand(argv: string[], io: CommandIo, env: Environment): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      decision: { type: 'string' },
      lead: { type: 'string' },
      due: { type: 'string' },
      by: { type: 'string' },
    },
  });
  const reference = positionals[0];
  if (reference === undefined || positionals.length > 1)
    return usage(io, 'decide needs one ticket reference, e.g. W-0012');
  if (values.decision === undefined || values.decision.trim() === '') return usage(io, 'decide needs --decision TEXT');
  const lead = parseParty(values.lead ?? '');
  if (lead === undefined)
    return usage(io, `--lead must be property, committee or party_branch, got "${values.lead ?? ''}"`);
  return env.withStore(async (store) => {
    const core = await env.createCore(store);
    const result = await recordDecisionNow(core, {
      reference: reference.toUpperCase(),
      text: values.decision!,
      lead,
      dueDate: values.due ?? null,
      by: values.by ?? 'cli',
      actor: { kind: 'system' },
    });
    switch (result.kind) {
      case 'recorded':
        io.stdout(
          `Recorded the decision on ${result.reference} (agenda ${result.week}); ${result.notified === 1 ? '1 reporter chat' : `${result.notified} reporter chats`} will be told.\n`,
        );
        return EXIT.ok;
      case 'not-found':
        io.stderr(`linli agenda decide: no ticket ${result.reference}\n`);
        return EXIT.failure;
      case 'no-agenda':
        io.stderr('linli agenda decide: no agenda has been stored yet; send one first (linli agenda --send)\n');
        return EXIT.failure;
      case 'invalid':
        return usage(
          io,
          result.reason === 'bad-date'
            ? `--due must be a date YYYY-MM-DD, got "${values.due}"`
            : 'the decision is empty',
        );
    }
  });
}
