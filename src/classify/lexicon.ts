import type { Label } from './label.ts';

/** What the lexicon votes for: a category, or "this is not a complaint at all". */
export type LexiconLabel = Label;

/**
 * Strong cues per label, written against normalised text (simplified characters, lower case). Weights:
 * 3 = decides on its own, 2 = strong, 1 = a hint. English cues match whole words with common
 * endings ("leak" also matches "leaks", "leaking", "leaked").
 *
 * The boundaries follow DESIGN §3: a supply pipe, meter, tank or pump is water_supply, while sewage,
 * drains, blocked toilets and a roof letting rain in are upkeep; fire hazards, fire lanes, e-bikes
 * charging in corridors, CCTV, gates and access control, theft, strangers, dogs, falling objects and
 * traffic are security; fees, neighbours' noise, heating and questions about management are other.
 */
export const LEXICON: Readonly<Record<LexiconLabel, ReadonlyArray<readonly [cue: string, weight: number]>>> = {
  greening: [
    ['爬山虎', 3], ['爬墙虎', 3], ['草皮', 3], ['花圃', 3], ['栽', 2], ['施肥', 3], ['榕树', 3], ['椰子树', 3], ['喷灌', 2], ['ivy', 3], ['bamboo', 3], ['sprinkler', 2], ['fertiliser', 2], ['fertilizer', 2], ['garden', 1],
    ['绿化', 3], ['绿地', 3], ['草坪', 3], ['草地', 2], ['杂草', 3], ['除草', 3], ['割草', 3], ['剪草', 3], ['草长', 2],
    ['树枝', 3], ['树木', 3], ['大树', 3], ['枯树', 3], ['死树', 3], ['树倒', 3], ['倒了一棵', 2], ['一棵树', 3], ['棵', 2],
    ['树', 2], ['修剪', 3], ['剪枝', 3], ['枝条', 2], ['树冠', 3], ['树根', 3], ['树叶', 2], ['落叶', 2], ['树荫', 2],
    ['灌木', 3], ['绿篱', 3], ['树篱', 3], ['花坛', 3], ['花草', 3], ['花木', 3], ['苗木', 3], ['补种', 3], ['种植', 2],
    ['种菜', 3], ['毁绿', 3], ['占绿', 3], ['枯死', 3], ['枯黄', 2], ['浇水', 2], ['浇灌', 2], ['园林', 3], ['绿植', 3],
    ['竹子', 2], ['藤', 2], ['杨絮', 3], ['柳絮', 3], ['飞絮', 3], ['花园', 1], ['植物', 2], ['病虫害', 3], ['打药', 2],
    ['tree', 3], ['branch', 3], ['lawn', 3], ['grass', 3], ['hedge', 3], ['prune', 3], ['pruning', 3], ['trim', 2],
    ['weed', 3], ['plant', 2], ['flower bed', 3], ['flowerbed', 3], ['shrub', 3], ['bush', 3], ['green space', 3],
    ['greenery', 3], ['landscaping', 3], ['leaves', 2], ['mow', 3], ['mowing', 3], ['vegetable', 2], ['roots', 2],
    ['gardener', 3], ['gardening', 2], ['overgrown', 3], ['sapling', 3], ['watering', 2],
  ],
  water_supply: [
    ['冇水', 3], ['水喉', 3], ['抄表', 2], ['给水管', 3], ['水龙', 2], ['生活用水', 3], ['霉味', 1], ['水管漏', 2], ['riser', 2], ['plumbing', 1], ['meter', 2], ['water bill', 2], ['water is', 1], ['water come', 2], ['water back', 2],
    ['停水', 3], ['没水', 3], ['没有水', 3], ['断水', 3], ['无水', 2], ['来水', 2], ['水压', 3], ['水小', 2], ['水流', 2],
    ['水管', 2], ['供水', 3], ['自来水', 3], ['二次供水', 3], ['水质', 3], ['浑浊', 3], ['混浊', 3], ['黄水', 3],
    ['发黄', 2], ['锈水', 3], ['铁锈', 2], ['水表', 3], ['水箱', 3], ['水泵', 3], ['水塔', 3], ['总阀', 3], ['阀门', 2],
    ['爆管', 3], ['水龙头', 2], ['出水', 2], ['热水', 1], ['喝水', 1], ['水有', 2], ['水里', 2], ['水是', 2], ['水很', 2],
    ['漂白', 2], ['消毒水味', 2], ['水垢', 2], ['净水', 2], ['供水管', 3], ['主管道', 2], ['水费', 1], ['水一直', 1],
    ['water pressure', 3], ['no water', 3], ['water supply', 3], ['water meter', 3], ['tank', 2], ['pump', 3],
    ['tap water', 3], ['tap', 2], ['taps', 2], ['brown water', 3], ['rusty', 2], ['cloudy', 2], ['turbid', 3],
    ['water quality', 3], ['water cut', 3], ['water outage', 3], ['burst', 2], ['water pipe', 3], ['mains', 2],
    ['trickle', 2], ['pressure', 2], ['drinking water', 3], ['shut off', 1], ['valve', 2],
  ],
  security: [
    ['瓦斯', 3], ['煤气', 3], ['燃气', 2], ['焦味', 3], ['烧焦', 3], ['烟感', 3], ['烟雾报警', 3], ['火警', 3], ['应急灯', 3], ['应急照明', 3], ['疏散', 3], ['逃生', 3], ['安全出口', 3], ['杂物', 2], ['堆放', 2], ['闭路电视', 3], ['大闸', 3], ['警卫', 3], ['磁扣', 3], ['门卡', 3], ['刷卡', 2], ['人脸识别', 3], ['烟蒂', 3], ['烟头', 2], ['丢东西', 3], ['跌落', 2], ['掟', 3], ['冒充', 3], ['诈骗', 3], ['游民', 3], ['流浪汉', 3], ['占了', 1], ['gas', 3], ['burning smell', 3], ['smoke detector', 3], ['smoke alarm', 3], ['fire alarm', 3], ['fire door', 3], ['emergency light', 3], ['evacuation', 3], ['cylinders', 3], ['door entry', 3], ['entry system', 3], ['intercom', 2], ['homeless', 3], ['scam', 3], ['impersonate', 3], ['impersonating', 3], ['cigarette', 2],
    ['门禁', 3], ['监控', 3], ['摄像头', 3], ['摄像', 2], ['保安', 2], ['陌生人', 3], ['小偷', 3], ['被盗', 3], ['被偷', 3],
    ['偷', 2], ['失窃', 3], ['盗窃', 3], ['撬', 3], ['消防通道', 3], ['消防栓', 3], ['灭火器', 3], ['消防', 2],
    ['充电', 2], ['飞线', 3], ['电动车', 2], ['电瓶车', 2], ['火灾隐患', 3], ['安全隐患', 2], ['隐患', 1],
    ['高空抛物', 3], ['抛物', 3], ['扔东西', 2], ['往下扔', 3], ['坠物', 3], ['掉下来', 1], ['狗', 2], ['咬人', 3],
    ['拴绳', 3], ['牵绳', 3], ['遛狗', 2], ['大型犬', 3], ['烈性犬', 3], ['乱停', 3], ['停车', 1], ['占道', 2],
    ['车速', 3], ['超速', 3], ['开太快', 3], ['开得太快', 3], ['外卖车', 2], ['闯入', 3], ['尾随', 3], ['翻墙', 3],
    ['巡逻', 3], ['门岗', 3], ['道闸', 3], ['进出', 1], ['外来人员', 3], ['外来车辆', 3], ['小广告', 2],
    ['安全', 1], ['着火', 2], ['起火', 2], ['冒烟', 2], ['锁坏', 1], ['防盗', 2], ['可疑', 3], ['打架', 3], ['报警', 2],
    ['gate', 2], ['access card', 3], ['access control', 3], ['fob', 3], ['cctv', 3], ['camera', 3], ['security', 2],
    ['guard', 3], ['stranger', 3], ['theft', 3], ['stolen', 3], ['steal', 3], ['burglar', 3], ['thief', 3],
    ['break-in', 3], ['broke into', 3], ['fire lane', 3], ['fire exit', 3], ['fire escape', 3], ['extinguisher', 3],
    ['fire hazard', 3], ['hydrant', 3], ['e-bike', 3], ['ebike', 3], ['scooter', 2], ['charging', 2], ['dog', 2],
    ['bite', 3], ['bit', 2], ['leash', 3], ['unleashed', 3], ['falling', 2], ['thrown', 2], ['throwing', 2],
    ['speeding', 3], ['speed', 2], ['parked', 2], ['parking', 1], ['trespass', 3], ['intruder', 3], ['suspicious', 3],
    ['tailgate', 2], ['tailgating', 2], ['patrol', 3], ['barrier', 2],
  ],
  upkeep: [
    ['升降机', 3], ['石屎', 3], ['曱甴', 3], ['垃圾房', 3], ['人行道', 2], ['长椅', 3], ['座椅', 2], ['铲雪', 3], ['积雪', 3], ['结冰', 3], ['融雪', 3], ['呕吐', 3], ['吐了', 2], ['闭门器', 3], ['门把手', 3], ['把手', 2], ['井盖', 3], ['窨井', 3], ['水浸', 2], ['抽水', 2], ['天台', 2], ['漏水', 1], ['manhole', 3], ['ice', 2], ['icy', 3], ['snow', 3], ['gritted', 3], ['vomit', 3], ['bench', 3], ['slide', 2], ['waste pipe', 3], ['drainage', 3], ['handle', 2], ['closer', 2], ['lamps', 3], ['fluorescent', 3],
    ['电梯', 3], ['电悌', 3], ['升降机', 3], ['𨋢', 3], ['轿厢', 3], ['路灯', 3], ['楼道灯', 3], ['灯', 2], ['声控灯', 3], ['不亮', 2], ['墙皮', 3], ['外墙', 2],
    ['脱落', 2], ['裂缝', 2], ['墙面', 2], ['路面', 2], ['坑', 2], ['井盖', 3], ['下水道', 3], ['下水', 2], ['堵塞', 2],
    ['堵了', 2], ['污水', 3], ['化粪池', 3], ['马桶', 3], ['反水', 3], ['返水', 3], ['返臭', 3], ['漏雨', 3], ['屋顶', 2],
    ['楼顶', 2], ['房顶', 2], ['天花板', 2], ['渗水', 2], ['渗漏', 2], ['防水', 2], ['垃圾', 3], ['垃圾桶', 3], ['清运', 3],
    ['保洁', 3], ['打扫', 3], ['清扫', 3], ['清洁', 2], ['卫生', 2], ['脏', 2], ['臭', 2], ['异味', 1], ['老鼠', 3],
    ['蟑螂', 3], ['蚊子', 2], ['苍蝇', 3], ['白蚁', 3], ['虫', 1], ['维修', 1], ['修理', 1], ['坏了', 1], ['破损', 2],
    ['台阶', 2], ['扶手', 3], ['栏杆', 2], ['楼梯', 2], ['雨水管', 3], ['排水', 2], ['积水', 2], ['窨井', 3], ['地砖', 3],
    ['瓷砖', 2], ['座椅', 2], ['单元门', 2], ['防火门', 1], ['玻璃', 1], ['门坏', 2], ['门锁', 1], ['油漆', 2],
    ['排污', 3], ['粪', 2], ['地漏', 3], ['管道', 1], ['信箱', 2], ['报箱', 2], ['楼道', 1], ['墙', 1], ['水沟', 2],
    ['lift', 3], ['elevator', 3], ['light', 2], ['lamp', 3], ['bulb', 3], ['streetlight', 3], ['door', 2], ['wall', 2],
    ['roof', 3], ['ceiling', 2], ['crack', 2], ['pothole', 3], ['pavement', 2], ['paving', 3], ['drain', 3],
    ['sewage', 3], ['sewer', 3], ['toilet', 2], ['blocked', 2], ['clogged', 3], ['stink', 2], ['smell', 1],
    ['rubbish', 3], ['garbage', 3], ['trash', 3], ['bin', 2], ['bins', 2], ['cleaning', 3], ['cleaner', 3],
    ['dirty', 2], ['rat', 3], ['mice', 3], ['mouse', 2], ['cockroach', 3], ['mosquito', 2], ['pest', 3], ['termite', 3],
    ['repair', 1], ['broken', 1], ['stair', 2], ['stairwell', 2], ['handrail', 3], ['railing', 2], ['tiles', 2],
    ['peeling', 3], ['septic', 3], ['mailbox', 2], ['leaking roof', 3], ['rain', 1], ['litter', 3], ['corridor', 1],
  ],
  other: [
    ['吠', 3], ['狗叫', 3], ['嚎叫', 3], ['bark', 3], ['公摊', 3], ['推销', 3], ['满意度', 3], ['管理层', 3], ['经理', 2], ['工资', 3], ['拖欠', 2], ['油烟', 3], ['抽烟', 2], ['二手烟', 3], ['烧烤', 2], ['隐私', 3], ['网线', 3], ['没网', 3], ['断网', 3], ['电视', 2], ['机顶盒', 3], ['开会', 2], ['会议', 2], ['区权会', 3], ['管委会', 3], ['业主群', 2], ['唱歌', 3], ['嘈', 3], ['hotline', 3], ['maintenance fund', 3], ['revenue', 3], ['ads', 2], ['advert', 3], ['smoke from', 2], ['smoking', 2], ['privacy', 3], ['salary', 3], ['wages', 3], ['staff', 1], ['hum', 2], ['jumping', 2], ['air conditioning', 2],
    ['物业费', 3], ['收费', 3], ['费用', 2], ['停车费', 3], ['电费', 2], ['涨价', 3], ['涨费', 3], ['退费', 3], ['发票', 3],
    ['缴费', 3], ['交费', 3], ['欠费', 3], ['催费', 3], ['账目', 3], ['公示', 2], ['维修基金', 3], ['公共收益', 3],
    ['暖气', 3], ['供暖', 3], ['采暖', 3], ['暖气片', 3], ['不热', 3], ['取暖费', 3], ['噪音', 3], ['噪声', 3], ['吵', 3],
    ['扰民', 3], ['装修', 2], ['电钻', 3], ['广场舞', 3], ['邻居', 2], ['楼上', 2], ['隔壁', 2], ['跺脚', 3], ['音响', 3],
    ['弹琴', 3], ['狗叫', 2], ['物业公司', 1], ['业委会', 3], ['业主大会', 3], ['服务态度', 3], ['态度', 2], ['投诉', 1],
    ['合同', 2], ['宽带', 3], ['信号', 2], ['快递', 1], ['车位', 2], ['租金', 2], ['多少钱', 2], ['元', 1], ['钱', 2],
    ['客服', 2], ['电话没人接', 2], ['燃气费', 3], ['物管', 1], ['管理费', 3], ['收据', 3], ['价格', 2],
    ['fee', 3], ['fees', 3], ['charge', 2], ['charged', 3], ['bill', 3], ['billing', 3], ['invoice', 3], ['refund', 3],
    ['service charge', 3], ['management fee', 3], ['noise', 3], ['noisy', 3], ['loud', 3], ['neighbour', 2],
    ['neighbor', 2], ['upstairs', 2], ['music', 3], ['party', 2], ['renovation', 2], ['drilling', 3], ['heating', 3],
    ['radiator', 3], ['heater', 2], ['committee', 2], ['management company', 2], ['contract', 2], ['price', 2],
    ['money', 2], ['pay', 2], ['payment', 3], ['rent', 2], ['broadband', 3], ['internet', 2], ['signal', 2],
    ['karaoke', 3], ['barking', 2], ['rude', 3], ['attitude', 3], ['accounts', 3], ['budget', 3],
  ],
  not_complaint: [
    ['表扬', 3], ['已经亮了', 3], ['已经好了', 3], ['恢复了', 2], ['来了谢谢', 3], ['看到通知', 3], ['看到了', 2], ['理解', 2], ['节快乐', 3], ['新年快乐', 3], ['周末愉快', 3], ['不在家', 2], ['在家', 1], ['钥匙', 1], ['下午', 1], ['上午', 1], ['师傅', 1], ['never mind', 3], ['all good', 3], ['great job', 3], ['fantastic job', 3], ['working again', 3], ['happy', 2], ['nice weekend', 3], ['real person', 3], ['anyone there', 3], ['official channel', 3], ['home', 1], ['tomorrow', 1],
    ['你好', 2], ['您好', 2], ['谢谢', 2], ['感谢', 2], ['辛苦了', 3], ['早上好', 3], ['晚上好', 3], ['下午好', 3],
    ['在吗', 3], ['有人吗', 3], ['你是谁', 3], ['机器人', 3], ['真人', 3], ['怎么用', 3], ['能做什么', 3], ['好的', 2],
    ['收到', 2], ['已经修好', 3], ['修好了', 2], ['解决了', 2], ['没事了', 3], ['快乐', 3], ['点赞', 3], ['不错', 2],
    ['忽略', 3], ['发错', 3], ['测试', 2], ['小程序', 2], ['人工客服', 2], ['我在家', 2],
    ['hello', 3], ['hi', 3], ['thanks', 3], ['thank you', 3], ['good morning', 3], ['good evening', 3],
    ['who are you', 3], ['are you a bot', 3], ['bot', 2], ['how do i use', 3], ['what can you do', 3], ['ok', 2],
    ['okay', 2], ['got it', 3], ['ignore', 3], ['test', 2], ['fixed', 2], ['great job', 3], ['well done', 3],
  ],
};
