import type { FollowUpState, Party, ReasonKind } from '../agenda/agenda.ts';
import type { Category, Urgency } from '../tickets/category.ts';
import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { Hazard } from '../tickets/hazard.ts';
import type { EscalationLevel } from '../tickets/escalation-ladder.ts';
import type { Status } from '../tickets/status.ts';
import type { TicketEventKind } from '../tickets/ticket.ts';

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A ticket as a resident's message shows it. For a ticket the resident joined (`joined`) the summary is
 * masked and `ownWords` are what they themselves wrote; `withdrawn`: they took their report back.
 */
export interface TicketLine {
  reference: string;
  category: Category;
  status: Status;
  summary: string;
  /** Building or spot, never the unit; '' when unknown. */
  place: string;
  joined: boolean;
  withdrawn: boolean;
  ownWords?: string;
}

/**
 * Where a resident's ticket stands and what happens next: `respond` / `resolve` within `within`, past
 * its deadline (`overdue`), `resolved` (waiting for their word), `explained`, or `ended`.
 */
export interface TicketStatusView {
  reference: string;
  category: Category;
  status: Status;
  place: string;
  withdrawn: boolean;
  next: 'respond' | 'resolve' | 'overdue' | 'resolved' | 'explained' | 'ended';
  /** How long until the next promise: working time for a routine ticket, clock time for an urgent one. */
  within?: string;
  /** The promise's deadline as a local date and time. */
  by?: string;
  /** `within` counts working time (the clock stops outside working hours). */
  workingTime?: boolean;
}

/**
 * Every text a resident or staff member sees, in one language. Each locale file implements all of it,
 * so a missing translation is a type error, not a blank message.
 */
export interface Catalog {
  categoryName: Record<Category, string>;
  statusName: Record<Status, string>;
  urgencyName: Record<Urgency, string>;
  /** The danger of an urgent ticket, as the staff card shows it. */
  hazardName: Record<Hazard, string>;
  languageName: Record<Locale, string>;
  /** "4 小时" / "2 天" / "30 minutes". */
  duration(ms: number): string;

