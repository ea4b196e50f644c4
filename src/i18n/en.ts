import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { Hazard } from '../tickets/hazard.ts';
import type { Catalog, TicketStatusView } from './catalog.ts';
import { agendaEn } from './agenda-en.ts';
import { escalationEn } from './escalation-en.ts';
import { workloadEn } from './workload-en.ts';
import { templatesEn } from './templates-en.ts';
import { revisitEn } from './revisit-en.ts';

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

// What to do now, per danger: said before anything else in an urgent receipt.
const URGENT_ADVICE: Record<Hazard, (n: EmergencyNumbers) => string> = {
  trapped: (n) =>
    'Trapped in a lift: stay calm and press the alarm or intercom button in the lift; do not force the doors or try to climb out, wait for rescue.' +
    (n.lift ? ` Lift emergency rescue: ${n.lift}.` : '') +
    (n.ambulance ? ` If someone feels unwell, call ${n.ambulance}.` : ''),
  gas: (n) =>
    'Smell of gas: do not switch lights or appliances on or off, do not use a phone or any flame indoors; open windows and doors, ' +
    `turn off the gas valve if you can do so safely, and leave. Call from outside: ${n.gas ? `the gas company on ${n.gas}` : "the gas company's emergency line"}` +
    `${n.fire ? `, or ${n.fire} if it is serious` : ''}.`,
  fire: (n) =>
    `Fire or smoke: leave by the stairs at once, never the lift; cover your nose and mouth with a wet cloth and keep low; once out, call ${n.fire ?? 'the fire brigade'}.`,
  water: (n) =>
    'Burst pipe or flooding: close the water valve if you can do so safely; keep away from electrics, sockets and the fuse box, switch the power off if needed, and do not walk through water near live power.' +
    (n.ambulance ? ` If someone is hurt, call ${n.ambulance}.` : ''),
  injury: (n) =>
    `Someone hurt or collapsed: call ${n.ambulance ?? 'an ambulance'} now; do not move them unless they are in danger, and stay with them until help comes.`,
  falling: (n) =>
    'Something falling or about to fall: keep away from the area below, do not stand or park there; warn passers-by and cordon it off if you can.' +
    (n.ambulance ? ` If someone is hit, call ${n.ambulance}.` : ''),
  other: (n) =>
    `Keep away from the danger and do not touch wires or anything dangerous; if anyone's life is at risk call ${n.police ?? 'the police'}${n.ambulance ? ` or ${n.ambulance}` : ''}.`,
};

function emergencyLine(n: EmergencyNumbers): string {
  const names = {
    lift: 'lift rescue',
    fire: 'fire',
    ambulance: 'ambulance',
    police: 'police',
    gas: 'gas company',
  } as const;
  return (Object.keys(names) as Array<keyof typeof names>)
    .filter((k) => n[k])
    .map((k) => `${names[k]} ${n[k]}`)
    .join(' · ');
}

