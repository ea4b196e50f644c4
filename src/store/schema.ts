import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * Table types. Timestamps are ISO-8601 UTC strings (`Date#toISOString()`): fixed width, so they sort and
 * compare as text identically on SQLite and PostgreSQL. Booleans are 0/1 integers for the same reason.
 */

/** An estate (小区) the install serves; `default` (id 1) is made by the migration that brought estates. */
export interface EstateTable {
  id: Generated<number>;
  code: string;
  /** Null only for `default`, whose name is COMMUNITY_NAME. */
  name: string | null;
  community: string | null;
  street: string | null;
  /** EMERGENCY_NUMBERS syntax, read over the install's; null: the install's numbers. */
  emergency_numbers: string | null;
  /** DEADLINES syntax (JSON), read over the install's table; null: the install's deadlines. */
  deadlines: string | null;
  /** WORKING_HOURS syntax; null: the install's hours. */
  working_hours: string | null;
  created_at: string;
}

/**
 * The estate a row belongs to. The column defaults to 1 (`default`) for writers that do not name one:
 * that is where everything written before estates existed lives.
 */
type EstateColumn = ColumnType<number, number | undefined, number>;

export interface ResidentTable {
  id: Generated<number>;
  display_name: string | null;
  locale: string | null;
  phone: string | null;
  unit: string | null;
  created_at: string;
  /** When the resident was forgotten (their request or the retention period); null until then. */
  erased_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The resident's estate; null until known (first contact on an install of several estates). */
  estate_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ResidentIdentityTable {
  id: Generated<number>;
  resident_id: number;
  platform: string;
  platform_user_id: string;
  /** The private chat the bot talks to this resident in. */
  chat_id: string;
  language_hint: string | null;
  created_at: string;
}

export interface MemberTable {
  id: Generated<number>;
  platform: string;
  /** 'user' for a person, 'group' for a registered group chat. */
  subject_kind: string;
  /** Platform user id for a person; chat id for a group. */
  subject_id: string;
  role: string;
  display_name: string | null;
  invite_id: number | null;
  granted_at: string;
  revoked_at: string | null;
  /** The estate the role is held in. */
  estate_id: EstateColumn;
  /** For the `street` role: the street (街道) whose digest the member receives. */
  street: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InviteTable {
  id: Generated<number>;
  code_hash: string;
  role: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by_member_id: number | null;
  /** The estate the redeemer is given the role in (`linli invite --estate`). */
  estate_id: EstateColumn;
  /** For a `street` invite: the street the redeemer is given the role for (`linli invite --street`). */
  street: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A failed or refused `/join` attempt of a chat (the limit on guessing invite codes). */
export interface JoinAttemptTable {
  id: Generated<number>;
  platform: string;
  chat_id: string;
  outcome: string;
  attempted_at: string;
}

export interface TicketTable {
  id: Generated<number>;
  reference: string;
  category: string;
  urgency: string;
  /** The danger of an urgent ticket (a `Hazard`), else null; optional on insert. */
  hazard: ColumnType<string | null, string | null | undefined, string | null>;
  status: string;
  summary: string;
  description: string;
  place_building: string | null;
  place_unit: string | null;
  place_spot: string | null;
  place_text: string | null;
  latitude: number | null;
  longitude: number | null;
  language: string;
  classifier_source: string;
  classifier_model: string | null;
  classifier_latency_ms: number | null;
  confidence: number | null;
  duplicate_of: number | null;
  assignee_id: number | null;
  reopened_count: number;
  explanation_reason: string | null;
  explanation_plan: string | null;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  response_due_at: string;
  resolution_due_at: string;
  response_overdue_notified_at: string | null;
  resolution_overdue_notified_at: string | null;
  /** The ticket's texts masked and lower-cased, what staff search in (see privacy/search-text.ts). */
  search_text: Generated<string>;
  /** When the ticket's residents' words, photos and identities were erased; null until then. */
  personal_data_erased_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The estate the ticket belongs to (its first reporter's). */
  estate_id: EstateColumn;
}

/** A step a ticket took around a deadline: a reminder or a rung of the escalation ladder (one per ticket and step). */
export interface TicketEscalationTable {
  id: Generated<number>;
  ticket_id: number;
  /** `remind_response`, `remind_resolution`, or a rung: `admin`, `committee`, `party_branch`. */
  step: string;
  due_at: string;
  taken_at: string;
  recipients: number;
}

export interface TicketReporterTable {
  id: Generated<number>;
  ticket_id: number;
  resident_id: number;
  /** 1 for the resident who opened the ticket, 0 for co-reporters. */
  is_original: number;
  fixed_answer: string | null;
  rating: number | null;
  answered_at: string | null;
  created_at: string;
  /** What this reporter wrote when reporting (a co-reporter sees these, never the first reporter's). */
  text: string | null;
  /** When this reporter withdrew their report; they no longer hear of the ticket. */
  withdrawn_at: string | null;
}

export interface TicketEventTable {
  id: Generated<number>;
  ticket_id: number;
  kind: string;
  actor_kind: string;
  actor_id: number | null;
  /** JSON object. */
  data: string;
  created_at: string;
}

export interface AttachmentTable {
  id: Generated<number>;
  ticket_id: number | null;
  inbox_id: number | null;
  kind: string;
  platform: string;
  platform_file_id: string | null;
  mime_type: string | null;
  size_bytes: number | null;
  /** Path under DATA_DIR where the content is stored, once downloaded. */
  path: string | null;
  created_at: string;
  /** What the platform said of a recording's length. */
  duration_seconds: number | null;
  /** A voice note's transcription: null (not asked), `pending`, `done` or `failed`. */
  transcript_status: string | null;
  /** The words heard (`done`) or why there are none (`failed`). */
  transcript: string | null;
  /** The language hint sent with the recording (`zh`, `en`). */
  transcript_language: string | null;
  /** Until when the worker transcribing it holds it. */
  transcript_claimed_until: string | null;
  /** JSON: the staff card waiting for this recording to be downloaded (what it carries besides the ticket). */
  held_card: string | null;
}

export interface ConversationTable {
  id: Generated<number>;
  platform: string;
  chat_id: string;
  resident_id: number | null;
  state: string;
  /** JSON object: the pending complaint, the ticket awaiting details, etc. */
  data: string;
  ticket_id: number | null;
  expires_at: string | null;
  updated_at: string;
}

export interface InboxTable {
  id: Generated<number>;
  platform: string;
  event_id: string;
  chat_id: string;
  /** JSON of the platform-neutral IncomingEvent. */
  payload: string;
  /** Items of one chat and lane are handled in order (the inbox uses the one lane `chat`). */
  lane: Generated<string>;
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  /** The worker process holding the lease (see `src/lease-holder.ts`); null when none does. */
  locked_by: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: string | null;
  received_at: string;
  handled_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  platform: string;
  chat_id: string;
  /** JSON of the platform-neutral OutgoingMessage. */
  payload: string;
  /** `chat`, `urgent` or `answer`: messages of one chat and lane are delivered in order. */
  lane: Generated<string>;
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  /** The worker process holding the lease (see `src/lease-holder.ts`); null when none does. */
  locked_by: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: string | null;
  /** Idempotency key a platform can honour (LINE X-Line-Retry-Key). */
  retry_key: string;
  /** Optional unique key so a logical message is queued once (e.g. one agenda per chat per week). */
  dedupe_key: string | null;
  ticket_id: number | null;
  /** The platform's id of the delivered message (to map a staff reply back to its ticket card). */
  platform_message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AgendaTable {
  id: Generated<number>;
  week: string;
  compiled_at: string;
  /** JSON of the compiled agenda. */
  content: string;
  image_token: string | null;
  sent_at: string | null;
  /** The estate whose meeting the agenda is for. */
  estate_id: EstateColumn;
}

export interface AgendaItemTable {
  id: Generated<number>;
  agenda_id: number;
  ticket_id: number;
  rank: number;
  reasons: string;
  lead_party: string;
}

export interface AgendaDecisionTable {
  id: Generated<number>;
  agenda_item_id: number;
  decision: string;
  lead_party: string;
  due_date: string | null;
  decided_at: string;
  decided_by: string | null;
}

export interface JobRunTable {
  job: string;
  slot: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  error: string | null;
}

export interface CounterTable {
  name: string;
  value: number;
}

/** A one-time sign-in link of the staff web console (only the hash of its token is stored). */
export interface ConsoleLinkTable {
  id: Generated<number>;
  token_hash: string;
  member_id: number;
  /** The estate code the link was made for (`--estate`), or null. */
  estate: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A signed-in console session: the cookie's token hashed, who, and when it was last used. */
export interface ConsoleSessionTable {
  id: Generated<number>;
  token_hash: string;
  member_id: number;
  estate: string | null;
  created_at: string;
  last_seen_at: string;
  /** Logout (or a revocation noticed); null while the session may still be used. */
  ended_at: string | null;
}

/** A failed console sign-in from an IP address (the limit on trying links). */
export interface ConsoleLoginAttemptTable {
  id: Generated<number>;
  ip: string;
  attempted_at: string;
}

/** A canned reply's text in one language (`/tpl`); `name` and `locale` are unique together. */
export interface ReplyTemplateTable {
  id: Generated<number>;
  name: string;
  locale: string;
  body: string;
  /** The member who last wrote it; null for a shipped default. */
  updated_by: number | null;
  updated_at: string;
  /** The estate whose template it is; null for every estate's. */
  estate_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A 回访 (follow-up call by the residents' committee) of one resident about one ticket. */
export interface RevisitTable {
  id: Generated<number>;
  ticket_id: number;
  resident_id: number;
  /** 'low_rating' | 'reopened'. */
  reason: string;
  rating: number | null;
  /** 'open' | 'started' | 'done'. */
  status: string;
  requested_at: string;
  caller_member_id: number | null;
  started_at: string | null;
  outcome: string | null;
  finished_at: string | null;
}

/** A street's weekly digest as compiled and sent (one per street and week). */
export interface StreetDigestTable {
  id: Generated<number>;
  street: string;
  week: string;
  compiled_at: string;
  /** The StreetDigest as JSON. */
  content: string;
  /** The unguessable name of its chart: `/agenda/<token>.png`. */
  image_token: string;
  sent_at: string | null;
}

export interface Database {
  estates: EstateTable;
  street_digests: StreetDigestTable;
  residents: ResidentTable;
  resident_identities: ResidentIdentityTable;
  members: MemberTable;
  invites: InviteTable;
  join_attempts: JoinAttemptTable;
  tickets: TicketTable;
  ticket_reporters: TicketReporterTable;
  ticket_events: TicketEventTable;
  ticket_escalations: TicketEscalationTable;
  attachments: AttachmentTable;
  conversations: ConversationTable;
  inbox: InboxTable;
  outbox: OutboxTable;
  agendas: AgendaTable;
  agenda_items: AgendaItemTable;
  agenda_decisions: AgendaDecisionTable;
  job_runs: JobRunTable;
  counters: CounterTable;
  reply_templates: ReplyTemplateTable;
  revisits: RevisitTable;
  console_links: ConsoleLinkTable;
  console_sessions: ConsoleSessionTable;
  console_login_attempts: ConsoleLoginAttemptTable;
}

export type TicketRow = Selectable<TicketTable>;
export type NewTicketRow = Insertable<TicketTable>;
export type TicketUpdate = Updateable<TicketTable>;
export type TicketEventRow = Selectable<TicketEventTable>;
export type InboxRow = Selectable<InboxTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type MemberRow = Selectable<MemberTable>;
export type ResidentRow = Selectable<ResidentTable>;
export type ConversationRow = Selectable<ConversationTable>;
