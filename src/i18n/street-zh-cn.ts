import type { StreetCatalog } from './street-catalog.ts';

export const streetZhCN: StreetCatalog = {
  title: ({ street, week }) => `${street}各小区诉求办理周报 · ${week}`,
  readers: '供街道党工委、各社区和物业服务企业联席会议比较各小区',
  sections: {
    overview: '本周概况',
    estates: '一、各小区本周数据',
    rates: '二、服务指标（本周 · 上周）',
    ranking: '三、排名',
    escalated: '四、提交街道督办的事项',
    chart: '各小区本周诉求',
  },
  overview: (p) =>
    `本周${p.estates}个小区共新增诉求${p.newCount}件（上周${p.lastNew}件），解决${p.resolved}件，已说明${p.explained}件，超时${p.overdue}件；目前未办结${p.stillOpen}件。` +
    (p.escalated > 0 ? `提交街道督办${p.escalated}件，见第四部分。` : '没有提交街道督办的事项。'),
  columns: { rank: '排名', estate: '小区', community: '社区', score: '综合得分', escalated: '街道督办' },
  total: '全街道',
  rankingRule:
    '排名依据：本周及时响应率、按时解决率、满意率中有数据各项的平均值；并列时超时少者在前；本周没有可评指标的小区列在最后。',
  score: (percent) => `${percent}%`,
  withLastWeek: ({ now, last }) => `${now} · 上周 ${last}`,
  noEscalated: '本周没有提交街道督办的事项。',
  escalatedItem: (p) => `【${p.estate}】${p.reference} ${p.category} · ${p.place}：${p.summary}（${p.due} 起超时）`,
  chartTitle: '各小区本周新增、解决与超时',
  chartCaption: ({ week }) => `各小区诉求对比 · ${week}`,
  noEstates: (street) => `没有属于“${street}”的小区。`,
};
