import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { Hazard } from '../tickets/hazard.ts';
import type { Catalog, TicketStatusView } from './catalog.ts';
import { agendaZhCN } from './agenda-zh-cn.ts';
import { escalationZhCN } from './escalation-zh-cn.ts';
import { workloadZhCN } from './workload-zh-cn.ts';
import { templatesZhCN } from './templates-zh-cn.ts';
import { revisitZhCN } from './revisit-zh-cn.ts';

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = ms / 3_600_000;
  if (hours < 48) return `${Math.round(hours)} 小时`;
  return `${Math.round(hours / 24)} 天`;
}

// What to do now, per danger: said before anything else in an urgent receipt.
const URGENT_ADVICE: Record<Hazard, (n: EmergencyNumbers) => string> = {
  trapped: (n) =>
    '被困电梯：保持冷静，按电梯里的警铃或对讲按钮求助；不要扒门，不要试图爬出轿厢，等待救援。' +
    (n.lift ? `可拨打电梯应急救援电话 ${n.lift}。` : '') +
    (n.ambulance ? `有人身体不适请拨 ${n.ambulance}。` : ''),
  gas: (n) =>
    '闻到燃气味：不要开关电灯和电器，不要在室内打电话、点火；打开门窗，能安全做到就关掉燃气阀，人马上离开，' +
    `到室外再打电话：${n.gas ? `燃气公司抢修 ${n.gas}` : '燃气公司抢修电话'}${n.fire ? `，情况严重拨 ${n.fire}` : ''}。`,
  fire: (n) =>
    `起火或冒烟：马上走楼梯离开，不要乘电梯；用湿毛巾捂住口鼻，弯腰低姿前进；离开后拨打${n.fire ? ` ${n.fire}` : '火警电话'}。`,
  water: (n) =>
    '爆管或进水：能安全做到就关闭进水阀门；远离电器、插座和配电箱，必要时拉下电闸，不要在有电的积水中走动。' +
    (n.ambulance ? `有人受伤请拨 ${n.ambulance}。` : ''),
  injury: (n) =>
    `有人受伤或晕倒：马上拨打${n.ambulance ? ` ${n.ambulance}` : '急救电话'}；不要随意搬动伤者，留在身边等救援。`,
  falling: (n) =>
    '有东西坠落或快要掉下：远离下方区域，不要在下面停留、停车；提醒行人绕行，能做到就先围起来。' +
    (n.ambulance ? `有人被砸伤请拨 ${n.ambulance}。` : ''),
  other: (n) =>
    `请先远离危险的地方，不要触碰电线等危险物；有人身危险请拨${n.police ? ` ${n.police}` : '打报警电话'}${n.ambulance ? ` 或 ${n.ambulance}` : ''}。`,
};

function emergencyLine(n: EmergencyNumbers): string {
  const names = { lift: '电梯困人', fire: '火警', ambulance: '急救', police: '报警', gas: '燃气抢修' } as const;
  return (Object.keys(names) as Array<keyof typeof names>)
    .filter((k) => n[k])
    .map((k) => `${names[k]} ${n[k]}`)
    .join('｜');
}

