import type { TemplateCatalog } from './catalog.ts';

export const templatesZhCN: TemplateCatalog = {
  buttonTemplates: '模板回复',
  choose: (reference) => `选择发给 ${reference} 居民的模板回复：`,
  listHeader: (n) => `模板回复（${n} 个）：`,
  listLine: ({ name, languages, preview, estate }) =>
    `• ${estate ? `[${estate}] ` : ''}${name}（${languages}）：${preview}`,
  listEmpty: '还没有模板回复。管理员可用 /tpl add 名称 内容 添加。',
  usage:
    '模板回复：\n/tpl 名称 编号 [日期] [时间] 把模板发给居民（如 /tpl 派修 W-0001 12-05 14:00）\n/tpl list 列出模板\n' +
    '管理员：/tpl add 名称 [zh-CN|zh-TW|en] 内容（不写语言即为本群语言），/tpl delete 名称 [语言]\n' +
    '占位符：{ref} 编号，{place} 楼栋/位置，{date} {time} 指定的日期时间（不写则为现在）',
  added: ({ name, language, estate }) => `已保存${estate ? `${estate}的` : ''}模板“${name}”的${language}文本。`,
  deleted: ({ name, count, estate }) => `已删除${estate ? `${estate}的` : ''}模板“${name}”的 ${count} 条文本。`,
  notFound: (name) => `没有名为“${name}”的模板。发 /tpl list 查看。`,
  badName: (name) => `“${name}”不能作模板名：请用不超过 12 个字的一个词，不要用 add、list、delete 或工单编号。`,
  date: ({ month, day }) => `${month}月${day}日`,
  placeUnknown: '现场',
  badDateTime: (given) => `“${given}”不是日期或时间，请写成 12-05 或 2026-12-05，以及 14:00。`,
};
