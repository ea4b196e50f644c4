import { randomUUID } from 'node:crypto';
import type { Estate, EstateFields } from '../../../src/estates/estate.ts';
import { DEFAULT_ESTATE_ID } from '../../../src/estates/estate.ts';
import type { EstateStore } from '../../../src/estates/estate-store.ts';
import {
  hashInviteCode,
  JOIN_WINDOW_MS,
  newInviteCode,
  type Member,
  type MemberSelector,
  type RedeemResult,
  type Role,
  type Subject,
} from '../../../src/members/member.ts';
import type { MemberStore } from '../../../src/members/member-store.ts';
import type { OutgoingMessage } from '../../../src/outbox/outgoing-message.ts';
import type { Deliveries, Outbox, OutboxItem, QueuedMessage } from '../../../src/outbox/outbox.ts';
import type {
  Resident,
  ResidentAddress,
  ResidentIdentity,
  ResidentStore,
} from '../../../src/residents/resident-store.ts';
import type { Revisit, RevisitReason, RevisitStore } from '../../../src/tickets/revisit-store.ts';
import {
  ConversationConflictError,
  type Conversation,
  type ConversationState,
  type ConversationStore,
} from '../../../src/turn/conversation-store.ts';
import type { IncomingEvent } from '../../../src/turn/incoming-event.ts';
import type { InboxItem, InboxPort } from '../../../src/turn/unit-of-work.ts';
import type { LeaseRequest, QueueItemRef, WorkQueue } from '../../../src/work-queue.ts';
import { copy, type MemoryDatabase, type OutboxRow, type QueueRow, type ResidentRow } from './memory-database.ts';

const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

export class MemoryEstateStore implements EstateStore {
  constructor(private readonly db: MemoryDatabase) {}

  async list(): Promise<Estate[]> {
    return copy([...this.db.tables.estates].sort(byId));
  }

  async findByCode(code: string): Promise<Estate | undefined> {
    return copy(this.db.tables.estates.find((e) => e.code === code));
  }

  async findById(id: number): Promise<Estate | undefined> {
    return copy(this.db.tables.estates.find((e) => e.id === id));
  }

  async add(
    code: string,
    fields: EstateFields,
    at: Date,
  ): Promise<{ kind: 'added'; estate: Estate } | { kind: 'exists' }> {
    if (this.db.tables.estates.some((e) => e.code === code)) return { kind: 'exists' };
    const estate: Estate = { id: this.db.nextId('estates'), code, ...copy(fields), createdAt: at };
    this.db.tables.estates.push(estate);
    return { kind: 'added', estate: copy(estate) };
  }

  async update(code: string, fields: Partial<EstateFields>): Promise<Estate | undefined> {
    const estate = this.db.tables.estates.find((e) => e.code === code);
    if (!estate) return undefined;
    if (fields.name !== undefined) estate.name = fields.name;
    if (fields.community !== undefined) estate.community = fields.community;
    if (fields.street !== undefined) estate.street = fields.street;
    const s = fields.settings;
    if (s?.emergencyNumbers !== undefined) estate.settings.emergencyNumbers = s.emergencyNumbers;
    if (s?.deadlines !== undefined) estate.settings.deadlines = s.deadlines;
    if (s?.workingHours !== undefined) estate.settings.workingHours = s.workingHours;
    return copy(estate);
  }
}

function toResident({ phone: _phone, unit: _unit, ...resident }: ResidentRow): Resident {
  return copy(resident);
}

export class MemoryResidentStore implements ResidentStore {
  constructor(private readonly db: MemoryDatabase) {}