  /** How the estate is called when COMMUNITY_NAME is not set. */
  defaultCommunity: string;
  welcome(p: { community: string }): string;
  /** The commands, and the emergency numbers to call first (EMERGENCY_NUMBERS); none named when none is set. */
  help(p: { numbers: EmergencyNumbers }): string;
  /**
   * The estate question, when the bot serves several estates and the resident's is not known: buttons
   * follow; `kept` when a message of theirs waits to be filed; `more` when not every estate has a button.
   */
  estateAsk(p: { kept: boolean; more: boolean }): string;
  /** The resident's estate is now `name` (a join link, a button, `/estate CODE`). */
  estateJoined(p: { name: string }): string;
  /** A join link or `/estate CODE` naming no estate. */
  estateUnknown(p: { code: string }): string;
  /** `/estate` alone: where the resident is now; `change` when buttons to move follow. */
  estateCurrent(p: { name: string; change: boolean }): string;
  askPlace: string;
  placeSkip: string;
  placeOptionBuilding(building: string): string;
  /**
   * The receipt of a routine ticket. `responseBy` and `resolutionBy` are the deadlines as local date and
   * time; `workingTime` says they count working time only (the clock stops outside working hours).
   */
  receipt(p: {
    reference: string;
    category: Category;
    urgent: boolean;
    responseWithin: string;
    resolutionWithin: string;
    responseBy: string;
    resolutionBy: string;
    workingTime: boolean;
    place?: string;
  }): string;
  /**
   * The receipt of an urgent ticket: first what to do now for that danger and the emergency numbers
   * (only those configured), then the reference. It promises no reply time: the resident must not wait.
   */
  urgentReceipt(p: {
    reference: string;
    category: Category;
    hazard: Hazard;
    numbers: EmergencyNumbers;
    place?: string;
  }): string;
  /** The first lines of {@link urgentReceipt}: what to do now and the emergency numbers. */
  urgentAdvice(p: { hazard: Hazard; numbers: EmergencyNumbers }): string;
  joinedExisting(p: { reference: string; category: Category; neighbours: number; status: Status }): string;
  detailsAdded(p: { reference: string }): string;
  /** The answer to the place question asked after an urgent ticket was filed. */
  placeRecorded(p: { reference: string; place: string }): string;
  choiceAsk(p: { reference: string }): string;
  choiceAdd(p: { reference: string }): string;
  choiceNew: string;
  greetingReply: string;
  thanksReply: string;
  /** "好的", "嗯", "ok": a neutral answer, not "you're welcome". */
  ackReply: string;
  /** A stray letter or sign that says nothing. */
  notUnderstood: string;
  questionReply: string;
  /** A reference the resident did not report: nothing about it, only that they can describe their own problem. */
  quotedReference: string;
  describePrompt: string;
  voiceSummary: string;
  /** The words a voice note was heard as, quoted in the answer to it so a wrong transcript can be corrected. */
  heard(p: { text: string }): string;
  /** The words of a voice note heard after it was filed, added to its ticket. */
  heardAdded(p: { reference: string; text: string }): string;
  /** Under the receipt of a voice note without words (no speech endpoint, or it failed): a person will listen. */
  voiceListen: string;
  /** A voice note under half a second (a tap on the record button): nothing heard, nothing filed; say it again or type it. */
  voiceTooShort: string;
  /** A voice note's words corrected before its complaint was filed (asked where): what is taken now. */
  heardCorrectedBeforeFiling(p: { text: string }): string;
  /** The answer to a correction of a voice note's words: what the ticket says now (and that it is now urgent). */
  heardCorrected(p: { reference: string; text: string; urgent: boolean }): string;
  photoOnlySummary: string;
  truncatedNote(limit: number): string;
  emptyMessage: string;
  myTicketsEmpty: string;
  myTicketsHeader(n: number): string;
  myTicketLine(t: TicketLine): string;
  /** The answer to "什么时候能修好？" about one of the resident's tickets. */
  ticketStatus(v: TicketStatusView): string;
  noActiveTickets: string;
  langPrompt: string;
  langChanged: string;
  /** `/forgetme`: what is erased and what is kept, before the confirmation buttons. */
  forgetMePrompt: string;
  forgetMeConfirm: string;
  forgetMeKeep: string;
  forgetMeKept: string;
  forgetMeDone: string;
  failedApology: string;
  unknownCommand: string;

  // Closing the loop with residents.
  staffReplied(p: { reference: string; text: string }): string;
  acknowledged(p: { reference: string }): string;
  workStarted(p: { reference: string }): string;
  resolvedAsk(p: { reference: string; note?: string }): string;
  fixedYes: string;
  fixedNo: string;
  rateAsk: string;
  explainedToResident(p: { reference: string; reason: string; plan: string }): string;
  reopenedToResident(p: { reference: string }): string;
  ratingThanks: string;
  alreadyRated(p: { reference: string; rating: number }): string;
  fixedThanks: string;
  withdrawn(p: { reference: string }): string;
  /** How a withdrawn report shows in /mytickets and status answers. */
  withdrawnStatus: string;
  /** To the remaining reporters when a neighbour withdrew theirs. */
  neighbourWithdrew(p: { reference: string; reporters: number }): string;
  mergedToResident(p: { reference: string; into: string }): string;
  decisionToResident(p: { reference: string; decision: string; lead: string; due?: string }): string;
  notYourTicket: string;
  staffOnly: string;

  // Staff chat.
  staff: StaffCatalog;

  // The weekly tripartite meeting agenda (rendered in the configured DEFAULT_LOCALE).
  agenda: AgendaCatalog;

  // Deadline reminders and the escalation ladder (督办), in the configured DEFAULT_LOCALE.
  escalation: EscalationCatalog;

