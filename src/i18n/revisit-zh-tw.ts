import type { RevisitCatalog } from './catalog.ts';

const why = (reason: 'low_rating' | 'reopened', rating: number | null) =>
  reason === 'low_rating' ? `住戶評分 ${rating ?? '?'}/5` : '住戶表示沒修好，已重新開啟';

export const revisitZhTW: RevisitCatalog = {
  requested: ({ id, reference, category, place, summary, reason, rating }) =>
    `📞 回訪任務 #${id}｜${reference}（${category}${place ? `，${place}` : ''}）：${why(reason, rating)}。\n${summary}\n請居委會成員按「我來回訪」，透過機器人與住戶溝通（住戶的聯絡方式不會顯示）。`,
  buttonStart: '我來回訪',
  started: ({ id, reference, by }) => `📞 回訪 #${id}（${reference}）由 ${by} 負責。`,
  takenBy: ({ id, by }) => `回訪 #${id} 已由 ${by} 負責。`,
  alreadyDone: ({ id }) => `回訪 #${id} 已經完成。`,
  committeeOnly: '只有居委會成員可以開始回訪。',
  callerIntro: ({ id, reference, category, place, summary, reason, rating }) =>
    `您開始了回訪 #${id}：${reference}（${category}${place ? `，${place}` : ''}），${why(reason, rating)}。\n${summary}\n` +
    '您在這裡傳的文字會以「居委會」的名義轉給住戶，住戶的回覆會轉到這裡。結束時傳 /done 回訪結果。',
  fromResident: ({ id, reference, text }) => `💬 住戶回覆（回訪 #${id}，${reference}）：${text}`,
  help: '回訪：住戶評 1–2 星或重新開啟案件時，這裡會收到回訪任務。按「我來回訪」接下任務，然後在與機器人的私訊中直接寫給住戶（經機器人轉達，住戶的姓名、電話和門牌不會顯示），回訪結束後傳 /done 結果 記錄。',
  doneUsage: '請寫上回訪結果：/done 結果（例如 /done 住戶確認已修好，滿意）',
  recorded: ({ id, reference }) => `已記錄回訪 #${id}（${reference}）的結果，回訪結束。`,
  doneInGroup: ({ id, reference, by, outcome }) => `✅ 回訪 #${id}（${reference}）已完成（${by}）：${outcome}`,
  residentIntro: ({ reference }) =>
    `您好，這裡是居委會。關於您反映的 ${reference}，我們想了解一下處理情況，接下來的訊息來自居委會，您直接回覆就可以。`,
  fromCommittee: ({ reference, text }) => `居委會回訪（${reference}）：${text}`,
  residentDone: ({ reference }) => `關於 ${reference} 的回訪已結束，謝謝您的回饋。`,
  agendaTitle: '待完成的回訪',
  agendaItem: ({ reference, category, place, summary, reason, rating, requested, started }) =>
    `${reference}（${category}${place ? `，${place}` : ''}）${why(reason, rating)}，${requested} 提出${started ? `，${started} 開始回訪` : '，尚無人回訪'}：${summary}`,
};