  async findOrCreate(identity: ResidentIdentity, at: Date): Promise<Resident> {
    const { tables } = this.db;
    const known = tables.identities.find(
      (i) => i.platform === identity.platform && i.platformUserId === identity.platformUserId,
    );
    if (known) {
      known.chatId = identity.chatId;
      if (identity.languageHint) known.languageHint = identity.languageHint;
      return toResident(tables.residents.find((r) => r.id === known.residentId)!);
    }
    const resident: ResidentRow = {
      id: this.db.nextId('residents'),
      displayName: identity.displayName ?? null,
      locale: null,
      createdAt: at,
      estateId: null,
      phone: null,
      unit: null,
    };
    tables.residents.push(resident);
    tables.identities.push({
      id: this.db.nextId('identities'),
      residentId: resident.id,
      platform: identity.platform,
      platformUserId: identity.platformUserId,
      chatId: identity.chatId,
      languageHint: identity.languageHint ?? null,
    });
    return toResident(resident);
  }

  async findById(id: number): Promise<Resident | undefined> {
    const row = this.db.tables.residents.find((r) => r.id === id);
    return row && toResident(row);
  }

  async setLocale(id: number, locale: string): Promise<void> {
    const row = this.db.tables.residents.find((r) => r.id === id);
    if (row) row.locale = locale;
  }

  async setEstate(id: number, estateId: number): Promise<void> {
    const row = this.db.tables.residents.find((r) => r.id === id);
    if (row) row.estateId = estateId;
  }

  async addresses(residentId: number): Promise<ResidentAddress[]> {
    return this.db.tables.identities
      .filter((i) => i.residentId === residentId)
      .sort(byId)
      .map((i) => ({
        platform: i.platform,
        platformUserId: i.platformUserId,
        chatId: i.chatId,
        languageHint: i.languageHint,
      }));
  }
}

export class MemoryMemberStore implements MemberStore {
  constructor(private readonly db: MemoryDatabase) {}

  private get members(): Member[] {
    return this.db.tables.members;
  }

  private current(): Member[] {
    return this.members.filter((m) => m.revokedAt === null).sort(byId);
  }

  async createInvite(
    role: Role,
    expiresAt: Date,
    _at: Date,
    estateId?: number,
  ): Promise<{ code: string; expiresAt: Date }> {
    return this.invite(role, expiresAt, estateId ?? DEFAULT_ESTATE_ID, null);
  }

  async createStreetInvite(street: string, expiresAt: Date, _at: Date): Promise<{ code: string; expiresAt: Date }> {
    return this.invite('street', expiresAt, DEFAULT_ESTATE_ID, street);
  }

  private invite(role: Role, expiresAt: Date, estateId: number, street: string | null) {
    const code = newInviteCode();
    this.db.tables.invites.push({
      id: this.db.nextId('invites'),
      codeHash: hashInviteCode(code),
      role,
      estateId,
      street,
      expiresAt,
      usedAt: null,
      usedByMemberId: null,
    });
    return { code, expiresAt };
  }

  async redeem(code: string, subject: Subject, at: Date): Promise<RedeemResult> {
    const invite = this.db.tables.invites.find(
      (i) => i.codeHash === hashInviteCode(code) && i.usedAt === null && i.expiresAt > at,
    );
    if (!invite) return { kind: 'invalid' };
    const existing = this.held(subject, invite.role, invite.estateId, invite.street);
    if (existing) return { kind: 'already-member', member: copy(existing) };
    invite.usedAt = at;
    const member = this.insertOrReinstate(subject, invite.role, at, invite.estateId, invite.street);
    invite.usedByMemberId = member.id;
    return { kind: 'granted', member: copy(member) };
  }

  private held(subject: Subject, role: Role, estateId: number, street: string | null): Member | undefined {
    return this.current().find(
      (m) =>
        m.platform === subject.platform &&
        m.subjectKind === subject.kind &&
        m.subjectId === subject.id &&
        m.role === role &&
        m.estateId === estateId &&
        m.street === street,
    );
  }

  /** The revoked row of the same subject, role, estate and street granted again, else a new row. */
  private insertOrReinstate(subject: Subject, role: Role, at: Date, estateId: number, street: string | null): Member {
    const revoked = this.members.find(
      (m) =>
        m.platform === subject.platform &&
        m.subjectKind === subject.kind &&
        m.subjectId === subject.id &&
        m.role === role &&
        m.estateId === estateId &&
        m.street === street &&
        m.revokedAt !== null,
    );
    if (revoked) {
      revoked.revokedAt = null;
      revoked.grantedAt = at;
      if (subject.displayName) revoked.displayName = subject.displayName;
      return revoked;
    }
    const member: Member = {
      id: this.db.nextId('members'),
      platform: subject.platform,
      subjectKind: subject.kind,
      subjectId: subject.id,
      role,
      displayName: subject.displayName ?? null,
      grantedAt: at,
      revokedAt: null,
      estateId,
      street,
    };
    this.members.push(member);
    return member;
  }

