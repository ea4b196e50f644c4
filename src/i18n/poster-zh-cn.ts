import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { PosterCatalog } from './poster-catalog.ts';

const EMERGENCY = { lift: '电梯困人', fire: '火警', ambulance: '急救', police: '报警', gas: '燃气抢修' } as const;

function emergencyLine(n: EmergencyNumbers): string {
  return (Object.keys(EMERGENCY) as Array<keyof typeof EMERGENCY>)
    .filter((k) => n[k])
    .map((k) => `${EMERGENCY[k]} ${n[k]}`)
    .join('  ｜  ');
}

export const posterZhCN: PosterCatalog = {
  kicker: '居民报事 · 扫码直达物业',
  headline: '家门口的问题，扫码告诉物业',
  intro: [
    '停水、电梯、卫生、绿化、安全隐患……',
    '说一句话、拍张照片就能报事，24 小时受理。',
    '物业在对话里回复您，处理进度随时通知。',
    '未解决的问题，每周提交党支部、居委会、物业三方会议。',
  ],
  platformName: { telegram: 'Telegram', line: 'LINE' },
  scanWith: { telegram: '用 Telegram 扫一扫', line: '用 LINE 扫一扫' },
  telegramThen: '打开后点「开始」（START）',
  lineThen: ({ text }) => `打开后发送「${text}」`,
  stepsTitle: '三步报事',
  steps: [
    '扫码，打开与物业机器人的对话',
    '说清是什么问题、在哪栋楼哪个位置，可附照片',
    '收到编号（如 W-0123），回复和进度都会发给您',
  ],
  emergencyTitle: '紧急情况请先拨打电话，再扫码报事',
  emergencyLine,
  privacy: '您的姓名、电话和门牌号不会出现在群聊、公告和会议议程里。',
  estateCode: (code) => `小区代码：${code}`,
};
