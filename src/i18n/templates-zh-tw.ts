import type { TemplateCatalog } from './catalog.ts';

export const templatesZhTW: TemplateCatalog = {
  buttonTemplates: '範本回覆',
  choose: (reference) => `選擇傳給 ${reference} 住戶的範本回覆：`,
  listHeader: (n) => `範本回覆（${n} 個）：`,
  listLine: ({ name, languages, preview, estate }) =>
    `• ${estate ? `[${estate}] ` : ''}${name}（${languages}）：${preview}`,
  listEmpty: '還沒有範本回覆。管理員可用 /tpl add 名稱 內容 新增。',
  usage:
    '範本回覆：\n/tpl 名稱 編號 [日期] [時間] 把範本傳給住戶（如 /tpl 派修 W-0001 12-05 14:00）\n/tpl list 列出範本\n' +
    '管理員：/tpl add 名稱 [zh-CN|zh-TW|en] 內容（不寫語言即為本群語言），/tpl delete 名稱 [語言]\n' +
    '預留位置：{ref} 編號，{place} 樓棟/位置，{date} {time} 指定的日期時間（不寫則為現在）',
  added: ({ name, language, estate }) => `已儲存${estate ? `${estate}的` : ''}範本「${name}」的${language}文字。`,
  deleted: ({ name, count, estate }) => `已刪除${estate ? `${estate}的` : ''}範本「${name}」的 ${count} 則文字。`,
  notFound: (name) => `沒有名為「${name}」的範本。傳 /tpl list 查看。`,
  badName: (name) => `「${name}」不能作範本名稱：請用不超過 12 個字的一個詞，不要用 add、list、delete 或案件編號。`,
  date: ({ month, day }) => `${month}月${day}日`,
  placeUnknown: '現場',
  badDateTime: (given) => `「${given}」不是日期或時間，請寫成 12-05 或 2026-12-05，以及 14:00。`,
};