  async grant(subject: Subject, role: Role, at: Date, estateId?: number, street?: string): Promise<Member> {
    const estate = estateId ?? DEFAULT_ESTATE_ID;
    return copy(
      this.held(subject, role, estate, street ?? null) ??
        this.insertOrReinstate(subject, role, at, estate, street ?? null),
    );
  }

  async list(): Promise<Member[]> {
    return copy([...this.members].sort(byId));
  }

  async revoke(selector: MemberSelector, at: Date): Promise<Member[]> {
    const revoked = this.current().filter((m) => selects(selector, m));
    for (const m of revoked) m.revokedAt = at;
    return copy(revoked);
  }

  async select(selector: MemberSelector): Promise<Member[]> {
    return copy(this.members.filter((m) => selects(selector, m)).sort(byId));
  }

  async joinFailuresSince(platform: string, chatId: string, since: Date): Promise<Date[]> {
    return this.db.tables.joinAttempts
      .filter((a) => a.platform === platform && a.chatId === chatId && a.outcome === 'failed' && a.at > since)
      .map((a) => a.at)
      .sort((a, b) => a.getTime() - b.getTime());
  }

  async lastJoinRefusalSince(platform: string, chatId: string, since: Date): Promise<Date | undefined> {
    const refusals = this.db.tables.joinAttempts
      .filter((a) => a.platform === platform && a.chatId === chatId && a.outcome === 'refused' && a.at >= since)
      .map((a) => a.at)
      .sort((a, b) => b.getTime() - a.getTime());
    return refusals[0];
  }

  async recordJoinAttempt(platform: string, chatId: string, outcome: 'failed' | 'refused', at: Date): Promise<void> {
    const windowStart = at.getTime() - JOIN_WINDOW_MS;
    const { tables } = this.db;
    tables.joinAttempts = tables.joinAttempts.filter(
      (a) => !(a.platform === platform && a.chatId === chatId && a.at.getTime() < windowStart),
    );
    tables.joinAttempts.push({ platform, chatId, outcome, at });
  }

  async find(
    platform: string,
    kind: 'user' | 'group',
    subjectId: string,
    role?: Role,
    estateId?: number,
  ): Promise<Member | undefined> {
    return copy(
      this.current().find(
        (m) =>
          m.platform === platform &&
          m.subjectKind === kind &&
          m.subjectId === subjectId &&
          (role === undefined || m.role === role) &&
          (estateId === undefined || m.estateId === estateId),
      ),
    );
  }

  async rolesOf(platform: string, userId: string): Promise<Role[]> {
    return this.current()
      .filter((m) => m.platform === platform && m.subjectKind === 'user' && m.subjectId === userId)
      .map((m) => m.role);
  }

  async groups(role: Role, estateId?: number): Promise<Member[]> {
    return copy(
      this.current().filter(
        (m) => m.role === role && m.subjectKind === 'group' && (estateId === undefined || m.estateId === estateId),
      ),
    );
  }

  async streetGroups(street: string): Promise<Member[]> {
    return copy(this.current().filter((m) => m.role === 'street' && m.street === street && m.subjectKind === 'group'));
  }

  async findByName(
    platform: string,
    name: string,
    roles: readonly Role[],
    estateId?: number,
  ): Promise<Member | undefined> {
    return copy(
      this.current().find(
        (m) =>
          m.platform === platform &&
          m.subjectKind === 'user' &&
          roles.includes(m.role) &&
          (estateId === undefined || m.estateId === estateId) &&
          m.displayName?.toLowerCase() === name.toLowerCase(),
      ),
    );
  }

