import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from '../../src/classify/chinese-number.ts';
import { extractPlace } from '../../src/classify/place.ts';

describe('extractPlace', () => {
  const cases: ReadonlyArray<[text: string, building?: string, unit?: string, spot?: string]> = [
    ['3号楼2单元停水一天了', '3', '2'],
    ['3栋2单元楼道灯不亮', '3', '2'],
    ['三号楼二单元电梯坏了', '3', '2'],
    ['第三棟後面的樹倒了', '3', undefined, '3号楼后面'],
    ['5栋电梯又坏了', '5'],
    ['5幢门口有人乱停车', '5', undefined, '5号楼门口'],
    ['12栋后面那棵树死了', '12', undefined, '12号楼后面'],
    ['B座门禁坏了', 'B'],
    ['ｂ座的垃圾没人清', 'B'],
    ['3#楼下的井盖没了', '3', undefined, '3号楼楼下'],
    ['二十三号楼1单元', '23', '1'],
    ['第十二栋', '12'],
    ['九十九号楼', '99'],
    ['３号樓２單元沒水', '3', '2'],
    ['5号2单元的电梯', '5', '2'],
    ['3-2-501停水了', '3', '2'],
    ['第二单元的电梯', undefined, '2'],
    ['中心花园的草好久没剪了', undefined, undefined, '中心花园'],
    ['地下车库积水', undefined, undefined, '地下车库'],
    ['地库的灯全灭了', undefined, undefined, '地下车库'],
    ['东门保安又不在岗', undefined, undefined, '东门'],
    ['小区门口堆满了垃圾', undefined, undefined, '小区门口'],
    ['The lift in block B is broken', 'B'],
    ['building 9 has no water', '9'],
    ['Building 09, entrance 2: lights out', '9', '2'],
    ['Tower 3 lobby smells', '3'],
    ['rubbish piled up behind building 12', '12', undefined, '12号楼后面'],
    ['the underground car park is flooded', undefined, undefined, '地下车库'],
    ['water everywhere near the east gate', undefined, undefined, '东门'],
    // The estate's garden said alone, but not the end of an estate's name; its gate said alone.
    ['花园里的路灯都不亮', undefined, undefined, '中心花园'],
    ['花园中间那棵树斜得厉害', undefined, undefined, '中心花园'],
    ['阳光花园3号楼停水', '3'],
    ['大門嘅閘口壞咗', undefined, undefined, '小区门口'],
    ['2栋1单元大门锁坏了', '2', '1'],
    ['3號棟樓梯間的扶手鬆了', '3'],
    // A spot that is also a thing, or a side of the estate, gives way to another spot named.
    ['The parcel locker at the south gate is broken', undefined, undefined, '南门'],
    ['小区北边的人工湖水发臭了', undefined, undefined, '人工湖'],
    ['北面那个湖好臭', undefined, undefined, '人工湖'],
    ['小区西南角的围墙塌了一段', undefined, undefined, '西南区'],
    ['西南边的围墙倒了一截', undefined, undefined, '西南区'],
    ['广场上扭腰器坏了转不动', undefined, undefined, '中心广场'],
    ['幼儿园门口下雨积水', undefined, undefined, '幼儿园'],
  ];
  for (const [text, building, unit, spot] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const place = extractPlace(text);
      expect(place).not.toBeNull();
      expect({ building: place?.building, unit: place?.unit, spot: place?.spot }).toEqual({ building, unit, spot });
      expect(text).toContain(place?.text.split(' ')[0]);
    });
  }

  it('gives the same building for 3号楼, 3栋, 三号楼, 第三棟, 3# and building 3', () => {
    const buildings = ['3号楼漏水', '3栋漏水', '三号楼漏水', '第三棟漏水', '3#漏水', 'building 3 leaks'].map(
      (t) => extractPlace(t)?.building,
    );
    expect(new Set(buildings)).toEqual(new Set(['3']));
  });

  it('keeps the span of the original text, traditional characters and all', () => {
    expect(extractPlace('我住第三棟後面')?.text).toBe('第三棟後面');
    expect(extractPlace('３号楼２单元')?.text).toBe('３号楼２单元');
  });

  const noPlace = [
    '我家3楼漏水',
    '8层的灯坏了',
    '12月5号楼道灯不亮',
    '3号停水',
    '一栋楼都停水了',
    '两栋楼之间的路灯',
    'cars block a fire exit',
    '电梯坏了',
    '几号楼停水？',
  ];
  for (const text of noPlace) {
    it(`finds no building in ${JSON.stringify(text)}`, () => {
      expect(extractPlace(text)?.building).toBeUndefined();
    });
  }
});

describe('parseChineseNumber', () => {
  it('reads digits and Chinese numerals up to 九十九', () => {
    const table: Array<[string, number]> = [
      ['3', 3],
      ['03', 3],
      ['一', 1],
      ['十', 10],
      ['十二', 12],
      ['二十', 20],
      ['二十三', 23],
      ['九十九', 99],
      ['一〇', 10],
    ];
    for (const [text, value] of table) expect(parseChineseNumber(text)).toBe(value);
  });

  it('rejects what is not a number', () => {
    for (const text of ['', '几', '十十', '零十', '百']) expect(parseChineseNumber(text)).toBeNull();
  });
});