  // Who carries which tickets: /mine, the claim button, round-robin, /workload (DEFAULT_LOCALE).
  workload: WorkloadCatalog;

  // Canned replies (/tpl) as staff manage and choose them (DEFAULT_LOCALE); residents get the template's own text.
  templates: TemplateCatalog;

  // 回访: the committee's follow-up calls (to committee members in DEFAULT_LOCALE, to residents in theirs).
  revisit: RevisitCatalog;
}

/** A 回访 as the committee sees it: masked place and summary, why it was asked for. */
export interface RevisitView {
  id: number;
  reference: string;
  /** The category's name. */
  category: string;
  place: string;
  summary: string;
  reason: 'low_rating' | 'reopened';
  rating: number | null;
}

/** Texts of 回访 (follow-up calls by the residents' committee). */
export interface RevisitCatalog {
  /** Posted to the committee chat when a 回访 is asked for. */
  requested(v: RevisitView): string;
  /** The button that starts it. */
  buttonStart: string;
  /** In the committee chat once a member started it. */
  started(p: { id: number; reference: string; by: string }): string;
  takenBy(p: { id: number; by: string }): string;
  alreadyDone(p: { id: number }): string;
  /** Only a committee member (a person holding the role) starts a 回访. */
  committeeOnly: string;
  /** To the caller in private: what the call is about and how it works. */
  callerIntro(v: RevisitView): string;
  /** To the caller: what the resident wrote (masked). */
  fromResident(p: { id: number; reference: string; text: string }): string;
  /** `/done` without an outcome. */
  doneUsage: string;
  /** In the committee chat's `/help`: how a 回访 is taken and finished. */
  help: string;
  /** To the caller once the outcome is recorded. */
  recorded(p: { id: number; reference: string }): string;
  /** In the committee chat when it is done. */
  doneInGroup(p: { id: number; reference: string; by: string; outcome: string }): string;
  /** To the resident: the committee is calling about their ticket. */
  residentIntro(p: { reference: string }): string;
  /** To the resident: the committee's words. */
  fromCommittee(p: { reference: string; text: string }): string;
  /** To the resident: the call is over. */
  residentDone(p: { reference: string }): string;
  /** The agenda's section of open 回访. */
  agendaTitle: string;
  agendaItem(p: {
    reference: string;
    category: string;
    place: string;
    summary: string;
    reason: 'low_rating' | 'reopened';
    rating: number | null;
    requested: string;
    started?: string;
  }): string;
}

/** Texts around canned replies: the chooser under a card, `/tpl` and its management, and placeholders. */
export interface TemplateCatalog {
  /** The card button that offers the templates. */
  buttonTemplates: string;
  choose(reference: string): string;
  listHeader(n: number): string;
  /** `languages`: the languages it has, e.g. "简/繁/EN"; `preview`: its text in the staff chat's language. */
  listLine(p: { name: string; languages: string; preview: string; estate?: string }): string;
  listEmpty: string;
  usage: string;
  /** `estate`: the estate whose own template it is (an install of several estates). */
  added(p: { name: string; language: string; estate?: string }): string;
  deleted(p: { name: string; count: number; estate?: string }): string;
  notFound(name: string): string;
  /** Names are one word of at most 12 characters, and not a sub-command or a reference. */
  badName(name: string): string;
  /** `{date}` of a template, as the resident reads it. */
  date(p: { year: number; month: number; day: number }): string;
  /** `{place}` when the ticket has none. */
  placeUnknown: string;
  /** `/tpl NAME REF DATE TIME` with a date or time that is none. */
  badDateTime(given: string): string;
}

/** One of a staff member's tickets, as `/mine` lists it; `place` and `summary` are masked for the chat. */
export interface MineLine {
  /** The ticket's estate, named only when the list spans several estates. */
  estate?: string;
  reference: string;
  /** The status's and category's names. */
  status: string;
  category: string;
  urgent: boolean;
  place: string;
  summary: string;
  /** The deadline that counts now (the response one until staff answered), local date and time. */
  due: string;
  kind: 'response' | 'resolution';
  overdue: boolean;
}

