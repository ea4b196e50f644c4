import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { PosterCatalog } from './poster-catalog.ts';

const EMERGENCY = { lift: '電梯困人', fire: '火警', ambulance: '急救', police: '報警', gas: '燃氣搶修' } as const;

function emergencyLine(n: EmergencyNumbers): string {
  return (Object.keys(EMERGENCY) as Array<keyof typeof EMERGENCY>)
    .filter((k) => n[k])
    .map((k) => `${EMERGENCY[k]} ${n[k]}`)
    .join('  ｜  ');
}

export const posterZhTW: PosterCatalog = {
  kicker: '住戶報修 · 掃碼直達物業',
  headline: '家門口的問題，掃碼告訴物業',
  intro: [
    '停水、電梯、清潔、綠化、安全隱患……',
    '說一句話、拍張照片就能報修，24 小時受理。',
    '物業在對話裡回覆您，處理進度隨時通知。',
    '未解決的問題，每週提交黨支部、居委會、物業三方會議。',
  ],
  platformName: { telegram: 'Telegram', line: 'LINE' },
  scanWith: { telegram: '用 Telegram 掃一掃', line: '用 LINE 掃一掃' },
  telegramThen: '打開後點「開始」（START）',
  lineThen: ({ text }) => `打開後傳送「${text}」`,
  stepsTitle: '三步報修',
  steps: [
    '掃碼，打開與物業機器人的對話',
    '說清楚是什麼問題、在哪棟樓哪個位置，可附照片',
    '收到編號（如 W-0123），回覆和進度都會傳給您',
  ],
  emergencyTitle: '緊急情況請先撥打電話，再掃碼報修',
  emergencyLine,
  privacy: '您的姓名、電話和門牌號不會出現在群組、公告和會議議程裡。',
  estateCode: (code) => `社區代碼：${code}`,
};
