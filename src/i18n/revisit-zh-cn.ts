import type { RevisitCatalog } from './catalog.ts';

const why = (reason: 'low_rating' | 'reopened', rating: number | null) =>
  reason === 'low_rating' ? `居民评分 ${rating ?? '?'}/5` : '居民表示没修好，已重新打开';

export const revisitZhCN: RevisitCatalog = {
  requested: ({ id, reference, category, place, summary, reason, rating }) =>
    `📞 回访任务 #${id}｜${reference}（${category}${place ? `，${place}` : ''}）：${why(reason, rating)}。\n${summary}\n请居委会成员点“我来回访”，通过机器人与居民沟通（居民的联系方式不会显示）。`,
  buttonStart: '我来回访',
  started: ({ id, reference, by }) => `📞 回访 #${id}（${reference}）由 ${by} 负责。`,
  takenBy: ({ id, by }) => `回访 #${id} 已由 ${by} 负责。`,
  alreadyDone: ({ id }) => `回访 #${id} 已经完成。`,
  committeeOnly: '只有居委会成员可以开始回访。',
  callerIntro: ({ id, reference, category, place, summary, reason, rating }) =>
    `您开始了回访 #${id}：${reference}（${category}${place ? `，${place}` : ''}），${why(reason, rating)}。\n${summary}\n` +
    '您在这里发的文字会以“居委会”的名义转给居民，居民的回复会转到这里。结束时发 /done 回访结果。',
  fromResident: ({ id, reference, text }) => `💬 居民回复（回访 #${id}，${reference}）：${text}`,
  help: '回访：居民评 1–2 星或重新打开工单时，这里会收到回访任务。按“我来回访”接下任务，然后在与机器人的私聊中直接写给居民（经机器人转达，居民的姓名、电话和房号不会显示），回访结束后发 /done 结果 记录。',
  doneUsage: '请写上回访结果：/done 结果（例如 /done 居民确认已修好，满意）',
  recorded: ({ id, reference }) => `已记录回访 #${id}（${reference}）的结果，回访结束。`,
  doneInGroup: ({ id, reference, by, outcome }) => `✅ 回访 #${id}（${reference}）已完成（${by}）：${outcome}`,
  residentIntro: ({ reference }) =>
    `您好，这里是居委会。关于您反映的 ${reference}，我们想了解一下处理情况，接下来的消息来自居委会，您直接回复就可以。`,
  fromCommittee: ({ reference, text }) => `居委会回访（${reference}）：${text}`,
  residentDone: ({ reference }) => `关于 ${reference} 的回访已结束，谢谢您的反馈。`,
  agendaTitle: '待完成的回访',
  agendaItem: ({ reference, category, place, summary, reason, rating, requested, started }) =>
    `${reference}（${category}${place ? `，${place}` : ''}）${why(reason, rating)}，${requested} 提出${started ? `，${started} 开始回访` : '，尚无人回访'}：${summary}`,
};
