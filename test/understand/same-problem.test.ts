import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/classify/classifier.ts';
import { extractPlace } from '../../src/classify/place.ts';
import { readProblem } from '../../src/understand/problem.ts';
import { placesAgree, sameProblem, type SameProblemReason } from '../../src/understand/same-problem.ts';

const read = (text: string, urgent = false) => readProblem(text, extractPlace(text), urgent ? 'urgent' : 'normal');

describe('readProblem', () => {
  const TABLE: ReadonlyArray<[string, string[], string[]]> = [
    ['7号楼一单元楼梯间漏水，台阶上全是水', ['corridor'], ['leak']],
    ['二十号楼楼道灯不亮', ['corridor_light'], ['dark']],
    ['20栋楼道的灯坏了好几天', ['corridor_light'], ['broken']],
    ['6号楼也没水了', ['water*'], ['no_water']],
    ['北门口的垃圾箱溢出来了', ['bin'], ['full']],
    ['东门栏杆机抬不起来', ['gate_barrier'], ['stuck_shut']],
    ['地下车库探头坏了', ['cctv'], ['broken']],
    ['11座部𨋢又壞咗', ['lift'], ['broken']],
    ['4座走廊燈唔著', ['corridor_light'], ['dark']],
    ['Block 9 has had no water since noon', ['water*'], ['no_water']],
    ['Rubbish bins at the west gate are overflowing', ['bin'], ['full']],
    ['快递柜旁边的路灯坏了', ['street_light'], ['broken']],
    ['1号楼1单元门禁坏了，刷卡开不了门', ['access_control'], ['stuck_shut', 'broken']],
    // The last noun of a compound is the thing; a corridor only says where when something else is named.
    ['2号楼楼道灭火器过期了', ['extinguisher'], ['expired']],
    ['4号楼楼顶水箱溢水', ['water_tank'], ['full']],
    ['17号楼单元门玻璃碎了', ['entrance_door'], ['broken']],
    ['7号楼楼道有人抽烟', ['smoking'], []],
    ['16栋有人往楼下扔东西', ['thrown_objects'], []],
    ['停车场僵尸车一直没人管', ['abandoned_vehicle'], []],
  ];
  it.each(TABLE)('reads %s', (text, objects, faults) => {
    const problem = read(text);
    expect(problem.objects).toEqual(objects);
    expect(problem.faults).toEqual(faults);
  });

  it('normalises the place: 二十号楼, 20栋 and Block 20 are building 20; a side of a building is kept apart', () => {
    for (const text of ['二十号楼楼道灯不亮', '20栋楼道灯不亮', 'Block 20 corridor light is out'])
      expect(read(text).place).toEqual({ building: '20' });
    expect(read('15栋后面的大树倒了').place).toEqual({ building: '15', side: 'back' });
    expect(read('北门口的垃圾箱满了').place).toEqual({ spot: '北门' });
  });

  it('keeps the time a report names', () => {
    expect(read('9号楼中午开始停水').time).toBe('noon');
    expect(read('Block 9 has had no water since noon').time).toBe('noon');
    expect(read('9号楼停水').time).toBeUndefined();
  });
});

describe('sameProblem', () => {
  const TABLE: ReadonlyArray<[string, string, boolean?, boolean?, SameProblemReason?]> = [
    // The pairs: missed before, to be joined…
    ['7号楼一单元楼梯间漏水，台阶上全是水', '7栋楼梯上一滩水，不知道哪来的'],
    ['二十号楼楼道灯不亮', '20栋楼道的灯坏了好几天'],
    ['6号楼2单元停水了，我是李阿姨…', '6号楼也没水了'],
    ['北门垃圾桶满了没人倒', '北门口的垃圾箱溢出来了'],
    ['Block 9 has had no water since noon', '9号楼中午开始停水'],
    // …and wrongly joined before, to be kept apart.
    ['11号楼电梯坏了', '11号楼单元门坏了', false, false, 'object'],
    ['电梯里有人被困，3号楼', '3号楼电梯按钮不亮', true, false, 'fault'],
    ['3号楼电梯按钮不亮', '电梯里有人被困，3号楼', false, true, 'urgency'],
    ['3号楼2单元水管爆了，楼道全是水', '3号楼的水管在漏水', true, false],
    // Synonyms, Cantonese, English.
    ['东门道闸坏了', '东门栏杆机抬不起来'],
    ['地下车库的探头坏了', '地库的摄像头不工作了'],
    ['12號樓升降機壞咗', 'The lift in block 12 is broken'],
    ['2座垃圾桶滿晒', '2号楼垃圾箱满了'],
    ['19号楼供水管爆了', '19栋水管破了在漏水'],
    // Look-alikes: another object, fault, place or side.
    ['3号楼停水了', '3号楼停电了', false, false, 'object'],
    ['3号楼停水了', '13号楼停水了', false, false, 'building'],
    ['8号楼1单元楼道灯坏了', '8号楼2单元楼道灯坏了', false, false, 'unit'],
    ['北门垃圾桶满了', '南门垃圾桶满了', false, false, 'spot'],
    ['15栋后面的树倒了', '15栋门口的树倒了', false, false, 'side'],
    ['10号楼门口路灯坏了', '10号楼楼道灯坏了', false, false, 'object'],
    ['快递柜坏了', '快递柜旁边的路灯坏了', false, false, 'object'],
    ['7号楼楼道有人抽烟', '7号楼楼道有人堆杂物', false, false, 'object'],
    ['17号楼窗户玻璃碎了', '17号楼单元门玻璃碎了', false, false, 'object'],
    ['14号楼门口的下水道堵了，污水流到路上', '14栋门口下水道冒污水'],
  ];
  it.each(TABLE)('%s / %s', (first, second, firstUrgent = false, secondUrgent = false, reason = 'same') => {
    const verdict = sameProblem(read(first, firstUrgent), read(second, secondUrgent));
    expect(verdict.reason).toBe(reason);
    expect(verdict.same).toBe(reason === 'same');
  });
});

describe('placesAgree', () => {
  const at = (place: Omit<Place, 'text'>) => readProblem('', { ...place, text: '' }, 'normal').place;
  it('needs a building or a spot on both sides', () => {
    expect(placesAgree(at({ unit: '2' }), at({ unit: '2' }))).toBe('no-place');
    expect(placesAgree(at({ building: '3' }), at({ spot: '北门' }))).toBe('building');
  });
  it('lets a unit or a side said on one side only agree', () => {
    expect(placesAgree(at({ building: '6', unit: '2' }), at({ building: '6' }))).toBe('same');
    expect(placesAgree(at({ building: '6', spot: '6号楼后面' }), at({ building: '6' }))).toBe('same');
    expect(placesAgree(at({ building: '6', spot: '6号楼楼下' }), at({ building: '6', spot: '6号楼后面' }))).toBe(
      'same',
    );
  });
});
