import type { WorkloadCatalog } from './catalog.ts';

export const workloadZhTW: WorkloadCatalog = {
  buttonClaim: '我來處理',
  claimed: ({ reference, by }) => `🙋 ${reference} 由 ${by} 負責處理。`,
  claimedByOther: ({ reference, by }) => `${reference} 已由 ${by} 負責處理。`,
  claimedByYou: ({ reference }) => `${reference} 已經由您負責了。`,
  claimClosed: ({ reference, status }) => `${reference} 目前「${status}」，不需要再認領。`,
  assignedToYou: ({ reference, category, place, summary, due }) =>
    `🙋 新案件輪到您處理：${reference}（${category}${place ? `，${place}` : ''}），時限 ${due}。\n${summary}`,
  cardAssignee: (name) => `🙋 負責：${name}`,
  mineHeader: ({ count, overdue }) =>
    `您負責的處理中案件 ${count} 件${overdue > 0 ? `，其中 ${overdue} 件已逾時` : ''}：`,
  mineLine: (l) =>
    `${l.overdue ? '⏰' : l.urgent ? '🚨' : '•'} ${l.estate ? `[${l.estate}] ` : ''}${l.reference} ${l.status} ${l.category}${l.place ? ` ${l.place}` : ''} — ${l.summary}` +
    `（${l.kind === 'response' ? '回覆' : '處理'}時限 ${l.due}${l.overdue ? '，已逾時' : ''}）`,
  mineEmpty: '您目前沒有負責的處理中案件。在案件卡片上按「我來處理」或傳 /assign 編號 認領。',
  workloadHeader: ({ days }) => `工作量（處理中 / 已逾時 / 近 ${days} 天首次回應）：`,
  workloadLine: ({ name, open, overdue, responses, median }) =>
    `• ${name}：處理中 ${open}，逾時 ${overdue}，首次回應 ${responses} 次${median ? `，中位用時 ${median}` : ''}`,
  workloadEmpty: '還沒有工作人員負責的案件，也沒有首次回應紀錄。',
  workloadNote: '用時按工作時間計算（緊急案件按自然時間）。',
};
