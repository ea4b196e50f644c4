import { describe, expect, it } from 'vitest';
import type { Classification, Place } from '../../src/classify/classifier.ts';
import { relationOfAddition, relationTo, type TicketRelation } from '../../src/intake/ticket-relation.ts';
import type { Category, Urgency } from '../../src/tickets/category.ts';

const AT_3 = { building: '3', text: '3号楼' };
const WATER_AT_3 = {
  category: 'water_supply' as const,
  urgency: 'normal' as const,
  place: AT_3,
  description: '3号楼停水了，一滴水都没有',
};
const WATER_NOWHERE = { ...WATER_AT_3, place: null, description: '停水了' };

function said(
  category: Category,
  place: Place | null = null,
  options: { confidence?: number; urgency?: Urgency } = {},
): Pick<Classification, 'category' | 'confidence' | 'urgency' | 'place'> {
  return { category, place, confidence: options.confidence ?? 0.9, urgency: options.urgency ?? 'normal' };
}

describe('relationTo', () => {
  const TABLE: Array<
    [string, typeof WATER_AT_3 | typeof WATER_NOWHERE, ReturnType<typeof said>, string, TicketRelation]
  > = [
    // zh-CN
    ['another kind of problem, surely', WATER_AT_3, said('upkeep'), '楼道的灯坏了好几天了', 'new'],
    [
      'urgent where the ticket is not',
      WATER_AT_3,
      said('water_supply', null, { urgency: 'urgent' }),
      '水管爆了，到处都是水',
      'new',
    ],
    ['another building', WATER_AT_3, said('water_supply', { building: '5', text: '5号楼' }), '5号楼也停水了', 'new'],
    ['a few words', WATER_AT_3, said('water_supply'), '很急', 'same'],
    [
      'only where, though the classifier guesses another kind',
      WATER_NOWHERE,
      said('upkeep', AT_3, { confidence: 0.65 }),
      '就是3号楼',
      'same',
    ],
    ['only when, a confident other kind', WATER_AT_3, said('upkeep'), '从昨天晚上到现在', 'same'],
    ['when it began', WATER_AT_3, said('water_supply'), '从早上七点开始就一直这样', 'same'],
    ['words in common', WATER_AT_3, said('water_supply'), '3号楼还是停水，一滴水都没有', 'same'],
    // zh-TW
    ['how long it has lasted', WATER_AT_3, said('water_supply'), '已經停了整整一天一夜', 'same'],
    [
      'its own place, nothing in common, ticket without a place',
      WATER_NOWHERE,
      said('water_supply', { spot: '地下车库', text: '地下車庫' }),
      '地下車庫那邊的消防栓在噴',
      'new',
    ],
    // en
    [
      'it started',
      WATER_AT_3,
      said('water_supply', null, { confidence: 0.4 }),
      'It started at seven this morning',
      'same',
    ],
    [
      'nothing in common and no place: ask',
      WATER_AT_3,
      said('water_supply'),
      'The meter reading on my bill looks wrong',
      'ask',
    ],
  ];

  it.each(TABLE)('%s', (_what, ticket, classification, text, expected) => {
    expect(relationTo(ticket, classification, text)).toBe(expected);
  });
});

describe('relationOfAddition', () => {
  const complaint = (category: Category, place: Place | null = null, urgency: Urgency = 'normal') => ({
    ...said(category, place, { urgency }),
    isComplaint: true,
  });
  const TABLE: Array<[string, ReturnType<typeof complaint> | null, string, TicketRelation | undefined]> = [
    ['补充 with a contact, classified other', complaint('other'), '补充：晚上打电话找我', 'same'],
    ['补充一下 of another kind still adds', complaint('upkeep'), '补充一下，楼道灯也不亮，看不清水表', 'same'],
    ['補充 (zh-TW)', complaint('other'), '補充：晚上在家', 'same'],
    ['另外, about the visit', complaint('other'), '另外，白天家里有老人', 'same'],
    ['还有, another kind of problem', complaint('upkeep'), '还有，楼道的灯也坏了', 'new'],
    ['还有, another building', complaint('water_supply', { building: '5', text: '5号楼' }), '还有5号楼也停水', 'new'],
    ['补充, now urgent', complaint('water_supply', null, 'urgent'), '补充：水管爆了，到处是水', 'new'],
    ['also (en)', complaint('other'), 'Also, call me before you come', 'same'],
    ['PS (en)', null, 'PS the door code is on the card', 'same'],
    ['no words of adding', complaint('other'), '晚上打电话找我', undefined],
    ['还 inside a sentence is no marker', complaint('water_supply'), '水还没来', undefined],
  ];

  it.each(TABLE)('%s', (_what, classification, text, expected) => {
    expect(relationOfAddition(WATER_AT_3, classification, text)).toBe(expected);
  });
});
