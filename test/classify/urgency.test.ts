import { describe, expect, it } from 'vitest';
import { assessUrgency } from '../../src/classify/urgency.ts';
import type { Hazard } from '../../src/tickets/hazard.ts';

describe('assessUrgency', () => {
  const urgent: ReadonlyArray<[string, Hazard]> = [
    ['3号楼水管爆了，水一直往外喷', 'water'],
    ['The pipe burst in block B and water is everywhere', 'water'],
    ['地下车库被淹了', 'water'],
    ['垃圾房着火了，好大的烟', 'fire'],
    ['smoke coming out of the bin room', 'fire'],
    ['楼道里闻到很重的煤气味', 'gas'],
    ['楼道里有很重的煤气味', 'gas'],
    ['燃气泄漏', 'gas'],
    ['天然气好像泄露了', 'gas'],
    ['有股燃气的味道', 'gas'],
    ['gas smell in stairwell of block A', 'gas'],
    ['It smells like gas on the 3rd floor', 'gas'],
    ['9号楼有人在草坪烧垃圾，冒黑烟', 'fire'],
    ['垃圾站那边一股黑烟', 'fire'],
    ['楼下有人摔倒了，头在流血', 'injury'],
    ['A dog bit my son, he is bleeding', 'injury'],
    ['树枝掉下来砸到人了', 'injury'],
    ['小孩爬到窗台外面了', 'falling'],
    ['5栋2单元电梯困人了，里面有个小孩在哭', 'trapped'],
    ['升降機困咗人呀！！第三座', 'trapped'],
    ['Someone is stuck in the lift in building 3', 'trapped'],
    ['整栋楼都停水了，一滴水都没有', 'other'],
    ['The whole building has had no water since 6am', 'other'],
  ];
  for (const [text, hazard] of urgent) {
    it(`is urgent: ${text}`, () => {
      expect(assessUrgency(text)).toMatchObject({ urgency: 'urgent', hazard });
    });
  }

  const normal = [
    '楼道电动车充电，万一着火整栋楼都跑不掉',
    '楼道堆满杂物，存在火灾隐患',
    '地砖松了，差点摔倒',
    '没人受伤，但是很危险',
    '3号楼停水了',
    '电梯又坏了',
    '路灯不亮',
    'Car parked in the fire lane again',
    'This could catch fire any time',
    'The lift is slow',
    '谢谢你们',
    '燃气费怎么又涨了',
    '燃气灶打不着火',
    '没有煤气味了，谢谢',
    'The gas bill is too high',
  ];
  for (const text of normal) {
    it(`is normal: ${text}`, () => {
      expect(assessUrgency(text)).toEqual({ urgency: 'normal', hazard: null, at: -1, end: -1 });
    });
  }
});