  async findById(id: number): Promise<Member | undefined> {
    return copy(this.members.find((m) => m.id === id));
  }
}

function selects(selector: MemberSelector, m: Member): boolean {
  return selector.kind === 'id'
    ? m.id === selector.id
    : m.platform === selector.platform && m.subjectId === selector.subjectId;
}

export class MemoryConversationStore implements ConversationStore {
  constructor(private readonly db: MemoryDatabase) {}

  async load(platform: string, chatId: string): Promise<Conversation> {
    const row = this.db.tables.conversations.find((c) => c.platform === platform && c.chatId === chatId);
    if (!row) return { platform, chatId, residentId: null, value: { state: 'idle' }, expiresAt: null, version: null };
    return {
      platform,
      chatId,
      residentId: row.residentId,
      value: { ...(JSON.parse(row.data) as object), state: row.state } as ConversationState,
      expiresAt: row.expiresAt && new Date(row.expiresAt),
      version: row.updatedAt,
    };
  }

  async save(
    previous: Conversation,
    value: ConversationState,
    options: { residentId?: number | null; expiresAt?: Date | null; at: Date },
  ): Promise<void> {
    const { state, ...data } = value;
    let updatedAt = options.at.toISOString();
    if (previous.version !== null && updatedAt <= previous.version)
      updatedAt = new Date(new Date(previous.version).getTime() + 1).toISOString();
    const rows = this.db.tables.conversations;
    const row = rows.find((c) => c.platform === previous.platform && c.chatId === previous.chatId);
    const saved = {
      platform: previous.platform,
      chatId: previous.chatId,
      residentId: options.residentId === undefined ? previous.residentId : options.residentId,
      state,
      data: JSON.stringify(data),
      expiresAt: options.expiresAt ? new Date(options.expiresAt) : null,
      updatedAt,
    };
    if (previous.version === null ? row !== undefined : row?.updatedAt !== previous.version)
      throw new ConversationConflictError(previous.platform, previous.chatId);
    if (row) Object.assign(row, saved);
    else rows.push(saved);
  }

  async lapsed(now: Date, limit = 100): Promise<Conversation[]> {
    const lapsed = this.db.tables.conversations
      .filter((c) => c.state !== 'idle' && c.expiresAt !== null && c.expiresAt < now)
      .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime())
      .slice(0, limit);
    return Promise.all(lapsed.map((c) => this.load(c.platform, c.chatId)));
  }
}

/** The lane of an outgoing message (as `laneOf` in src/store/outbox-store.ts). */
function laneOf(message: OutgoingMessage): string {
  if (message.callbackAnswer) return 'answer';
  if (message.urgent) return 'urgent';
  return message.interactive ? 'reply' : 'chat';
}

function toOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    platform: row.platform,
    chatId: row.chatId,
    message: JSON.parse(row.payload) as OutgoingMessage,
    attempts: row.attempts,
    retryKey: row.retryKey,
    ticketId: row.ticketId,
    createdAt: new Date(row.createdAt),
  };
}

export class MemoryOutbox implements Outbox, Deliveries {
  constructor(private readonly db: MemoryDatabase) {}

  async enqueue(item: QueuedMessage, at: Date): Promise<boolean> {
    const { outbox } = this.db.tables;
    if (item.dedupeKey !== undefined && outbox.some((row) => row.dedupeKey === item.dedupeKey)) return false;
    outbox.push({
      id: this.db.nextId('outbox'),
      platform: item.platform,
      chatId: item.chatId,
      lane: laneOf(item.message),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lockedUntil: null,
      lockedBy: null,
      lastError: null,
      finishedAt: null,
      payload: JSON.stringify(item.message),
      retryKey: randomUUID(),
      dedupeKey: item.dedupeKey ?? null,
      ticketId: item.ticketId ?? null,
      platformMessageId: null,
      createdAt: at,
    });
    return true;
  }

  async ticketOfMessage(platform: string, chatId: string, platformMessageId: string): Promise<number | undefined> {
    const row = this.db.tables.outbox.find(
      (r) => r.platform === platform && r.chatId === chatId && r.platformMessageId === platformMessageId,
    );
    return row?.ticketId ?? undefined;
  }

