import type { Urgency } from '../tickets/category.ts';
import type { Hazard } from '../tickets/hazard.ts';
import { normaliseText } from './normalise-text.ts';

export interface UrgencyAssessment {
  urgency: Urgency;
  /** The danger the message reports (the first named, someone hurt before what hurt them), or null when normal. */
  hazard: Hazard | null;
  /** Offsets of the words describing that situation (for the summary), or -1 and -1. */
  at: number;
  end: number;
}

// The rules run on normalised text (simplified characters, lower case; see normaliseText), so one
// pattern serves zh-CN and zh-TW; Cantonese words (咗, 喺, 𨋢…) pass through normalisation unchanged.
// 𨋢 is a surrogate pair: it may stand in an alternation, never inside a character class.
const STOP = '[^。！？!?\\n]';
const LIFT = '(?:电梯|电悌|升降机|轿厢|𨋢|\\blifts?\\b|\\belevators?\\b)';
// Words that by themselves say a person is shut in.
const SHUT_IN =
  '(?:困人|困住|被困|(?<![相有机])关(?:了|住|着)?人(?![员家事])|锁(?:了|住)人|卡(?:了|住)人|困了|困着|困咗|被关|被锁|锁住了|困喺|困在|关在|关住了|锁在|焗咗|出不来|出不去|出唔到|出唔去|出唔嚟|走不出|' +
  "\\btrapped\\b|\\bstuck (?:in|inside)\\b|\\bcan(?:no|')?t get out\\b|\\bcannot get out\\b|\\blocked (?:in|inside)\\b)";
// A lift that stopped, fell or will not open…
const STALLED =
  '(?:卡住|卡在|停住|停在|停了|停咗|停电|断电|不动了|坏了|坏咗|故障|门打不开|开不了门|打唔开|掉下|急坠|下坠|坠落|冲顶|蹲底|' +
  "\\bstuck\\b|\\bstopped\\b|\\bbroken? down\\b|\\bfell\\b|\\bdropped\\b|\\bdoors? (?:won't|don't|do not|will not) open\\b)";
// …with someone in it.
const SOMEONE_INSIDE =
  '(?:有人(?=在里|被|困|关|出不|出唔|喺入面)|人在里|人还在里|在里面|在里头|在里边|喺入面|喺里面|(?:里面|里头|入面|里边)(?:还|仲)?有(?:人|好?[个位名两三几多][^，。 ]{0,3}(?:人|老|小|孩|婆|伯|爷|奶|女|男|妈|爸|阿))|' +
  '\\b(?:someone|somebody|people|a person|my \\w+|(?:two|three|four|some|\\d+) \\w+)\\b[^.!?]{0,12}\\binside\\b|\\bwith [^.!?]{0,24}\\b(?:inside|in it|in there)\\b|\\b(?:we|i|we\'re|i\'m)\\b)';

interface Rule {
  hazard: Hazard;
  pattern: RegExp;
  /** Words anywhere in the message that explain the cue away ("烧烤" for smoke). */
  unless?: RegExp;
}

const rule = (hazard: Hazard, source: string, unless?: RegExp): Rule => ({ hazard, pattern: new RegExp(source, 'g'), ...(unless && { unless }) });