/** "（非工作时间顺延，最迟 2026-10-08 12:00）" after a status answer's promise. */
function statusBy(v: TicketStatusView): string {
  return v.by ? `（${v.workingTime ? '按工作时间计，' : ''}最迟 ${v.by}）` : '';
}
export const zhCN: Catalog = {
  categoryName: { greening: '绿化', water_supply: '供水', security: '安全秩序', upkeep: '维修保洁', other: '其他' },
  statusName: {
    open: '待处理',
    acknowledged: '已受理',
    in_progress: '处理中',
    resolved: '已解决',
    explained: '暂不能解决（已说明）',
    closed: '已关闭',
    duplicate: '已合并',
  },
  urgencyName: { normal: '一般', urgent: '紧急' },
  hazardName: {
    trapped: '电梯困人',
    gas: '燃气泄漏',
    fire: '火情冒烟',
    water: '爆管进水',
    injury: '有人受伤',
    falling: '坠落危险',
    other: '其他险情',
  },
  languageName: { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  duration,
  defaultCommunity: '本小区',
  welcome: ({ community }) =>
    `您好！这里是${community}的邻里服务助手。\n` +
    '小区里有什么问题——停水、电梯坏了、树枝要修剪、楼道堆放杂物、噪音……直接用文字告诉我，可以附上照片或位置。\n' +
    '我会登记成工单并转给物业，处理进展会在这里通知您。\n' +
    '常用指令：/mytickets 查看我的反映，/lang 切换语言，/help 帮助。',
  help: ({ numbers: n }) =>
    '怎么反映问题：直接发一句话说明什么问题、在哪里，例如“3号楼2单元停水了”。可以附照片、位置或语音。\n' +
    '/mytickets 查看我反映过的问题和进度\n/withdraw 编号 撤回自己的反映\n/lang 切换语言（简体/繁體/English）\n/estate 选择或更换小区\n/forgetme 删除我的个人信息\n' +
    '物业回复、处理结果都会在这里通知您。' +
    (emergencyLine(n)
      ? `紧急情况（电梯困人、火情、有人受伤）请先拨打：${emergencyLine(n)}。`
      : '紧急情况（火情、有人受伤）请先拨打急救或报警电话。'),
  estateAsk: ({ kept, more }) =>
    `${kept ? '收到，您说的问题我先记下了，选好小区后马上登记。\n' : ''}请问您住在哪个小区？请点下面的按钮选择。` +
    (more ? '\n没有您的小区？请发送“加入 小区代码”（代码见小区公告栏的海报）。' : ''),
  estateJoined: ({ name }) => `好的，已记下您住在${name}。有什么问题直接告诉我；要更换小区请发 /estate。`,
  estateUnknown: ({ code }) => `没有找到代码为“${code}”的小区，请核对海报上的二维码或代码。`,
  estateCurrent: ({ name, change }) => `您现在登记的小区是${name}。${change ? '要更换，请点下面的按钮。' : ''}`,
  askPlace: '收到。请问是在哪栋楼、哪个位置？（例如“5栋2单元”“中心花园”）可以直接回复，也可以点下面的按钮。',
  placeSkip: '说不清/跳过',
  placeOptionBuilding: (b) => (/^[A-Z]$/.test(b) ? `${b}座` : `${b}号楼`),
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
    `已登记，编号 ${reference}（${zhCN.categoryName[category]}${urgent ? '，紧急' : ''}）${place ? `，位置：${place}` : ''}。\n` +
    `物业会在 ${responseWithin}内回复（${workingTime ? '非工作时间顺延，' : ''}最迟 ${responseBy}），一般 ${resolutionWithin}内处理（最迟 ${resolutionBy}）；进展会在这里通知您。\n` +
    '需要补充照片或说明，直接发过来就行。',
  urgentReceipt: ({ reference, category, hazard, numbers: n, place }) =>
    `${zhCN.urgentAdvice({ hazard, numbers: n })}\n已按紧急情况登记，编号 ${reference}（${zhCN.categoryName[category]}）${place ? `，位置：${place}` : ''}，物业会马上处理，进展会在这里通知您。` +
    '需要补充照片或说明，直接发过来就行。',
  urgentAdvice: ({ hazard, numbers: n }) =>
    `🚨 请先确保安全：\n${URGENT_ADVICE[hazard](n)}${emergencyLine(n) ? `\n紧急电话：${emergencyLine(n)}` : ''}`,
  joinedExisting: ({ reference, category, neighbours }) =>
    `这个问题已经有 ${neighbours} 位邻居反映过了（编号 ${reference}，${zhCN.categoryName[category]}）。` +
    '已把您加入反映人名单，处理进展也会通知您。',
  detailsAdded: ({ reference }) => `已补充到 ${reference}。`,
  placeRecorded: ({ reference, place }) => `已记下位置：${place}（${reference}），已转告物业。`,
  choiceAsk: ({ reference }) => `这条是对 ${reference} 的补充，还是另一个新问题？`,
  choiceAdd: ({ reference }) => `补充到 ${reference}`,
  choiceNew: '新问题',
  greetingReply: '您好！有什么问题直接告诉我，比如“3号楼电梯坏了”。发 /help 查看用法。',
  thanksReply: '不客气！还有其他问题随时告诉我。',
  ackReply: '好的。有新情况随时告诉我。',
  notUnderstood: '没看明白这条消息。有问题请直接写下是什么问题、在哪里；发 /help 查看用法。',
  questionReply:
    '我是小区的报事助手：把问题和位置发给我，我会登记给物业并通知您进展。可以发文字、照片、位置和语音。发 /help 查看更多。',
  quotedReference: '如果您也遇到了问题，请直接说明是什么问题、在哪栋楼哪个位置，我会为您登记。',
  describePrompt: '收到。请再用一句话说明是什么问题，我好登记给物业。',
  voiceSummary: '语音留言（请物业收听）',
  heard: ({ text }) => `我听到的是：“${text}”\n如果听错了，直接回复更正就可以。`,
  heardAdded: ({ reference, text }) =>
    `我听到的是：“${text}”，已补充到 ${reference}。\n如果听错了，直接回复更正就可以。`,
  heardCorrectedBeforeFiling: ({ text }) => `好的，已更正为：“${text}”`,
  heardCorrected: ({ reference, text, urgent }) =>
    `已更正。${reference} 现在记录的是：“${text}”${urgent ? '\n已改为紧急，物业会马上收到通知。' : ''}`,
  voiceListen: '工作人员会亲自收听您的语音，并尽快处理。',
  voiceTooShort: '这段语音太短了（不到半秒），没能听清。请按住录音键再说一遍，或者直接打字告诉我们。',
  photoOnlySummary: '居民发来照片/位置，未附文字说明',
  truncatedNote: (limit) => `（消息太长，只保存了前 ${limit} 个字）`,
  emptyMessage: '没有收到内容。请用文字说明问题，例如“5栋楼道灯坏了”。',
  myTicketsEmpty: '您还没有反映过问题。直接发消息说明问题就可以登记。',
  myTicketsHeader: (n) => `您反映的问题（${n} 条）：`,
  myTicketLine: (t) =>
    `${t.reference}（${zhCN.categoryName[t.category]}${t.place ? `，${t.place}` : ''}）${t.withdrawn ? zhCN.withdrawnStatus : zhCN.statusName[t.status]}：${t.summary}` +
    (t.joined ? `（与邻居反映的是同一问题${t.ownWords ? `；您说：${t.ownWords}` : ''}）` : ''),
  ticketStatus: (v) =>
    `${v.reference}（${zhCN.categoryName[v.category]}${v.place ? `，${v.place}` : ''}）目前：${v.withdrawn ? zhCN.withdrawnStatus : zhCN.statusName[v.status]}。` +
    (v.withdrawn
      ? ''
      : {
          respond: `物业会在 ${v.within ?? ''}内回复${statusBy(v)}，有进展会在这里通知您。`,
          resolve: `物业正在安排处理，预计 ${v.within ?? ''}内处理好${statusBy(v)}，有进展会在这里通知您。`,
          overdue: '已超过承诺的处理时间，系统会提醒物业尽快处理；有进展会在这里通知您。',
          resolved: '物业表示已处理完毕；如果还没好，回复“没修好”就会重新打开。',
          explained: '物业已说明暂时无法解决，这个问题会提交三方联席会议跟进，结果会通知您。',
          ended: '这个反映已经结束。如有新问题，直接发消息说明。',
        }[v.next]),
  noActiveTickets: '您目前没有处理中的反映。有问题请直接说明是什么问题、在哪里，我会为您登记。',
  langPrompt: '请选择语言：',
  langChanged: '好的，以后用简体中文和您交流。',
  forgetMePrompt:
    '要删除您在这里留下的个人信息吗？\n' +
    '会删除：您的账号关联、姓名、电话、门牌号，您发的文字、照片和语音，以及和您的对话记录。\n' +
    '会保留：工单本身（只留去掉个人信息的摘要，用于统计），其他邻居对同一问题的反映不受影响。\n' +
    '删除后无法恢复，您也不会再收到这些工单的进展通知。',
  forgetMeConfirm: '确认删除',
  forgetMeKeep: '不删除',
  forgetMeKept: '好的，什么都没有删除。',
  forgetMeDone: '您的个人信息已删除。以后再发消息，会当作新用户处理。',
  failedApology: '抱歉，系统暂时没能处理您的消息，已记录下来，工作人员会跟进。',
  unknownCommand: '没有这个指令。发 /help 查看用法。',
  staffReplied: ({ reference, text }) => `物业回复（${reference}）：${text}`,
  acknowledged: ({ reference }) => `物业已受理您反映的问题（${reference}），会尽快安排处理。`,
  workStarted: ({ reference }) => `${reference} 已开始处理。`,
  resolvedAsk: ({ reference, note }) =>
    `物业表示 ${reference} 已处理完毕${note ? `：${note}` : '。'}\n请问问题真的解决了吗？也请给这次处理打个分（1–5）。`,
  fixedYes: '解决了',
  fixedNo: '还没解决',
  rateAsk: '给这次处理打分：',
  explainedToResident: ({ reference, reason, plan }) =>
    `关于 ${reference}，物业说明暂时无法马上解决。\n原因：${reason}\n长期计划：${plan}\n这个问题会提交下一次三方联席会议（社区党支部、居委会、物业）跟进，结果会通知您。`,
  reopenedToResident: ({ reference }) => `已重新打开 ${reference}，并通知了物业，会继续跟进。`,
  ratingThanks: '谢谢您的评价！',
  alreadyRated: ({ reference, rating }) => `您已经给 ${reference} 评过分了（${rating} 分），谢谢！`,
  fixedThanks: '好的，谢谢确认！',
  withdrawn: ({ reference }) => `已撤回您对 ${reference} 的反映，之后不再通知您这个问题的进展。`,
  withdrawnStatus: '已撤回',
  neighbourWithdrew: ({ reference }) => `一位邻居撤回了对 ${reference} 的反映；您的反映仍在处理中，进展会继续通知您。`,
  mergedToResident: ({ reference, into }) =>
    `您反映的 ${reference} 与 ${into} 是同一个问题，已合并处理，进展会继续通知您。`,
  decisionToResident: ({ reference, decision, lead, due }) =>
    `三方联席会议讨论了您反映的 ${reference}：${decision}（牵头：${lead}${due ? `，预计 ${due} 前` : ''}）。`,
  notYourTicket: '没有找到您反映的这个编号。发 /mytickets 查看您的反映。',
  staffOnly: '抱歉，这个操作只有物业工作人员可以使用。如需反映问题，直接发消息就可以。',
  staff: {
    card: ({ reference, category, urgent, hazard, place, summary, reporters, status, hasPhoto, threaded, due }) =>
      `${urgent ? `🚨【紧急${hazard ? `·${zhCN.hazardName[hazard]}` : ''}】` : status === 'open' ? '🆕' : '📋'} ${reference}｜${zhCN.categoryName[category]}｜${zhCN.statusName[status]}\n` +
      `位置：${place || '未说明'}\n${summary}\n反映人数：${reporters}${hasPhoto ? '｜附照片' : ''}\n` +
      (due ? `时限：${due.response ? `回复 ${due.response} 前｜` : ''}处理 ${due.resolution} 前\n` : '') +
      (threaded ? '回复本消息即可答复居民；或用 /reply 编号 内容。' : `答复居民：/reply ${reference} 内容`),
    coReporter: ({ reference, reporters }) => `👥 ${reference} 又有邻居反映，现共 ${reporters} 人。`,
    reporterWithdrew: ({ reference, reporters }) =>
      `↩️ 一位居民撤回了对 ${reference} 的反映，还有 ${reporters} 位反映人，工单继续处理。`,
    withdrawnClosed: ({ reference }) => `↩️ ${reference} 的反映人都已撤回，工单已关闭。`,
    buttonAck: '受理',
    buttonResolve: '已解决',
    buttonExplain: '说明（暂不能解决）',
    buttonCategory: '改分类',
    buttonReply: '回复住户',
    cardVoiceHeard: '🎤 居民发的是语音，以上文字为自动转写，可收听原声核对。',
    cardVoiceListen: '🎤 语音留言，未能转成文字：请收听原声，并设定分类。',
    transcriptCorrected: ({ reference, text, category, urgent }) =>
      `${urgent ? '🚨 ' : ''}✏️ ${reference}：居民更正了语音转写，现在记录的是：“${text}”` +
      (category ? `\n分类：${zhCN.categoryName[category.from]} → ${zhCN.categoryName[category.to]}` : '') +
      (urgent ? '\n已改为紧急。' : ''),
    urgencyRaised: ({ reference, text }) => `🚨 ${reference} 已改为紧急：又有邻居反映同一问题，且情况危急：“${text}”`,
    cardRecordingInConsole: '🎧 原声录音可在网页后台的工单页收听。',
    cardRecordingUnavailable: '⚠️ 未能从聊天软件取得原声录音：请回复居民，请其再说一遍或打字说明。',
    recordingLink: ({ url, days }) => `🎧 居民的原声录音（在浏览器中打开，链接 ${days} 天内有效）：\n${url}`,
    chooseCategory: (reference) => `把 ${reference} 改为哪个分类？`,
    done: ({ reference, action, by }) => `✅ ${reference} ${action}（${by}）`,
    actionNames: {
      ack: '已受理',
      work: '开始处理',
      resolve: '已解决',
      explain: '已说明',
      recategorize: '已改分类',
      assign: '已指派',
      merge: '已合并',
      note: '已加内部备注',
      reply: '已回复居民',
    },
    actionVerbs: {
      ack: '受理',
      work: '开始处理',
      resolve: '标记为已解决',
      explain: '标记为已说明',
      recategorize: '改分类',
      assign: '指派',
      merge: '合并',
      note: '加内部备注',
      reply: '回复居民',
    },
    askReason: (reference) => `请说明 ${reference} 暂时不能解决的原因（直接回复文字；发“取消”退出）：`,
    askPlan: (reference) => `请说明 ${reference} 的长期计划（直接回复文字；发“取消”退出）：`,
    explainPreview: ({ reference, texts, reporters }) =>
      `以下内容将发给 ${reference} 的 ${reporters} 位反映人：\n\n${texts.join('\n\n')}\n\n确认发送吗？回复“确认”发送，“取消”放弃。`,
    buttonConfirm: '确认发送',
    buttonCancel: '取消',
    confirmWords: ['确认', '确认发送', '确定', '发送', 'confirm'],
    explainAwaitingConfirm: (reference) => `${reference} 的说明还没有发出：回复“确认”发送，或“取消”放弃。`,
    explainCancelled: (reference) => `已取消 ${reference} 的说明，没有发给居民。`,
    explainTimedOut: (reference) => `${reference} 的说明太久没有完成，已取消，没有发给居民。需要时请重新开始。`,
    nothingToConfirm: '没有等您确认的说明。',
    explainNeedsBoth: '“说明”需要原因和长期计划两项，缺一不可。用法：/explain 编号 原因 | 长期计划',
    illegal: ({ reference, status, action }) => `${reference} 目前是“${zhCN.statusName[status]}”，不能${action}。`,
    notHere: '工单指令只能在物业工作群、或工作人员与我的私聊里使用。',
    unknownCommand: '没有这个指令。发 /staff 查看工作人员指令。',
    notFound: (reference) => `没有找到 ${reference}。`,
    noSuchStaff: (name) => `没有名为“${name}”的物业工作人员。对方需先用邀请码 /join 登记。`,
    reopened: ({ reference, reporters }) => `🚨 居民表示 ${reference} 没有解决，已重新打开（反映人 ${reporters} 位）。`,
    overdue: ({ reference, kind, due, summary }) =>
      `⏰ ${reference} 已超过${kind === 'response' ? '回复' : '处理'}时限（${due}）：${summary}`,
    listHeader: (n) => `工单（${n} 条）：`,
    listEmpty: '没有符合条件的工单。',
    unknownFilter: ({ word, categories, statuses }) =>
      `不认识“${word}”。/tickets 后面可以写 open、overdue、all，分类（${categories}）或状态（${statuses}）。`,
    history: '处理记录：',
    eventLine: ({ at, kind, by, text }) => `${at} ${kind}（${by}）${text ? `：${text}` : ''}`,
    eventKindName: {
      created: '登记',
      reporter_added: '又有邻居反映',
      details_added: '居民补充',
      attachment_added: '附件',
      acknowledged: '受理',
      replied: '回复居民',
      started: '开始处理',
      resolved: '已解决',
      explained: '说明（暂不能解决）',
      recategorized: '改分类',
      urgency_raised: '邻居反映为紧急，已改为紧急',
      assigned: '指派',
      merged: '合并了重复工单',
      merged_into: '并入其他工单',
      note: '内部备注',
      reopened: '重新打开',
      confirmed_fixed: '居民确认解决',
      rated: '居民评分',
      withdrawn: '居民撤回',
      closed: '关闭',
      overdue: '超时',
      reminded: '时限提醒',
      escalated: '督办升级',
      decision: '联席会议决定',
      delivery_failed: '消息未送达',
      erased: '个人信息已删除',
      revisit: '回访',
      contact_details_shown: '查看了居民联系方式',
    },
    actorName: { resident: '居民', system: '系统' },
    joinPrompt:
      '大家好！我是小区报事助手。请管理员在本群发送 /join 邀请码（用 linli invite 生成），登记为物业工作群或联席会议群。',
    joinedGroup: (role) => `本群已登记为“${role}”群，新的工单和通知会发到这里。`,
    backlog: ({ total, urgent, shown }) =>
      `目前有 ${total} 张工单等待处理${urgent > 0 ? `，其中 ${urgent} 张紧急` : ''}。下面是${total > shown ? `其中 ${shown} 张，` : ''}紧急的在前、等得久的在前：`,
    backlogMore: (more) => `还有 ${more} 张没有列出，发 /tickets 查看。`,
    joinedPerson: (role) => `已为您开通“${role}”身份。`,
    alreadyMember: (role) => `已经是“${role}”，无需重复登记。`,
    badCode: '邀请码无效或已过期。请向管理员索取新的邀请码。',
    joinTooMany: (minutes) => `邀请码错误次数太多，请 ${minutes} 分钟后再试。`,
    usage:
      '工作人员指令：\n/tickets [open|overdue|all|分类|状态] 列出工单\n/show 编号 查看详情\n/search 文字 搜索\n/reply 编号 内容 答复居民\n/ack 编号 受理\n/work 编号 开始处理\n' +
      '/resolve 编号 [说明] 已解决\n/explain 编号 原因 | 长期计划\n/category 编号 分类\n/assign 编号 [姓名] 指派给自己或某位工作人员\n/merge 编号 目标编号\n/note 编号 内部备注\n/decide 编号 会议决定 | 牵头方 | 期限 记录联席会议决定\n/cancel 取消进行中的说明\n/mine 我负责的工单（超时的在前）\n/tpl [名称] 编号 模板回复（/tpl help 查看用法）\n/console 网页工单台的登录链接（仅限与机器人私聊）',
    adminUsage:
      '管理员指令：\n/members 列出成员\n/revoke 成员编号 或 平台:用户ID 撤销身份\n/workload 每位工作人员的处理中、超时工单和首次响应用时',
    adminOnly: '抱歉，只有管理员可以使用这个指令。',
    membersHeader: (n) => `成员（${n} 个）：`,
    memberLine: ({ id, role, group, name, address, joined, revoked }) =>
      `#${id} ${role}｜${group ? '群' : '个人'} ${name}（${address}）｜加入 ${joined}${revoked ? `｜已撤销 ${revoked}` : ''}`,
    revoked: (lines) => `已撤销：\n${lines.join('\n')}\n其按钮和指令立即失效。`,
    revokeNone: (selector) => `没有可撤销的成员“${selector}”。发 /members 查看编号。`,
    revokeSelf: '不能在聊天里撤销自己的身份；请用命令行 linli revoke。',
    revokeUsage: '用法：/revoke 成员编号（如 #12），或 平台:用户ID（如 telegram:12345）',
    replyNeedsText: '请写上回复内容：/reply 编号 内容',
    rated: ({ reference, rating }) => `⭐ ${reference} 居民评分 ${rating}/5`,
    roleName: {
      staff: '物业工作人员',
      committee: '居委会',
      party_branch: '社区党支部',
      admin: '管理员',
      street: '街道',
    },
  },
  agenda: agendaZhCN,
  escalation: escalationZhCN,
  workload: workloadZhCN,
  templates: templatesZhCN,
  revisit: revisitZhCN,
};
