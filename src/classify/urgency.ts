import type { Urgency } from '../tickets/category.ts';
import type { Hazard } from '../tickets/hazard.ts';
import { normaliseText } from './normalise-text.ts';
import { matchesOf } from './matches.ts';

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
const LIFT = '(?:电梯|电悌|点梯|店梯|电体|升降机|升降梯|轿厢|𨋢|\\blifts?\\b|\\belevators?\\b)';
// Words that by themselves say a person is shut in.
const SHUT_IN =
  '(?:困人|困住|被困|人卡在|人被卡|(?:关|困|锁|卡)(?:了|住了?|着|咗)[一两三几个位名]{1,2}(?:个|位|名)?(?:人|老|小|孩|外卖|快递|阿|婆|伯|爷|奶|男|女)|(?:卡|关|困|锁)在(?:里面|里头|里边|入面)|俾人困|畀人困|(?<![相有机])关(?:了|住|着)?人(?![员家事])|锁(?:了|住)人|卡(?:了|住)人|困了|困着|困咗|被关|被锁|锁住了|困喺|困在|关在|关住了|锁在|焗咗|出不来|出不去|出唔到|出唔去|出唔嚟|走不出|' +
  "\\btrapped\\b|\\bstuck (?:in|inside)\\b|\\bcan(?:no|')?t get out\\b|\\bcannot get out\\b|\\blocked (?:in|inside)\\b)";
// A lift that stopped, fell or will not open…
const STALLED =
  '(?:卡住|卡在|卡了|卡死|卡咗|不走了|往下滑|溜梯|停住|停在|停了|停咗|停电|断电|不动了|一动不动|动不了|坏了|坏在|坏咗|故障|打不开|开不了|开不开|开唔到|开唔了|打唔开|只开了|灯(?:全)?灭|掉下|往下掉|急坠|下坠|坠落|冲顶|蹲底|' +
  "\\bstuck\\b|\\bstopped\\b|\\bbroken? down\\b|\\bfell\\b|\\bdropped\\b|\\bnot moving\\b|\\bwon't move\\b|\\bjammed\\b|\\bdoors? (?:won't|don't|do not|will not|wouldn't|can't|cannot) (?:open|be opened)\\b)";
// …with someone in it.
const SOMEONE_INSIDE =
  '(?:有人(?=在里|被|困|关|出不|出唔|喺入面|在?(?:喊|叫|呼|拍|敲))|人在里|人还在里|在里面|在里头|在里边|喺入面|喺里面|(?:里面|里头|入面|里边)的人|' +
  '(?:里面|里头|入面|里边)(?:还|仲)?(?:有|是)?(?:人|好?[个位名两三四五六七八九十几多\\d][^，。, ]{0,3}(?:人|老|小|孩|婆|伯|爷|奶|女|男|妈|爸|阿|外卖|快递))|呼救|救命|拍门|好害怕|害怕|吓死|好惊|闷死|好闷|喘不过气|透不过气|' +
  "\\b(?:we|i|we're|i'm|of us)\\b|(?<!\\b(?:nobody|no one|nothing|noone)\\s(?:is\\s|was\\s)?)\\b(?:inside|in it|in there|in here)\\b|" +
  '\\b(?:shouting|screaming|banging|calling for help|scared|panicking)\\b)';

interface Rule {
  hazard: Hazard;
  pattern: RegExp;
  /** Words anywhere in the message that explain the cue away ("烧烤" for smoke). */
  unless?: RegExp;
}

const rule = (hazard: Hazard, source: string, unless?: RegExp): Rule => ({
  hazard,
  pattern: new RegExp(source, 'g'),
  ...(unless && { unless }),
});

// The resident's own pet as the one bitten or poisoned ("我家狗被咬了", "狗狗吃了老鼠药").
const PET =
  /狗狗|猫咪|宠物|我家(?:的)?(?:狗|猫)|(?:狗|猫)(?:仔)?(?:被|给|俾|畀)|\b(?:my|our) (?:dog|cat|pet|puppy|kitten)\b/;