// Global so that matchAll can look past a first, hypothetical mention to a real one.
const RULES: readonly Rule[] = [
  rule(
    'trapped',
    [
      `${LIFT}${STOP}{0,24}${SHUT_IN}`,
      `${SHUT_IN}${STOP}{0,10}${LIFT}`,
      `${LIFT}${STOP}{0,24}${STALLED}${STOP}{0,24}${SOMEONE_INSIDE}`,
      `${LIFT}${STOP}{0,24}${SOMEONE_INSIDE}${STOP}{0,24}${STALLED}`,
      '困𨋢',
    ].join('|'),
  ),
  rule(
    'gas',
    '(?:煤气|煤汽|燃气|天然气|液化气|石油气|瓦斯)管[^，。！？!?,]{0,4}(?:断了|断开|裂开|破了|爆|崩|脱落|甩脱)|(?:煤气|煤汽|燃气|天然气|液化气|石油气|瓦斯)[^，。！？!?,]{0,10}(?:泄漏|泄露|外泄|外洩|洩漏|洩露|漏气|漏了|在漏|漏紧|漏出|味|臭|嘶嘶)|漏气|漏煤气|漏煤汽|漏燃气|(?<!水[^，。！？!?,]{0,4})(?:臭鸡蛋味|臭蛋味)|' +
      '\\bgas\\b[^.!?,]{0,12}\\b(?:leak|leaks|leaking|leaked|smell|smells|odou?rs?)\\b|\\b(?:smell|smells|smelling|smelt|odou?r) (?:of |like )?gas\\b|\\bleaking gas\\b',
  ),
  rule(
    'fire',
    '(?<![打不点])着火|起火|失火|火烛|火灾(?!隐患)|烧起来|烧着了|在烧(?!烤|水|饭|香|纸)|烧紧|火苗|明火|冒火(?!花)|火光|焦糊味|烧焦|' +
      '\\bon fire\\b|\\bcaught fire\\b|\\bflames?\\b|\\bburning\\b|' +
      '\\bfire\\b(?!\\s*(?:lanes?|exits?|escapes?|doors?|hydrants?|extinguishers?|hazards?|safety|alarms?|risks?|access|routes?|passages?|brigade|drills?|codes?|inspections?|department|equipment|engines?|trucks?|stations?|regulations?|hoses?|boxes|box|rated|pit|place|wood|works|fighters?))',
  ),
  // Smoke without a fire named: a barbecue, incense or a cigarette explains it.
  rule(
    'fire',
    '冒[黑白浓青]?烟|[黑浓]烟|(?:好多|很多|好大|很大|大量|满是|全是|都是)烟(?!头|蒂|味)|烟(?:很|好|太|特别)?(?:大|浓|呛)|烟雾弥漫|' +
      "(?<!\\b(?:people|someone|somebody|they|he|she|who|residents|neighbou?rs?|men|kids|teens|to|don't|not|no) )\\bsmoke\\b(?!\\s*(?:detectors?|alarms?|sensors?|free|breaks?))",
    /烧烤|烤肉|烧香|拜拜|烧纸|上香|抽烟|吸烟|鞭炮|烟花|油烟|炒菜|煮饭|\b(?:barbecu|bbq|grill|cigarette|incense|smoking|fireworks|cooking)/,
  ),
  rule(
    'water',
    '爆管|爆水管|爆水喉|水管爆|水喉爆|管子爆|管道爆|(?:(?<![雨污下排])水管|水喉|管子|(?<![雨污下排]|[雨污下排]水)管道|水表|总阀|阀门|接头|接口|软管|(?<![雨污下排])主管|消防管|暖气管)[^，。！？!?,保]{0,8}(?:爆|崩|破裂|破了|裂开|冻裂|断了|甩脱|脱开|喷水|狂喷|喷出|飙水|飙出)|' +
      '往外(?:喷|冒|涌|飙)水|水(?:喷|涌|冒|飙)出来|水(?:喷|飙|射)得(?:到处|满|一地|成)|水哗哗|哗哗(?:地)?(?:流|往下|往外)|淹了|水淹|水浸|浸水|被淹|淹水|淹到|水漫|漫出来|漫进|漫到|灌进|灌满|倒灌|' +
      '到处(?:都)?是水|一地的水|满地(?:都)?是水|(?:楼道|地上|家里|屋里|车库|地下室|一楼|楼梯|大堂)[^，。！？!?,]{0,3}全是水|成地(?:都)?系水|没过(?:脚踝|膝盖|小腿|脚)|(?:家里|屋里|地下室|车库|电梯井|配电房)进水|' +
      '\\bburst\\b|\\bflood(?:ed|ing|s)?\\b|\\bunder water\\b|\\b(?:knee|ankle)-deep\\b|\\bwater (?:is )?(?:gushing|spraying|spurting|pouring|everywhere)\\b',
  ),
  rule(
    'injury',
    '受伤|受了伤|砍伤|刺伤|捅伤|(?:人|他|她|我)被(?:人用)?刀?(?:砍|捅)|(?:人|小孩|孩子|老人)[^，。！？!?,]{0,6}(?:掉下去|坠楼|摔下去)|坠楼|摔伤|砸伤|咬伤|烫伤|烧伤|割伤|划伤|撞伤|(?:撞|磕|摔|跌|砸)(?:到|破|伤|穿)了?头|滚下(?:来|去|楼)|流[了好很多大量一地的]{1,4}血|夹伤|跌伤|弄伤|被狗咬|被咬了|被砸|砸到(?:了)?(?:人|头|老人|小孩|孩子|脑袋|他|她|我)|砸中(?:了)?(?:人|头|他|她)|流血|出血|头破|骨折|' +
      '送医|送医院|晕倒|昏倒|晕过去|昏过去|昏迷|不省人事|(?<!叫都)叫不醒|(?:叫|喊)[^，。！？!?,拍按]{0,3}(?:没|不)有?(?:反应|回应)|(?:人|老人|老伯|阿姨|大爷|伯伯|婆婆|他|她|小孩|孩子)[^，。！？!?,]{0,8}倒下|没有?反应了|没有?呼吸|(?:人|老人|他|她|小孩|孩子|阿姨|大爷|伯伯|婆婆)[^，。]{0,4}倒在地上|倒地不起|(?:有人|老人|阿姨|大爷|小孩|孩子)倒在|摔倒了|摔了一跤|跌倒了|摔下来|跌下来|摔了(?!一下)|倒地|起不来|站不起来|爬不起来|(?:人|孩|老人|他|她|我)被(?:车)?撞|被车撞(?!歪|坏|断)|撞倒|是血|血流|满身血|咬人了|' +
      '抽搐|口吐白沫|心脏病发|(?:叫|打|喊|等|来了)救护车|打了?120|(?:叫|call|打)白车|晕低|跌低|仆低|(?:叫|喊)[极亲都]{0,2}(?:唔|冇)(?:应|反应)|跌亲|整亲|弄亲|起唔到身|冇反应|唔郁|被电(?:了|到|击|倒)|触电|' +
      "\\binjur(?:ed|y|ies)\\b|\\bhurt\\b|\\bbleeding\\b|\\bbitten\\b|\\b(?:call(?:ed)? an|need an|send an|waiting for (?:an|the)) ambulance\\b|\\bambulance is (?:coming|on (?:its|the) way)\\b|\\bunconscious\\b|\\bunresponsive\\b|\\bnot breathing\\b|\\bcollapsed\\b|\\bfainted\\b|" +
      "\\bpassed out\\b|\\bseizure\\b|\\bheart attack\\b|\\b(?:he|she|i|someone|somebody|man|woman|lady|child|kid|boy|girl|neighbou?r|mum|mom|dad|grandma|grandpa|grandmother|grandfather|person|resident|son|daughter|husband|wife|father|mother|brother|sister|baby|toddler|worker|cleaner|guard)\\b[^.!?,]{0,12}\\bfell (?:off|from|down)\\b|\\b(?:hit|banged|cut) (?:his|her|my|their) head\\b|\\b(?:he|she|they) (?:has |have )?(?:stopped|isn't|is not|aren't|are not) (?:answering|responding)\\b(?! (?:my|our|the) (?:calls?|emails?|messages?|phone))|\\bcan(?:no|')?t (?:get up|stand up|move)\\b(?! (?:it|the|there|here|stairs))|\\bbroke (?:his|her|my|their) \\w+|\\bknocked (?:down|over)\\b|\\bhit by\\b|\\b(?:isn't|is not|not) responding\\b|\\belectrocut",
  ),
  rule(
    'falling',
    '(?:外墙|外立面|墙砖|瓷砖|玻璃|窗户|窗框|窗|空调外机|外机|冷气机|空调|广告牌|招牌|雨棚|遮阳棚|阳台|大树|树(?!叶)|树枝|树杈|枝干|电线杆|灯杆|杆子|脚手架|保温层|保温板|铁皮|石块|水泥块|石屎|花盆|吊顶|天花板?|屋顶|构件|墙体|围墙|挡土墙|一大块)' +
      `(?:(?!虫|叶|果|花|毛|絮|籽|椰子)[^。！？!?\\n]){0,16}(?:掉下来|砸下来|跌落来|跌落嚟|跌咗落嚟|甩咗落|甩落|跌落街|就嚟跌|就快跌|就嚟冧|塌咗|塌落|冧落|连根拔起|往下滑|压住|压倒|压在|斜咗|(?:马上|随时|快要|就要|眼看)(?:就)?要?(?:倒|塌|掉|断|砸)|往下掉|坠落|掉落|要掉|快掉|快要掉|随时会掉|随时会倒|随时会塌|摇摇欲坠|摇摇晃晃|晃得厉害|倒了(?!垃圾|水|些|一地)|要倒|快倒|快要倒|要塌|快塌|塌了|倒塌|塌下来|冧咗|冧落嚟|悬在半空|挂在半空|吊在半空|断了挂|倾斜)|` +
      '(?:树|大树)[^。！？!?\\n]{0,4}(?:倒在|横在)[^。！？!?\\n]{0,6}(?:路|车|人|楼|门)|高空坠物|(?:外墙|外立面)[^，。！？!?,]{0,4}掉(?!色|漆)|(?:楼上|高空|高处|楼顶|上面)[^，。！？!?,]{0,4}(?:掉下来|砸下来|跌落嚟)|(?:外墙|外立面|保温层)[^，。！？!?,]{0,6}(?:脱落|剥落)|' +
      '(?:小孩|孩子|儿童|小朋友|宝宝|婴儿|小学生|老人)[^。！？!?]{0,10}(?:爬到|爬上|爬出|站在|坐在|悬在|挂在)[^。！？!?]{0,6}(?:窗台|窗外|窗户外|阳台外|栏杆外|楼顶|屋顶|天台)|有人(?:要)?跳楼|' +
      '\\b(?:tiles?|bricks?|(?:flower ?)?pots?|objects?|things|glass|windows?|panels?|pieces?|chunks?|concrete|plaster|fa[cç]ade|cladding|signs?|signboard|billboard|branch(?:es)?|trees?|scaffolding|air.?con(?:ditioner)?|ac unit|balcony|awning|railings?|ceiling|wall|roof|masonry|debris)\\b' +
      "(?:(?!leaves|leaf|fruits?|caterpillars?|insects?|petals?|flowers?|worms?|bugs?)[^.!?]){0,30}\\b(?:falling|fell|coming down|came down|about to fall|going to fall|hanging loose|hanging by (?:a|one) \\w+|hanging off|dangling|swaying|swinging|dropping|breaking off|coming loose|leaning (?:badly|dangerously)|uprooted|collapsing|collapsed|caved in|toppling)\\b|" +
      '\\babout to (?:fall|collapse|come down)\\b|\\b(?:it\'s|it is|it will|they\'re|they are) (?:going to|gonna) (?:fall|collapse|come down)\\b(?! ?\\?)|\\b(?:could|might|will|may) (?:fall|collapse|come down) (?:any (?:minute|moment|second|time)|at any (?:moment|time))\\b|' +
      '\\b(?:child|kid|toddler|baby|boy|girl)s?\\b[^.!?]{0,30}\\b(?:on the ledge|on the window ?sill|outside the window|on the roof|hanging from|dangling from|climbing (?:out|over))',
  ),
  rule(
    'other',
    '拿刀|持刀|动刀|(?:打架|斗殴)[^，。！？!?,]{0,6}(?:流血|见血)|\\b(?:with|has|holding|waving) a (?:knife|gun)\\b|' +
      '漏电|电火花|冒火花|打火花|\\bsparks?\\b|\\blive wires?\\b|' +
      '(?:小孩|孩子|宝宝|婴儿|儿童|小朋友|儿子|女儿|老人)(?:(?!钥匙|手机)[^。！？!?]){0,8}(?:锁在车里|反锁在|关在车里|困在车里|把自己(?:反)?锁在|锁在(?:厕所|卫生间|浴室|洗手间|房间|阳台)(?:里|内)?)|' +
      "\\b(?:child|kid|baby|toddler|son|daughter|\\d+ ?(?:year|yr)s? old)\\b[^.!?]{0,20}\\blocked (?:in (?:a|the) car|(?:him|her|them)(?:self|selves) in)\\b|" +
      // A neighbour living alone not seen for days: someone must open the door.
      '(?:独居|老人|老伯|阿婆|婆婆|老太|伯伯|大爷|阿伯|爷爷|奶奶|邻居|对门|隔壁)[^。！？!?\\n]{0,20}(?:[两三四五六七八九几]|好几|多)[天日](?:都)?(?:没|冇|未|唔)(?:(?:见|看到|看见)(?!收|拿|取|倒|扔|洗|打|来|保洁|物业)|出门|出过门|露面|开门|动静|人影|出现|应门)|' +
      "\\b(?:haven't|have not|hasn't|has not|nobody has|no one has) (?:seen|heard from) (?:my|our|the|an?) (?:elderly |old )?(?:neighbou?r|lady|man|woman|resident)[^.!?]{0,20}\\b(?:for|in) (?:\\w+ )?days\\b|" +
      // Live wires in water.
      '(?:电线|电缆|插座|插头|配电箱|电箱)[^。！？!?\\n]{0,8}(?:泡在水|浸在水|掉进水|掉在水|浸咗水|被水淹|进水)|(?:水|积水)[^。！？!?\\n]{0,6}(?:淹到|漫到|浸到|漫过)[^。！？!?\\n]{0,4}(?:插座|配电箱|电箱|电线)|' +
      '\\b(?:wires?|cables?|sockets?|outlets?)\\b[^.!?]{0,20}\\b(?:in|into|under) (?:the )?(?:water|puddle|flood)|' +
      '(?:整栋|整幢|整座|整个楼|全楼|一整栋|全栋|整个单元|全单元|整个小区|全小区|所有住户|全部住户|家家户户)[^。！？!?]{0,10}(?:停水|没水|没有水|断水|无水)|' +
      '(?:停水|没水|断水)[^。！？!?]{0,8}(?:整栋|整幢|全楼|全栋|整个小区|全小区)|' +
      '\\b(?:whole|entire)\\b[^.!?]{0,12}\\b(?:building|block|estate|tower)\\b[^.!?]{0,20}\\bno water\\b|\\bno water\\b[^.!?]{0,25}\\b(?:whole|entire)\\b[^.!?]{0,10}\\b(?:building|block|estate|tower)\\b',
  ),
];

