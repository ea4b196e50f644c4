import type { Locale } from './catalog.ts';

/**
 * The canned replies an install starts with (`/tpl`), in every language; written to the database the
 * first time templates are used, after which admins change or delete them like their own.
 * Placeholders: {ref} the ticket's reference, {place} its building or spot, {date} and {time} the
 * date and time given after the reference (`/tpl 派修 W-0001 12-05 14:00`), else now.
 */
export const DEFAULT_REPLY_TEMPLATES: ReadonlyArray<{ name: string; texts: Record<Locale, string> }> = [
  {
    name: '派修',
    texts: {
      'zh-CN': '已于 {date} {time} 派维修师傅到{place}处理，修好后会再通知您。',
      'zh-TW': '已於 {date} {time} 派維修師傅到{place}處理，修好後會再通知您。',
      en: 'A repair worker was sent to {place} on {date} at {time}; we will tell you when it is fixed.',
    },
  },
  {
    name: '上门',
    texts: {
      'zh-CN': '需要上门查看{place}的情况，请回复您方便的时间（工单 {ref}）。',
      'zh-TW': '需要到府查看{place}的情況，請回覆您方便的時間（案件 {ref}）。',
      en: 'We need to come and look at {place}. Please reply with a time that suits you (ticket {ref}).',
    },
  },
  {
    name: '配件',
    texts: {
      'zh-CN': '维修所需的配件正在采购，到货后马上安排处理。',
      'zh-TW': '維修所需的零件正在採購，到貨後馬上安排處理。',
      en: 'The parts for the repair are on order; we will do it as soon as they arrive.',
    },
  },
];