// Global so that exec can look past a first, hypothetical mention to a real one.
const RULES: readonly Rule[] = [
  rule(
    'trapped',
    [
      `${LIFT}${STOP}{0,24}${SHUT_IN}`,
      `${SHUT_IN}${STOP}{0,10}${LIFT}`,
      `${LIFT}${STOP}{0,24}${STALLED}${STOP}{0,64}${SOMEONE_INSIDE}`,
      `${LIFT}${STOP}{0,24}${SOMEONE_INSIDE}${STOP}{0,24}${STALLED}`,
      '困𨋢',
      `(?:人|孩子|小孩|老人|我|我们|妈|爸|婆|爷|奶|宝宝|女儿|儿子)(?:自己|一个人|还|都)?(?:在|喺)${LIFT}(?:里|入面|度|内)${STOP}{0,30}${STALLED}`,
      `(?:救命|救救|救我|快来人|快点来人|\\bhelp\\b)${STOP}{0,12}${LIFT}${STOP}{0,24}${STALLED}`,
    ].join('|'),
  ),
  rule(
    'gas',
    '(?:煤气|煤汽|燃气|天然气|液化气|石油气|瓦斯)(?:管|喉)[^，。！？!?,]{0,4}(?:断了|断开|裂开|裂了|破了|破掉|爆|崩|脱落|甩脱)|(?:煤气|煤汽|燃气|燃汽|然气|天然气|液化气|石油气|瓦斯|\\bgas)[^，。！？!?,]{0,10}(?:泄漏|泄露|外泄|外洩|洩漏|洩露|漏气|漏了|在漏|漏紧|漏出|味|臭|嘶嘶)|漏气|漏煤气|漏煤汽|漏燃气|(?<!水[^，。！？!?,]{0,4})(?:臭鸡蛋味|臭蛋味)|' +
      '\\bgas\\b[^.!?,]{0,12}\\b(?:leak|leaks|leaking|leaked|smell|smells|odou?rs?)\\b|\\b(?:smell|smells|smelling|smelt|odou?r) (?:of |like )?gas\\b|\\bleaking gas\\b|\\b(?:smell|smells|smelling|smelt|reeks?|reeking|stinks?|stinking)\\b[^.!?,]{0,15}\\b(?:of|like) gas\\b',
  ),
  rule(
    'fire',
    '(?<![打不点唔没冇未])着火|起火|失火|火烛|火灾(?!隐患)|烧起来|烧着了|在烧(?!烤|水|饭|香|纸)|烧紧|火苗|明火|冒火(?!花)|火光|焦糊味|烧焦|' +
      '\\bon fire\\b|\\bcaught fire\\b|\\bflames?\\b|\\bburning\\b|' +
      '\\bfire\\b(?!\\s*(?:lanes?|exits?|escapes?|doors?|hydrants?|extinguishers?|hazards?|safety|alarms?|risks?|access|routes?|passages?|brigade|drills?|codes?|inspections?|department|equipment|engines?|trucks?|stations?|regulations?|hoses?|boxes|box|rated|pit|place|wood|works|fighters?|evacuation|assembly|plan|insurance|procedures?|certificates?|training|prevention|warden|marshal|points?|blankets?))',
  ),
  // Smoke without a fire named: a barbecue, incense or a cigarette explains it.
  rule(
    'fire',
    '冒[黑白浓青]?烟|[黑浓]烟|(?:好多|很多|好大|很大|大量|满是|全是|都是)烟(?!头|蒂|味)|烟(?:很|好|太|特别)?(?:大|浓|呛)|烟雾弥漫|' +
      "(?<!\\b(?:people|someone|somebody|they|he|she|who|residents|neighbou?rs?|men|kids|teens|to|don't|not|no) )\\bsmoke\\b(?!\\s*(?:detectors?|alarms?|sensors?|free|breaks?))",
    /烧烤|烤肉|烧香|拜拜|烧纸|上香|抽烟|吸烟|鞭炮|烟花|油烟|炒菜|煮饭|\b(?:barbecu|bbq|grill|cigarette|incense|smoking|fireworks|cooking|restaurant|takeaway|food stall)/,
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
    '受伤|受了伤|砍伤|刺伤|捅伤|(?:人|他|她|我)被(?:人用)?刀?(?:砍|捅)|(?:人|小孩|孩子|老人)[^，。！？!?,]{0,6}(?:掉下去|坠楼|摔下去)|坠楼|摔伤|砸伤|咬伤|烫伤|烧伤|割伤|划伤|撞伤|(?:撞|磕|摔|跌|砸)(?:到|破|伤|穿)了?头|滚下(?:来|去|楼)|流[了好很多大量一地的]{1,4}血|夹伤|跌伤|弄伤|被狗咬|(?<![狗猫])被咬了|被砸|砸到(?:了)?(?:人|头|老人|小孩|孩子|脑袋|他|她|我)|砸中(?:了)?(?:人|头|他|她)|流血|出血|头破|骨折|' +
      '送医|送医院|晕倒|昏倒|晕过去|昏过去|昏迷|不省人事|(?<!叫都)叫不醒|(?:叫|喊)[^，。！？!?,拍按]{0,3}(?:没|不)有?(?:反应|回应)|(?:人|老人|老伯|阿姨|大爷|伯伯|婆婆|他|她|小孩|孩子)[^，。！？!?,]{0,8}倒下|没有?反应了|没有?呼吸|(?:人|老人|他|她|小孩|孩子|阿姨|大爷|伯伯|婆婆)[^，。]{0,4}倒在地上|倒地不起|(?:有人|老人|阿姨|大爷|小孩|孩子)倒在|摔倒了|摔了一跤|跌倒了|摔下来|跌下来|摔了(?!一下)|倒地|起不来|站不起来|爬不起来|(?:人|孩|老人|他|她|我)(?:被|俾|畀)(?:车)?撞|被车撞(?!歪|坏|断)|撞倒|是血|血流|满身血|咬人了|' +
      '抽搐|口吐白沫|心脏病发|心脏病犯|犯了?心脏病|哮喘(?:发作|犯了)|休克|(?<!煤气|一氧化碳)中毒了|(?:叫|打|喊|等|来了)救护车|打了?120|(?:叫|call|打)白车|晕低|跌低|仆低|(?:叫|喊)[极亲都]{0,2}(?:唔|冇)(?:应|反应)|跌亲|撞亲|(?:被|俾|畀)车撞|整亲|弄亲|起唔到身|冇反应|唔郁|被电(?:了|到|击|倒)|触电|电亲|(?:畀|俾)电|' +
      '\\binjur(?:ed|y|ies)\\b|\\bhurt\\b|\\bbleeding\\b|\\bbitten\\b|\\b(?:call(?:ed)? an|need an|send an|waiting for (?:an|the)) ambulance\\b|\\bambulance is (?:coming|on (?:its|the) way)\\b|\\bunconscious\\b|\\bunresponsive\\b|\\bnot breathing\\b|(?<!\\b(?:shel(?:f|ves)|rails?|racks?|tables?|chairs?|beds?|cupboards?|cabinets?|umbrellas?|tents?|stalls?|piles?|stacks?|curtains?|sofas?|boxes)\\b[^.!?,]{0,30})\\bcollapsed\\b|\\bfainted\\b|' +
      "\\bpassed out\\b|\\bseizure\\b|\\bheart attack\\b|\\b(?:he|she|i|someone|somebody|man|woman|lady|child|kid|boy|girl|neighbou?r|mum|mom|dad|grandma|grandpa|grandmother|grandfather|person|resident|son|daughter|husband|wife|father|mother|brother|sister|baby|toddler|worker|cleaner|guard)\\b[^.!?,]{0,12}\\bfell (?:off|from|down)\\b|\\b(?:hit|banged|cut) (?:his|her|my|their) head\\b|\\b(?:he|she|they) (?:has |have )?(?:stopped|isn't|is not|aren't|are not) (?:answering|responding)\\b(?! (?:my|our|the) (?:calls?|emails?|messages?|phone))|\\bcan(?:no|')?t (?:get up|stand up|move)\\b(?! (?:it|the|there|here|stairs))|\\bbroke (?:his|her|my|their) \\w+|\\bknocked (?:down|over)\\b|\\bhit by\\b|\\b(?:isn't|is not|not) responding\\b|\\belectrocut",
  ),
  rule(
    'falling',
    '(?:外墙|外立面|墙砖|瓷砖|玻璃|碎片|砖头|砖块|窗户|窗框|(?<!纱)窗(?!帘)|吊篮|棚架|塔吊|吊臂|太阳能|灯箱|雨篷|天线|围挡|支架|护栏|空调外机|外机|冷气机|空调|广告牌|招牌|雨棚|遮阳棚|阳台|大树|树(?!叶)|树枝|树杈|枝干|电线杆|灯杆|杆子|脚手架|保温层|保温板|铁皮|石块|水泥块|石屎|花盆|吊顶|天花板?|屋顶|构件|墙体|围墙|挡土墙|一大块)' +
      `(?:(?!虫|叶|果|花|毛|絮|籽|椰子|纱窗|窗帘|把手|插销)[^。！？!?\\n]){0,24}(?:掉下来|掉到楼下|掉落楼下|跌落楼下|自爆|砸下来|跌落来|跌落嚟|跌咗落嚟|甩咗落|甩落|跌落街|就嚟跌|就快跌|就嚟冧|就快冧|快冧|塌咗|塌落|冧落|连根拔起|往下滑|压住|压倒|压在|斜咗|(?:马上|随时|快要|就要|眼看)(?:就)?要?(?:倒|塌|掉|断|砸)|往下掉|坠落|掉落|要掉|快掉|快要掉|随时会掉|随时会倒|随时会塌|摇摇欲坠|摇摇晃晃|晃得厉害|倒了(?!垃圾|水|些|一地)|要倒|快倒|快要倒|要塌|快塌|塌了|倒塌|塌下来|冧咗|冧落嚟|悬在半空|挂在半空|吊在半空|断了挂|倾斜)|` +
      '(?:树|大树)[^。！？!?\\n]{0,4}(?:倒在|横在)[^。！？!?\\n]{0,6}(?:路|车|人|楼|门)|高空坠物|(?:外墙|外立面)[^，。！？!?,]{0,4}掉(?!色|漆)|(?:楼上|高空|高处|楼顶|上面)[^，。！？!?,]{0,4}(?:掉下来|砸下来|跌落嚟)|(?:外墙|外立面|保温层)(?:(?!油漆|漆|涂料|墙皮|墙纸)[^，。！？!?,]){0,6}(?:脱落|剥落)|' +
      '(?:小孩|孩子|儿童|小朋友|宝宝|婴儿|小学生|老人)[^。！？!?]{0,10}(?:爬到|爬上|爬出|站在|坐在|悬在|挂在)[^。！？!?]{0,6}(?:窗台|窗外|窗户外|阳台外|栏杆外|楼顶|屋顶|天台)|有人(?:要)?跳楼|' +
      '\\b(?:tiles?|bricks?|(?:flower ?)?pots?|objects?|things|glass|windows?|panels?|pieces?|chunks?|concrete|plaster|fa[cç]ade|cladding|signs?|signboard|billboard|branch(?:es)?|trees?|scaffolding|air.?con(?:ditioner)?|ac unit|balcony|awning|railings?|ceiling|wall|roof|masonry|debris)\\b' +
      '(?:(?!leaves|leaf|fruits?|caterpillars?|insects?|petals?|flowers?|worms?|bugs?)[^.!?]){0,30}\\b(?:falling|fell|coming down|came down|about to fall|going to fall|hanging loose|hanging by (?:a|one) \\w+|hanging off|dangling|swaying|swinging|dropping|breaking off|break(?:s)? off|broke off|fall(?:s)? onto|fell onto|coming loose|leaning (?:badly|dangerously)|uprooted|collapsing|collapsed|caved in|toppling)\\b(?![^.!?]{0,12}\\b(?:inside|in) (?:my|our|the) (?:flat|home|apartment|bathroom|kitchen|toilet)\\b)|' +
      "\\babout to (?:fall|collapse|come down)\\b(?<!\\b(?:handles?|knobs?|covers?|lids?|buttons?|shel(?:f|ves)|curtains?|cupboards?|paint|wallpaper|hinges?|plugs?|taps?)\\b[^.!?]{0,20}about to (?:fall|collapse|come down))|\\b(?:it's|it is|it will|they're|they are) (?:going to|gonna) (?:fall|collapse|come down)\\b(?! ?\\?)|\\b(?:could|might|will|may) (?:fall|collapse|come down|fly off|blow off|come off|give way|snap) (?:any (?:minute|moment|second|time)|at any (?:moment|time))\\b|" +
      '\\b(?:child|kid|toddler|baby|boy|girl)s?\\b[^.!?]{0,30}\\b(?:on the ledge|on the window ?sill|outside the window|on the roof|hanging from|dangling from|climbing (?:out|over))',
  ),
  rule(
    'other',
    '拿刀|持刀|动刀|(?:打架|斗殴)[^，。！？!?,]{0,6}(?:流血|见血)|\\b(?:with|has|holding|waving) a (?:knife|gun)\\b|' +
      '漏电|电火花|冒火花|打火花|\\bsparks?\\b|\\blive wires?\\b|' +
      '(?:小孩|孩子|宝宝|婴儿|儿童|小朋友|儿子|女儿|老人)(?:(?!钥匙|手机)[^。！？!?]){0,8}(?:锁在车里|反锁在|关在车里|困在车里|把自己(?:反)?锁在|锁在(?:厕所|卫生间|浴室|洗手间|房间|阳台)(?:里|内)?)|' +
      '\\b(?:child|kid|baby|toddler|son|daughter|\\d+ ?(?:year|yr)s? old)\\b[^.!?]{0,20}\\blocked (?:in (?:a|the|his|her|my|their) (?:\\w+ )?car|(?:him|her|them)(?:self|selves) in)\\b|' +
      // Live wires in water.
      '(?:电线|电缆|插座|插头|配电箱|电箱)[^。！？!?\\n]{0,8}(?:泡在水|浸在水|掉进水|掉在水|浸咗水|被水淹|进水)|(?:水|积水)[^。！？!?\\n]{0,6}(?:淹到|漫到|浸到|漫过)[^。！？!?\\n]{0,4}(?:插座|配电箱|电箱|电线)|' +
      '\\b(?:wires?|cables?|sockets?|outlets?)\\b[^.!?]{0,20}\\b(?:in|into|under) (?:the )?(?:water|puddle|flood)|' +
      '(?:整栋|整幢|整座|整个楼|全楼|一整栋|全栋|整个单元|全单元|整个小区|全小区|所有住户|全部住户|家家户户)[^。！？!?]{0,10}(?:停水|没水|没有水|断水|无水)|' +
      '(?:停水|没水|断水)[^。！？!?]{0,8}(?:整栋|整幢|全楼|全栋|整个小区|全小区)|' +
      '\\b(?:whole|entire)\\b[^.!?]{0,12}\\b(?:building|block|estate|tower)\\b[^.!?]{0,20}\\bno water\\b|\\bno water\\b[^.!?]{0,25}\\b(?:whole|entire)\\b[^.!?]{0,10}\\b(?:building|block|estate|tower)\\b',
  ),
  // Issue 13 item 9, third pass: more families of phrasing, each told in zh-CN, zh-TW/Cantonese and English.
  // Someone shut in somewhere other than a lift (a plant room, a roof, a stairwell).
  rule(
    'trapped',
    '(?:有人|我|我们|我哋|老人|孩子|小孩|工人|保洁|保安)(?:被|俾|畀)(?:困|关|锁|反锁)(?:在|喺)(?!门外|外面|外头|屋外|家门外|门口)|(?:我|我们|我哋|人|有人|老人|孩子|小孩|工人|保洁)(?:被|俾|畀)?(?:困|关|锁|反锁)(?:在|喺)[^，。！？!?,]{0,10}(?:出不来|出不去|出唔到|出唔嚟|开不了|打不开|开唔到)|' +
      "\\b(?:i'm|i am|we're|we are|someone is|somebody is|people are)\\s(?:trapped|locked)\\s(?:in|inside)\\b(?! (?:traffic|a (?:meeting|contract)))",
  ),
  // A gas alarm sounding (not its battery), a hissing pipe, rotten eggs, carbon monoxide.
  rule(
    'gas',
    '(?:燃气|煤气|天然气|瓦斯|可燃气体?|一氧化碳)(?:的)?(?:报警器?|警报器?|探测器|报警)[^，。！？!?,]{0,8}(?:响|叫|鸣|报警|嘀|滴|闪)|煤气中毒|一氧化碳中毒|' +
      '(?<!(?:水|厕所|马桶|粪|沟|垃圾)[^，。！？!?,]{0,8})臭鸡蛋(?:的|一样的|似的)?(?:味|气)|(?:燃气|煤气|天然气|瓦斯)(?:表|管|阀|罐|瓶)[^，。！？!?,]{0,8}(?:嘶嘶|呲呲|滋滋|冒气|喷气|往外冒)|' +
      '\\bgas (?:alarm|detector|sensor)s?\\b[^.!?]{0,20}\\b(?:going off|goes off|went off|beeping|sounding|ringing|keeps)\\b|\\bcarbon monoxide\\b|\\bco (?:alarm|detector)\\b[^.!?]{0,20}\\b(?:going off|beeping|sounding)|' +
      '(?<!\\b(?:water|drain|sewer|sewage|toilet|bin|tap)s?\\b[^.!?]{0,40})\\brotten eggs?\\b|\\bhiss(?:ing)?\\b[^.!?]{0,30}\\bgas\\b|\\bgas\\b[^.!?]{0,30}\\bhiss(?:ing)?\\b',
    /电池|没电|低电|\b(?:battery|batteries|low power)\b/,
  ),
  // Smoke coming out of somewhere, a car burning by itself, the smell of burning plastic or wires.
  rule(
    'fire',
    '自燃|火(?:一直|还在|越来越|越烧越)(?:在)?(?:烧|大|旺)|(?:燃气|煤气|天然气|瓦斯)[^，。！？!?,]{0,4}(?:灶|阀|阀门|开关)?关不(?:掉|上|了|住)|(?<!枪)走火(?!入魔|通道|梯|楼梯|警|门|出口|路线|演习|演练)|烧咗起|烧起嚟|烧紧|着咗火|(?:有|冒出?|一直冒|往外冒)(?:很多|好多|好大|大量|浓|黑|白)?烟(?:冒出|出来|出嚟|起来)?|烟(?:冒|窜|涌|飘)(?:出|进|上)(?:来|嚟)|烟雾(?:很|好|太)?(?:大|浓)|' +
      '烧(?:塑料|胶|电线|橡胶|焦)的?(?:味|气味)|焦味|糊味|' +
      '\\bsmok(?:ing|es|e) (?:is )?(?:coming|pouring|billowing|rising)\\b|\\bsmell (?:of )?burning\\b|\\bburning (?:smell|plastic|rubber)\\b|\\b(?:is|are) (?:smoking|smouldering|smoldering)\\b',
    /烧烤|烤肉|烧香|拜拜|烧纸|上香|抽烟|吸烟|鞭炮|烟花|油烟|炒菜|煮饭|做饭|饭菜|锅|烤箱|面包|\b(?:barbecu|bbq|grill|cigarette|incense|fireworks|cooking|toast)/,
  ),
  // Water bursting, spraying or pouring through a ceiling, and a leak "like rain".
  rule(
    'water',
    '(?:水管|水喉|管子|管道|阀门|接头|热水器|热水炉|热水箱|水箱|暖气片|暖气管|消防栓|消火栓|供水管|进水管)[^，。！？!?,保]{0,8}(?:爆|裂了|裂开了|开裂|破掉|爆掉|爆开|破开|断开|喷)|' +
      '水(?:一直|不停|还在|哗哗)?(?:地)?(?:在)?(?:喷|飙|涌|唧|射|冲)(?:出|下|进|落|上)?(?:来|去|嚟)?(?![泉头壶枪])|(?:漏|流|滴)[^，。！？!?,]{0,6}(?:像|跟|和|似|好似)(?:下雨|瀑布|水帘)|' +
      '水(?:越来越深|越来越多|还在涨|一直在?涨|位(?:一直|还在)?(?:上涨|上升))|漫过(?:车轮|轮胎|脚|膝|小腿|腰)|水[^，。！？!?,]{0,8}(?:(?:唧|喷|涌|射|飙)(?:落|出|下)(?:嚟|来)|往下灌|灌下来|灌落嚟|往里灌|灌入)|天花板?[^，。！？!?,]{0,4}(?:鼓起来|鼓包|往下塌|哗哗)|水漫金山|' +
      '\\bwater (?:is |was )?(?:pouring|gushing|spraying|spurting|streaming|shooting|flooding|cascading) (?:in|out|down|through|from|into)\\b|\\b(?:leaking|leak) (?:badly|heavily|like a tap)\\b|\\b(?:massive|huge|major) leak\\b|\\b(?:under|in) (?:a|\\d+|one|two|half a) (?:foot|feet|metres?|meters?|inches|cm) of water\\b|\\bwater (?:is |keeps )?rising\\b|\\bwater\\b[^.!?]{0,30}\\band rising\\b|\\bceiling is (?:collapsing|sagging|bulging|caving)\\b',
  ),
  // Water reaching electrics: a light fitting dripping, sockets wet, a power line down.
  rule(
    'other',
    '(?:顺着|沿着)(?:电线|灯|插座|开关|电箱|电表)[^，。！？!?,]{0,6}(?:流|滴|漏|渗)|水[^，。！？!?,]{0,6}(?:流|渗|滴|漫|灌|进|淹)(?:到|进|入)[^，。！？!?,]{0,6}(?:插座|插头|电线|开关|电箱|配电箱|电表|电器|灯)|水[^，。！？!?,]{0,4}(?:顺着|沿着|从|流进|渗进|滴进)[^，。！？!?,]{0,4}(?:灯|电线|插座|开关|电箱|配电箱|电表)|(?:灯|插座|开关|电箱|配电箱|电表箱?)[^，。！？!?,]{0,4}(?:在滴水|往下滴水|进水了|漏水了|冒水)|' +
      '(?:电线|电缆|高压线|电源线)[^，。！？!?,]{0,8}(?:断了|掉(?:在|到)地上|掉下来|垂(?:下来|到)|拖在地上|落地|刮断|压断|带(?:着)?电|还有电|通着电)|' +
      '\\bwater\\b[^.!?]{0,20}\\b(?:through|into|onto|from|out of|in) (?:the |my )?(?:lights?|light fittings?|lamps?|sockets?|outlets?|fuse ?box|electrics|switch(?:es)?|consumer unit|electrical (?:room|cupboard|box|panel|cabinet)|switch ?room|meter room|power room|substation|transformer)\\b|' +
      '\\b(?:power|electric(?:al|ity)?|live|high.voltage)\\s+(?:lines?|cables?|wires?)\\b[^.!?]{0,30}\\b(?:down|came down|fell|fallen|on the ground|lying (?:across|on)|across|snapped|hanging|sparking)\\b|\\bsparking\\b',
  ),
  // Someone fallen from a height, a broken limb, not breathing, drowning, lying still, caught in a door.
  rule(
    'injury',
    '(?<!(?:猫|狗|东西|手机|钥匙)[^，。！？!?,]{0,4})从[^，。！？!?,]{0,8}(?:上|顶)?(?:掉|摔|跌|滚|栽|坠)(?:了)?下(?:来|去)|(?<![桌椅凳床柜猫狗])(?:胳膊|手臂|手腕|腿|脚踝|脚|腰|脖子|锁骨)[^，。！？!?,]{0,4}(?:好像|可能)?(?:断了|骨折|动不了|不能动|抬不起来|变形了)|' +
      '(?:压在|困在)[^，。！？!?,]{0,6}(?:下面|底下)|被压住了|(?:化粪池|窨井|下水道|污水池|井里|井下)[^。！？!?]{0,12}(?:没上来|没出来|上不来|晕)|胸口(?:疼|痛|闷)|心口(?:疼|痛)|(?<!闷[^。！？!?]{0,16})(?:喘不上气|喘不过气|透不过气|呼吸困难|上不来气)|没(?:有)?意识|失去意识|意识不清|中风|脑梗|心梗|溺水|遇溺|落水了|' +
      '(?:有人|小孩|孩子|老人|人|小朋友|宝宝|阿姨|大爷|伯伯|婆婆|男的|女的)[^，。！？!?,]{0,6}掉(?:进|入|落)(?:了)?[^，。！？!?,]{0,6}(?:去|里|水|河|湖|池|井|坑)|' +
      '(?:躺|趴|瘫|瞓|倒)(?:在|喺)[^。！？!?]{0,16}(?:没有?反应|冇反应|没意识|一动不动|不动(?!产)|唔郁|不动了|动也不动|没反应|没有反应|没动静|起不来|叫不醒)|(?:人|他|她)(?:躺|倒)[^，。！？!?,]{0,6}不动了|一动不动|晕咗|昏咗|' +
      '(?:有人|老人|小孩|孩子|男的|女的|阿姨|大爷|保安|保洁|师傅)[^，。！？!?,]{0,6}(?:晕|昏)了|突然倒下|(?:手|脚|腿|头|手指|脚趾|胳膊)(?:被)?(?:卡住|夹住|卷进|卷入)|(?:卷进|卷入)[^，。！？!?,]{0,4}(?:手|脚|腿|人|小孩|孩子)|夹(?:住|到|伤)了?[^，。！？!?,]{0,4}(?:人|老人|小孩|孩子|手|脚|腿|头|胳膊|手指)|被[^，。！？!?,]{0,6}(?:门|闸|杆|扶梯)夹(?:住|到|伤|了)(?![^，。！？!?,]{0,4}(?:衣|包|袋|东西|裙|伞))|' +
      '(?:打人了|在打人|被打(?:伤|了|得|晕|破)|打破了?头|追着[^，。！？!?,]{0,6}(?:打|砍)|追打|殴打|围殴|打得[^，。！？!?,]{0,4}(?:血|伤))|' +
      "\\b(?:fell|fallen|falling|tumbled) (?:down|off|from|into|through)\\b[^.!?]{0,30}\\b(?:can't|cannot|isn't|not|hurt|bleeding|unconscious)\\b|\\bbroken? (?:his|her|my|their|an?) (?:arm|leg|ankle|wrist|hip|neck)\\b|" +
      "\\b(?:can't|cannot|can not) breathe\\b|\\b(?:trouble|difficulty|struggling) breathing\\b|\\b(?:isn't|is not|not|stopped|wasn't) breathing\\b|\\bchest pains?\\b|\\b(?:a|having a) stroke\\b|\\bchoking\\b|\\b(?:stabbed|stabbing|been shot|gunshots?|electric shock|beating (?:\\w+ )?up|beat(?:en)? up|assault(?:ed|ing))\\b|\\bdrown(?:ing|ed)?\\b|" +
      "\\blying (?:on|in) the (?:\\w+ )?(?:ground|floor|road|street|path)\\b|\\b(?:won't|will not|can't|cannot|isn't|not) wak(?:e|ing) (?:up|him|her)\\b|\\btrapped (?:under|beneath)\\b|\\b(?:hand|foot|finger|leg|arm|head)s? (?:is |are |got |was )?(?:stuck|caught|trapped) in\\b|\\b(?:isn't|is not|not) moving\\b|\\b(?:lots?|a lot|pool) of blood\\b(?! (?:donation|tests?|pressure|bank|drive))|\\bblood everywhere\\b|\\bcovered in blood\\b|\\b(?:badly|deep) cut\\b|\\bcut (?:his|her|my|their) \\w+ badly\\b|" +
      '\\bdogs?\\b[^.!?]{0,20}\\b(?:attacked|attacking|biting|mauled|mauling)\\b|\\bfell into (?:the |a )?(?:pool|pond|river|lake|drain|hole|well|manhole|sewer|ditch)\\b',
  ),
  // Things thrown or blown down, a bracket rusted through, English "about to snap", "ripped off".
  rule(
    'falling',
    '山体滑坡|滑坡了|泥石流|塌方|(?:往下|从楼上|楼上)(?:扔|抛|丢|砸)(?:了|下)?(?:一?[块个根只把])?(?:砖|石|瓶|酒瓶|玻璃|刀|花盆|铁|木板|椅子|凳子)|高空抛物[^，。！？!?,]{0,6}(?:砸到|砸中|砸伤)|(?:快|要|快要)(?:压到|砸到|压住|砸中)|(?:树|大树|树枝|电线杆|灯杆)[^，。！？!?,]{0,8}(?:吹歪|刮歪|吹斜|刮斜)|(?:被风|畀风|俾风|风把|风将)[^，。！？!?,]{0,6}(?:掀起|刮起|吹起|掀开|刮飞|吹飞|吹落|刮落|吹到摇|吹得摇)|(?:在乱飞|斜挂|歪挂|歪着挂|吊着晃|悬空挂|摇晒)|' +
      '(?:有嘢|有东西|东西|杂物|砖头|石头|玻璃)[^，。！？!?,]{0,4}(?:跌落嚟|掉下来|砸下来|飞下来)|(?:外机|空调|招牌|广告牌|玻璃|窗户|花盆|支架|架子)[^，。！？!?,]{0,6}(?:锈断|断了一边|只剩一颗|只剩一个|松脱|脱落了)|' +
      '\\babout to (?:snap|break off|give way|drop)\\b|\\b(?:ripped|torn|blown|blowing) (?:off|loose|away)\\b|\\bflying (?:around|about|off)\\b|\\bhanging (?:over|above) (?:the )?(?:road|path|walkway|entrance|street|people|pavement|car park)\\b|' +
      '\\b(?:swaying|wobbling|shaking) (?:in the wind|badly|dangerously)\\b[^.!?]{0,30}\\b(?:fall|falling|drop|dropping)',
  ),
  // Children in danger, a weapon, a cry for help, someone lost or threatening to jump.
  rule(
    'other',
    '(?:小孩|孩子|儿童|小朋友|宝宝|婴儿|小学生|细路)[^。！？!?]{0,8}(?:爬出|翻出|爬到窗外|爬出窗)|(?:小孩|孩子|儿童|小朋友|宝宝|婴儿|细路)(?:的)?(?:头|手|脚|腿)?(?:卡在|卡住|夹在|卡进)(?:了)?[^，。！？!?,]{0,8}(?:栏杆|护栏|铁栏|围栏|栅栏|门缝|缝里|之间|中间|出不来|拔不出)|(?:小孩|孩子|儿童|小朋友|宝宝|婴儿|小学生)[^。！？!?]{0,16}(?:阳台|窗边|窗台|窗口)[^。！？!?]{0,20}(?:没大人|没有大人|大人不在|没人看|冇大人)|(?:小孩|孩子|儿童|小朋友|宝宝|婴儿|小学生)[^。！？!?]{0,12}(?:站在|坐在|爬到|爬上|挂在|骑在)[^。！？!?]{0,4}(?:栏杆|护栏|窗台|窗沿|空调台|阳台边|阳台外|天台边)|' +
      '(?:砍人|斩人|捅人|劈人|(?:拿|持|挥|举|带|拎|揸|握)(?:着|住|了)?(?:一)?(?:把|根)?(?:刀|菜刀|砍刀|水果刀|斧头|枪|刀子))|(?:打架|斗殴|打人)[^。！？!?]{0,10}(?:棍|棒|铁棍|砖头|酒瓶)|' +
      '(?:有人|听到|听见)[^，。！？!?,]{0,6}(?:喊|叫|呼)救命|呼救|(?:孩子|小孩|儿子|女儿|老人|我妈|我爸|老爸|老妈|婆婆|爷爷|奶奶)(?:走丢了|走失了|不见了|找不到了)|有人(?:站|坐)在(?:楼顶|天台|屋顶)(?:的)?边|(?:要|想|准备|扬言|说要)(?:跳楼|跳下去|轻生|自杀)|跳楼了|(?:楼顶|天台|屋顶|窗台)[^。！？!?]{0,12}(?:要跳|想跳|站在边上|坐在边上)|(?:老人|老伯|阿婆|婆婆|大爷|奶奶|爷爷)[^。！？!?]{0,12}(?:迷路了|走失了|找不到家|说不出家)|' +
      '\\b(?:child|kid|toddler|baby|boy|girl)s?\\b[^.!?]{0,40}\\b(?:climbing|on|over|along|standing on|sitting on|walking on) (?:the |a )?(?:balcony |window |roof )?(?:railings?|ledge|window ?sill|parapet|edge)\\b|\\b(?:knife|knives|gun|machete|axe)\\b[^.!?]{0,30}\\b(?:threaten|attack|chasing|waving|fight)|\\b(?:threaten|attack|chasing|waving|fight|pull|swing)\\w*\\b[^.!?]{0,50}\\b(?:knife|knives|gun|machete|axe|(?:metal|iron|steel) (?:bar|pipe|rod)|baseball bat|hammer|crowbar)\\b|\\b(?:pulled|pulls|drew|has|had|got|carrying|holding|with) (?:out )?an? (?:knife|gun|machete|axe)\\b|' +
      '\\b(?:screaming|shouting|crying|calling) for help\\b|\\b(?:child|kid|son|daughter|grand(?:son|daughter|father|mother|ma|pa))\\b[^.!?]{0,10}\\b(?:is missing|went missing|is lost|wandered off)\\b',
  ),
  // A neighbour living alone not seen for days, or not answering the door or the phone: someone must
  // open the door. A trip explains it away.
  rule(
    'other',
    '(?:独居|老人|老伯|阿婆|婆婆|老太|伯伯|大爷|阿伯|爷爷|奶奶|邻居|对门|隔壁|楼上|楼下)[^。！？!?\\n]{0,20}(?:[两三四五六七八九几]|好几|多|这几|这两)[天日](?:都|一直|也)?(?:没|冇|未|唔)(?:有)?(?:(?:见|看到|看见)(?!收|拿|取|倒|扔|洗|打|来|保洁|物业)|出门|出过门|出来|露面|开门|动静|人影|出现|应门|拿报纸|拿牛奶)|' +
      '(?:独居|一个人住|自己住|一个人在家|独自在家|独自住|一个人喺屋企)[^。！？!?\\n]{0,24}(?:打不通|没人接|冇人听|联系不上|不接|没接|不回|没回|没人应|冇人应|唔应|不应|没反应|冇反应|没回应|冇回应|没出门|冇出过门|没出来|冇出嚟|没动静)|' +
      '(?:[两三四五六七八九几]|好几|多|这几|这两)[天日](?:都|一直)?(?:没|冇|未)(?:见过|见到|看到|看见|见)[^，。！？!?,]{0,6}(?:独居|老人|老伯|阿婆|婆婆|老太|伯伯|大爷|阿伯|爷爷|奶奶|邻居|对门|隔壁|隔篱)|' +
      '(?:[两三四五六七八九几]|好几|多|这几|这两)[天日][^。！？!?\\n]{0,20}(?:敲门|拍门|喊门|叫门|按门铃|按电铃|按铃|电话|喊|叫)[^，。！？!?,]{0,4}(?:也|都)?(?:没|不|冇|唔)(?:人)?(?:应|开|接|回应|反应|理)|' +
      "\\b(?:haven't|have not) (?:seen|heard from) (?:him|her)\\b[^.!?]{0,12}\\b(?:for|in) (?:\\w+ )?days\\b|\\b(?:haven't|have not|hasn't|has not|nobody has|no one has) (?:seen|heard from) (?:my|our|the|an?) (?:elderly |old )?(?:neighbou?r|lady|man|woman|resident)[^.!?]{0,20}\\b(?:for|in) (?:\\w+ )?days\\b|" +
      "\\blives? (?:alone|on (?:his|her) own|by (?:himself|herself))\\b[^.!?]{0,60}\\b(?:isn't|is not|not|hasn't|has not|hasn't been|didn't|doesn't|no one|nobody)\\s(?:\\w+\\s)?(?:answer|answering|answered|respond|responding|responded|picking up|picked up|opened|opening)\\b|" +
      "\\b(?:isn't|is not|not|hasn't been) (?:answering|responding)\\b[^.!?]{0,40}\\blives? (?:alone|on (?:his|her) own)",
    /出差|旅游|旅行|回老家|探亲|度假|住院了|去了?[^，。]{0,4}家住|\b(?:on holiday|away|travelling|traveling|vacation|abroad)\b/,
  ),
  // Issue 13 item 9, fourth pass: families the fourth held-out set showed missing, each in zh-CN,
  // zh-TW/Cantonese and English (corpus/urgency/written-dangers2.tsv).
  // Lift doors open onto an empty shaft: whoever walks in falls.
  rule(
    'falling',
    `${LIFT}${STOP}{0,12}门${STOP}{0,16}(?:开|敞)${STOP}{0,24}(?:(?:没有?|冇|不见|不在|没在)(?:电梯|轿厢|𨋢|箱)|(?:电梯|轿厢|𨋢)(?:不在|没在|冇喺)|空(?:的|空|嘅|荡)|井道|电梯井|黑洞|钢丝绳|踩空)|` +
      `${LIFT}门${STOP}{0,6}(?:关不上|合不上|关唔到)${STOP}{0,16}(?:井道|电梯井|空的|空空|没轿厢|没有轿厢|冇𨋢)|` +
      '\\b(?:lifts?|elevators?)\\b[^.!?]{0,30}\\bdoors?\\b[^.!?]{0,40}\\b(?:no (?:lift|elevator|car|cab)\\b|(?:an |the )?empty (?:lift |elevator )?shaft|(?:down|into) the (?:lift |elevator )?shaft|straight down the shaft)',
  ),
  // A lift falling or moving with its doors open.
  rule(
    'trapped',
    `${LIFT}${STOP}{0,8}(?:突然|一直|直接)?(?:往下掉|往下冲|往下坠|急坠|下坠|坠落|掉了?[一几好两三四五]?层|冲顶|失控)|${LIFT}${STOP}{0,8}(?:开着门|门没关|门开着)(?:就)?(?:往上|往下|上|下)?(?:走|跑|升|降|动|行)|` +
      '\\b(?:lifts?|elevators?)\\b[^.!?]{0,12}\\b(?:dropped|fell|plunged|plummeted|shot up|dropping|falling)\\b[^.!?]{0,12}\\b(?:floors?|storeys?|levels?|suddenly|fast)\\b|\\b(?:lifts?|elevators?)\\b[^.!?]{0,12}\\b(?:is |was |keeps )?(?:moving|moved|going (?:up|down)|went (?:up|down)|running) with (?:the |its )?doors? open\\b',
  ),
  // A crime happening now: a break-in, someone forcing or trying a door, windows smashed, a thief inside.
  rule(
    'other',
    '(?:撬|踹|砸|爆)紧|有人[^。！？!?\\n]{0,6}(?:扭|拧)紧|(?:有人|有个人|有个|陌生人|小偷|贼|男的|男人|女的|醉汉|两个人|几个人|个人)[^。！？!?\\n]{0,12}(?:在|正在|一直在?|喺度|不停(?:地)?)(?:撬|踹|砸|拧|扭|翻|爆|弄)[^。！？!?\\n]{0,8}(?:门|锁|窗|车窗|门把手|门柄|闸|玻璃|阳台)|' +
      '(?:门|锁|窗)[^。！？!?\\n]{0,4}被撬开了?[^。！？!?\\n]{0,12}(?:里面|屋里|有人|有动静|有声音)|进贼了|小偷[^。！？!?\\n]{0,4}(?:还在|正在|在里面|进去了)|贼[^。！？!?\\n]{0,4}(?:还在|在里面|喺入面)|' +
      '(?:拿着|拎着|挥着|举着|揸住)[^。！？!?\\n]{0,6}(?:撬棍|铁棍|棍子|酒瓶|啤酒瓶|砖头|铁锤|锤子)[^。！？!?\\n]{0,12}(?:撬|砸|打|追|要打)|' +
      "\\b(?:trying to|tried to|attempting to) (?:break|force|get) (?:in|into|open)\\b(?![^.!?]{0,20}\\b(?:last|yesterday|ago)\\b)|\\bbreak(?:ing)? (?:in|into)\\b(?=[^.!?]{0,30}\\b(?:now|right now|help|hurry|please come|i'm alone|alone)\\b)|\\bbreak-in in progress\\b|\\bforcing (?:the|my|a|our|their|his|her) (?:door|lock|window|gate)|\\bkicking (?:my|the|our|their) door\\b|\\bsmashing (?:car )?windows\\b|\\b(?:trying|rattling|turning) (?:my|the|our) (?:door ?handle|door|handle|lock)\\b|\\bpicking (?:my|the|our) lock\\b|\\bclimbing (?:in|into|through) (?:the|a|my|our)\\b[^.!?]{0,20}\\bwindow|\\bburglars? (?:is |are )?(?:inside|in (?:my|the|our|his|her))\\b|\\bswinging (?:a|an) (?:bottle|bat|bar|pipe|hammer)\\b",
  ),
  // Animals attacking: a dog biting, wasps or bees stinging, a snake bite.
  rule(
    'injury',
    '(?:狗|犬|马蜂|黄蜂|胡蜂|蜜蜂|蜂|蛇)(?:[^。！？!?\\n窝巢竇]){0,10}(?<![不没冇唔别会])(?:咬|蛰|蜇|叮)(?:了|伤|到|咗|紧|着|住)?(?:[^。！？!?\\n]){0,4}(?:人|小孩|孩子|老人|我|他|她|儿子|女儿|细路|阿婆|伯伯|爸|妈|脚|手|腿|脸|头|朋友|小朋友|宝宝)(?!的?(?:裤|衣|鞋|包|袋))|(?:狗|犬)[^。！？!?\\n]{0,16}(?:正在咬|在咬人|追着咬|咬紧)|' +
      '(?:被|俾|畀|给)(?:狗|犬|马蜂|黄蜂|胡蜂|蜜蜂|蜂|蛇|佢)[^，。！？!?,]{0,4}(?:咬|蛰|蜇|叮)|(?:马蜂|黄蜂|胡蜂|蜜蜂|蜂)[^。！？!?\\n]{0,16}被(?:蛰|蜇|叮)|' +
      "\\b(?:dogs?|wasps?|hornets?|bees?|snakes?|swarm)\\b[^.!?]{0,20}\\b(?:biting|stinging|attacking|mauling)\\b|\\b(?:dogs?|wasps?|hornets?|bees?|snakes?|swarm|stung|bitten)\\b[^.!?]{0,50}\\b(?:bleeding|swelling|swollen|(?:struggling|trouble) (?:to )?breath\\w*|can't breathe|dizzy|unconscious)\\b",
    // A pet bitten or poisoned is for the vet, not an emergency of the estate.
    PET,
  ),
  // Poisoning: a child who swallowed rat poison, pesticide or a cleaning liquid; sickness during spraying.
  rule(
    'injury',
    '(?:误食|误吃|误服|误喝|吃了|喝了|吞了|食咗|饮咗|吞咗|当糖吃)(?:[^。！？!?\\n]){0,10}(?:老鼠药|鼠药|灭鼠|杀虫|农药|消毒水|消毒液|漂白|洗洁精|清洁剂|洁厕|药水|药丸|安眠药|电池|干燥剂)|(?:老鼠药|鼠药|灭鼠药|农药|消毒水|漂白水)(?:[^。！？!?\\n]){0,6}(?:当糖吃了|吃了|喝了|吞了|食咗)|' +
      '(?:喷|打|撒)(?:农药|杀虫|药|杀虫剂|杀虫水)(?:[^。！？!?\\n]){0,24}(?:呕吐|吐了|一直吐|在吐|呕紧|头晕|晕倒|喘不|呼吸困难|抽搐)|(?:有毒|毒气)(?:[^。！？!?\\n]){0,12}(?:咳嗽|头晕|晕|喘不|呕)|' +
      "\\b(?:ate|eaten|swallowed|drank|drunk|swallowing|eating)\\b[^.!?]{0,25}\\b(?:rat poison|poison|pesticide|bleach|insecticide|rat bait|cleaning (?:fluid|liquid)|detergent|weedkiller|pills)\\b|\\b(?:spraying|sprayed|pesticide|insecticide|fumes?)\\b[^.!?]{0,40}\\b(?:vomiting|throwing up|dizzy|collapsed|can't breathe|passed out|fainted)\\b",
    PET,
  ),
  // Water pouring down the stairs, into a basement or into the electrical room.
  rule(
    'water',
    '(?:楼梯|楼道|台阶|梯间|天花|屋顶)[^。！？!?\\n]{0,12}(?:像|好似|似|跟)瀑布|水[^。！？!?\\n]{0,6}(?:从楼梯|沿着楼梯|顺着楼梯)[^。！？!?\\n]{0,8}(?:往下|流|冲)|(?:楼梯|楼道)[^。！？!?\\n]{0,6}(?:成了|变成)(?:小河|河)|' +
      '(?:地下室|地下车库|车库|停车场|配电房|配电室|电房|电表房|水泵房|电梯井|电梯槽)[^。！？!?\\n]{0,6}(?:越来越多水|全是水|都是水|水越来越|水位|进咗水|水浸)|水[^。！？!?\\n]{0,8}(?:流进|流入|漫进|灌进|渗进|进了?|流晒入|入咗)[^。！？!?\\n]{0,4}(?:配电房|配电室|电房|电表房|电表箱|电箱|电梯井|配电箱|配电柜)|' +
      '\\b(?:water|flood\\w*)\\b[^.!?]{0,30}\\b(?:into|in) (?:the )?(?:electrical|electric|switch|meter|power|plant|pump) ?room\\b|\\b(?:stairs|staircase|stairwell)\\b[^.!?]{0,20}\\blike a waterfall\\b|\\bwater\\b[^.!?]{0,30}\\b(?:down|pouring down) the stairs\\b|\\b(?:basement|car park|garage)\\b[^.!?]{0,10}\\b(?:is |are )?filling (?:up )?with water\\b',
  ),
  // A balcony or stair railing loose or gone where people lean; a ceiling coming down.
  rule(
    'falling',
    '(?:栏杆|护栏|围栏|铁栏)[^。！？!?\\n]{0,6}(?:松了|松动|松脱|松咗|摇来摇去|一推就|一碰就|一掂就|倒了|断了|甩咗|掉了)[^。！？!?\\n]{0,20}(?:小孩|孩子|细路|趴|靠在|靠着|倚|掉下去|玩|空的)|(?:栏杆|护栏|围栏)[^。！？!?\\n]{0,4}整(?:段|排|个)(?:倒|掉|松|断)|' +
      '(?:天花板?|吊顶|屋顶)[^。！？!?\\n]{0,4}(?:塌|垮)(?:了|下来|咗)[^。！？!?\\n]{0,8}(?:还在|仲)[^。！？!?\\n]{0,3}(?:掉|跌)|墙[^。！？!?\\n]{0,6}裂缝[^。！？!?\\n]{0,4}越来越大[^。！？!?\\n]{0,10}(?:响|跑|掉)|' +
      '\\b(?:balcony|stair|window)? ?(?:railings?|balustrades?)\\b[^.!?]{0,20}\\b(?:is |are )?(?:loose|came off|has come off|gave way|collapsed|missing)\\b[^.!?]{0,40}\\b(?:kids?|child|children|son|daughter|leaning|nearly fell|hanging)\\b',
  ),
  // Electric: sparks, a live gate or railing, a cut wire still live, someone shocked.
  rule(
    'other',
    '(?:爆|闪|冒|喷)(?:火花|火星)|(?:电线|电缆)[^。！？!?\\n]{0,8}(?:断咗|断了|外露|露在外面)[^。！？!?\\n]{0,12}(?:有电|带电|火花|闪|滋滋)|(?:铁门|闸|栏杆|扶手|门|水管)[^。！？!?\\n]{0,4}(?:带电|有电|漏电|电人)|(?:配电柜|配电箱|电箱)[^。！？!?\\n]{0,12}烧(?:黑|焦)|' +
      '\\b(?:gate|railing|handrail|fence|door|pipe|pole)\\b[^.!?]{0,8}\\b(?:is |are )?live\\b|\\bgot (?:a|an electric) shock\\b',
  ),
  // People: someone at a roof edge, a stroke, a child on a window ledge (Cantonese 企咗喺).
  rule(
    'other',
    '(?:楼顶|天台|屋顶)(?:的)?边(?:上|缘)?[^。！？!?\\n]{0,8}(?:坐着|站着|企)|不想活了|想死|(?:冇|没)人应[^。！？!?\\n]{0,4}(?:独居|一个人住)|(?:独居|一个人住)[^。！？!?\\n]{0,12}(?:几|好几|两|三)[日天](?:冇|没)(?:见|出)|(?:细路|小孩|孩子|小朋友|宝宝)[^。！？!?\\n]{0,6}企(?:咗)?(?:喺|在)[^。！？!?\\n]{0,3}(?:窗台|窗边|栏杆|阳台边)',
  ),
  rule(
    'injury',
    '半边(?:脸|身)[^。！？!?\\n]{0,4}(?:歪|麻|动不了|冇感觉)|说不出话|口齿不清|' +
      "\\b(?:face|mouth) (?:is )?drooping\\b|\\bslurred speech\\b|\\bcan't (?:speak|talk) properly\\b",
  ),
  // Pinyin typed without characters: the same dangers spelt out, with its own words of time and doubt.
  ...pinyinRules(),
];

