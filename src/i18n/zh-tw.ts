import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { Hazard } from '../tickets/hazard.ts';
import type { Catalog, TicketStatusView } from './catalog.ts';
import { agendaZhTW } from './agenda-zh-tw.ts';
import { escalationZhTW } from './escalation-zh-tw.ts';
import { workloadZhTW } from './workload-zh-tw.ts';
import { templatesZhTW } from './templates-zh-tw.ts';
import { revisitZhTW } from './revisit-zh-tw.ts';

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} 分鐘`;
  const hours = ms / 3_600_000;
  if (hours < 48) return `${Math.round(hours)} 小時`;
  return `${Math.round(hours / 24)} 天`;
}

// What to do now, per danger: said before anything else in an urgent receipt.
const URGENT_ADVICE: Record<Hazard, (n: EmergencyNumbers) => string> = {
  trapped: (n) =>
    '受困電梯：保持冷靜，按電梯內的警鈴或對講按鈕求救；不要扳開電梯門，不要試圖爬出車廂，等待救援。' +
    (n.lift ? `可撥打電梯緊急救援電話 ${n.lift}。` : '') +
    (n.ambulance ? `有人身體不適請撥 ${n.ambulance}。` : ''),
  gas: (n) =>
    '聞到瓦斯（煤氣）味：不要開關電燈和電器，不要在室內打電話、點火；打開門窗，能安全做到就關掉瓦斯開關，人馬上離開，' +
    `到室外再打電話：${n.gas ? `瓦斯公司搶修 ${n.gas}` : '瓦斯公司搶修電話'}${n.fire ? `，情況嚴重撥 ${n.fire}` : ''}。`,
  fire: (n) =>
    `起火或冒煙：馬上走樓梯離開，不要搭電梯；用濕毛巾摀住口鼻，壓低身體前進；離開後撥打${n.fire ? ` ${n.fire}` : '火警電話'}。`,
  water: (n) =>
    '爆管或淹水：能安全做到就關閉進水閥；遠離電器、插座和配電箱，必要時關掉總電源，不要在有電的積水中走動。' +
    (n.ambulance ? `有人受傷請撥 ${n.ambulance}。` : ''),
  injury: (n) =>
    `有人受傷或暈倒：馬上撥打${n.ambulance ? ` ${n.ambulance}` : '急救電話'}；不要任意搬動傷者，留在身邊等待救援。`,
  falling: (n) =>
    '有東西墜落或快要掉下：遠離下方區域，不要在下面停留、停車；提醒路人繞道，能做到就先圍起來。' +
    (n.ambulance ? `有人被砸傷請撥 ${n.ambulance}。` : ''),
  other: (n) =>
    `請先遠離危險的地方，不要觸碰電線等危險物；有人身危險請撥${n.police ? ` ${n.police}` : '打報警電話'}${n.ambulance ? ` 或 ${n.ambulance}` : ''}。`,
};

function emergencyLine(n: EmergencyNumbers): string {
  const names = { lift: '電梯困人', fire: '火警', ambulance: '救護車', police: '報警', gas: '瓦斯搶修' } as const;
  return (Object.keys(names) as Array<keyof typeof names>)
    .filter((k) => n[k])
    .map((k) => `${names[k]} ${n[k]}`)
    .join('｜');
}

/** "（按工作時間計，最遲 2026-10-08 12:00）" after a status answer's promise. */
function statusBy(v: TicketStatusView): string {
  return v.by ? `（${v.workingTime ? '按工作時間計，' : ''}最遲 ${v.by}）` : '';
}
export const zhTW: Catalog = {
  categoryName: { greening: '綠化', water_supply: '供水', security: '安全秩序', upkeep: '維修清潔', other: '其他' },
  statusName: {
    open: '待處理',
    acknowledged: '已受理',
    in_progress: '處理中',
    resolved: '已解決',
    explained: '暫時無法解決（已說明）',
    closed: '已結案',
    duplicate: '已合併',
  },
  urgencyName: { normal: '一般', urgent: '緊急' },
  hazardName: {
    trapped: '電梯困人',
    gas: '瓦斯外洩',
    fire: '火警冒煙',
    water: '爆管淹水',
    injury: '有人受傷',
    falling: '墜落危險',
    other: '其他險情',
  },
  languageName: { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  duration,
  defaultCommunity: '本社區',
  welcome: ({ community }) =>
    `您好！這裡是${community}的鄰里服務小幫手。\n` +
    '社區裡有任何問題——停水、電梯故障、樹枝需要修剪、樓梯間堆放雜物、噪音……直接用文字告訴我，也可以附上照片或位置。\n' +
    '我會登記成案件並轉給管理單位，處理進度會在這裡通知您。\n' +
    '常用指令：/mytickets 查看我的反映，/lang 切換語言，/help 說明。',
  help: ({ numbers: n }) =>
    '如何反映問題：直接傳一句話說明是什麼問題、在哪裡，例如「3號樓2單元停水了」。可以附照片、位置或語音。\n' +
    '/mytickets 查看我反映過的問題和進度\n/withdraw 編號 撤回自己的反映\n/lang 切換語言（简体/繁體/English）\n/estate 選擇或更換社區\n/forgetme 刪除我的個人資料\n' +
    '管理單位的回覆與處理結果都會在這裡通知您。' +
    (emergencyLine(n)
      ? `緊急狀況（電梯困人、火災、有人受傷）請先撥打：${emergencyLine(n)}。`
      : '緊急狀況（火災、有人受傷）請先撥打急救或報警電話。'),
  estateAsk: ({ kept, more }) =>
    `${kept ? '收到，您說的問題我先記下了，選好社區後馬上登記。\n' : ''}請問您住在哪個社區？請點下面的按鈕選擇。` +
    (more ? '\n沒有您的社區？請傳送「加入 社區代碼」（代碼見社區公布欄的海報）。' : ''),
  estateJoined: ({ name }) => `好的，已記下您住在${name}。有什麼問題直接告訴我；要更換社區請傳 /estate。`,
  estateUnknown: ({ code }) => `找不到代碼為「${code}」的社區，請核對海報上的 QR 碼或代碼。`,
  estateCurrent: ({ name, change }) => `您目前登記的社區是${name}。${change ? '要更換，請點下面的按鈕。' : ''}`,
  askPlace: '收到。請問是在哪一棟、哪個位置？（例如「5棟2單元」「中庭花園」）可以直接回覆，也可以點下面的按鈕。',
  placeSkip: '不清楚／略過',
  placeOptionBuilding: (b) => (/^[A-Z]$/.test(b) ? `${b}棟` : `${b}號樓`),
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
    `已登記，案件編號 ${reference}（${zhTW.categoryName[category]}${urgent ? '，緊急' : ''}）${place ? `，位置：${place}` : ''}。\n` +
    `管理單位會在 ${responseWithin}內回覆（${workingTime ? '非上班時間順延，' : ''}最遲 ${responseBy}），一般 ${resolutionWithin}內處理（最遲 ${resolutionBy}）；進度會在這裡通知您。\n` +
    '需要補充照片或說明，直接傳過來就可以。',
  urgentReceipt: ({ reference, category, hazard, numbers: n, place }) =>
    `${zhTW.urgentAdvice({ hazard, numbers: n })}\n已按緊急情況登記，案件編號 ${reference}（${zhTW.categoryName[category]}）${place ? `，位置：${place}` : ''}，管理單位會立即處理，進度會在這裡通知您。` +
    '需要補充照片或說明，直接傳過來就可以。',
  urgentAdvice: ({ hazard, numbers: n }) =>
    `🚨 請先確保安全：\n${URGENT_ADVICE[hazard](n)}${emergencyLine(n) ? `\n緊急電話：${emergencyLine(n)}` : ''}`,
  joinedExisting: ({ reference, category, neighbours }) =>
    `這個問題已經有 ${neighbours} 位鄰居反映過了（編號 ${reference}，${zhTW.categoryName[category]}）。` +
    '已將您加入反映人名單，處理進度也會通知您。',
  detailsAdded: ({ reference }) => `已補充到 ${reference}。`,
  placeRecorded: ({ reference, place }) => `已記下位置：${place}（${reference}），已轉告管理單位。`,
  choiceAsk: ({ reference }) => `這則是對 ${reference} 的補充，還是另一個新問題？`,
  choiceAdd: ({ reference }) => `補充到 ${reference}`,
  choiceNew: '新問題',
  greetingReply: '您好！有什麼問題直接告訴我，例如「3號樓電梯壞了」。傳 /help 查看用法。',
  thanksReply: '不客氣！還有其他問題隨時告訴我。',
  ackReply: '好的。有新狀況隨時告訴我。',
  notUnderstood: '看不太懂這則訊息。有問題請直接寫下是什麼問題、在哪裡；傳 /help 查看用法。',
  questionReply:
    '我是社區的報修小幫手：把問題和位置傳給我，我會登記給管理單位並通知您進度。可以傳文字、照片、位置和語音。傳 /help 查看更多。',
  quotedReference: '如果您也遇到了問題，請直接說明是什麼問題、在哪一棟哪個位置，我會為您登記。',
  describePrompt: '收到。請再用一句話說明是什麼問題，方便登記給管理單位。',
  voiceSummary: '語音留言（請管理單位收聽）',
  heard: ({ text }) => `我聽到的是：「${text}」\n如果聽錯了，直接回覆更正就可以。`,
  heardAdded: ({ reference, text }) =>
    `我聽到的是：「${text}」，已補充到 ${reference}。\n如果聽錯了，直接回覆更正就可以。`,
  heardCorrectedBeforeFiling: ({ text }) => `好的，已更正為：「${text}」`,
  heardCorrected: ({ reference, text, urgent }) =>
    `已更正。${reference} 現在記錄的是：「${text}」${urgent ? '\n已改為緊急，物業會馬上收到通知。' : ''}`,
  voiceListen: '工作人員會親自收聽您的語音，並盡快處理。',
  voiceTooShort: '這段語音太短了（不到半秒），沒能聽清。請按住錄音鍵再說一遍，或者直接打字告訴我們。',
  photoOnlySummary: '住戶傳來照片／位置，未附文字說明',
  truncatedNote: (limit) => `（訊息太長，只保存了前 ${limit} 個字）`,
  emptyMessage: '沒有收到內容。請用文字說明問題，例如「5棟樓梯燈壞了」。',
  myTicketsEmpty: '您還沒有反映過問題。直接傳訊息說明問題就可以登記。',
  myTicketsHeader: (n) => `您反映的問題（${n} 件）：`,
  myTicketLine: (t) =>
    `${t.reference}（${zhTW.categoryName[t.category]}${t.place ? `，${t.place}` : ''}）${t.withdrawn ? zhTW.withdrawnStatus : zhTW.statusName[t.status]}：${t.summary}` +
    (t.joined ? `（與鄰居反映的是同一問題${t.ownWords ? `；您說：${t.ownWords}` : ''}）` : ''),
  ticketStatus: (v) =>
    `${v.reference}（${zhTW.categoryName[v.category]}${v.place ? `，${v.place}` : ''}）目前：${v.withdrawn ? zhTW.withdrawnStatus : zhTW.statusName[v.status]}。` +
    (v.withdrawn
      ? ''
      : {
          respond: `管理單位會在 ${v.within ?? ''}內回覆${statusBy(v)}，有進度會在這裡通知您。`,
          resolve: `管理單位正在安排處理，預計 ${v.within ?? ''}內處理好${statusBy(v)}，有進度會在這裡通知您。`,
          overdue: '已超過承諾的處理時間，系統會提醒管理單位盡快處理；有進度會在這裡通知您。',
          resolved: '管理單位表示已處理完畢；如果還沒好，回覆「沒修好」就會重新開啟。',
          explained: '管理單位已說明暫時無法解決，這個問題會提交三方聯席會議追蹤，結果會通知您。',
          ended: '這個反映已經結束。如有新問題，直接傳訊息說明。',
        }[v.next]),
  noActiveTickets: '您目前沒有處理中的反映。有問題請直接說明是什麼問題、在哪裡，我會為您登記。',
  langPrompt: '請選擇語言：',
  langChanged: '好的，之後用繁體中文和您交流。',
  forgetMePrompt:
    '要刪除您在這裡留下的個人資料嗎？\n' +
    '會刪除：您的帳號連結、姓名、電話、門牌號碼，您傳的文字、照片和語音，以及和您的對話紀錄。\n' +
    '會保留：案件本身（只留去除個人資料的摘要，供統計使用），其他鄰居對同一問題的反映不受影響。\n' +
    '刪除後無法復原，您也不會再收到這些案件的進度通知。',
  forgetMeConfirm: '確認刪除',
  forgetMeKeep: '不刪除',
  forgetMeKept: '好的，沒有刪除任何資料。',
  forgetMeDone: '您的個人資料已刪除。之後再傳訊息，會當作新用戶處理。',
  failedApology: '抱歉，系統暫時無法處理您的訊息，已記錄下來，工作人員會跟進。',
  unknownCommand: '沒有這個指令。傳 /help 查看用法。',
  staffReplied: ({ reference, text }) => `管理單位回覆（${reference}）：${text}`,
  acknowledged: ({ reference }) => `管理單位已受理您反映的問題（${reference}），會盡快安排處理。`,
  workStarted: ({ reference }) => `${reference} 已開始處理。`,
  resolvedAsk: ({ reference, note }) =>
    `管理單位表示 ${reference} 已處理完畢${note ? `：${note}` : '。'}\n請問問題真的解決了嗎？也請為這次處理評分（1–5）。`,
  fixedYes: '解決了',
  fixedNo: '還沒解決',
  rateAsk: '為這次處理評分：',
  explainedToResident: ({ reference, reason, plan }) =>
    `關於 ${reference}，管理單位說明暫時無法立即解決。\n原因：${reason}\n長期計畫：${plan}\n這個問題會提交下一次三方聯席會議（社區黨支部、居委會、物業）追蹤，結果會通知您。`,
  reopenedToResident: ({ reference }) => `已重新開啟 ${reference}，並通知了管理單位，會繼續追蹤。`,
  ratingThanks: '謝謝您的評價！',
  alreadyRated: ({ reference, rating }) => `您已經為 ${reference} 評過分了（${rating} 分），謝謝！`,
  fixedThanks: '好的，謝謝確認！',
  withdrawn: ({ reference }) => `已撤回您對 ${reference} 的反映，之後不再通知您這個問題的進度。`,
  withdrawnStatus: '已撤回',
  neighbourWithdrew: ({ reference }) => `一位鄰居撤回了對 ${reference} 的反映；您的反映仍在處理中，進度會繼續通知您。`,
  mergedToResident: ({ reference, into }) =>
    `您反映的 ${reference} 與 ${into} 是同一個問題，已合併處理，進度會繼續通知您。`,
  decisionToResident: ({ reference, decision, lead, due }) =>
    `三方聯席會議討論了您反映的 ${reference}：${decision}（主責：${lead}${due ? `，預計 ${due} 前` : ''}）。`,
  notYourTicket: '找不到您反映的這個編號。傳 /mytickets 查看您的反映。',
  staffOnly: '抱歉，這個操作只有管理單位人員可以使用。如需反映問題，直接傳訊息就可以。',
  staff: {
    card: ({ reference, category, urgent, hazard, place, summary, reporters, status, hasPhoto, threaded, due }) =>
      `${urgent ? `🚨【緊急${hazard ? `·${zhTW.hazardName[hazard]}` : ''}】` : status === 'open' ? '🆕' : '📋'} ${reference}｜${zhTW.categoryName[category]}｜${zhTW.statusName[status]}\n` +
      `位置：${place || '未說明'}\n${summary}\n反映人數：${reporters}${hasPhoto ? '｜附照片' : ''}\n` +
      (due ? `期限：${due.response ? `回覆 ${due.response} 前｜` : ''}處理 ${due.resolution} 前\n` : '') +
      (threaded ? '回覆本訊息即可答覆住戶；或用 /reply 編號 內容。' : `答覆住戶：/reply ${reference} 內容`),
    coReporter: ({ reference, reporters }) => `👥 ${reference} 又有鄰居反映，現共 ${reporters} 人。`,
    reporterWithdrew: ({ reference, reporters }) =>
      `↩️ 一位住戶撤回了對 ${reference} 的反映，還有 ${reporters} 位反映人，案件繼續處理。`,
    withdrawnClosed: ({ reference }) => `↩️ ${reference} 的反映人都已撤回，案件已結案。`,
    buttonAck: '受理',
    buttonResolve: '已解決',
    buttonExplain: '說明（暫時無法解決）',
    buttonCategory: '改分類',
    buttonReply: '回覆住戶',
    cardVoiceHeard: '🎤 住戶傳的是語音，以上文字為自動轉寫，可收聽原聲核對。',
    cardVoiceListen: '🎤 語音留言，未能轉成文字：請收聽原聲，並設定分類。',
    transcriptCorrected: ({ reference, text, category, urgent }) =>
      `${urgent ? '🚨 ' : ''}✏️ ${reference}：住戶更正了語音轉寫，現在記錄的是：「${text}」` +
      (category ? `\n分類：${zhTW.categoryName[category.from]} → ${zhTW.categoryName[category.to]}` : '') +
      (urgent ? '\n已改為緊急。' : ''),
    urgencyRaised: ({ reference, text }) => `🚨 ${reference} 已改為緊急：又有鄰居反映同一問題，且情況危急：「${text}」`,
    cardRecordingInConsole: '🎧 原聲錄音可在網頁後台的工單頁收聽。',
    cardRecordingUnavailable: '⚠️ 未能從聊天軟體取得原聲錄音：請回覆住戶，請其再說一遍或打字說明。',
    recordingLink: ({ url, days }) => `🎧 住戶的原聲錄音（在瀏覽器中開啟，連結 ${days} 天內有效）：\n${url}`,
    chooseCategory: (reference) => `把 ${reference} 改為哪個分類？`,
    done: ({ reference, action, by }) => `✅ ${reference} ${action}（${by}）`,
    actionNames: {
      ack: '已受理',
      work: '開始處理',
      resolve: '已解決',
      explain: '已說明',
      recategorize: '已改分類',
      assign: '已指派',
      merge: '已合併',
      note: '已加內部備註',
      reply: '已回覆住戶',
    },
    actionVerbs: {
      ack: '受理',
      work: '開始處理',
      resolve: '標記為已解決',
      explain: '標記為已說明',
      recategorize: '改分類',
      assign: '指派',
      merge: '合併',
      note: '加內部備註',
      reply: '回覆住戶',
    },
    askReason: (reference) => `請說明 ${reference} 暫時無法解決的原因（直接回覆文字；傳「取消」退出）：`,
    askPlan: (reference) => `請說明 ${reference} 的長期計畫（直接回覆文字；傳「取消」退出）：`,
    explainPreview: ({ reference, texts, reporters }) =>
      `以下內容將傳給 ${reference} 的 ${reporters} 位反映人：\n\n${texts.join('\n\n')}\n\n確認傳送嗎？回覆「確認」傳送，「取消」放棄。`,
    buttonConfirm: '確認傳送',
    buttonCancel: '取消',
    confirmWords: ['確認', '确认', '確認傳送', '確定', '傳送', 'confirm'],
    explainAwaitingConfirm: (reference) => `${reference} 的說明還沒有傳出：回覆「確認」傳送，或「取消」放棄。`,
    explainCancelled: (reference) => `已取消 ${reference} 的說明，沒有傳給住戶。`,
    explainTimedOut: (reference) => `${reference} 的說明太久沒有完成，已取消，沒有傳給住戶。需要時請重新開始。`,
    nothingToConfirm: '沒有等您確認的說明。',
    explainNeedsBoth: '「說明」需要原因和長期計畫兩項，缺一不可。用法：/explain 編號 原因 | 長期計畫',
    illegal: ({ reference, status, action }) => `${reference} 目前是「${zhTW.statusName[status]}」，不能${action}。`,
    notHere: '案件指令只能在物業工作群組、或工作人員與我的私聊裡使用。',
    unknownCommand: '沒有這個指令。傳 /staff 查看工作人員指令。',
    notFound: (reference) => `找不到 ${reference}。`,
    noSuchStaff: (name) => `沒有名為「${name}」的物業工作人員。對方需先用邀請碼 /join 登記。`,
    reopened: ({ reference, reporters }) => `🚨 住戶表示 ${reference} 沒有解決，已重新開啟（反映人 ${reporters} 位）。`,
    overdue: ({ reference, kind, due, summary }) =>
      `⏰ ${reference} 已超過${kind === 'response' ? '回覆' : '處理'}期限（${due}）：${summary}`,
    listHeader: (n) => `案件（${n} 件）：`,
    listEmpty: '沒有符合條件的案件。',
    unknownFilter: ({ word, categories, statuses }) =>
      `不認得「${word}」。/tickets 後面可以寫 open、overdue、all，分類（${categories}）或狀態（${statuses}）。`,
    history: '處理紀錄：',
    eventLine: ({ at, kind, by, text }) => `${at} ${kind}（${by}）${text ? `：${text}` : ''}`,
    eventKindName: {
      created: '登記',
      reporter_added: '又有鄰居反映',
      details_added: '住戶補充',
      attachment_added: '附件',
      acknowledged: '受理',
      replied: '回覆住戶',
      started: '開始處理',
      resolved: '已解決',
      explained: '說明（暫時無法解決）',
      recategorized: '改分類',
      urgency_raised: '鄰居反映為緊急，已改為緊急',
      assigned: '指派',
      merged: '合併了重複案件',
      merged_into: '併入其他案件',
      note: '內部備註',
      reopened: '重新開啟',
      confirmed_fixed: '住戶確認解決',
      rated: '住戶評分',
      withdrawn: '住戶撤回',
      closed: '結案',
      overdue: '逾時',
      reminded: '期限提醒',
      escalated: '督辦升級',
      decision: '聯席會議決定',
      delivery_failed: '訊息未送達',
      erased: '個人資料已刪除',
      revisit: '回訪',
      contact_details_shown: '查看了居民聯絡方式',
    },
    actorName: { resident: '住戶', system: '系統' },
    joinPrompt:
      '大家好！我是社區報修小幫手。請管理員在本群組傳送 /join 邀請碼（用 linli invite 產生），登記為物業工作群組或聯席會議群組。',
    joinedGroup: (role) => `本群組已登記為「${role}」群組，新的案件和通知會傳到這裡。`,
    backlog: ({ total, urgent, shown }) =>
      `目前有 ${total} 件案件等待處理${urgent > 0 ? `，其中 ${urgent} 件緊急` : ''}。以下是${total > shown ? `其中 ${shown} 件，` : ''}緊急的在前、等得久的在前：`,
    backlogMore: (more) => `還有 ${more} 件沒有列出，傳 /tickets 查看。`,
    joinedPerson: (role) => `已為您開通「${role}」身分。`,
    alreadyMember: (role) => `已經是「${role}」，不需重複登記。`,
    badCode: '邀請碼無效或已過期。請向管理員索取新的邀請碼。',
    joinTooMany: (minutes) => `邀請碼錯誤次數太多，請 ${minutes} 分鐘後再試。`,
    usage:
      '工作人員指令：\n/tickets [open|overdue|all|分類|狀態] 列出案件\n/show 編號 查看詳情\n/search 文字 搜尋\n/reply 編號 內容 答覆住戶\n/ack 編號 受理\n/work 編號 開始處理\n' +
      '/resolve 編號 [說明] 已解決\n/explain 編號 原因 | 長期計畫\n/category 編號 分類\n/assign 編號 [姓名] 指派給自己或某位工作人員\n/merge 編號 目標編號\n/note 編號 內部備註\n/decide 編號 會議決定 | 主責方 | 期限 記錄聯席會議決定\n/cancel 取消進行中的說明\n/mine 我負責的案件（逾時的在前）\n/tpl [名稱] 編號 範本回覆（/tpl help 查看用法）\n/console 網頁工單台的登入連結（僅限與機器人私訊）',
    adminUsage:
      '管理員指令：\n/members 列出成員\n/revoke 成員編號 或 平台:使用者ID 撤銷身分\n/workload 每位工作人員的處理中、逾時案件和首次回應用時',
    adminOnly: '抱歉，只有管理員可以使用這個指令。',
    membersHeader: (n) => `成員（${n} 個）：`,
    memberLine: ({ id, role, group, name, address, joined, revoked }) =>
      `#${id} ${role}｜${group ? '群組' : '個人'} ${name}（${address}）｜加入 ${joined}${revoked ? `｜已撤銷 ${revoked}` : ''}`,
    revoked: (lines) => `已撤銷：\n${lines.join('\n')}\n其按鈕和指令立即失效。`,
    revokeNone: (selector) => `沒有可撤銷的成員「${selector}」。傳 /members 查看編號。`,
    revokeSelf: '不能在聊天裡撤銷自己的身分；請用命令列 linli revoke。',
    revokeUsage: '用法：/revoke 成員編號（如 #12），或 平台:使用者ID（如 telegram:12345）',
    replyNeedsText: '請寫上回覆內容：/reply 編號 內容',
    rated: ({ reference, rating }) => `⭐ ${reference} 住戶評分 ${rating}/5`,
    roleName: {
      staff: '物業工作人員',
      committee: '居委會',
      party_branch: '社區黨支部',
      admin: '管理員',
      street: '街道',
    },
  },
  agenda: agendaZhTW,
  escalation: escalationZhTW,
  workload: workloadZhTW,
  templates: templatesZhTW,
  revisit: revisitZhTW,
};