// "万一着火", "差点摔倒", "没人受伤", "could catch fire": a danger described as possible or avoided, in the
// words just before it (within the clause).
const HYPOTHETICAL_BEFORE =
  /(?:万一|如果|要是|一旦|假如|怕|担心|害怕|容易|可能|会不会|迟早|差点|差一点|险些|防止|预防|避免|以免|没人|没有人|无人|没有|没|未|不会|唔会|冇)\s*[^，。！？!?,.;；]{0,8}$|就\s*$|\b(?:if|could|might|would|will|may|going to|gonna|risk of|in case of|prevent|nearly|almost|no one|nobody|not|no|without|before)\b[^,.;!?]{0,20}$/;
// "着火了谁负责", "着火就完了", "漏气怎么办": a danger named as a condition or a question.
const HYPOTHETICAL_AFTER = /^[^，。！？!?,]{0,6}(?:的话|怎么办|咋办|点算|就完|就麻烦|就惨|就危险|谁负责|谁来负责|谁管|谁赔|跑不|逃不|来不及|的时候|时应该|时要|时该)/;
// "空调外机…怕掉下来": a hedge inside the words of a danger told across a few words.
const HEDGE_INSIDE = /怕|担心|万一|如果|要是|假如|会不会|迟早|生怕|以免|容易|差点|差一点|险些|\bif\b|\balmost\b|\bnearly\b|\bmight\b|\bcould\b(?! (?:fall|collapse|come down) (?:any|at any))/;