// "dian ti" or "dianti": pinyin syllables with or without spaces between them.
function py(words: string): string {
  return `\\b${words.trim().split(/\s+/).join('\\s?')}\\b`;
}
function pinyinRules(): Rule[] {
  // A past, a hedge, a question or a plan, spelt in pinyin: the hypothetical checks read only characters and English.
  const notNow = new RegExp(
    [
      'ru guo',
      'wan yi',
      'yao shi',
      'zen me ban',
      'shang zhou',
      'shang ci',
      'shang ge yue',
      'zuo tian',
      'qu nian',
      'yi qian',
      'ceng jing',
      'dan xin',
      'hai pa',
      'mei ren shou shang',
      'mei shi le',
      'xiu hao le',
      'yan xi',
      'yan lian',
      'neng bu neng',
      'shen me shi hou',
      'ke bu ke yi',
    ]
      .map(py)
      .join('|'),
  );
  const any = (...words: string[]) => words.map(py).join('|');
  const near = (a: string, b: string) => `(?:${a})[^.!?。！？]{0,30}(?:${b})`;
  const lift = any('dian ti', 'sheng jiang ji');
  return [
    [
      'trapped',
      `${near(lift, any('kun', 'bei kun', 'guan zhu', 'qia zhu', 'ka zhu', 'chu bu lai', 'li mian you ren', 'wang xia diao', 'wang xia chong', 'ji zhui'))}|${any('kun ren', 'bei kun', 'kun zai')}`,
    ],
    [
      'falling',
      `${near(any('dian ti men'), any('mei you dian ti', 'mei you jiao xiang', 'kong de', 'jing dao', 'dian ti jing'))}|${any('tian hua ban ta', 'ta xia lai', 'diao xia lai le', 'kuai diao xia lai')}|${near(any('lan gan'), any('song le', 'yao'))}`,
    ],
    ['fire', any('zhao huo', 'qi huo', 'shi huo', 'huo zai', 'mao yan', 'nong yan', 'quan shi yan', 'shao qi lai')],
    ['gas', near(any('mei qi', 'ran qi', 'tian ran qi', 'wa si'), any('xie lou', 'lou qi', 'wei', 'lou le', 'chong'))],
    [
      'water',
      `${any('shui guan bao', 'bao guan', 'jin shui le', 'yan le', 'shui jin', 'shui yue lai yue', 'shui liu jin', 'xiang pu bu', 'pu bu yi yang')}`,
    ],
    [
      'injury',
      `${any('yun dao', 'hun dao', 'yun guo qu', 'hun guo qu', 'liu xue', 'shou shang', 'shuai dao', 'die dao', 'jiao bu xing', 'mei you hu xi', 'mei fan ying', 'chu dian', 'bei dian', 'yao le', 'yao shang', 'zhe ren', 'bei zhe', 'bei yao', 'ou tu', 'zai tu', 'chi le lao shu yao', 'he le xiao du shui')}`,
    ],
    [
      'other',
      `${any('qiao men', 'qiao suo', 'xiao tou', 'you zei', 'na dao', 'na zhe dao', 'chuang tai wai', 'pa dao chuang tai', 'mao huo hua', 'mao huo xing', 'dian xiang mao huo', 'jiu ming')}|${near(any('du ju', 'yi ge ren zhu'), any('mei kai men', 'mei ren ying', 'bu jie dian hua', 'mei chu men'))}`,
    ],
  ].map(([hazard, source]) => rule(hazard as Hazard, source as string, notNow));
}

