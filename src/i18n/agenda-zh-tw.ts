import type { AgendaCatalog } from './catalog.ts';

const weekNumber = (week: string): string => `${week.slice(0, 4)}年第${Number(week.slice(6))}週`;

export const agendaZhTW: AgendaCatalog = {
  weekName: weekNumber,
  title: ({ community, week }) => `${community}三方聯席會議議程 · ${weekNumber(week)}`,
  period: ({ from, to }) => `統計區間：${from} 至 ${to}`,
  meetingOf: '社區黨支部 · 居委會 · 物業公司',
  compiledAt: (at) => `產生時間：${at}`,
  sections: {
    narrative: '本週概況',
    figures: '一、本週數據',
    rates: '服務指標',
    byCategory: '依類別',
    byBuilding: '依樓棟',
    items: '二、提請討論事項',
    followUps: '三、上次會議決定落實情況',
    asks: '四、各方本週任務',
    chart: '近幾週各類訴求',
  },
  figureNames: {
    new: '新增',
    resolved: '解決',
    explained: '已說明',
    reopened: '重新開啟',
    overdue: '逾時',
    stillOpen: '未辦結',
    overdueNow: '其中已逾時',
  },
  thisWeek: '本週',
  lastWeek: '上週',
  noValue: '—',
  rateNames: { response: '及時回應率', resolution: '準時解決率', satisfaction: '滿意率' },
  rateDefinitions: {
    response: '回覆時限在本週到期的工單中，在時限內得到物業首次回應的比例（已合併、時限前撤回的不計）',
    resolution: '解決時限在本週到期的工單中，在時限內解決且未被重新開啟的比例（已合併、時限前撤回或已說明的不計）',
    satisfaction: '本週居民的回訪答覆中，評分4–5分（未評分的以「已解決」為準）的比例',
  },
  rateValue: ({ percent, numerator, denominator }) => `${percent}%（${numerator}/${denominator}）`,
  columns: {
    category: '類別',
    building: '樓棟',
    rank: '序號',
    reference: '編號',
    place: '位置',
    reporters: '反映人數',
    age: '已過天數',
    status: '狀態',
    reasons: '提請理由',
    lead: '建議主責',
    summary: '問題',
    decision: '會議決定',
    due: '完成期限',
    progress: '進展',
  },
  noBuilding: '未註明樓棟',
  noPlace: '位置未說明',
  partyName: { party_branch: '社區黨支部', committee: '居委會', property: '物業公司' },
  reason: (kind, { count, text }) => {
    switch (kind) {
      case 'overdue':
        return (count ?? 0) >= 48 ? `逾時 ${Math.floor((count ?? 0) / 24)} 天` : `逾時 ${count ?? 0} 小時`;
      case 'explained':
        return `物業已說明暫時無法解決，長期計畫：${text ?? ''}`;
      case 'reopened':
        return `居民回報未解決，重新開啟 ${count ?? 1} 次`;
      case 'repeated':
        return `同一位置四週內反映 ${count ?? 2} 次`;
      case 'many_reporters':
        return `${count ?? 0} 位居民反映`;
      case 'raised_at_meeting':
        return '會上提出';
    }
  },
  ageDays: (days) => `${days} 天`,
  urgentMark: '【緊急】',
  related: (references) => `同一位置的其他工單：${references}`,
  noItems: '本週沒有需要提請會議討論的事項。',
  moreItems: (n) => `另有 ${n} 項符合條件，未列出（依優先順序只列前幾項）。`,
  followUpState: { done: '已辦結', overdue: '逾期未辦結', pending: '推進中' },
  noFollowUps: '上次會議沒有記錄決定。',
  noPreviousMeeting: '這是第一次會議，沒有上次會議的決定。',
  askNothing: '本週暫無新的任務。',
  askItems: (references) => `主責處理：${references}`,
  askFollowUps: (references) => `落實上次決定：${references}`,
  narrative: ({ newCount, lastNew, resolved, explained, overdue, stillOpen, items, top, followUpsOpen }) =>
    `本週居民新反映問題 ${newCount} 件（上週 ${lastNew} 件），解決 ${resolved} 件，說明暫時無法解決 ${explained} 件，逾時 ${overdue} 件；目前仍有 ${stillOpen} 件未辦結。` +
    (items > 0 ? `提請會議討論 ${items} 項${top ? `，首先是 ${top}` : ''}。` : '本週沒有需要提請討論的事項。') +
    (followUpsOpen > 0 ? `上次會議的決定還有 ${followUpsOpen} 項未辦結。` : ''),
  chartTitle: ({ weeks }) => `近${weeks}週各類新增訴求（件）`,
  chartAxis: '件數',
  chartCaption: ({ week }) => `${weekNumber(week)}各類新增訴求與前幾週對比`,
  part: ({ index, total }) => `（${index}/${total}）`,
  fullAgendaAt: (url) => `完整議程（可列印）：${url}`,
  noCommandsHere: '本群組用於接收每週報告，不接受指令。',
  decideUsage: '記錄會議決定：/decide 編號 決定內容 | 主責方（物業/居委會/黨支部） | 完成期限（YYYY-MM-DD，可省略）',
  decisionRecorded: ({ reference, lead, due, notified }) =>
    `📝 已記錄 ${reference} 的會議決定（主責：${lead}${due ? `，期限 ${due}` : ''}），已通知 ${notified} 位反映人。`,
  decisionNoAgenda: '還沒有產生過會議議程，無法記錄決定。',
  decisionBadLead: (given) => `「${given}」不是主責方。請寫：物業、居委會 或 黨支部。`,
  decisionBadDate: (given) => `「${given}」不是日期，請寫成 YYYY-MM-DD，例如 2026-12-31。`,
  decisionNotAllowed: '抱歉，只有物業、居委會和黨支部的成員可以記錄會議決定。',
};
