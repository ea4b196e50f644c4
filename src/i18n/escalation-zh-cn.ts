import type { EscalationCatalog } from './catalog.ts';

const KIND = { response: '回复', resolution: '处理' } as const;

export const escalationZhCN: EscalationCatalog = {
  levelName: {
    staff: '物业工作群',
    admin: '物业负责人',
    committee: '居委会',
    party_branch: '社区党支部',
    street: '街道',
  },
  reminder: ({ reference, kind, due, left, summary }) =>
    `⏳ ${reference} 的${KIND[kind]}时限快到了（${due}，还剩 ${left}）：${summary}`,
  escalated: ({ reference, category, place, summary, level, kind, due, overdueBy, below }) =>
    `📣 督办｜${reference}（${category}${place ? `，${place}` : ''}）已超过${KIND[kind]}时限 ${overdueBy}（时限 ${due}），仍未办结。` +
    `${below.length > 0 ? `此前已通知：${below.join('、')}。` : ''}现提请${escalationZhCN.levelName[level]}督办。\n${summary}`,
  supervisedTitle: '督办事项',
  supervisedLevel: ({ level, since, waited, unheard }) =>
    `${escalationZhCN.levelName[level]}：自 ${since} 起 ${waited}${unheard ? '（无人收到：尚无登记的群或人员）' : ''}`,
  supervisedItem: ({ reference, category, place, summary, due }) =>
    `${reference}（${category}${place ? `，${place}` : ''}）时限 ${due}：${summary}`,
};