/** One staff member's figures in `/workload`; `median` is a duration, absent when they answered nothing. */
export interface WorkloadLine {
  name: string;
  open: number;
  overdue: number;
  responses: number;
  median?: string;
}

/** Texts of `/mine`, the claim button, round-robin assignment and `/workload`. */
export interface WorkloadCatalog {
  /** The card button that assigns the ticket to whoever presses it. */
  buttonClaim: string;
  claimed(p: { reference: string; by: string }): string;
  /** A second presser: someone else has it. */
  claimedByOther(p: { reference: string; by: string }): string;
  claimedByYou(p: { reference: string }): string;
  /** A ticket that no longer needs anyone (resolved, closed…) cannot be claimed. */
  /** `status`: the status's name. */
  claimClosed(p: { reference: string; status: string }): string;
  /** To the staff member a new ticket was given to in turn (AUTO_ASSIGN=round-robin). */
  /** `category`: the category's name. */
  assignedToYou(p: { reference: string; category: string; place: string; summary: string; due: string }): string;
  /** The card's line naming who has the ticket. */
  cardAssignee(name: string): string;
  mineHeader(p: { count: number; overdue: number }): string;
  mineLine(l: MineLine): string;
  mineEmpty: string;
  /** `days`: the window of the median first response. */
  workloadHeader(p: { days: number }): string;
  workloadLine(l: WorkloadLine): string;
  workloadEmpty: string;
  /** How the median is counted (working time for routine tickets, the clock for urgent ones). */
  workloadNote: string;
}

/** Texts of deadline reminders, escalation notices and the agenda's 督办 section. */
export interface EscalationCatalog {
  /** Who stands on each rung of the ladder. */
  levelName: Record<EscalationLevel, string>;
  /** Before a deadline, to the assignee or the staff group; `left` is a duration such as "1 小时". */
  reminder(p: {
    reference: string;
    kind: 'response' | 'resolution';
    due: string;
    left: string;
    summary: string;
  }): string;
  /**
   * A ticket reaches a rung above the staff group: to that rung's chats. `category` is the category's
   * name; `overdueBy` is how long it
   * has been past its deadline (`due`, local time); `below` names the rungs that already had it.
   */
  escalated(p: {
    reference: string;
    category: string;
    place: string;
    summary: string;
    level: EscalationLevel;
    kind: 'response' | 'resolution';
    due: string;
    overdueBy: string;
    below: string[];
  }): string;
  /** The agenda's 督办 section title and its empty line. */
  supervisedTitle: string;
  /**
   * One level of a 督办 item: who had it and for how long (`waited`, a duration). `unheard`: the rung
   * was reached but no chat holds it (a street without a registered chat), so nobody was told.
   */
  supervisedLevel(p: { level: EscalationLevel; since: string; waited: string; unheard?: boolean }): string;
  /** The head of a 督办 item. */
  supervisedItem(p: { reference: string; category: string; place: string; summary: string; due: string }): string;
}

