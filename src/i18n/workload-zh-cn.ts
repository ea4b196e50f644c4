import type { WorkloadCatalog } from './catalog.ts';

export const workloadZhCN: WorkloadCatalog = {
  buttonClaim: '我来处理',
  claimed: ({ reference, by }) => `🙋 ${reference} 由 ${by} 负责处理。`,
  claimedByOther: ({ reference, by }) => `${reference} 已由 ${by} 负责处理。`,
  claimedByYou: ({ reference }) => `${reference} 已经由您负责了。`,
  claimClosed: ({ reference, status }) => `${reference} 目前“${status}”，不需要再认领。`,
  assignedToYou: ({ reference, category, place, summary, due }) =>
    `🙋 新工单轮到您处理：${reference}（${category}${place ? `，${place}` : ''}），时限 ${due}。\n${summary}`,
  cardAssignee: (name) => `🙋 负责：${name}`,
  mineHeader: ({ count, overdue }) =>
    `您负责的处理中工单 ${count} 张${overdue > 0 ? `，其中 ${overdue} 张已超时` : ''}：`,
  mineLine: (l) =>
    `${l.overdue ? '⏰' : l.urgent ? '🚨' : '•'} ${l.estate ? `[${l.estate}] ` : ''}${l.reference} ${l.status} ${l.category}${l.place ? ` ${l.place}` : ''} — ${l.summary}` +
    `（${l.kind === 'response' ? '回复' : '处理'}时限 ${l.due}${l.overdue ? '，已超时' : ''}）`,
  mineEmpty: '您目前没有负责的处理中工单。在工单卡片上点“我来处理”或发 /assign 编号 认领。',
  workloadHeader: ({ days }) => `工作量（处理中 / 已超时 / 近 ${days} 天首次响应）：`,
  workloadLine: ({ name, open, overdue, responses, median }) =>
    `• ${name}：处理中 ${open}，超时 ${overdue}，首次响应 ${responses} 次${median ? `，中位用时 ${median}` : ''}`,
  workloadEmpty: '还没有工作人员负责的工单，也没有首次响应记录。',
  workloadNote: '用时按工作时间计算（紧急工单按自然时间）。',
};
