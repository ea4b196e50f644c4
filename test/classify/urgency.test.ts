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
  // Issue 13 item 9: reports that were missed, and how residents say them in each language.
  const reported: ReadonlyArray<[string, Hazard]> = [
    ['老人关在电梯里出不来了', 'trapped'],
    ['电梯卡住了，里面有人', 'trapped'],
    ['电梯突然停了，我们出不去', 'trapped'],
    ['3栋电梯停在7楼和8楼中间，我妈妈在里面', 'trapped'],
    ['𨋢壞咗有人困咗喺入面', 'trapped'],
    ['電梯卡在兩層中間，裡面有人', 'trapped'],
    ['someone is stuck in the elevator', 'trapped'],
    ["The lift stopped between floors and we can't get out", 'trapped'],
    ['6号楼3单元燃气泄漏，味道很大', 'gas'],
    ['樓梯間好大陣煤氣味', 'gas'],
    ['There is a strong smell of gas in the stairwell', 'gas'],
    ['8栋楼下电动车起火了', 'fire'],
    ['5樓有單位火燭，好大煙', 'fire'],
    ['Thick smoke coming out of a flat on the 12th floor', 'fire'],
    ['水喉爆咗，成地都係水', 'water'],
    ['The underground car park is flooding, water is knee-deep', 'water'],
    ['小孩在游乐场摔下来了，头在流血', 'injury'],
    ['楼下有个老人晕倒了，叫不醒', 'injury'],
    ['有人暈低咗', 'injury'],
    ['有個伯伯跌親，起唔到身', 'injury'],
    ['my neighbour collapsed', 'injury'],
    ['A kid fell off the climbing frame at the playground and is bleeding', 'injury'],
    ['外墙瓷砖掉下来了，下面还有很多在松动', 'falling'],
    ['12号楼外墙有一大块要掉下来了', 'falling'],
    ['外牆有石屎跌落嚟', 'falling'],
    ['Tiles are falling off the facade of building 5 onto the path', 'falling'],
    ['电线掉在地上还在冒火花', 'other'],
  ];
  for (const [text, hazard] of reported) {
    it(`is urgent (${hazard}): ${text}`, () => {
      expect(assessUrgency(text)).toMatchObject({ urgency: 'urgent', hazard });
    });
  }

  const lookAlikes = [
    '电梯有异响',
    '电梯按钮不亮',
    '上个月电梯困过人，希望检修',
    '之前有人被困过，电梯一直没换',
    '电梯经常困人，能不能换新的',
    '电梯里有人抽烟',
    '消防通道被占',
    '燃气费怎么交',
    '燃气管道有点生锈，担心以后漏气',
    '楼道灯坏了',
    '厨房水龙头一直滴水',
    '水管有点漏水，滴滴答答的',
    '卫生间的下水管破了，有臭味',
    '楼道里全是烟头',
    '树叶掉得满地都是',
    '楼道墙皮脱落',
    '游乐场的滑梯有个螺丝松了，怕小孩受伤',
    '楼道堆满纸箱，着火了谁负责',
    '人已经救出来了，电梯还没修好',
    '電梯成日壞，可唔可以換部新嘅',
    '𨋢門好似有啲問題，關唔埋',
    '後樓梯堆滿雜物，萬一火燭點算',
    '水龍頭滴水，關唔緊',
    'The lift makes a grinding noise',
    'Last month someone got stuck in the lift, please get it inspected',
    'People smoke in the stairwell every night',
    'The smoke detector in the corridor keeps beeping',
    'The playground slide has a sharp edge, a child could get hurt',
    'Manhole cover missing, someone will get hurt',
    'Caterpillars falling from the trees onto people',
    'The tap in the garden is dripping',
  ];
  for (const text of lookAlikes) {
    it(`is normal: ${text}`, () => {
      expect(assessUrgency(text)).toMatchObject({
        urgency: 'normal',
        hazard: null,
      });
    });
  }

  // Issue 13 item 9, second pass: families of phrasing rather than single sentences — synonyms of
  // trapped, misspellings, bursting and falling verbs (Cantonese too), "about to" markers, someone
  // fallen and not answering, a neighbour not seen for days, a child locked in, live wires in water.
  const families: ReadonlyArray<[string, Hazard]> = [
    ['2栋的电梯关了人，按警铃没人理', 'trapped'],
    ['電梯鎖住人了，門開唔到', 'trapped'],
    ['电梯卡住人了 里面好几个小朋友在哭', 'trapped'],
    ['电悌停在半路，里面有两个老人', 'trapped'],
    ['電梯突然急墜咗幾層，入面仲有人', 'trapped'],
    ['厨房煤汽味很重，不敢开火', 'gas'],
    ['楼道里的燃气管被撞断了 一直在响', 'gas'],
    ['洗衣机的进水软管爆开了，水喷得满屋都是', 'water'],
    ['阀门那里崩了，水一直往外飙', 'water'],
    ['化粪池满出来了 地下车库倒灌 水越来越深', 'water'],
    ['3栋门口那棵大树随时要倒 根都松了', 'falling'],
    ['刮风把大树连根拔起 横在路中间压住了一辆车', 'falling'],
    ['棵樹冧咗落嚟，壓住條路', 'falling'],
    ['外牆啲紙皮石甩咗落嚟，下面係行人路', 'falling'],
    ['阳台的空调眼看就要掉下去了 只剩一颗螺丝', 'falling'],
    ['冷氣機個架斷咗，成部就快跌落街', 'falling'],
    ['The sign over the shop is hanging by one bolt above the entrance', 'falling'],
    ["A big branch over the car park is cracked and it's going to fall on the cars", 'falling'],
    ['Bits of concrete are breaking off the balcony above the walkway', 'falling'],
    ['球场有个阿伯跌低咗，叫极都冇反应', 'injury'],
    ['大堂有人晕咗，快啲叫白车', 'injury'],
    ['有个老人从楼梯滚下来了 头撞破了', 'injury'],
    ['小孩在滑梯上摔下来，流了好多血', 'injury'],
    ['My daughter fell off the climbing wall at the clubhouse and hit her head', 'injury'],
    ['隔壁独居的阿婆好几天没见出门了，敲门也没人应', 'other'],
    ['楼下那位老伯四五天没露面了，信箱塞满了', 'other'],
    ["We haven't seen our elderly neighbour for four days and her lights are on", 'other'],
    ['我儿子把自己反锁在卫生间了，叫他也不出声', 'other'],
    ['my 2 year old son locked himself in the bedroom and he is crying', 'other'],
    ['车库的插座泡在水里了，还有电', 'other'],
    ['The power cables in the basement are lying in the flood water', 'water'],
  ];
  for (const [text, hazard] of families) {
    it(`is urgent (${hazard}): ${text}`, () => {
      expect(assessUrgency(text)).toMatchObject({ urgency: 'urgent', hazard });
    });
  }
  const familyLookAlikes = [
    '电梯门关人的时候夹得很用力，能调一下吗',
    '上个星期电梯关了人，现在修好没有',
    '相关人员什么时候来修电梯',
    '燃气管道的外皮有点旧了，麻烦看看',
    '水龙头的接头有点松，滴水',
    '门口那棵树歪了，能扶正一下吗',
    '树上的果子掉下来弄脏地面',
    '空调外机滴水滴到楼下',
    '孩子把钥匙锁在家里了，能帮忙开锁吗',
    '上个礼拜我妈摔伤了，已经出院，想问楼道扶手能不能装',
    '隔壁三天没见收快递，堆在门口了',
    "The neighbour's cooking smoke comes in every evening",
    'The management office stopped answering my calls',
    'Is the old tree by the gate going to fall? It looks tired',
    '楼道的电线有点乱，能整理下吗',
  ];
  for (const text of familyLookAlikes) {
    it(`is normal: ${text}`, () => {
      expect(assessUrgency(text)).toMatchObject({
        urgency: 'normal',
        hazard: null,
      });
    });
  }

  // Issue 13 item 9, third pass (after corpus/urgency/heldout2.tsv was read): more families — typos of
  // 电梯, people counted inside ("关了个人"), gas alarms, smoke coming out, fire that will not go out,
  // water spraying or reaching sockets and lights, falls from stairs, lying still, neighbours living
  // alone who do not answer, things blown loose, children at railings and windows, weapons.
  const thirdPass: ReadonlyArray<[string, Hazard]> = [
    ['点梯困人了！！', 'trapped'],
    ['电梯里关了个人，在里面喊了好久', 'trapped'],
    ['救命 部𨋢卡咗喺两层中间 我同个BB喺入面', 'trapped'],
    ['the lift jammed between floors, two kids inside crying', 'trapped'],
    ['HELP stuck in elevator block 9 nobody answering the intercom', 'trapped'],
    ['有人被困在车库卷帘门里面', 'trapped'],
    ['燃气报警器一直在叫，整个楼道都是味', 'gas'],
    ['瓦斯警報器一直叫，怎麼辦', 'gas'],
    ['the gas alarm in my kitchen keeps going off', 'gas'],
    ['smells strongly of gas on the 7th floor landing', 'gas'],
    ['gas味好重，8楼', 'gas'],
    ['石油氣罐漏氣，嘶嘶聲', 'gas'],
    ['配电房有烟冒出来，还有焦味', 'fire'],
    ['電線走火，整間房都是煙', 'fire'],
    ['有架電單車燒咗起嚟', 'fire'],
    ['燃气灶关不掉，火一直烧', 'fire'],
    ['I smell burning plastic and there is smoke in the corridor', 'fire'],
    ['路边水表井那里管子裂了 水往上喷一米多高', 'water'],
    ['社區大廳天花板的水一直灌下來 應該是水管破掉', 'water'],
    ['啲水由天花板唧落嚟，好大力', 'water'],
    ['the car park is under a foot of water and rising', 'water'],
    ['楼上在漏水，水都流到我家插座里了', 'other'],
    ['water is coming through the light fittings in the ceiling', 'other'],
    ['婆婆刚刚从楼梯上摔下去了 腿动不了', 'injury'],
    ['健身房有个男的在跑步机上突然倒下了 没意识', 'injury'],
    ['地库出口有车倒车撞到一个老人 人躺在地上不动了', 'injury'],
    ['有个小孩掉进化粪池了', 'injury'],
    ['後樓梯有個男人瞓喺度唔郁，叫佢都冇反應', 'injury'],
    ['有人喺停車場俾車撞親', 'injury'],
    ['a man is lying on the ground by the gate, not moving', 'injury'],
    ['my elderly neighbour is having trouble breathing', 'injury'],
    ["someone's been stabbed near the east gate", 'injury'],
    ['对门的大爷这几天一直没出门，打电话也不接', 'other'],
    ['幾日冇見過隔籬個婆婆，拍門冇人應', 'other'],
    ["the old lady in 12A lives alone and hasn't answered her door for two days", 'other'],
    ['楼顶那块广告牌螺丝掉了好几颗 感觉随时要掉下来', 'falling'],
    ['施工的吊篮一边掉下来了，挂在半空，里面还有工人', 'falling'],
    ['颱風吹到棚架冧咗落嚟', 'falling'],
    ['a branch is hanging over the road and about to snap', 'falling'],
    ['有根电线断了掉在地上，还带着电', 'other'],
    ['A power line came down in the storm and is lying across the path', 'other'],
    ['有个小孩自己在阳台上，站在凳子上往外看，家里没大人', 'other'],
    ['小孩头卡在栏杆里了', 'other'],
    ['a child is sitting on the window ledge on the 6th floor', 'other'],
    ['楼下有班人打交，有人拎住把刀', 'other'],
    ['two guys fighting outside block 2, one pulled out a knife', 'other'],
    ['电梯困人了怎么办！！快来', 'trapped'],
    ['电梯停在半空中，门打不开，好害怕', 'trapped'],
    ['煤氣喉爆咗，好大陣味', 'gas'],
    ['楼上的水漏下来，顺着电线往下流', 'other'],
    ['一位老先生倒在公園的長椅旁邊，沒有反應', 'injury'],
    ['棵樹就快冧，下面有車', 'falling'],
    ["there's a loose sheet of metal on the roof, could fly off any moment", 'falling'],
    ['楼下有人打架，一个人头被打破了', 'injury'],
    ["my mother is lying on the kitchen floor and won't wake up", 'injury'],
    ["My kid's hand is stuck in the escalator", 'injury'],
    ['化粪池有两个工人下去了没上来', 'injury'],
  ];
  for (const [text, hazard] of thirdPass) {
    it(`is urgent (${hazard}): ${text}`, () => {
      expect(assessUrgency(text)).toMatchObject({ urgency: 'urgent', hazard });
    });
  }
  // Negations, drills, plans and what-to-do questions, past events (also "到现在"/"到而家", which are not
  // "now"), and the look-alikes of the new families: each stays normal.
  const negationsAndLookAlikes = [
    '不是有人被困，是电梯有点响',
    '没有人被困，就是电梯按钮坏了',
    'No one is stuck, the lift just makes a loud banging noise',
    '电梯困人应急演练是几号',
    '电梯困人的应急预案是什么',
    '请问被困电梯应该怎么办',
    'what should I do if I get stuck in the lift?',
    '困人的那部电梯修好了没有',
    '上个月有人被困在电梯里 到现在也没见你们来检修',
    '上個月有人困𨋢 你哋到而家都未搵人保養',
    '去年試過有人困𨋢，而家好返',
    '我被锁在门外了，钥匙忘带',
    'my car is trapped in the car park because someone double parked',
    '燃气费在哪里交',
    'The gas bill is too high',
    '燃气报警器电池没电了一直滴滴响，能换吗',
    '不是煤气味，是下水道反上来的臭味',
    "It's not a gas leak, just the drain smell again",
    '刚才有点煤气味，已经找到原因关掉了，没事了',
    '煤氣爐打唔著火',
    'Water smells like rotten eggs on the upper floors, could the roof tank be contaminated?',
    '没有着火，只是楼下有人烧烤的烟',
    '火警铃误响了，没有着火',
    'The fire alarm went off by mistake, there is no fire',
    'Where is the nearest fire extinguisher on my floor?',
    "I'd like to know the fire evacuation route",
    '走火通道堆滿晒雜物',
    'smoke from the restaurant kitchen comes into our windows',
    "There's a burning smell when the heating comes on, is that normal?",
    '热水器不出热水了',
    'the water heater is leaking a little',
    '昨晚水管爆了，已经修好了，谢谢师傅',
    'Water coming through the ceiling after heavy rain, the roof membrane must be damaged',
    '没有人受伤，但是台阶该修了',
    '沒有人受傷，只是嚇一跳',
    '冇人受傷，不過啲階磚要整',
    'No one was hurt, but the broken step needs fixing',
    '我家狗被咬了一口，想看一下监控是谁家的狗',
    '我家猫从阳台掉下去了',
    '电梯里的通风扇坏了，闷得像蒸笼，老人坐着喘不上气',
    'lots of blood donation posters in the lobby',
    '隔壁邻居好几天没见了，应该是出差了，帮忙收下快递',
    '我妈一个人住，想问物业有没有上门关怀服务',
    '外墙瓷砖裂了，还没掉，找人看看',
    '外牆有啲紙皮石鬆咗，未跌落嚟',
    '外牆油漆剝落，好難看',
    '窗帘杆掉下来了，能帮忙装一下吗',
    '家里门把手快掉下来了',
    'The door handle is about to fall off',
    '轿厢壁板松了一块，电梯一动就哐哐拍，像要掉下来',
    '杨絮满天飞，孩子过敏',
    '秋千链子也快断了',
    '孩子在游乐场摔了一跤，没事，就是地垫太硬了',
    '唔該，三座大堂啲地好滑，頭先有個阿婆差啲跌親',
    '谢谢你们昨天这么快来处理电梯困人，我妈没事',
    '想问一下上周那次燃气泄漏后来查出是哪里的问题，现在安全了吗',
  ];
  for (const text of negationsAndLookAlikes) {
    it(`is normal: ${text}`, () => {
      expect(assessUrgency(text)).toEqual({ urgency: 'normal', hazard: null, at: -1, end: -1 });
    });
  }

  it('reads a formal letter about a past danger as normal, unless it says the danger is now', () => {
    const letter = `尊敬的物业领导：我是3号楼的业主。${'我们楼的楼道灯坏了很久，晚上非常不方便。'.repeat(4)}上周我家老人晚上下楼时踩空，摔伤了脚踝。请尽快修理。`;
    expect(assessUrgency(letter).urgency).toBe('normal');
    expect(assessUrgency(`${letter}现在又有人摔倒了，流血了`).urgency).toBe('urgent');
  });

  it('names someone hurt before what hurt them', () => {
    expect(assessUrgency('树枝掉下来砸到人了')).toMatchObject({
      urgency: 'urgent',
      hazard: 'injury',
    });
  });

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
      expect(assessUrgency(text)).toEqual({
        urgency: 'normal',
        hazard: null,
        at: -1,
        end: -1,
      });
    });
  }
});