/** " (working time, by 2026-10-08 12:00)" after a status answer's promise. */
function statusBy(v: TicketStatusView): string {
  return v.by ? ` (${v.workingTime ? 'working time, ' : ''}by ${v.by})` : '';
}
export const en: Catalog = {
  categoryName: {
    greening: 'greening',
    water_supply: 'water supply',
    security: 'safety and order',
    upkeep: 'repairs and cleaning',
    other: 'other',
  },
  statusName: {
    open: 'waiting',
    acknowledged: 'acknowledged',
    in_progress: 'in progress',
    resolved: 'resolved',
    explained: 'cannot be fixed now (explained)',
    closed: 'closed',
    duplicate: 'merged',
  },
  urgencyName: { normal: 'normal', urgent: 'urgent' },
  hazardName: {
    trapped: 'trapped in a lift',
    gas: 'gas leak',
    fire: 'fire or smoke',
    water: 'burst pipe or flooding',
    injury: 'someone hurt',
    falling: 'falling object',
    other: 'other danger',
  },
  languageName: { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  duration,
  defaultCommunity: 'your estate',
  welcome: ({ community }) =>
    `Hello! This is the neighbourhood helper of ${community}.\n` +
    'Tell me about any problem on the estate — no water, a broken lift, a tree that needs pruning, clutter in the stairwell, noise — in your own words, with a photo or location if you like.\n' +
    'I will file it with the property management and tell you here how it goes.\n' +
    'Commands: /mytickets your reports, /lang change language, /help help.',
  help: ({ numbers: n }) =>
    'To report a problem, just send one message saying what and where, e.g. "no water in building 3, entrance 2". Photos, locations and voice notes are welcome.\n' +
    '/mytickets see your reports and their progress\n/withdraw REF take back your own report\n/lang change language (简体/繁體/English)\n/estate choose or change your estate\n/forgetme delete my personal data\n' +
    "The property firm's answers and results will reach you here. " +
    (emergencyLine(n)
      ? `In an emergency (someone trapped in a lift, fire, someone hurt) call first: ${emergencyLine(n)}.`
      : 'In an emergency (fire, someone hurt) call the emergency services first.'),
  estateAsk: ({ kept, more }) =>
    `${kept ? 'Got it — I have kept what you wrote and will file it as soon as you choose your estate.\n' : ''}Which estate do you live on? Tap it below.` +
    (more ? '\nNot listed? Send "join CODE" with the code on the poster on your notice board.' : ''),
  estateJoined: ({ name }) =>
    `Thank you: you are with ${name} now. Tell me about any problem; to change estate, send /estate.`,
  estateUnknown: ({ code }) =>
    `There is no estate with the code "${code}"; please check the QR code or code on the poster.`,
  estateCurrent: ({ name, change }) => `Your estate is ${name}.${change ? ' To change it, tap another below.' : ''}`,
  askPlace:
    'Got it. Which building or where exactly? (e.g. "building 5, entrance 2" or "central garden") Reply in words or tap a button.',
  placeSkip: 'Not sure / skip',
  placeOptionBuilding: (b) => (/^[A-Z]$/.test(b) ? `Block ${b}` : `Building ${b}`),
  receipt: ({
    reference,
    category,
    urgent,
    responseWithin,
    resolutionWithin,
    responseBy,
    resolutionBy,
    workingTime,
    place,
  }) =>
    `Filed as ${reference} (${en.categoryName[category]}${urgent ? ', urgent' : ''})${place ? `, at ${place}` : ''}.\n` +
    `The property firm will answer within ${responseWithin} (by ${responseBy}${workingTime ? '; the clock stops outside working hours' : ''}) and usually fix it within ${resolutionWithin} (by ${resolutionBy}); you will hear about progress here.\n` +
    'To add photos or details, just send them.',
  urgentReceipt: ({ reference, category, hazard, numbers: n, place }) =>
    `${en.urgentAdvice({ hazard, numbers: n })}\nFiled as urgent: ${reference} (${en.categoryName[category]})${place ? `, at ${place}` : ''}. The property firm is acting on it now; you will hear about progress here. ` +
    'To add photos or details, just send them.',
  urgentAdvice: ({ hazard, numbers: n }) =>
    `🚨 First, stay safe:\n${URGENT_ADVICE[hazard](n)}${emergencyLine(n) ? `\nEmergency numbers: ${emergencyLine(n)}` : ''}`,
  joinedExisting: ({ reference, category, neighbours }) =>
    `${neighbours} ${neighbours === 1 ? 'neighbour has' : 'neighbours have'} already reported this (${reference}, ${en.categoryName[category]}). ` +
    'You have been added to its reporters and will be told about progress too.',
  detailsAdded: ({ reference }) => `Added to ${reference}.`,
  placeRecorded: ({ reference, place }) => `Noted the place: ${place} (${reference}); the property firm has it.`,
  choiceAsk: ({ reference }) => `Is this more about ${reference}, or a new problem?`,
  choiceAdd: ({ reference }) => `More on ${reference}`,
  choiceNew: 'New problem',
  greetingReply: 'Hello! Tell me about any problem, e.g. "the lift in building 3 is broken". Send /help for more.',
  thanksReply: "You're welcome! Tell me any time something else comes up.",
  ackReply: 'OK. Tell me any time something changes.',
  notUnderstood:
    'I did not understand that message. To report a problem, say what it is and where; send /help for more.',
  questionReply:
    "I file residents' reports with the property management: send me the problem and where it is, and I will keep you posted. Text, photos, locations and voice notes all work. Send /help for more.",
  quotedReference:
    'If you have a problem too, just tell me what it is and where (building, spot), and I will file it for you.',
  describePrompt: 'Got it. Please add one sentence saying what the problem is, so I can file it.',
  voiceSummary: 'Voice message (staff: please listen)',
  heard: ({ text }) => `What I heard: "${text}"\nIf I misheard, just reply with the correction.`,
  heardAdded: ({ reference, text }) =>
    `What I heard: "${text}" — added to ${reference}.\nIf I misheard, just reply with the correction.`,
  heardCorrectedBeforeFiling: ({ text }) => `Got it, corrected to: "${text}"`,
  heardCorrected: ({ reference, text, urgent }) =>
    `Corrected. ${reference} now reads: "${text}"${urgent ? '\nIt is now marked urgent: the property firm is told at once.' : ''}`,
  voiceListen: 'A member of staff will listen to your voice message and deal with it as soon as possible.',
  voiceTooShort:
    'That voice message was too short to hear (under half a second). Please hold the record button and say it again, or type it.',
  photoOnlySummary: 'Photo or location from a resident, without a description',
  truncatedNote: (limit) => `(Your message was very long; only the first ${limit} characters were kept.)`,
  emptyMessage:
    'That message was empty. Please describe the problem in words, e.g. "corridor light broken in building 5".',
  myTicketsEmpty: 'You have not reported anything yet. Just send a message describing the problem.',
  myTicketsHeader: (n) => `Your reports (${n}):`,
  myTicketLine: (t) =>
    `${t.reference} (${en.categoryName[t.category]}${t.place ? `, ${t.place}` : ''}) ${t.withdrawn ? en.withdrawnStatus : en.statusName[t.status]}: ${t.summary}` +
    (t.joined ? ` (the same problem neighbours reported${t.ownWords ? `; you said: ${t.ownWords}` : ''})` : ''),
  ticketStatus: (v) =>
    `${v.reference} (${en.categoryName[v.category]}${v.place ? `, ${v.place}` : ''}) is now: ${v.withdrawn ? en.withdrawnStatus : en.statusName[v.status]}. ` +
    (v.withdrawn
      ? ''
      : {
          respond: `The property firm will answer within ${v.within ?? ''}${statusBy(v)}; you will hear about progress here.`,
          resolve: `The property firm is arranging the work and expects to finish within ${v.within ?? ''}${statusBy(v)}; you will hear about progress here.`,
          overdue:
            'It is past the promised time; the property firm is being reminded to hurry. You will hear about progress here.',
          resolved: 'The property firm says it is fixed; if it is not, reply "not fixed" and it reopens.',
          explained:
            'The property firm explained that it cannot be fixed now; it goes to the tripartite meeting and you will hear the outcome.',
          ended: 'This report is finished. For a new problem, just send a message.',
        }[v.next]),
  noActiveTickets:
    'You have no reports in progress. To report a problem, say what it is and where, and I will file it.',
  langPrompt: 'Choose a language:',
  langChanged: 'OK, I will write to you in English from now on.',
  forgetMePrompt:
    'Delete the personal data you left here?\n' +
    'Deleted: the link to your account, your name, phone and flat, the words, photos and voice notes you sent, and our conversation.\n' +
    "Kept: the tickets themselves (only a summary without personal details, for the figures); neighbours' reports of the same problems are not affected.\n" +
    'This cannot be undone, and you will no longer hear about these tickets.',
  forgetMeConfirm: 'Delete my data',
  forgetMeKeep: 'Keep it',
  forgetMeKept: 'OK, nothing was deleted.',
  forgetMeDone: 'Your personal data has been deleted. If you write again, you will be treated as a new user.',
  failedApology: 'Sorry, your message could not be processed just now. It has been kept and staff will follow up.',
  unknownCommand: 'Unknown command. Send /help for help.',
  staffReplied: ({ reference, text }) => `Reply from the property firm (${reference}): ${text}`,
  acknowledged: ({ reference }) =>
    `The property firm has taken up your report ${reference} and will arrange the work soon.`,
  workStarted: ({ reference }) => `Work on ${reference} has started.`,
  resolvedAsk: ({ reference, note }) =>
    `The property firm says ${reference} is fixed${note ? `: ${note}` : '.'}\nIs it really fixed? Please also rate how it was handled (1–5).`,
  fixedYes: 'Fixed',
  fixedNo: 'Not fixed',
  rateAsk: 'Rate the handling:',
  explainedToResident: ({ reference, reason, plan }) =>
    `About ${reference}: the property firm explains that it cannot be fixed right away.\nReason: ${reason}\nLong-term plan: ${plan}\nIt goes to the next tripartite meeting (Party branch, residents' committee, property firm), and you will hear the outcome.`,
  reopenedToResident: ({ reference }) =>
    `${reference} has been reopened and the property firm told; they will follow up.`,
  ratingThanks: 'Thank you for your rating!',
  alreadyRated: ({ reference, rating }) => `You have already rated ${reference} (${rating}/5). Thank you!`,
  fixedThanks: 'Thanks for confirming!',
  withdrawn: ({ reference }) => `Your report on ${reference} has been withdrawn; you will no longer hear about it.`,
  withdrawnStatus: 'withdrawn',
  neighbourWithdrew: ({ reference }) =>
    `A neighbour withdrew their report on ${reference}; yours is still being handled and you will keep hearing about progress.`,
  mergedToResident: ({ reference, into }) =>
    `Your report ${reference} is the same problem as ${into}; they are now handled together and you will keep hearing about progress.`,
  decisionToResident: ({ reference, decision, lead, due }) =>
    `The tripartite meeting discussed your report ${reference}: ${decision} (led by ${lead}${due ? `, expected by ${due}` : ''}).`,
  notYourTicket: 'No report of yours has that reference. Send /mytickets to see yours.',
  staffOnly: 'Sorry, only property staff can do that. To report a problem, just send a message.',
  staff: {
    card: ({ reference, category, urgent, hazard, place, summary, reporters, status, hasPhoto, threaded, due }) =>
      `${urgent ? `🚨 URGENT${hazard ? ` (${en.hazardName[hazard]})` : ''}` : status === 'open' ? '🆕' : '📋'} ${reference} | ${en.categoryName[category]} | ${en.statusName[status]}\n` +
      `Place: ${place || 'not given'}\n${summary}\nReporters: ${reporters}${hasPhoto ? ' | photo attached' : ''}\n` +
      (due ? `Due: ${due.response ? `answer by ${due.response} | ` : ''}fix by ${due.resolution}\n` : '') +
      (threaded
        ? 'Reply to this message to answer the residents, or use /reply REF text.'
        : `To answer the residents: /reply ${reference} text`),
    coReporter: ({ reference, reporters }) => `👥 Another neighbour reported ${reference}; ${reporters} in all.`,
    reporterWithdrew: ({ reference, reporters }) =>
      `↩️ A resident withdrew their report on ${reference}; ${reporters} ${reporters === 1 ? 'reporter remains' : 'reporters remain'} and the ticket stays open.`,
    withdrawnClosed: ({ reference }) => `↩️ Every reporter of ${reference} has withdrawn; the ticket is closed.`,
    buttonAck: 'Acknowledge',
    buttonResolve: 'Resolved',
    buttonExplain: 'Explain (cannot fix now)',
    buttonCategory: 'Change category',
    buttonReply: 'Reply to resident',
    cardVoiceHeard:
      '🎤 Sent as a voice note: the text above is a machine transcript; the recording is there to check it.',
    cardVoiceListen: '🎤 Voice note without a transcript: please listen to the recording and set the category.',
    transcriptCorrected: ({ reference, text, category, urgent }) =>
      `${urgent ? '🚨 ' : ''}✏️ ${reference}: the resident corrected what was heard in their voice note. It now reads: "${text}"` +
      (category ? `\nCategory: ${en.categoryName[category.from]} → ${en.categoryName[category.to]}` : '') +
      (urgent ? '\nNow URGENT.' : ''),
    urgencyRaised: ({ reference, text }) =>
      `🚨 ${reference} is now URGENT: a neighbour reported the same problem as a danger: "${text}"`,
    cardRecordingInConsole: "🎧 The recording is on the ticket's page in the web console.",
    cardRecordingUnavailable:
      '⚠️ The recording could not be fetched from the chat app: answer the resident to ask them to say it again or type it.',
    recordingLink: ({ url, days }) =>
      `🎧 The resident's recording (opens in the browser; the link works for ${days} days):\n${url}`,
    chooseCategory: (reference) => `New category for ${reference}?`,
    done: ({ reference, action, by }) => `✅ ${reference} ${action} (${by})`,
    actionNames: {
      ack: 'acknowledged',
      work: 'work started',
      resolve: 'resolved',
      explain: 'explained',
      recategorize: 'recategorised',
      assign: 'assigned',
      merge: 'merged',
      note: 'internal note added',
      reply: 'reply sent to residents',
    },
    actionVerbs: {
      ack: 'acknowledge',
      work: 'start work on',
      resolve: 'mark as resolved',
      explain: 'mark as explained',
      recategorize: 'recategorise',
      assign: 'assign',
      merge: 'merge',
      note: 'add a note to',
      reply: 'reply on',
    },
    askReason: (reference) => `Why can ${reference} not be fixed now? (reply with text; "cancel" to stop)`,
    askPlan: (reference) => `What is the long-term plan for ${reference}? (reply with text; "cancel" to stop)`,
    explainPreview: ({ reference, texts, reporters }) =>
      `This is what the ${reporters === 1 ? 'reporter' : `${reporters} reporters`} of ${reference} will receive:\n\n${texts.join('\n\n')}\n\nSend it? Reply "confirm" to send, "cancel" to drop it.`,
    buttonConfirm: 'Send',
    buttonCancel: 'Cancel',
    confirmWords: ['confirm', 'send', '确认', '確認'],
    explainAwaitingConfirm: (reference) =>
      `The explanation of ${reference} is not sent yet: reply "confirm" to send it or "cancel" to drop it.`,
    explainCancelled: (reference) => `Explanation of ${reference} cancelled; nothing was sent to residents.`,
    explainTimedOut: (reference) =>
      `The explanation of ${reference} was left unfinished too long and is cancelled; nothing was sent. Start again when ready.`,
    nothingToConfirm: 'No explanation is waiting for your confirmation.',
    explainNeedsBoth: 'Explain needs both a reason and a long-term plan. Usage: /explain REF reason | plan',
    illegal: ({ reference, status, action }) =>
      `${reference} is "${en.statusName[status]}", so you cannot ${action} it.`,
    notHere: "Ticket commands work only in the staff group, or in a staff member's private chat with me.",
    unknownCommand: 'No such command. Send /staff for the staff commands.',
    notFound: (reference) => `${reference} not found.`,
    noSuchStaff: (name) => `No staff member is called "${name}"; they need to /join with an invite code first.`,
    reopened: ({ reference, reporters }) =>
      `🚨 A resident says ${reference} is not fixed; it has been reopened (${reporters === 1 ? '1 reporter' : `${reporters} reporters`}).`,
    overdue: ({ reference, kind, due, summary }) => `⏰ ${reference} passed its ${kind} deadline (${due}): ${summary}`,
    listHeader: (n) => `Tickets (${n}):`,
    listEmpty: 'No tickets match.',
    unknownFilter: ({ word, categories, statuses }) =>
      `"${word}" is not a filter. After /tickets write open, overdue, all, a category (${categories}) or a status (${statuses}).`,
    history: 'History:',
    eventLine: ({ at, kind, by, text }) => `${at} ${kind} (${by})${text ? `: ${text}` : ''}`,
    eventKindName: {
      created: 'filed',
      reporter_added: 'another reporter',
      details_added: 'resident added details',
      attachment_added: 'attachment',
      acknowledged: 'acknowledged',
      replied: 'replied to residents',
      started: 'work started',
      resolved: 'resolved',
      explained: 'explained (cannot fix now)',
      recategorized: 'recategorised',
      urgency_raised: "made urgent by a neighbour's report",
      assigned: 'assigned',
      merged: 'merged a duplicate',
      merged_into: 'merged into another ticket',
      note: 'internal note',
      reopened: 'reopened',
      confirmed_fixed: 'resident confirmed fixed',
      rated: 'resident rated',
      withdrawn: 'withdrawn by resident',
      closed: 'closed',
      overdue: 'overdue',
      reminded: 'deadline reminder',
      escalated: 'escalated (督办)',
      decision: 'meeting decision',
      delivery_failed: 'message not delivered',
      erased: 'personal details erased',
      revisit: 'follow-up call',
      contact_details_shown: "viewed the residents' contact details",
    },
    actorName: { resident: 'resident', system: 'system' },
    joinPrompt:
      'Hello! I am the estate helpdesk bot. An admin registers this group by sending /join CODE here (codes come from linli invite): as the staff group, or as a recipient of the meeting agenda.',
    joinedGroup: (role) =>
      `This group is now registered as the ${role} group; new tickets and notices will arrive here.`,
    backlog: ({ total, urgent, shown }) =>
      `${total === 1 ? '1 ticket is' : `${total} tickets are`} waiting${urgent > 0 ? ` (${urgent} urgent)` : ''}. ${total > shown ? `Here ${shown === 1 ? 'is 1' : `are ${shown}`} of them` : total === 1 ? 'Here it is' : 'Here they are'}, urgent and longest waiting first:`,
    backlogMore: (more) => `${more === 1 ? '1 more is' : `${more} more are`} not shown; send /tickets for the list.`,
    joinedPerson: (role) => `You now have the ${role} role.`,
    alreadyMember: (role) => `Already registered as ${role}.`,
    badCode: 'That invite code is not valid or has expired. Ask an admin for a new one.',
    joinTooMany: (minutes) =>
      `Too many wrong codes. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`,
    usage:
      'Staff commands:\n/tickets [open|overdue|all|category|status] list\n/show REF details\n/search TEXT\n/reply REF text answer the residents\n/ack REF acknowledge\n/work REF start work\n' +
      "/resolve REF [note]\n/explain REF reason | plan\n/category REF category\n/assign REF [NAME] (yourself, or a named staff member)\n/merge REF TARGET\n/note REF internal note\n/decide REF decision | lead | YYYY-MM-DD record the meeting's decision\n/cancel stop an explanation in progress\n/mine your open tickets, overdue first\n/tpl [NAME] REF canned reply (/tpl help for more)\n/console a sign-in link to the web console (private chat with the bot only)",
    adminUsage:
      'Admin commands:\n/members list members\n/revoke ID or platform:user-id take a role away\n/workload open and overdue tickets and first-response times per staff member',
    adminOnly: 'Sorry, only an admin can do that.',
    membersHeader: (n) => (n === 1 ? 'Members (1):' : `Members (${n}):`),
    memberLine: ({ id, role, group, name, address, joined, revoked }) =>
      `#${id} ${role} | ${group ? 'group' : 'person'} ${name} (${address}) | joined ${joined}${revoked ? ` | revoked ${revoked}` : ''}`,
    revoked: (lines) => `Revoked:\n${lines.join('\n')}\nTheir buttons and commands stop working now.`,
    revokeNone: (selector) => `No active member matches "${selector}". Send /members to see the ids.`,
    revokeSelf: 'You cannot revoke yourself in the chat; use linli revoke on the command line.',
    revokeUsage: 'Usage: /revoke ID (e.g. #12) or platform:user-id (e.g. telegram:12345)',
    replyNeedsText: 'Please add the reply text: /reply REF text',
    rated: ({ reference, rating }) => `⭐ ${reference} rated ${rating}/5 by a resident`,
    roleName: {
      staff: 'property staff',
      committee: "residents' committee",
      party_branch: 'Party branch',
      admin: 'admin',
      street: 'street',
    },
  },
  agenda: agendaEn,
  escalation: escalationEn,
  workload: workloadEn,
  templates: templatesEn,
  revisit: revisitEn,
};