/** Texts of the staff chat (shown in the configured DEFAULT_LOCALE). */
export interface StaffCatalog {
  /** `threaded`: the platform lets staff answer by replying to the card (Telegram); elsewhere they use /reply. */
  /** A ticket's card; `due` holds its deadlines as local date and time (the response one until staff answered). */
  card(p: {
    reference: string;
    category: Category;
    urgent: boolean;
    hazard?: Hazard;
    place: string;
    summary: string;
    reporters: number;
    status: Status;
    hasPhoto: boolean;
    threaded: boolean;
    due?: { response?: string; resolution: string };
  }): string;
  coReporter(p: { reference: string; reporters: number }): string;
  /** A reporter withdrew; `reporters` remain and the ticket stays open. */
  reporterWithdrew(p: { reference: string; reporters: number }): string;
  /** The last reporter withdrew: the ticket is closed. */
  withdrawnClosed(p: { reference: string }): string;
  buttonAck: string;
  buttonResolve: string;
  buttonExplain: string;
  buttonCategory: string;
  /** LINE card button that opens the keyboard with `/reply REF ` filled in (LINE bots get no reply-to). */
  buttonReply: string;
  /** Under a card: the ticket came as a voice note and its text is a machine transcript. */
  cardVoiceHeard: string;
  /** Under a card: a voice note without words; someone must listen and set the category. */
  cardVoiceListen: string;
  /** Under a card whose chat cannot be sent the recording (no https PUBLIC_URL, or another platform's file): where to hear it. */
  cardRecordingInConsole: string;
  /** A voice report's card when the recording could not be downloaded from the platform. */
  cardRecordingUnavailable: string;
  /** To staff: the resident corrected the words heard in a voice note; the ticket's text, category, urgency follow. */
  transcriptCorrected(p: {
    reference: string;
    text: string;
    category?: { from: Category; to: Category };
    urgent: boolean;
  }): string;
  /** To staff: a neighbour's urgent report joined a routine ticket, which is now urgent; `text`: their words (masked). */
  urgencyRaised(p: { reference: string; text: string }): string;
  /** A recording sent as a link, where the chat's platform cannot play its format (a Telegram ogg in a LINE group). */
  recordingLink(p: { url: string; days: number }): string;
  chooseCategory(reference: string): string;
  done(p: { reference: string; action: string; by: string }): string;
  actionNames: {
    ack: string;
    work: string;
    resolve: string;
    explain: string;
    recategorize: string;
    assign: string;
    merge: string;
    note: string;
    reply: string;
  };
  /** The same actions as verbs, for "cannot …" (`illegal`). */
  actionVerbs: {
    ack: string;
    work: string;
    resolve: string;
    explain: string;
    recategorize: string;
    assign: string;
    merge: string;
    note: string;
    reply: string;
  };
  askReason(reference: string): string;
  askPlan(reference: string): string;
  /** The explain dialogue's last step: `texts` are exactly what the reporters will receive (one per language they use). */
  explainPreview(p: { reference: string; texts: string[]; reporters: number }): string;
  buttonConfirm: string;
  buttonCancel: string;
  /** Typed answers that confirm (compared lower-case, trimmed); 取消/cancel/"/cancel" cancel in every language. */
  confirmWords: readonly string[];
  explainAwaitingConfirm(reference: string): string;
  explainCancelled(reference: string): string;
  explainTimedOut(reference: string): string;
  nothingToConfirm: string;
  explainNeedsBoth: string;
  illegal(p: { reference: string; status: Status; action: string }): string;
  /** A staff command in a chat where staff do not act (a committee or Party-branch group). */
  notHere: string;
  /** An unknown /command in a staff chat. */
  unknownCommand: string;
  notFound(reference: string): string;
  noSuchStaff(name: string): string;
  reopened(p: { reference: string; reporters: number }): string;
  overdue(p: { reference: string; kind: 'response' | 'resolution'; due: string; summary: string }): string;
  listHeader(n: number): string;
  listEmpty: string;
  /** `/tickets WORD` with a word that is no filter; `categories` and `statuses` are the names it takes. */
  unknownFilter(p: { word: string; categories: string; statuses: string }): string;
  history: string;
  eventLine(p: { at: string; kind: string; by: string; text?: string }): string;
  /** The kinds of history entries, as `/show` lists them. */
  eventKindName: Record<TicketEventKind, string>;
  /** Who made a history entry when no staff member did: residents are never named in the staff chat. */
  actorName: { resident: string; system: string };
  /** Said when the bot is added to a group that is not registered yet. */
  joinPrompt: string;
  joinedGroup(role: string): string;
  /** Said once a new staff chat is registered, when tickets are already waiting; the cards follow. */
  backlog(p: { total: number; urgent: number; shown: number }): string;
  backlogMore(more: number): string;
  joinedPerson(role: string): string;
  alreadyMember(role: string): string;
  badCode: string;
  /** Too many wrong codes from this chat: turned away without checking for `minutes`. */
  joinTooMany(minutes: number): string;
  usage: string;
  /** Admin commands (`/members`, `/revoke`), added to `usage` for admins. */
  adminUsage: string;
  adminOnly: string;
  membersHeader(n: number): string;
  memberLine(p: {
    id: number;
    role: string;
    group: boolean;
    name: string;
    address: string;
    joined: string;
    revoked?: string;
  }): string;
  revoked(lines: string[]): string;
  revokeNone(selector: string): string;
  revokeSelf: string;
  revokeUsage: string;
  replyNeedsText: string;
  rated(p: { reference: string; rating: number }): string;
  roleName: Record<'staff' | 'committee' | 'party_branch' | 'admin' | 'street', string>;
}

