import { describe, expect, it } from 'vitest';
import type { Classification, Place } from '../../src/classify/classifier.ts';
import { bareBuilding, readPlaceAnswer, type PlaceAnswer } from '../../src/intake/place-answer.ts';
import type { Category } from '../../src/tickets/category.ts';

/** What the classifier made of the answer (only the fields the reading looks at matter). */
function classified(category: Category, place: Place | null, confidence = 0.9): Classification {
  return {
    category,
    urgency: 'normal',
    confidence,
    isComplaint: true,
    summary: '',
    place,
    language: 'zh-CN',
    source: 'offline',
  };
}

const LOCATION = { latitude: 31.2, longitude: 121.4, title: '东门' };

describe('readPlaceAnswer', () => {
  const TABLE: Array<
    [string, string | undefined, Classification | null, { location?: typeof LOCATION; photo?: unknown }, PlaceAnswer]
  > = [
    ['a shared location', undefined, null, { location: LOCATION }, { place: null, location: LOCATION }],
    ['a photo while waiting', undefined, null, { photo: { fileId: 'p' } }, 'keep-waiting'],
    ['nothing at all', undefined, null, {}, 'not-a-place'],
    // zh-CN
    ['a bare number', '5', null, {}, { place: { building: '5', text: '5' } }],
    ['a building in words', '第5栋', null, {}, { place: { building: '5', text: '第5栋' } }],
    ["I don't know", '不知道', null, {}, { place: null }],
    ['thanks', '谢谢', null, {}, 'keep-waiting'],
    ['a question', '什么时候能修？', null, {}, 'keep-waiting'],
    [
      'a place the classifier found',
      '3号楼',
      classified('other', { building: '3', text: '3号楼' }, 0.3),
      {},
      { place: { building: '3', text: '3号楼' } },
    ],
    [
      'the same problem with its place',
      '3号楼又停水了',
      classified('water_supply', { building: '3', text: '3号楼' }),
      {},
      { place: { building: '3', text: '3号楼' } },
    ],
    [
      'another problem instead of an answer',
      '楼下垃圾堆满了好几天没人清理，真的很臭，麻烦处理一下',
      classified('upkeep', null),
      {},
      'not-a-place',
    ],
    // zh-TW
    ['a building in traditional characters', '第7棟', null, {}, { place: { building: '7', text: '第7棟' } }],
    ["I'm not sure", '不確定', null, {}, { place: null }],
    // en
    ['Building 7', 'Building 7', null, {}, { place: { building: '7', text: 'Building 7' } }],
    ['a block letter', 'b', null, {}, { place: { building: 'B', text: 'b' } }],
    ['not sure', 'not sure', null, {}, { place: null }],
  ];

  it.each(TABLE)('%s: %j', (_what, text, classification, sent, expected) => {
    expect(readPlaceAnswer(text, classification, sent, 'water_supply')).toEqual(expected);
  });
});

describe('bareBuilding', () => {
  it.each([
    ['12', '12'],
    ['05', '5'],
    ['第3幢', '3'],
    ['8號樓', '8'],
    ['Block C', 'C'],
    ['tower 2', '2'],
  ])('reads %j as building %s', (text, building) => {
    expect(bareBuilding(text)).toEqual({ building, text });
  });

  it.each(['3号楼2单元', '东门口', 'the gate', ''])('finds no bare building in %j', (text) => {
    expect(bareBuilding(text)).toBeUndefined();
  });
});
