import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/turn/incoming-event.ts';
import { forViewer, placeForViewer } from '../../src/privacy/for-viewer.ts';
import { maskContacts, redactPersonalDetails } from '../../src/privacy/redact.ts';
import { CORPUS, NOT_PERSONAL } from './corpus.ts';

describe('maskContacts', () => {
  const cases: Array<[string, string]> = [
    ['电话13800138000', '电话[phone]'],
    ['手机 138 0013 8000 谢谢', '手机 [phone] 谢谢'],
    ['+86 138-0013-8000', '[phone]'],
    ['138.0013.8000', '[phone]'],
    ['电话：１３８００１３８０００', '电话：[phone]'],
    ['0912-345-678 or +886 912 345 678', '[phone] or [phone]'],
    ['call 9123 4567', 'call [phone]'],
    ['座机010-12345678', '座机[phone]'],
    ['座机(010)12345678', '座机[phone]'],
    ['座机（0755）8888 6666', '座机[phone]'],
    ['座机021 1234 5678', '座机[phone]'],
    ['身份证11010519491231002X', '身份证[id]'],
    ['身份证 110105 19491231 002X', '身份证 [id]'],
    ['身分證A123456789', '身分證[id]'],
    ['邮箱zhangsan@qq.com谢谢', '邮箱[email]谢谢'],
    ['mail me at zhang.san+x@example.com.cn.', 'mail me at [email].'],
    ['ｚｈａｎｇ＠ｑｑ．ｃｏｍ', '[email]'],
  ];
  for (const [text, masked] of cases) {
    it(`masks ${JSON.stringify(text)}`, () => {
      expect(maskContacts(text)).toBe(masked);
    });
  }

  it('leaves buildings, units, floors, dates and prices alone', () => {
    const text = '３号楼2单元1201室，12月5号起停水，3楼，物业费2.5元/平方，电梯编号2024';
    expect(maskContacts(text)).toBe(text);
  });
});

describe('redactPersonalDetails', () => {
  it('still drops the unit after its building and masks contacts and rooms', () => {
    expect(redactPersonalDetails('3号楼2单元1201室停水，电话13800138000')).toBe('3号楼＊停水，电话[phone]');
  });
});

describe('redactPersonalDetails on names', () => {
  it('masks a name with its title', () => {
    expect(redactPersonalDetails('王师傅说明天来')).toBe('＊说明天来');
    expect(redactPersonalDetails('李阿姨家漏水')).toBe('＊家漏水');
    expect(redactPersonalDetails('张先生投诉了好几次')).toBe('＊投诉了好几次');
    expect(redactPersonalDetails('來了王師傅')).toBe('來了＊');
    expect(redactPersonalDetails('楼下张大爷摔了')).toBe('楼下＊摔了');
  });

  it('leaves job titles alone: whoever the firm sends is no one to hide', () => {
    for (const text of [
      '维修师傅已经出发',
      '物业师傅说明天来',
      '保安师傅不管事',
      '电梯师傅来看过',
      '保洁阿姨很辛苦',
      '維修師傅來了',
      '物业的师傅没来',
      '老师傅修好了',
    ]) {
      expect(redactPersonalDetails(text), text).toBe(text);
    }
  });
});

describe('redactPersonalDetails on English names', () => {
  it('masks a name a resident introduces, and keeps the words around it', () => {
    const out = redactPersonalDetails('Hi, I am Peter Chan from flat 12B, the lift is broken');
    expect(out).not.toContain('Peter');
    expect(out).not.toContain('Chan');
    expect(out).toContain('the lift is broken');
  });
});

describe('redactPersonalDetails over the privacy corpus', () => {
  for (const entry of CORPUS) {
    it(`masks ${JSON.stringify(entry.text)}`, () => {
      const out = redactPersonalDetails(entry.text);
      for (const secret of entry.secrets) expect(out, secret).not.toContain(secret);
      const digits = out.replace(/[\s\-.·()（）+\u3000]/g, '');
      for (const phone of entry.phones ?? []) expect(digits, phone).not.toContain(phone.slice(-8));
      for (const keep of entry.keep) expect(out, keep).toContain(keep);
    });
  }

  it('changes nothing when masking masked text', () => {
    for (const entry of CORPUS) {
      const once = redactPersonalDetails(entry.text);
      expect(redactPersonalDetails(once), entry.text).toBe(once);
    }
  });
});

describe('redactPersonalDetails leaves what is no one’s', () => {
  for (const text of NOT_PERSONAL) {
    it(`keeps ${JSON.stringify(text)}`, () => {
      expect(redactPersonalDetails(text)).toBe(text);
    });
  }

  it('keeps every emergency number, in any sentence', () => {
    for (const n of ['96333', '119', '120', '110', '12345', '999'])
      expect(redactPersonalDetails(`有事打${n}`)).toBe(`有事打${n}`);
  });
});

describe('direction controls', () => {
  it('are dropped by masking and by cleanText at intake', () => {
    const text = '3号楼\u202E电梯\u2066坏了\u200F\u061C';
    expect(redactPersonalDetails(text)).toBe('3号楼电梯坏了');
    expect(forViewer(text, 'staff', { showResidentDetails: true })).toBe('3号楼电梯坏了');
    expect(cleanText(text).text).toBe('3号楼电梯坏了');
  });
});

describe('forViewer', () => {
  const text = '3号楼2单元1201漏水，我叫李建国，电话13912345678';

  it('masks for staff unless the operator opted in, and always for everyone else', () => {
    expect(forViewer(text, 'staff')).toBe('3号楼＊漏水，我叫＊，电话[phone]');
    expect(forViewer(text, 'staff', { showResidentDetails: true })).toBe(text);
    expect(forViewer(text, 'public', { showResidentDetails: true })).toBe('3号楼＊漏水，我叫＊，电话[phone]');
  });

  it('keeps colleagues’ names in staff words shown to staff, but not the contacts they quote', () => {
    expect(forViewer('王师傅明天联系您13912345678', 'staff', { writtenBy: 'staff' })).toBe('王师傅明天联系您[phone]');
    expect(forViewer('王师傅明天联系您13912345678', 'public', { writtenBy: 'staff' })).toBe('＊明天联系您[phone]');
  });

  it('never shows a phone given as the place, even to staff who may see details', () => {
    const place = { text: '13912345678' };
    expect(placeForViewer(place, 'zh-CN', 'staff', { showResidentDetails: true })).toBe('[phone]');
    expect(placeForViewer(place, 'zh-CN', 'staff')).toBe('');
    expect(
      placeForViewer({ building: '3', unit: '2', text: '3号楼2单元' }, 'zh-CN', 'public', {
        showResidentDetails: true,
      }),
    ).toBe('3号楼');
  });
});