  async forChat(platform: string, chatId: string): Promise<Array<OutboxItem & { status: string }>> {
    return this.db.tables.outbox
      .filter((r) => r.platform === platform && r.chatId === chatId)
      .sort(byId)
      .map((row) => ({ ...toOutboxItem(row), status: row.status }));
  }

  async load(id: number): Promise<OutboxItem | undefined> {
    const row = this.db.tables.outbox.find((r) => r.id === id);
    return row && toOutboxItem(row);
  }

  async setPlatformMessageId(id: number, platformMessageId: string): Promise<void> {
    const row = this.db.tables.outbox.find((r) => r.id === id);
    if (row) row.platformMessageId = platformMessageId;
  }
}

export class MemoryInbox implements InboxPort {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly queue: WorkQueue,
  ) {}

  async saveMany(
    events: readonly IncomingEvent[],
    at: Date,
  ): Promise<Array<{ kind: 'saved'; id: number } | { kind: 'duplicate' }>> {
    const { inbox } = this.db.tables;
    return events.map((event) => {
      if (inbox.some((row) => row.platform === event.platform && row.eventId === event.eventId))
        return { kind: 'duplicate' };
      const id = this.db.nextId('inbox');
      inbox.push({
        id,
        platform: event.platform,
        chatId: event.chat.id,
        lane: 'chat',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        lockedUntil: null,
        lockedBy: null,
        lastError: null,
        finishedAt: null,
        eventId: event.eventId,
        payload: JSON.stringify(event),
        receivedAt: at,
      });
      return { kind: 'saved', id };
    });
  }

  async load(id: number): Promise<InboxItem | undefined> {
    const row = this.db.tables.inbox.find((r) => r.id === id);
    return row && { id: row.id, event: JSON.parse(row.payload) as IncomingEvent, attempts: row.attempts };
  }

  complete(inboxId: number, at: Date): Promise<boolean> {
    return this.queue.complete(inboxId, at);
  }
}

/** The outbox lanes leased before the routine `chat` lane (as in src/store/work-queue.ts). */
const AHEAD_LANES = ['answer', 'urgent', 'reply'];

/** The inbox or the outbox as a work queue, with the rules of src/store/work-queue.ts. */
export class MemoryWorkQueue implements WorkQueue {
  constructor(
    private readonly db: MemoryDatabase,
    readonly name: 'inbox' | 'outbox',
  ) {}

  private get rows(): QueueRow[] {
    return this.db.tables[this.name];
  }

  async leaseDue(now: Date, request: LeaseRequest): Promise<QueueItemRef[]> {
    if (request.platforms?.length === 0 || request.chatIds?.length === 0) return [];
    const pending = this.rows.filter((r) => r.status === 'pending').sort(byId);
    const free = (r: QueueRow) => r.lockedUntil === null || r.lockedUntil < now;
    const candidates = pending.filter(
      (r) =>
        r.nextAttemptAt <= now &&
        free(r) &&
        // The oldest pending item of its chat and lane only.
        !pending.some((e) => e.id < r.id && e.platform === r.platform && e.chatId === r.chatId && e.lane === r.lane) &&
        (request.platforms === undefined || request.platforms.includes(r.platform)) &&
        (request.chatIds === undefined || request.chatIds.includes(r.chatId)),
    );
    const ahead =
      this.name === 'outbox' ? candidates.filter((r) => AHEAD_LANES.includes(r.lane)).slice(0, request.limit) : [];
    const rest = candidates.filter((r) => !ahead.includes(r)).slice(0, Math.max(0, request.limit - ahead.length));
    const until = new Date(now.getTime() + request.leaseMs);
    return [...ahead, ...rest].map((row) => {
      row.lockedUntil = until;
      row.lockedBy = request.holder ?? null;
      return { id: row.id, platform: row.platform, chat_id: row.chatId, attempts: row.attempts };
    });
  }

