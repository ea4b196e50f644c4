import type { EscalationCatalog } from './catalog.ts';

const KIND = { response: '回覆', resolution: '處理' } as const;

export const escalationZhTW: EscalationCatalog = {
  levelName: {
    staff: '管理單位工作群組',
    admin: '管理單位主管',
    committee: '居委會',
    party_branch: '社區黨支部',
    street: '街道',
  },
  reminder: ({ reference, kind, due, left, summary }) =>
    `⏳ ${reference} 的${KIND[kind]}期限快到了（${due}，還剩 ${left}）：${summary}`,
  escalated: ({ reference, category, place, summary, level, kind, due, overdueBy, below }) =>
    `📣 督辦｜${reference}（${category}${place ? `，${place}` : ''}）已超過${KIND[kind]}期限 ${overdueBy}（期限 ${due}），仍未辦結。` +
    `${below.length > 0 ? `此前已通知：${below.join('、')}。` : ''}現提請${escalationZhTW.levelName[level]}督辦。\n${summary}`,
  supervisedTitle: '督辦事項',
  supervisedLevel: ({ level, since, waited, unheard }) =>
    `${escalationZhTW.levelName[level]}：自 ${since} 起 ${waited}${unheard ? '（無人收到：尚無登記的群組或人員）' : ''}`,
  supervisedItem: ({ reference, category, place, summary, due }) =>
    `${reference}（${category}${place ? `，${place}` : ''}）期限 ${due}：${summary}`,
};
