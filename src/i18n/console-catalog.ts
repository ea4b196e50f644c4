import type { Sort } from '../console/ticket-filter.ts';

/**
 * Texts of the staff web console. Category, status, urgency, hazard and history names come from the
 * main catalogue (`Catalog`), so the console and the chat call things the same.
 */
export interface ConsoleCatalog {
  /** The `lang` attribute of the page. */
  htmlLang: string;
  title: string;
  nav: {
    tickets: string;
    figures: string;
    agenda: string;
    members: string;
    workload: string;
    templates: string;
    /** The estate chooser, for a person with roles in several estates. */
    estates: string;
    signOut: string;
    signedInAs(p: { name: string; role: string }): string;
    /** What a street member reads: its street's estates. */
    streetScope(p: { street: string; estates: number }): string;
    language: string;
  };
  /** The estate chooser: a person with roles in several estates picks the one the session works in. */
  chooser: {
    intro: string;
    /** The entry of the street role: it reads every estate of these streets. */
    street(p: { streets: string }): string;
    /** Marks the estate the session works in now. */
    current: string;
    choose: string;
  };
  signIn: {
    title: string;
    /** Shown to a visitor without a session: how to get a link. */
    howTo: string;
    refused: string;
    rateLimited: string;
    signedOut: string;
    /** The button on the link's landing page (a GET never signs in: link scanners must not use the link up). */
    button: string;
    confirm: string;
  };
  filters: {
    legend: string;
    estate: string;
    category: string;
    status: string;
    building: string;
    noBuilding: string;
    assignee: string;
    unassigned: string;
    overdue: string;
    urgent: string;
    from: string;
    to: string;
    search: string;
    searchHint: string;
    sort: string;
    sortName: Record<Sort, string>;
    any: string;
    apply: string;
    clear: string;
  };
  list: {
    count(n: number): string;
    /** When counting stopped: at least `n` match. */
    countAtLeast(n: number): string;
    /** The page number when the number of pages is not counted. */
    pageOnly(page: number): string;
    empty: string;
    columns: {
      reference: string;
      status: string;
      category: string;
      place: string;
      summary: string;
      reporters: string;
      created: string;
      due: string;
    };
    overdueMark: string;
    page(p: { page: number; pages: number }): string;
    previous: string;
    next: string;
    exportCsv: string;
    exportXlsx: string;
  };
  ticket: {
    back: string;
    summary: string;
    description: string;
    place: string;
    noPlace: string;
    urgency: string;
    reporters: string;
    assignee: string;
    created: string;
    responseDue: string;
    resolutionDue: string;
    firstResponse: string;
    resolvedAt: string;
    notYet: string;
    overdue: string;
    explanation: string;
    reason: string;
    plan: string;
    history: string;
    photos: string;
    noPhotos: string;
    photoUnavailable: string;
    voice: string;
    /** Heading of the ticket's voice notes, played in the page. */
    recordings: string;
    recordingUnavailable: string;
  };
  /** Column headers of the CSV and XLSX exports (no personal details are exported). */
  exportColumns: {
    reference: string;
    status: string;
    category: string;
    urgency: string;
    building: string;
    place: string;
    summary: string;
    reporters: string;
    created: string;
    firstResponse: string;
    resolved: string;
    responseDue: string;
    resolutionDue: string;
    overdue: string;
  };
  /** The staff actions on a ticket page (the outcome is said with the chat's own texts). */
  actions: {
    heading: string;
    ack: string;
    work: string;
    resolve: string;
    resolveNote: string;
    reply: string;
    replyText: string;
    /** Under the reply box: every reporter receives these words. */
    replyHint: string;
    explain: string;
    reason: string;
    plan: string;
    explainHint: string;
    recategorize: string;
    note: string;
    noteText: string;
    noteHint: string;
    assign: string;
    assignTo: string;
    merge: string;
    /** The label of the field taking the other ticket's reference. */
    mergeInto: string;
    mergeHint: string;
    contact: string;
    /** Under the contact-details button: who may, and that it is recorded. */
    contactHint: string;
    /** The canned-reply form under the reply box (`/tpl NAME REF [DATE] [TIME]` of the chat). */
    template: string;
    templateName: string;
    templateDate: string;
    templateTime: string;
    templateHint: string;
  };
  /** The outcomes of the assign, merge and contact-details actions the chat's texts do not cover. */
  outcomes: {
    noSuchAssignee: string;
    noSuchTarget(reference: string): string;
    mergeTargetClosed(reference: string): string;
    sameTicket: string;
    notAssignee: string;
    noSuchTemplate: string;
    badDateTime: string;
  };
  /** The canned replies page (admins): `/tpl list|add|delete` of the chat. */
  templates: {
    intro: string;
    /** What {ref}, {place}, {date} and {time} stand for. */
    placeholders: string;
    name: string;
    language: string;
    text: string;
    save: string;
    add: string;
    /** Deletes one language's text. */
    delete: string;
    /** Deletes the template, every language. */
    deleteAll: string;
    /** No text in this language: the reader gets another language's. */
    missing: string;
    empty: string;
    emptyText: string;
    /** Under a template of every estate, shown read-only to an estate's admin (several estates). */
    shared: string;
  };
  /** The page the contact-details action answers with (shown once, to the assignee). */
  contacts: {
    title(reference: string): string;
    recorded: string;
    original: string;
    coReporter: string;
    name: string;
    phone: string;
    unit: string;
    reach: string;
    words: string;
    none: string;
    unknown: string;
  };
  /** The figures page (rates and counts use the agenda's own names, `AgendaCatalog`). */
  figures: {
    span(p: { from: string; to: string }): string;
    asOf(at: string): string;
    total: string;
    byWeek: string;
    week: string;
    soFar: string;
    newChart: string;
    ratesChart: string;
    ratesNote: string;
    /** The table comparing the estates a session reads (a street's). */
    byEstate: string;
    estate: string;
  };
  /** The agenda pages (the agenda's own texts come from `AgendaCatalog`). */
  agendas: {
    none: string;
    compiled(at: string): string;
    items(n: number): string;
    sent: string;
    notSent: string;
    print: string;
    decisions: string;
    noDecisions: string;
    decide: string;
    decision: string;
    lead: string;
    due: string;
    decideHint: string;
    recorded(p: { reference: string; notified: number }): string;
    emptyText: string;
    badDate: string;
    noAgenda: string;
  };
  /** The members page (admins). */
  members: {
    invite: string;
    role: string;
    create: string;
    code(p: { code: string; until: string }): string;
    howTo(p: { code: string; role: string }): string;
    qr: string;
    list: string;
    id: string;
    name: string;
    platform: string;
    kind: { user: string; group: string };
    granted: string;
    revoked: string;
    active: string;
    revoke: string;
    revokeConfirm: string;
    revokedNow(n: number): string;
    revokeNone: string;
    revokeSelf: string;
    activity: string;
    when: string;
    who: string;
    what: string;
    ticket: string;
    grantedRole(role: string): string;
    revokedRole(role: string): string;
    noActivity: string;
  };
  /** The workload page (admins): `/workload` of the chat as a table; the note and the empty text are the chat's. */
  workload: {
    intro(days: number): string;
    name: string;
    open: string;
    overdue: string;
    responses(days: number): string;
    median: string;
  };
  /** `/console` in the chat. */
  chat: {
    link(p: { url: string; minutes: number }): string;
    /** The `/console` line of a meeting group's `/help`. */
    helpLine: string;
    membersOnly: string;
    privateOnly: string;
  };
  yes: string;
  no: string;
  errors: {
    notFound: string;
    forbidden: string;
    csrf: string;
    backToList: string;
  };
}