  async renewLeases(ids: readonly number[], holder: string, now: Date, leaseMs: number): Promise<number> {
    const held = this.rows.filter((r) => ids.includes(r.id) && r.status === 'pending' && r.lockedBy === holder);
    for (const row of held) row.lockedUntil = new Date(now.getTime() + leaseMs);
    return held.length;
  }

  async leaseHolders(now: Date): Promise<string[]> {
    const holders = this.rows
      .filter((r) => r.status === 'pending' && r.lockedUntil !== null && r.lockedUntil >= now && r.lockedBy !== null)
      .map((r) => r.lockedBy!);
    return [...new Set(holders)];
  }

  async releaseLeasesOf(holders: readonly string[]): Promise<number> {
    const held = this.rows.filter((r) => r.status === 'pending' && r.lockedBy !== null && holders.includes(r.lockedBy));
    for (const row of held) Object.assign(row, { lockedUntil: null, lockedBy: null });
    return held.length;
  }

  async complete(id: number, at: Date): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id && r.status === 'pending');
    if (!row) return false;
    Object.assign(row, {
      status: this.name === 'inbox' ? 'done' : 'sent',
      lockedUntil: null,
      lockedBy: null,
      lastError: null,
      finishedAt: at,
    });
    return true;
  }

  async fail(id: number, error: string, retryAt: Date | undefined): Promise<void> {
    const row = this.rows.find((r) => r.id === id && r.status === 'pending');
    if (!row) return;
    Object.assign(row, {
      status: retryAt === undefined ? 'failed' : 'pending',
      attempts: row.attempts + 1,
      nextAttemptAt: retryAt ?? row.nextAttemptAt,
      lockedUntil: null,
      lockedBy: null,
      lastError: error.slice(0, 2000),
    });
  }
}

export class MemoryRevisitStore implements RevisitStore {
  constructor(private readonly db: MemoryDatabase) {}

  async request(
    input: { ticketId: number; residentId: number; reason: RevisitReason; rating: number | null },
    at: Date,
  ): Promise<Revisit | undefined> {
    const { revisits } = this.db.tables;
    if (revisits.some((r) => r.ticketId === input.ticketId && r.residentId === input.residentId && r.status !== 'done'))
      return undefined;
    const revisit: Revisit = {
      id: this.db.nextId('revisits'),
      ...input,
      status: 'open',
      requestedAt: at,
      callerMemberId: null,
      startedAt: null,
      outcome: null,
      finishedAt: null,
    };
    revisits.push(revisit);
    return copy(revisit);
  }

  async findById(id: number): Promise<Revisit | undefined> {
    return copy(this.db.tables.revisits.find((r) => r.id === id));
  }

  async start(id: number, memberId: number, at: Date): Promise<boolean> {
    const revisit = this.db.tables.revisits.find((r) => r.id === id && r.status === 'open');
    if (!revisit) return false;
    Object.assign(revisit, { status: 'started', callerMemberId: memberId, startedAt: at });
    return true;
  }

  async startedByCaller(memberIds: readonly number[]): Promise<Revisit | undefined> {
    return this.latestStarted((r) => r.callerMemberId !== null && memberIds.includes(r.callerMemberId));
  }

  async startedForResident(platform: string, userId: string): Promise<Revisit | undefined> {
    const residents = this.db.tables.identities
      .filter((i) => i.platform === platform && i.platformUserId === userId)
      .map((i) => i.residentId);
    return this.latestStarted((r) => residents.includes(r.residentId));
  }

  private latestStarted(which: (r: Revisit) => boolean): Revisit | undefined {
    const started = this.db.tables.revisits
      .filter((r) => r.status === 'started' && which(r))
      .sort((a, b) => b.startedAt!.getTime() - a.startedAt!.getTime() || b.id - a.id);
    return copy(started[0]);
  }

  async finish(id: number, outcome: string, at: Date): Promise<boolean> {
    const revisit = this.db.tables.revisits.find((r) => r.id === id && r.status === 'started');
    if (!revisit) return false;
    Object.assign(revisit, { status: 'done', outcome, finishedAt: at });
    return true;
  }
}