// Issue 13 item 9, fourth pass: families the fourth held-out set showed missing. The sentences here
// are not in any corpus file: each family must catch phrasings nobody wrote the rule against.
describe('assessUrgency: lift shafts, crimes, animals, poison, water, railings, electrics, pinyin', () => {
  const urgent: ReadonlyArray<[string, Hazard]> = [
    ['8楼的电梯门开着，可是后面没有电梯，只看到井道', 'falling'],
    ['電梯門開咗，入面係空嘅，冇𨋢', 'falling'],
    ['The elevator door on floor 2 is open with no car behind it', 'falling'],
    ['电梯突然往下坠了好几层', 'trapped'],
    ['The lift plunged three floors and stopped', 'trapped'],
    ['有个男的正在撬402的门', 'other'],
    ['有人喺度撬緊對面屋企道門', 'other'],
    ['someone is forcing the door of the flat next to mine', 'other'],
    ['A man is trying my door handle over and over', 'other'],
    ['一只大狗在广场上追着咬小孩', 'injury'],
    ['被黄蜂蛰了，手肿得好厉害', 'injury'],
    ['Bees are stinging people at the entrance', 'injury'],
    ['宝宝误食了灭鼠药', 'injury'],
    ['My daughter swallowed some bleach', 'injury'],
    ['楼梯的水像瀑布一样往下冲', 'water'],
    ['水流进配电房了', 'water'],
    ['Water is flooding into the electrical room', 'water'],
    ['阳台护栏松了，孩子正趴在上面', 'falling'],
    ['The balcony railing came off and my son was leaning on it', 'falling'],
    ['小区的铁门带电，摸了会被电', 'other'],
    ['the metal fence is live', 'other'],
    ['you ren zhao huo le', 'fire'],
    ['dian ti li you ren bei kun', 'trapped'],
    ['ran qi xie lou le', 'gas'],
  ];
  for (const [text, hazard] of urgent) {
    it(`is urgent (${hazard}): ${text}`, () => {
      expect(assessUrgency(text)).toMatchObject({ urgency: 'urgent', hazard });
    });
  }

  const normal = [
    '电梯门开得太慢',
    '电梯井在维修，围挡放好了吗',
    '上周有人撬了隔壁的门，监控调了吗',
    '如果有人撬门应该找谁',
    'If someone tries to break in, who do we call?',
    '我家狗被咬了，想找狗主人',
    '狗狗吃了老鼠药，已经送去宠物医院了',
    '树上有个马蜂窝，还没蛰到人，麻烦摘掉',
    'Someone should remove the wasp nest before anyone gets stung',
    '老鼠药放得太低了，能不能放高一点',
    '楼梯扶手有点松动，老人扶着不放心',
    '门把手松了，麻烦拧紧一下',
    'The shelf in the store room collapsed',
    'shang zhou ge bi bei qiao men le',
    'ru guo zhao huo le zen me ban',
    'dian ti hen man',
  ];
  for (const text of normal) {
    it(`is normal: ${text}`, () => {
      expect(assessUrgency(text).urgency).toBe('normal');
    });
  }
});