// "万一着火", "差点摔倒", "没人受伤", "could catch fire": a danger described as possible or avoided, in the
// words just before it (within the clause).
const HYPOTHETICAL_BEFORE =
  /(?:万一|如果|要是|一旦|假如|怕|担心|害怕|容易|可能|会不会|迟早|差点|差一点|差啲|差少少|险些|防止|预防|避免|以免|没人|没有人|无人|冇人|没有|没|未|不会|唔会|冇|(?<!是)不是|并不是|并非|唔系|唔是)\s*[^，。！？!?,.;；]{0,8}$|就\s*$|\b(?:if|could|might|would|will|may|going to|gonna|risk of|in case of|prevent|nearly|almost|no one|nobody|not|no|without|before)\b[^,.;!?]{0,20}$/;
// "着火了谁负责", "着火就完了", "漏气怎么办": a danger named as a condition or a question.
// …but "电梯困人了怎么办！！快来" asks for help with a danger that has happened.
const ASKING_FOR_HELP = /^了[^，。！？!?,]{0,3}(?:怎么办|咋办|点算)/;
// "孩子摔了一跤，没事": the next words say nobody is hurt.
const PLAYED_DOWN_AFTER =
  /^[^。！？!?]{0,4}[,，\s]\s*(?:还好|幸好|好在|人)?(?:没事|没什么事|冇事|没大碍|无大碍|问题不大|\b(?:(?:he|she|they)(?:'s| is| are)? (?:fine|ok|okay)|no harm)\b)/;
const HYPOTHETICAL_AFTER =
  /^[^，。！？!?,]{0,6}(?:的话|怎么办|咋办|点算|就完|就麻烦|就惨|就危险|谁负责|谁来负责|谁管|谁赔|跑不|逃不|来不及|的时候|时应该|时要|时该)/;
// "空调外机…怕掉下来": a hedge inside the words of a danger told across a few words.
const HEDGE_INSIDE =
  /(?<![害好])怕|担心|万一|如果|要是|假如|会不会|迟早|生怕|以免|容易|差点|差一点|差啲|差少少|险些|\bif\b|\balmost\b|\bnearly\b|\bmight\b|\bcould\b(?! (?:fall|collapse|come down|fly off|blow off|come off|give way|snap) (?:any|at any))/;

// "外墙瓷砖裂了，还没掉下来", "未跌落嚟", "nobody inside": the danger is denied inside its own words.
const NEGATED_INSIDE =
  /(?:还没有?|还未|尚未|仲未|未曾|未|没有?|冇)(?:有|要|会)?(?:掉|跌|塌|倒|断|砸|爆|破|漏|着|烧|冒)|\b(?:nobody|no one|not yet)\b/;

// "上个月电梯困过人", "电梯经常困人", "last month someone got stuck", "这个月第二次了": a past or
// recurring danger, told to get something fixed, anywhere in the sentence of the danger…
const PAST_OR_RECURRING =
  /上个?月|上周|上个?星期|上个?礼拜|上次|上回|试过|去年|前年|之前|以前|曾经|经常|老是|总是|常常|时常|每次|每回|每逢|好几次|第[二三四五六七八九十几]次|前几天|前些天|(?<!从)昨天(?!开始|起|到现在|到今天)|昨晚|前天|前晚|一下雨|下雨就|下大雨就|(?:修好|修|换|处理|解决)了?(?:没有?|吗|了吗|了没)|\b(?:last (?:week|month|year|time|winter|summer|night)|(?<!since )yesterday|used to|previously|often|usually|every (?:time|day|evening|night|morning)|whenever|again and again)\b/;
// A drill, a false alarm or a rehearsal named in the sentence of the danger: nothing is happening.
const NOT_REAL =
  /演练|演习|误报|误响|预案|应急措施|(?:怎么|如何)(?:预防|防止|避免)|(?:应该|该|要)怎么(?:办|做|处理)|注意事项|正常吗|正不正常|\b(?:is (?:that|this|it) normal|drills?|rehearsals?|false alarms?|by mistake|what (?:should|do|can) (?:i|we) do|what to do|procedures?|evacuation (?:routes?|plans?))\b/;

// …unless the resident says it is happening now.
const NOW =
  /(?<![到至直])现在(?![^，。！？!?\s]{0,3}(?:已经|修好|修了|出院|没事|好了|怎么样|安全|正常|恢复))|刚才|刚刚|正在|此刻|马上|(?<!这么|那么|很|挺|好)快来|快点|快派|救命|(?<!到)(?:而家|依家|宜家)(?![^，。！？!?\s]{0,3}(?:好返|冇事|修好|搞掂|已经))|\b(?:now|right now|help|hurry|please come|urgent(?:ly)?)\b/;

// "人已经救出来了", "火已经灭了": the danger is over; the message is news or a follow-up, not an alarm.
const OVER =
  /已经?(?:被)?(?:救出|救下|出来了|解决|修好|扑灭|灭了|处理好)|被救出|救出来了|都出来了|已经没事|没事了|已经?出院|已经?(?:关掉|关好|散了|散掉)|\b(?:false alarm|all (?:fine|ok|okay) now|everyone is (?:out|fine|ok|safe))\b|\b(?:has|have) been (?:rescued|put out|fixed|resolved)\b|\b(?:is|are|got) out now\b|\bno longer\b/;

// A formal letter ("尊敬的物业…", "Dear Sir…", "陳情書") is written after the fact: an emergency is
// reported in a few words, with no salutation. A letter raises the alarm only when it says "now".
const LETTER =
  /^\s*(?:尊敬的|敬爱的|致|敬启者|敬啟者|陈情书|陳情書|关于|各位领导|物业的各位|管理处主任|管委会您好|\bdear\b|\bto whom\b|\bre:)/;
const LETTER_LENGTH = 150;

/** Whether a normalised message is a formal letter: long, and opening with a salutation. */
export function isFormalLetter(normalised: string): boolean {
  return normalised.length > LETTER_LENGTH && LETTER.test(normalised);
}

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
 * falling or about to fall, or another danger (live wires, water reaching electrics, a child locked
 * in a car or at a window, a weapon, a neighbour living alone who does not answer, a whole building
 * without water). Dangers only feared ("万一着火", "差点摔倒", "could catch fire"), past or recurring
 * ("上个月电梯困过人", "电梯经常困人") or over ("人已经救出来了") stay normal: those are for the normal
 * queue. Pass `normalised` when the caller already has it.
 */
export function assessUrgency(text: string, normalised: string = normaliseText(text)): UrgencyAssessment {
  let best: UrgencyAssessment = {
    urgency: 'normal',
    hazard: null,
    at: -1,
    end: -1,
  };
  if (OVER.test(normalised)) return best;
  if (isFormalLetter(normalised) && !NOW.test(normalised)) return best;
  for (const { hazard, pattern, unless } of RULES) {
    if (unless?.test(normalised)) continue;
    // exec on the shared pattern rather than matchAll, which copies the RegExp at every call.
    pattern.lastIndex = 0;
    for (let match = pattern.exec(normalised); match !== null; match = pattern.exec(normalised)) {
      const end = match.index + match[0].length;
      if (!happeningNow(hazard, normalised, match.index, end)) continue;
      const found: UrgencyAssessment = {
        urgency: 'urgent',
        hazard,
        at: match.index,
        end,
      };
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
  const words = normalised.slice(at, end);
  if (HEDGE_INSIDE.test(words) || NEGATED_INSIDE.test(words)) return false;
  // "被困过", "摔伤过": the experiential 过 tells of something that happened once.
  if (normalised[end] === '过') return false;
  const after = normalised.slice(end, end + 16);
  if (hazard === 'injury' && PLAYED_DOWN_AFTER.test(after)) return false;
  if (HYPOTHETICAL_AFTER.test(after) && !(ASKING_FOR_HELP.test(after) && NOW.test(normalised))) return false;
  const flooding = hazard === 'water' && FLOODING.test(normalised.slice(at, end));
  if (hazard === 'water' && !flooding && WASTE_WATER.test(normalised.slice(Math.max(0, at - 12), end))) return false;
  let sentenceStart = 0;
  for (const boundary of matchesOf(SENTENCE_END, normalised.slice(0, at))) sentenceStart = boundary.index + 1;
  const next = normalised.slice(end).search(SENTENCE_END);
  const sentence = normalised.slice(sentenceStart, next === -1 ? normalised.length : end + next);
  if (next !== -1 && normalised[end + next] === '?' && YES_NO_QUESTION.test(sentence)) return false;
  if (NOT_REAL.test(sentence)) return false;
  return !PAST_OR_RECURRING.test(sentence) || NOW.test(normalised);
}