// "上个月电梯困过人", "电梯经常困人", "last month someone got stuck", "这个月第二次了": a past or
// recurring danger, told to get something fixed, anywhere in the sentence of the danger…
const PAST_OR_RECURRING =
  /上个?月|上周|上个?星期|上个?礼拜|上次|上回|去年|前年|之前|以前|曾经|经常|老是|总是|常常|时常|每次|每回|每逢|好几次|第[二三四五六七八九十几]次|前几天|前些天|昨天|昨晚|前天|前晚|一下雨|下雨就|下大雨就|\b(?:last (?:week|month|year|time|winter|summer|night)|yesterday|used to|previously|often|usually|every (?:time|day|evening|night|morning)|whenever|again and again)\b/;
// …unless the resident says it is happening now.
const NOW = /现在(?![^，。！？!?\s]{0,3}(?:已经|修好|修了|出院|没事|好了|怎么样))|刚才|刚刚|正在|此刻|马上|快来|快点|快派|救命|而家|依家|宜家|\b(?:now|right now|help|hurry|please come|urgent(?:ly)?)\b/;

// "人已经救出来了", "火已经灭了": the danger is over; the message is news or a follow-up, not an alarm.
const OVER =
  /已经?(?:被)?(?:救出|救下|出来了|解决|修好|扑灭|灭了|处理好)|被救出|救出来了|都出来了|已经没事|已经?出院|\b(?:has|have) been (?:rescued|put out|fixed|resolved)\b|\b(?:is|are|got) out now\b|\bno longer\b/;

