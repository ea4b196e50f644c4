import type { StreetCatalog } from './street-catalog.ts';

export const streetZhTW: StreetCatalog = {
  title: ({ street, week }) => `${street}各小區訴求辦理週報 · ${week}`,
  readers: '供街道黨工委、各社區和物業服務企業聯席會議比較各小區',
  sections: {
    overview: '本週概況',
    estates: '一、各小區本週數據',
    rates: '二、服務指標（本週 · 上週）',
    ranking: '三、排名',
    escalated: '四、提交街道督辦的事項',
    chart: '各小區本週訴求',
  },
  overview: (p) =>
    `本週${p.estates}個小區共新增訴求${p.newCount}件（上週${p.lastNew}件），解決${p.resolved}件，已說明${p.explained}件，逾時${p.overdue}件；目前未辦結${p.stillOpen}件。` +
    (p.escalated > 0 ? `提交街道督辦${p.escalated}件，見第四部分。` : '沒有提交街道督辦的事項。'),
  columns: { rank: '排名', estate: '小區', community: '社區', score: '綜合得分', escalated: '街道督辦' },
  total: '全街道',
  rankingRule:
    '排名依據：本週及時回應率、按時解決率、滿意率中有數據各項的平均值；並列時逾時少者在前；本週沒有可評指標的小區列在最後。',
  score: (percent) => `${percent}%`,
  withLastWeek: ({ now, last }) => `${now} · 上週 ${last}`,
  noEscalated: '本週沒有提交街道督辦的事項。',
  escalatedItem: (p) => `【${p.estate}】${p.reference} ${p.category} · ${p.place}：${p.summary}（${p.due} 起逾時）`,
  chartTitle: '各小區本週新增、解決與逾時',
  chartCaption: ({ week }) => `各小區訴求對比 · ${week}`,
  noEstates: (street) => `沒有屬於「${street}」的小區。`,
};
