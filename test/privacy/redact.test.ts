import { describe, expect, it } from 'vitest';
import { maskContacts, redactPersonalDetails } from '../../src/privacy/redact.ts';

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
    for (const text of ['维修师傅已经出发', '物业师傅说明天来', '保安师傅不管事', '电梯师傅来看过', '保洁阿姨很辛苦', '維修師傅來了', '物业的师傅没来', '老师傅修好了']) {
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
