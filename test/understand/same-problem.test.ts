import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/classify/classifier.ts';
import { extractPlace } from '../../src/classify/place.ts';
import { readProblem } from '../../src/understand/problem.ts';
import { placesAgree, sameProblem, type SameProblemReason } from '../../src/understand/same-problem.ts';

const read = (text: string, urgent = false) => readProblem(text, extractPlace(text), urgent ? 'urgent' : 'normal');

describe('readProblem', () => {
  const TABLE: ReadonlyArray<[string, string[], string[]]> = [
    ['7号楼一单元楼梯间漏水，台阶上全是水', ['corridor', 'steps'], ['leak']],
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
    ['4号楼楼顶水箱溢水', ['water_tank'], ['leak']],
    ['17号楼单元门玻璃碎了', ['entrance_door'], ['shattered']],
    ['7号楼楼道有人抽烟', ['smoking'], []],
    ['16栋有人往楼下扔东西', ['thrown_objects'], []],
    ['停车场僵尸车一直没人管', ['abandoned_vehicle'], []],
    // A button is not the lift; what people do in a lift is the problem; a window is the guard post's.
    ['8栋电梯里的按钮不亮', ['button'], ['dark']],
    ['5号楼电梯里有人抽烟', ['smoking'], []],
    ['北门岗亭的窗户玻璃破了', ['security_guard', 'window'], ['holed']],
    // What has not happened is no fault.
    ['13号楼墙皮裂了 还没掉', ['wall'], ['cracked']],
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

  it("reads the floor, zone and way of a spot, and whether the thing is in the resident's home", () => {
    expect(read('6号楼三楼的楼道灯不亮').place.floor).toBe('3');
    expect(read('Block 9 corridor light on floor 12 is broken').place.floor).toBe('12');
    expect(read('6号楼整个楼梯间的灯都不亮').place.floor).toBe('all');
    expect(read('地下车库B区的监控坏了').place.zone).toBe('b');
    expect(read('车库负二层顶上水管漏水').place.zone).toBe('b2');
    expect(read('停车场出口的道闸抬不起来').place.way).toBe('out');
    expect(read('12号楼我家门锁坏了').home).toBe(true);
    expect(read('7号楼我家停电了 别人家有电').home).toBe(true);
    expect(read('3号楼我家停水了').home).toBeUndefined();
    expect(read('我家住16栋 今天水压特别小').home).toBeUndefined();
    expect(read('8号楼楼上漏水 漏到我家天花板').home).toBeUndefined();
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
    ['电梯里有人被困，3号楼', '3号楼电梯按钮不亮', true, false, 'object'],
    ['电梯里有人被困，3号楼', '3号楼电梯坏了', true, false, 'fault'],
    ['3号楼电梯按钮不亮', '电梯里有人被困，3号楼', false, true, 'urgency'],
    ['3号楼2单元水管爆了，楼道全是水', '3号楼的水管在漏水', true, false],
    // Synonyms, Cantonese, English.
    ['东门道闸坏了', '东门栏杆机抬不起来'],
    ['地下车库的探头坏了', '地库的摄像头不工作了'],
    ['12號樓升降機壞咗', 'The lift in block 12 is broken'],
    ['2座垃圾桶滿晒', '2号楼垃圾箱满了'],
    ['19号楼供水管爆了', '19栋水管破了在漏水'],
    // Look-alikes: another object, fault, place or side.
    ['3号楼停水了', '3号楼停电了', false, false, 'fault'],
    ['3号楼停水了', '13号楼停水了', false, false, 'building'],
    ['8号楼1单元楼道灯坏了', '8号楼2单元楼道灯坏了', false, false, 'unit'],
    ['北门垃圾桶满了', '南门垃圾桶满了', false, false, 'spot'],
    ['15栋后面的树倒了', '15栋门口的树倒了', false, false, 'side'],
    ['10号楼门口路灯坏了', '10号楼楼道灯坏了', false, false, 'object'],
    ['快递柜坏了', '快递柜旁边的路灯坏了', false, false, 'object'],
    ['7号楼楼道有人抽烟', '7号楼楼道有人堆杂物', false, false, 'object'],
    ['17号楼窗户玻璃碎了', '17号楼单元门玻璃碎了', false, false, 'object'],
    ['14号楼门口的下水道堵了，污水流到路上', '14栋门口下水道冒污水'],
    // Places: the estate's garden, guard posts at a gate, a gate named beside a building.
    ['花园里的路灯都不亮', '中央花园晚上一片黑 路灯全坏了'],
    ['北门的门卫室玻璃碎了', '北门岗亭的窗户玻璃破了'],
    ['11幢东门口的路灯不亮了', '十一号楼东边门口那盏路灯坏了'],
    ['6号楼单元门门禁刷不了卡', '6号楼地下车库门禁刷不了卡', false, false, 'spot'],
    ['地下车库A区的监控坏了', '地下车库B区的监控坏了', false, false, 'spot'],
    ['停车场入口的道闸抬不起来', '停车场出口的道闸抬不起来', false, false, 'spot'],
    ['6号楼三楼的楼道灯不亮', '6号楼整个楼梯间的灯都不亮', false, false, 'spot'],
    // An object named on one side only, or implied by the fault: the faults decide.
    ['8號樓停電 電梯也停了', '8号楼没电了'],
    ['8号楼2单元楼上漏水 漏到我家天花板', '8号楼二单元502往下漏水了'],
    // An urgent report saying no more than the routine ticket joins it; one saying more does not.
    ['9号楼停电了', 'Block 9 power cut', false, true],
    ['小区正门保安岗亭的玻璃被人砸了', '大门口门卫室玻璃碎了 被砸的', false, true],
    ['6栋电梯坏了', '6栋电梯里有人被困', false, true, 'urgency'],
    ['地下车库漏水', '地下车库积水有人车被淹', false, true, 'urgency'],
    // Each names a fault, and they differ; or a danger on one side only.
    ['5号楼电梯异响', '5号楼电梯里有人抽烟', false, false, 'object'],
    ['8栋电梯里的按钮不亮', '8栋电梯里的灯不亮', false, false, 'object'],
    ['13号楼外墙掉瓷砖', '13号楼墙皮裂了 还没掉', true, false, 'fault'],
    [
      'The smoke alarm in the Block 8 lobby keeps beeping',
      'The fire alarm in Block 8 is ringing and there is smoke',
      true,
      true,
      'fault',
    ],
    // The resident's own door or pipe is not the building's.
    ['12号楼单元门锁坏了', '12号楼我家门锁坏了 进不了家', false, false, 'object'],
    ['4栋我家水管漏水 在厨房', '4栋楼道水管漏水', false, false, 'object'],
    ['16栋我家入户门的锁坏了', '16栋单元门锁坏了', false, false, 'object'],
    // …but a supply both say is off is the building's, seen from one flat; unless only that flat has none.
    ['17号楼停水了', '17栋没水了 我家水龙头一滴都不出'],
    ['17号楼停水了', '17号楼只有我家没水 邻居家都有水', false, false, 'object'],
    // Zones, levels and phases of the estate are places; the wall's side is the estate's side.
    ['四期E区的路灯不亮', '四期E区那边的路灯坏了'],
    ['四期E区的路灯不亮', '五期E区的路灯不亮', false, false, 'spot'],
    ['F区的垃圾桶满了', 'G区的垃圾桶满了', false, false, 'spot'],
    ['地库负三层D区的灯全灭了', '地下三层D区一片漆黑 灯都不亮'],
    ['地库B1层的监控坏了', '地库B3层的监控坏了', false, false, 'spot'],
    ['南围墙倒了一截', '小区南边的围墙塌了'],
    // One thing, many names: the roof from the top floor, the entry panel, the car park's barrier.
    ['18号楼天台漏水', '18栋顶楼我家天花板漏雨'],
    ['18号楼天台漏水', '18号楼5楼天花板漏水', false, false, 'object'],
    ['19栋门禁坏了', '19栋门禁对讲按了没反应'],
    ['19栋刷脸开不了门', '19号楼人脸识别用不了'],
    ['东门车牌识别坏了', '东门的道闸不认车牌'],
    ['东门人脸识别坏了', '东门车牌识别坏了', false, false, 'object'],
    // An extra fault on one side, the main one shared.
    ['21号楼停水了', '21号楼也没水了 楼道里水管还在漏'],
    ['电动车棚的充电桩坏了', '电动车棚充电口没电 充不上'],
    // A neighbour who fears a fall tells the same problem more urgently; someone hurt is another matter.
    ['22号楼门口的大树歪了', '22号楼门口那棵树快倒了 怕砸到人', false, true],
    ['30号楼后面那棵树歪了', '30号楼后面的树快倒了 砸到人怎么办'],
    ['30号楼后面那棵树倒了', '30号楼后面的树倒了 砸到人了 快来', false, true, 'urgency'],
    ['23栋外墙瓷砖松了', '23栋外墙瓷砖随时会掉下来 太危险', false, true],
    ['24号楼空调支架生锈了', '24号楼空调架子锈得快掉了', false, true],
    ['24号楼空调支架生锈了', '24号楼空调架子掉下来砸伤人了 在流血', false, true, 'urgency'],
    // Same place, different faults.
    ['25栋楼道灯不亮', '25栋楼道灯白天也一直亮着', false, false, 'fault'],
    ['中心花园的桂花树生虫了', '中心花园的桂花树该修剪了', false, false, 'fault'],
    ['26号楼电梯里有人小便', '26号楼电梯里贴满了小广告', false, false, 'fault'],
    ['27号楼楼道有只流浪猫生了一窝', '27号楼楼道有只死猫 很臭', false, false, 'fault'],
    ['西门保安态度很凶', '西门保安亭没人', false, false, 'fault'],
    ['28号楼门口井盖一踩就响', '28号楼门口井盖没了 一个大窟窿', false, false, 'fault'],
    [
      'Block 29 2nd floor smells of gas',
      'Block 29 2nd floor smells of paint, someone renovating',
      true,
      false,
      'object',
    ],
    // One door or window, two faults: it will not close, it will not open, its glass is in pieces, it
    // closes on people. "坏了" may be any of them.
    ['19号楼楼道窗户玻璃碎了', '19号楼楼道窗户关不严 一直漏风', false, false, 'fault'],
    ['2栋1单元单元门关不上', '2栋1单元单元门玻璃被砸碎了', false, false, 'fault'],
    ['东门快递柜柜门打不开', '东门快递柜有个柜门关不上 一直弹开', false, false, 'fault'],
    ['15号楼电梯里的镜子碎了', '15号楼电梯门老是夹人', false, false, 'fault'],
    ['11号楼单元门坏了 关不上', '11号楼单元门一直开着 锁不住'],
    ['23号楼楼梯间窗户玻璃碎了', '23栋楼梯间窗户玻璃破了个洞'],
    ['8栋电梯门夹人', '8号楼电梯门感应器坏了 夹到了我妈的手臂', false, true],
    // A resident's words for a fault the tables lacked: dog mess, off the lead, a wrong meter, sparks,
    // a lost card; "吓死了", "累死了" say how it felt, not that something died.
    ['东区草地上好多狗屎', '东区草地上有条狗没拴绳 见人就扑', false, false, 'fault'],
    ['3栋2单元电表读数不对 电费翻倍', '3栋2单元电表箱冒火花', false, true, 'urgency'],
    ['北门门禁卡丢了 怎么补办', '北门门禁刷不开', false, false, 'fault'],
    ['花园里有条大狗没拴绳', '花园那条黄狗没牵绳子 追着小孩跑 吓死了'],
    ['25栋电梯坏了 爬楼梯累死了', '25号楼电梯停了不动'],
    // Someone shut in the lift, smoke, no water from the tap, a car parked on the fire lane, a locker
    // that did not spring open, noise at night: said the resident's way. A fire feared ("万一着火") is
    // not a fire, an e-bike (电动车) no electric shock, "睡不着" no light out.
    ['12栋电梯困人了 快来', '12号楼电梯里关着个人 一直在喊 快派人', true, true],
    ['18号楼没水了', '十八栋厨房水龙头一点水都不出来'],
    ['9栋3楼楼道着火了 好多烟', '9号楼三楼走廊全是烟 一股烧焦的味道', true, true],
    ['4栋旁边消防通道被车堵了', '四号楼边上的消防通道停了一辆红色面包车 万一着火怎么办'],
    ['东门快递柜门打不开', '东门快递柜 输了取件码柜门没弹开'],
    ['篮球场晚上十二点还有人打球 太吵了', '篮球场半夜有人打球 拍球声大喊大叫 根本睡不着'],
    ['8号楼门口无障碍坡道被电动车堵了', '八栋入口的残疾人坡道 每天停满电瓶车'],
    ['7号楼门口有条狗咬了小孩', '7栋门口一只黑狗把小朋友咬伤了 流了好多血', true, true],
    ['12栋电梯困人了 快来', '12号楼电梯按钮不亮', true, false, 'object'],
    // A parking space taken: each space is its owner's problem; one space said two ways is one.
    ['B2-115车位被别人的车占了', 'B2-151车位被别人的车占了', false, false, 'spot'],
    ['地库B1-033车位被外面的车占了', 'B1的33号车位有辆白车停了一天 车主电话打不通'],
    ['Someone parked in my space B2-071 in the car park', '地下车库B2 071车位被占了'],
    // One side names no thing the tables know: the fault itself must be shared, not only its family.
    ['东区儿童乐园的蹦床断了', '东区儿童乐园地上有碎玻璃', false, false, 'fault'],
    ['南门的电子显示屏坏了', '南门橱窗的玻璃碎了', false, false, 'fault'],
    // One sewer at two openings: a manhole and a drain, each blocked; a loose cover is another fault.
    ['22栋楼下的窨井堵了 冒臭水', '二十二号楼门口下水道堵住了 污水漫到路上'],
    ['22栋楼下的井盖松了 一踩就响', '22栋楼下下水道堵了', false, false, 'fault'],
    // A problem a report says is over is no open problem: today's "又停水了" is a new one. Asked or
    // denied ("还没修好", "修好了吗") or come back ("修好了又坏了"), it is still open.
    ['昨天11号楼停水 后来来水了', '11号楼今天又停水了', false, false, 'resolved'],
    ['上周东门道闸坏了 已经修好了', '东门道闸抬不起来', false, false, 'resolved'],
    ['20號樓電梯壞了 修了三天才好', '20号楼电梯又坏了', false, false, 'resolved'],
    ['The lift in block 3 was fixed yesterday, thanks', 'Block 3 lift is broken again', false, false, 'resolved'],
    ['5号楼电梯坏了', '5栋电梯怎么还没修好'],
    ['5号楼电梯修好了又坏了', '5栋电梯坏了'],
    ['9号楼停水了', '9栋停水 修好了吗'],
    // An urgent report telling how bad a shared fault is joins the routine one of the same thing; one
    // that tells of another fault, or of a thing come down, does not.
    ['5号楼2单元楼道漏水', '五栋二单元楼道里水都漫出来了 快来人啊', false, true],
    ['3号楼后面的下水道堵了', '3号楼后面的窨井冒污水 路都淹了 快来', false, true],
    ['14号楼楼下那段路有个大坑', '14栋楼下路面塌陷 一个大坑 已经有人摔了', false, true],
    ['8号楼电梯门关不上', '8号楼电梯突然往下掉 里面有人 吓死了', false, true, 'urgency'],
    ['13栋楼下的大树歪了 担心会倒', '13栋楼下那棵树倒了 把车砸了', false, true, 'urgency'],
    ['18栋有人往楼下扔垃圾', '18号楼不知道谁从窗户扔了一袋垃圾下来 差点砸到小孩', false, true],
    // Pinyin typed without the input method; named rooms and the estate's courtyard as places.
    ['7 hao lou ting shui le', '7号楼停水啦 一滴都没有'],
    ['dian ti huai le 3 dong', '3栋电梯坏了'],
    ['老年活动室空调漏水', '老年活动中心那台空调一直往下滴水'],
    ['老年活动室空调漏水', '老年活动室空调不制冷', false, false, 'fault'],
    ['社区中庭的监视器坏了', '中心花园那个监控坏了'],
    // A flat's number: two flats apart are two problems; one right above the other, one leak.
    ['6号楼701天花板渗水', '6号楼1701天花板渗水', false, false, 'spot'],
    ['我是3栋601的 楼上漏水到我家厨房天花板', '3号楼701家里水管漏了 楼下说渗到她家了'],
    // The same kind of thing in two places of a building.
    ['2号楼电梯里的摄像头坏了', '2号楼单元门口的摄像头坏了', false, false, 'object'],
    ['2号楼电梯里的摄像头坏了', '2栋电梯监控不亮了'],
    // Things the tables lacked, and look-alikes they tell apart.
    ['东门垃圾屋的灯坏了', '东门垃圾房那个灯不亮 晚上去扔垃圾黑乎乎的'],
    ['健身区的单杠断了', '健身区的扭腰器转不动了', false, false, 'object'],
    ['中心花园有人跳广场舞 太吵', '中心花园有人打球 太吵', false, false, 'object'],
    ['9号楼天台门没锁', '9号楼天台门锁坏了 打不开', false, false, 'fault'],
    ['地下车库B2漏水', '地下车库B2有辆车漏油', false, true, 'urgency'],
    ['4号楼旁边的雨水管断了', '4号楼旁边的自来水管断了', false, false, 'object'],
    // What an urgent report adds: a consequence of the same fault joins, a victim (a car flooded, someone
    // fallen in) does not; a fall feared is no fall.
    ['7栋地下车库入口积水很深', '七号楼车库进口被水淹了 车开不进去 赶紧排水', false, true],
    ['9号楼门口有个井盖松了', '9号楼门口的井盖没了 有人掉下去了', false, true, 'urgency'],
    ['小区北门外面的窨井盖没了 很危险', '北门口井盖丢了 一个大洞 晚上有人掉下去怎么办'],
    ['5号楼楼道灯不亮', '5号楼楼道黑漆漆的 我妈昨晚摔了一跤 赶紧修', false, true],
    ['小区西门口那棵树被风刮断了 挡住路', '西门那棵大树倒了 拦在路中间', true, true],
    ['16号楼有人高空抛物 一个花盆掉下来了', '16栋楼上掉了个花盆下来 差点砸到人 太可怕了', true, false],
    ['2栋1单元门口有好多垃圾没人清', '2号楼一单元门前垃圾堆成山 臭死了'],
    ['物业办公室门口的台阶坏了', '物业中心前面台阶塌了一块'],
    // Where an act happens is kept; gas smelt is gas leaking; water rising, and what it reaches.
    ['12号楼楼道有人抽烟', '12号楼电梯里有人抽烟', false, false, 'object'],
    ['5号楼燃气表那里有味道', '五栋燃气表漏气 味道很大 快来', true, true],
    ['Building 14 corridor smells of gas', '14号楼楼道里有煤气味', true, true],
    ['3栋地下室有积水', '3号楼地下室水越来越深 都快淹到配电箱了 赶紧来', false, true],
    ['地下车库入口坡道结冰了', '车库入口那个坡全是冰 已经有车滑下去了 快撒盐', false, true],
    ['18号楼有户人家在装修 每天早上七点就开始砸墙', '18栋有人装修把垃圾堆在楼道', false, false, 'object'],
    ['18号楼装修垃圾堆在楼道', '18栋有人装修 把垃圾堆楼道里'],
    // A question, a thanks or a request names no fault: it is no report of the neighbour's.
    ['会所泳池几点开门？', '会所泳池的水很浑', false, false, 'fault'],
    ['谢谢物业，东门的新道闸很好用', '东门道闸抬不起来', false, false, 'fault'],
    ['2栋电梯停了', '2栋电梯什么时候修好'],
    ['6栋电梯坏了', '6栋的电梯怎么回事？'],
    // Two lifts of one building, or another lift than the one reported.
    ['21栋C梯门关不上', '21栋D梯门关不上', false, false, 'spot'],
    ['21栋3号梯门关不上', '21栋三号电梯门关不上'],
    ['21栋电梯一直响', '21栋另外一部电梯也一直响', false, false, 'object'],
    // Nowhere said: one thing with one fault (a fee of the whole estate, a tree), not a kind of tree.
    ['管理费又涨价了', '这个月物业费怎么贵了这么多'],
    ['停车费又涨了', '管理费又涨了', false, false, 'no-place'],
    ['小区的银杏树生虫了', '小区的香樟树生虫了', false, false, 'object'],
    // One flat with two things leaking is two leaks.
    ['9栋802阳台墙面渗水', '9栋802卫生间天花板漏水', false, false, 'object'],
    // Two of a kind by their numbers, two sides of the estate; a day of the month is no number of a thing.
    ['2号充电桩插上没反应', '6号充电桩插上没反应', false, false, 'spot'],
    ['B区1号车库门打不开', 'B区3号车库门打不开', false, false, 'spot'],
    ['1号门的道闸抬不起来', '一号门道闸卡住了不抬杆'],
    ['8栋从5号开始就停水了', '8栋停水了'],
    ['东广场的路灯不亮', '西广场的路灯不亮', false, false, 'side'],
    ['小区南路有个大坑', '小区北路有个大坑', false, false, 'side'],
    // A dog or a drill is one flat's, however near; a leak reaches the flat right below, not two floors down.
    ['5栋1201家的狗天天叫', '5栋1301的狗一直叫', false, false, 'spot'],
    ['5栋1201家的狗天天叫', '我住5号楼1101，楼上1201那条狗叫个不停'],
    ['3栋501厨房漏水', '我是3栋301的，楼上往我家漏水', false, false, 'spot'],
    ['3栋501厨房漏水', '我是3栋401的，楼上漏到我家厨房了'],
    // One's own appliance tripping is not the building's power off; the building's power seen from home is.
    ['7栋902我家空调老是跳闸', '7栋全楼停电了', false, false, 'object'],
    ['7栋我家停电了', '7栋全楼停电了'],
    // A question joins a question; asking how to get a card is a request, whatever it mentions.
    ['会所游泳池什么时候开放？', '会所游泳池里飘着好多头发', false, false, 'fault'],
    ['门禁卡丢了怎么补办，3栋', '3栋门禁刷不开', false, false, 'fault'],
    ['会所泳池几点开放？', '会所泳池什么时候开门'],
    ['Block 6 lift is broken', 'When will someone repair the lift in block 6?'],
    // A problem over, in Cantonese too, is not today's.
    ['9栋楼顶上周修过，现在不漏了', '9栋楼顶又漏雨了', false, false, 'resolved'],
    ['昨日8座冇水，而家有返喇', '8座又冇水', false, false, 'resolved'],
    // Someone shut in a lift stuck between floors, someone hit by what fell: a danger of their own.
    ['4号楼电梯按钮失灵', '4号楼电梯卡在两层中间，里面关着一个阿姨', false, true, 'urgency'],
    ['15栋有人往下扔烟头', '15栋楼上掉下来个花盆，砸到一个老人，满头是血', false, true, 'urgency'],
    // The camera in the lift is not the one downstairs; gates in English and pinyin are gates.
    ['6栋电梯里的摄像头坏了', '6栋楼下的摄像头坏了', false, false, 'object'],
    ["The south gate barrier won't lift", '南门道闸抬不起来'],
    ['dong men lu deng huai le', '西门路灯坏了', false, false, 'spot'],
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
