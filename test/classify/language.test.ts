import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/classify/language.ts';
import { normaliseText } from '../../src/classify/normalise-text.ts';

describe('detectLanguage', () => {
  const table: ReadonlyArray<[string, string]> = [
    ['3号楼2单元停水一天了', 'zh-CN'],
    ['这个电梯怎么又坏了', 'zh-CN'],
    ['我家樓下的路燈壞了', 'zh-TW'],
    ['第三棟後面的樹要修剪', 'zh-TW'],
    ['升降機困咗人呀', 'zh-TW'],
    ['樓上漏水到我家天花板', 'zh-TW'],
    ['我家天花板漏水', 'zh-CN'],
    ['停車場的閘口壞咗', 'zh-TW'],
    ['私家车位被人占了', 'zh-CN'],
    ['这栋楼的電梯坏了好几天了', 'zh-CN'],
    ['The lift in block B is broken', 'en'],
    ['No water in building 9 since this morning', 'en'],
    ['电梯坏了 lift broken', 'zh-CN'],
    // Pinyin typed without the input method is Chinese; English with a few pinyin-like words is not.
    ['7 hao lou ting shui le', 'zh-CN'],
    ['dian ti huai le 3 dong', 'zh-CN'],
    ['The lift in Block 3 has been down since noon', 'en'],
    ['Someone is in the lift and she can not get out', 'en'],
    ['3号楼', 'zh-CN'],
    ['👍', 'zh-CN'],
  ];
  for (const [text, language] of table) {
    it(`reads ${JSON.stringify(text)} as ${language}`, () => {
      expect(detectLanguage(text)).toBe(language);
    });
  }
});

describe('normaliseText', () => {
  it('folds traditional characters, full-width forms and case, keeping the length', () => {
    const text = '３號樓Ｂ座　電梯壞了 LIFT';
    const normalised = normaliseText(text);
    expect(normalised).toBe('3号楼b座 电梯坏了 lift');
    expect(normalised.length).toBe(text.length);
  });
});