// A formal letter ("尊敬的物业…", "Dear Sir…", "陳情書") is written after the fact: an emergency is
// reported in a few words, with no salutation. A letter raises the alarm only when it says "now".
const LETTER = /^\s*(?:尊敬的|敬爱的|致|敬启者|敬啟者|陈情书|陳情書|关于|各位领导|物业的各位|管理处主任|管委会您好|\bdear\b|\bto whom\b|\bre:)/;
const LETTER_LENGTH = 150;

// A broken drain, sewer or rainwater pipe is dirty and smelly, not an emergency (upkeep's normal queue).
const WASTE_WATER = /污|粪|排水|下水|雨水|排污|落水管|\b(?:sewage|sewer|drain|waste ?water)\b/;

// "Is the tree going to fall?": an English yes-no question asks about a danger, it does not report one.
const YES_NO_QUESTION = /^\s*(?:is|are|will|would|could|can|should|does|do|did)\b/;

// …but dirty water rising into a hall or a car park is a flood all the same.
const FLOODING = /淹|倒灌|水浸|浸水|\bflood/;

const SENTENCE_END = /[。！？!?\n]|\.(?=\s|$)/g;

/**
 * Decides whether a complaint must alert staff at once (DESIGN §1.6), and which danger it is:
 * someone trapped in a lift, gas, fire or smoke, a burst pipe or flooding, someone hurt, something
 * falling or about to fall, or another danger (live wires, a child locked in a car, a whole building
 * without water). Dangers only feared ("万一着火", "差点摔倒", "could catch fire"), past or recurring
 * ("上个月电梯困过人", "电梯经常困人") or over ("人已经救出来了") stay normal: those are for the normal
 * queue. Pass `normalised` when the caller already has it.
 */
