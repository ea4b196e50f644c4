import type { AgendaCatalog } from './catalog.ts';

const weekNumber = (week: string): string => `${week.slice(0, 4)}年第${Number(week.slice(6))}周`;

export const agendaZhCN: AgendaCatalog = {
  weekName: weekNumber,
  title: ({ community, week }) => `${community}三方联席会议议程 · ${weekNumber(week)}`,
  period: ({ from, to }) => `统计区间：${from} 至 ${to}`,
  meetingOf: '社区党支部 · 居委会 · 物业公司',
  compiledAt: (at) => `生成时间：${at}`,
  sections: {
    narrative: '本周概况',
    figures: '一、本周数据',
    rates: '服务指标',
    byCategory: '按类别',
    byBuilding: '按楼栋',
    items: '二、提请讨论事项',
    followUps: '三、上次会议决定落实情况',
    asks: '四、各方本周任务',
    chart: '近几周各类诉求',
  },
  figureNames: {
    new: '新增',
    resolved: '解决',
    explained: '已说明',
    reopened: '重新打开',
    overdue: '超时',
    stillOpen: '未办结',
    overdueNow: '其中已超时',
  },
  thisWeek: '本周',
  lastWeek: '上周',
  noValue: '—',
  rateNames: { response: '及时响应率', resolution: '按时解决率', satisfaction: '满意率' },
  rateDefinitions: {
    response: '回复时限在本周到期的工单中，在时限内得到物业首次回应的比例（已合并、时限前撤回的不计）',
    resolution: '解决时限在本周到期的工单中，在时限内解决且未被重新打开的比例（已合并、时限前撤回或已说明的不计）',
    satisfaction: '本周居民的回访答复中，评分4–5分（未评分的以“已解决”为准）的比例',
  },
  rateValue: ({ percent, numerator, denominator }) => `${percent}%（${numerator}/${denominator}）`,
  columns: {
    category: '类别',
    building: '楼栋',
    rank: '序号',
    reference: '编号',
    place: '位置',
    reporters: '反映人数',
    age: '已过天数',
    status: '状态',
    reasons: '提请理由',
    lead: '建议牵头',
    summary: '问题',
    decision: '会议决定',
    due: '完成期限',
    progress: '进展',
  },
  noBuilding: '未注明楼栋',
  noPlace: '位置未说明',
  partyName: { party_branch: '社区党支部', committee: '居委会', property: '物业公司' },
  reason: (kind, { count, text }) => {
    switch (kind) {
      case 'overdue':
        return (count ?? 0) >= 48 ? `超时 ${Math.floor((count ?? 0) / 24)} 天` : `超时 ${count ?? 0} 小时`;
      case 'explained':
        return `物业已说明暂不能解决，长期计划：${text ?? ''}`;
      case 'reopened':
        return `居民反馈未解决，重新打开 ${count ?? 1} 次`;
      case 'repeated':
        return `同一位置四周内反映 ${count ?? 2} 次`;
      case 'many_reporters':
        return `${count ?? 0} 位居民反映`;
      case 'raised_at_meeting':
        return '会上提出';
    }
  },
  ageDays: (days) => `${days} 天`,
  urgentMark: '【紧急】',
  related: (references) => `同一位置的其他工单：${references}`,
  noItems: '本周没有需要提请会议讨论的事项。',
  moreItems: (n) => `另有 ${n} 项符合条件，未列出（按优先级只列前几项）。`,
  followUpState: { done: '已办结', overdue: '逾期未办结', pending: '推进中' },
  noFollowUps: '上次会议没有记录决定。',
  noPreviousMeeting: '这是第一次会议，没有上次会议的决定。',
  askNothing: '本周暂无新的任务。',
  askItems: (references) => `牵头处理：${references}`,
  askFollowUps: (references) => `落实上次决定：${references}`,
  narrative: ({ newCount, lastNew, resolved, explained, overdue, stillOpen, items, top, followUpsOpen }) =>
    `本周居民新反映问题 ${newCount} 件（上周 ${lastNew} 件），解决 ${resolved} 件，说明暂不能解决 ${explained} 件，超时 ${overdue} 件；目前仍有 ${stillOpen} 件未办结。` +
    (items > 0 ? `提请会议讨论 ${items} 项${top ? `，首先是 ${top}` : ''}。` : '本周没有需要提请讨论的事项。') +
    (followUpsOpen > 0 ? `上次会议的决定还有 ${followUpsOpen} 项未办结。` : ''),
  chartTitle: ({ weeks }) => `近${weeks}周各类新增诉求（件）`,
  chartAxis: '件数',
  chartCaption: ({ week }) => `${weekNumber(week)}各类新增诉求与前几周对比`,
  part: ({ index, total }) => `（${index}/${total}）`,
  fullAgendaAt: (url) => `完整议程（可打印）：${url}`,
  noCommandsHere: '本群用于接收每周报告，不接受指令。',
  decideUsage: '记录会议决定：/decide 编号 决定内容 | 牵头方（物业/居委会/党支部） | 完成期限（YYYY-MM-DD，可省略）',
  decisionRecorded: ({ reference, lead, due, notified }) =>
    `📝 已记录 ${reference} 的会议决定（牵头：${lead}${due ? `，期限 ${due}` : ''}），已通知 ${notified} 位反映人。`,
  decisionNoAgenda: '还没有生成过会议议程，无法记录决定。',
  decisionBadLead: (given) => `“${given}”不是牵头方。请写：物业、居委会 或 党支部。`,
  decisionBadDate: (given) => `“${given}”不是日期，请写成 YYYY-MM-DD，例如 2026-12-31。`,
  decisionNotAllowed: '抱歉，只有物业、居委会和党支部的成员可以记录会议决定。',
};