/** Texts of the weekly tripartite meeting agenda, its chart and the meeting's decisions. */
export interface AgendaCatalog {
  /** "2026-W48" → "2026年第48周". */
  weekName(week: string): string;
  title(p: { community: string; week: string }): string;
  /** The dates the week covers, e.g. "11月23日–29日". */
  period(p: { from: string; to: string }): string;
  meetingOf: string;
  compiledAt(at: string): string;
  sections: {
    narrative: string;
    figures: string;
    rates: string;
    byCategory: string;
    byBuilding: string;
    items: string;
    followUps: string;
    asks: string;
    chart: string;
  };
  figureNames: {
    new: string;
    resolved: string;
    explained: string;
    reopened: string;
    overdue: string;
    stillOpen: string;
    overdueNow: string;
  };
  thisWeek: string;
  lastWeek: string;
  noValue: string;
  rateNames: { response: string; resolution: string; satisfaction: string };
  /** One line per rate saying exactly what is counted. */
  rateDefinitions: { response: string; resolution: string; satisfaction: string };
  /** "85%（17/20）". */
  rateValue(p: { percent: number; numerator: number; denominator: number }): string;
  columns: {
    category: string;
    building: string;
    rank: string;
    reference: string;
    place: string;
    reporters: string;
    age: string;
    status: string;
    reasons: string;
    lead: string;
    summary: string;
    decision: string;
    due: string;
    progress: string;
  };
  noBuilding: string;
  noPlace: string;
  partyName: Record<Party, string>;
  reason(kind: ReasonKind, p: { count?: number; text?: string }): string;
  ageDays(days: number): string;
  urgentMark: string;
  related(references: string): string;
  noItems: string;
  moreItems(n: number): string;
  followUpState: Record<FollowUpState, string>;
  noFollowUps: string;
  noPreviousMeeting: string;
  askNothing: string;
  askItems(references: string): string;
  askFollowUps(references: string): string;
  /** Deterministic narrative paragraph. */
  narrative(p: {
    newCount: number;
    lastNew: number;
    resolved: number;
    explained: number;
    overdue: number;
    stillOpen: number;
    items: number;
    top?: string;
    followUpsOpen: number;
  }): string;
  chartTitle(p: { weeks: number }): string;
  chartAxis: string;
  chartCaption(p: { week: string }): string;
  /** Chat: "(continued 2/3)". */
  part(p: { index: number; total: number }): string;
  fullAgendaAt(url: string): string;
  // Recording the meeting's decisions.
  decideUsage: string;
  /** `/help` in a registered group whose role takes no command there (the street's). */
  noCommandsHere: string;
  decisionRecorded(p: { reference: string; lead: string; due?: string; notified: number }): string;
  decisionNoAgenda: string;
  decisionBadLead(given: string): string;
  decisionBadDate(given: string): string;
  decisionNotAllowed: string;
}