export function assessUrgency(text: string, normalised: string = normaliseText(text)): UrgencyAssessment {
  let best: UrgencyAssessment = { urgency: 'normal', hazard: null, at: -1, end: -1 };
  if (OVER.test(normalised)) return best;
  if (normalised.length > LETTER_LENGTH && LETTER.test(normalised) && !NOW.test(normalised)) return best;
  for (const { hazard, pattern, unless } of RULES) {
    if (unless?.test(normalised)) continue;
    for (const match of normalised.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (!happeningNow(hazard, normalised, match.index, end)) continue;
      const found: UrgencyAssessment = { urgency: 'urgent', hazard, at: match.index, end };
      if (best.hazard === null || outranks(found, best)) best = found;
      break;
    }
  }
  return best;
}

// Someone hurt needs an ambulance whatever hit them: "树枝掉下来砸到人了" is an injury first. Otherwise
// the danger named first is the one the message is about.
const OUTRANKS_LATER: ReadonlySet<Hazard> = new Set(['falling', 'water', 'other']);

function outranks(found: UrgencyAssessment, best: UrgencyAssessment): boolean {
  if (found.hazard === 'injury' && OUTRANKS_LATER.has(best.hazard!)) return true;
  if (best.hazard === 'injury' && OUTRANKS_LATER.has(found.hazard!)) return false;
  return found.at < best.at;
}

function happeningNow(hazard: Hazard, normalised: string, at: number, end: number): boolean {
  const before = normalised.slice(Math.max(0, at - 24), at);
  if (HYPOTHETICAL_BEFORE.test(before)) return false;
  if (HEDGE_INSIDE.test(normalised.slice(at, end))) return false;
  // "被困过", "摔伤过": the experiential 过 tells of something that happened once.
  if (normalised[end] === '过') return false;
  if (HYPOTHETICAL_AFTER.test(normalised.slice(end, end + 16))) return false;
  const flooding = hazard === 'water' && FLOODING.test(normalised.slice(at, end));
  if (hazard === 'water' && !flooding && WASTE_WATER.test(normalised.slice(Math.max(0, at - 12), end))) return false;
  let sentenceStart = 0;
  for (const boundary of normalised.slice(0, at).matchAll(SENTENCE_END)) sentenceStart = boundary.index + 1;
  const next = normalised.slice(end).search(SENTENCE_END);
  const sentence = normalised.slice(sentenceStart, next === -1 ? normalised.length : end + next);
  if (next !== -1 && normalised[end + next] === '?' && YES_NO_QUESTION.test(sentence)) return false;
  return !PAST_OR_RECURRING.test(sentence) || NOW.test(normalised);
}
