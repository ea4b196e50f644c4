/**
 * The words residents use for *what* is wrong: the object (a lift, a corridor light, a gate barrier…)
 * and the fault (no water, broken, not lit, overflowing…), in simplified Chinese (traditional text is
 * folded to simplified before it is read), Cantonese and English, each with the key it stands for.
 *
 * Tables are read in order and a match takes its words away from the text, so a longer phrase listed
 * first wins over its parts: "楼道灯" is a corridor light, not a corridor and a light; "门禁" is access
 * control, not a door.
 */

/** What a phrase of the table means, and the regular expression (over normalised text) that finds it. */
export type WordEntry = readonly [key: string, pattern: string];

/**
 * Places and words that look like objects but only say where: gates of the estate ("北门"), "门口",
 * buildings and units ("3号楼", "block 9", "2单元"). They are taken out before objects are read.
 */
export const PLACE_WORDS: readonly string[] = [
  '(地面|露天|地上)停车场',
  '(东|西|南|北)(大)?门口?',
  '(小区)?(大门口|正门|后门|门口|门前|入口)',
  '(中心|中央|小区)?花园',
  '小区(大门|入口)',
  '(第)?[0-9一二三四五六七八九十零〇两]{1,3}\\s*(号楼|号院|#楼|栋|幢|座|号|#|单元|楼|层)',
  '[a-z]\\s*(座|栋|幢)',
  '(?<![\\d.])\\d{1,3}\\s*(hao\\s*lou|hao\\s*dong|dong|zhuang|dan\\s*yuan)\\b',
  '\\b(building|bldg|block|blk|tower|unit|entrance)\\s*(no\\.?\\s*)?[0-9a-z]{1,3}\\b',
  '\\b(north|south|east|west|main|front|back)\\s+(gate|entrance)\\b',
  '\\b(outside|in front of|behind|next to|near)\\b',
];

/**
 * Faults, most specific first. Read before objects, and their words are taken away: "漏水" is a
 * leak, and its 水 is no longer an object.
 */
export const FAULT_WORDS: readonly WordEntry[] = [
  [
    'trapped',
    '\\b(kun\\s*ren|bei\\s*kun)\\b|(?<=(电梯|轿厢|梯)[^，。,.！!]{0,12})里面有人(?=[，。,.！!\\s]|$)|困人|被困|关人|困住|困咗|困在|困着|关在.{0,3}里|关了.{0,3}人|关着.{0,4}人|把人关|人关在|关里面|trapped|(someone|people|person|child|kid|man|woman|resident|neighbou?r)s? (is |are |was |were |got )?stuck|stuck (in|inside) (the |a )?(lift|elevator)|people inside|someone inside',
  ],
  [
    'fire',
    '(?<!不|万一|一旦|怕|会|要是|如果|担心|容易|可能)着火(?!了?(都|就|也)(跑|逃|出)不)|起火|失火|冒黑烟|黑烟|冒烟|(?<![没无])有烟(?![味头])|火灾|烧起来|(好多|很多|全是|都是|满是|浓)烟|烧焦|焦味|burning smell|on fire|\\bfire\\b(?! (lane|exit|escape|door|extinguisher|hydrant|alarm|equipment|engine|truck|station|drill|safety|hose))|smoke(?! (alarm|detector))',
  ],
  [
    'injured',
    '(?<!(昨天|昨晚|前天|上次|之前|以前|上周)[^，。,.！!]{0,6})(老人家|老人|老大爷|大爷|老太太|老奶奶|阿伯|阿婆|伯伯|婆婆|小孩|孩子|小朋友)[^，。,.！!]{0,4}(摔倒|跌倒|跌咗)|(摔倒|跌倒|跌咗|摔了一跤|跌了一跤|倒地|倒在地上)[^。!！]{0,12}(起不来|爬不起来|站不起来|唔郁得|郁唔到|动不了|不能动)|不省人事|昏迷|晕倒|昏倒|摔伤|(?<![怕会要能没差险])(砸|压|撞|夹|电)(伤|到了?(人|老人|小孩|孩子|小朋友)了)|骨折|(?<!万一|要是|如果|怕|担心)(有人|人|小孩|孩子|老人|小朋友)[^，。,.！!\\s会能要怕]{0,3}掉(下去|进去|进)了?(?!怎么办|咋办|的话|吧)|(?<!容易|会|怕|可能|担心)受伤|受了伤|(?<![怕会要能])伤到人|流血|(?<!万一|要是|如果|怕|会|担心)(砸|撞)到了?[^，。,.！!\\s]{0,4}(一个|个)?(人|老人|小孩|孩子|路人|行人)(?![^，。,.！!]{0,3}(怎么办|咋办|的话|吧))|(全是|一头|满头|满脸|好多|一地)(的)?血|咬了.{0,3}(人|小孩|孩子|小朋友)|咬伤|bit (a|my|the)|bitten|injured|bleeding',
  ],
  // A fall feared ("快倒了", "随时会掉下来"): a thing giving way, not one that has come down.
  [
    'may_fall',
    '(快|快要|要|会|随时|迟早|担心|怕|可能|眼看)[^，。,.！!\\s]{0,4}(倒|掉|塌)(下来|下去)?(了)?|(about|going|likely) to (fall|collapse|come down)|could (fall|collapse|come down)|might (fall|collapse|come down)',
  ],
  // Leaves gone yellow or fallen are a plant dying, not the water's colour ("叶子发黄掉光").
  ['dead', '(叶子|树叶)[^，。,.！!\\s]{0,3}(发黄|变黄|黄了|全黄|黄|掉光|落光|枯)(掉光|掉了|落光)?'],
  ['not_cooling', '不制冷|不冷了|不凉|不出冷风|制冷(效果)?(不行|很差|太差)|not cooling|no cold air'],
  [
    'no_heat',
    '暖气不热|一点都不热|都不热|不够热|不热|冰凉|冰冷|stone cold|不制热|不出热风|不热了|no heating|heating (is )?(off|not working)|radiators? (is |are )?cold',
  ],
  ['no_hot_water', '没有?热水|冇热水|无热水|no hot water'],
  // "没水压" is the water weak, not off.
  ['low_pressure', '没有?水压|冇水压'],
  [
    'no_water',
    '\\b(ting|duan|mei(\\s*you)?)\\s*shui\\b|(一滴|一点)水?都(没有|冇|不出|出不来)|不出水|出不了水|(停|断|冇)咗水|停水|断水|没水|没有水|无水|不来水|没来水|冇水|冇冻水|冇冷水|没有?冷水|水停了|(?<!自)来水|no water|water (is |was )?(off|out|cut)|without water|water (supply )?(cut|outage)',
  ],
  [
    'power_out',
    '\\b(ting|duan|mei(\\s*you)?)\\s*dian\\b|(停|断|冇)咗电|停电|断电|没电|冇电|跳闸|no power|power (cut|outage|is off|is out|failure)|blackout|no electricity',
  ],
  [
    'electric_leak',
    '漏电|触电|被电(?![动瓶])|电到|电人|冒火花|打火花|火花|electric shock|sparks?\\b|sparking|shocks? (people|someone)|live wire',
  ],
  [
    'low_pressure',
    '水压[^，。,.！!]{0,3}(低|小|不够|不足|弱|差)|水压|水很小|水[^，。,.！!\\s]{0,3}(细细|细得|小得|好细|很细|太细|特别小|好小|太小|细)|细细一条|水流[^，。]{0,2}(很|太|好)?小|出水[^，。]{0,2}(很|太|好)?小|(low|weak|poor) (water )?pressure|pressure',
  ],
  [
    'quality',
    'water (looks|is|tastes|smells|comes out) rusty|rusty(-| )(water|colou?r|brown)|铁锈味|铁锈色|黄褐|褐色|黄黄|啡色|锈水|发黄|变黄|黄色|是黄的|好黄|很黄|发浑|浑浊|浑|有沙|杂质|水质|brown|yellow|cloudy|murky|discolou?red',
  ],
  [
    'icy',
    '结冰|结了冰|全是冰|一层冰|(路|地|坡|台阶)[^，。,.！!\\s]{0,2}(很|好|太|特别)?滑|\\bicy\\b|\\bice\\b|slippery',
  ],
  ['oil_leak', '漏油|油漏|(一大?|好大一)滩油|一地油|地上.{0,3}油(?!漆)|oil (leak|spill)|leaking oil'],
  [
    'gas_leak',
    '(?<=(煤气|燃气|天然气|瓦斯)[^，。,.！!\\s]{0,2})(味道|气味|味)|(?<=gas )smell|smell of(?= gas)|smells? (of|like)(?= gas)|漏气|煤气泄漏|燃气泄漏|天然气泄漏|泄漏|gas leak|leaking gas',
  ],
  // Dirty water welling up is a drain overflowing, not a dirty supply.
  ['full', '(往外|往上)?冒(脏|臭|黑|污|粪)水'],
  [
    'smell',
    '尿骚味|尿臊味|尿味|屎味|粪味|骚味|\\burine\\b|有股(?!煤气|燃气).{0,5}味|消毒水味|漂白水味|氯味|异味|怪味|臭|熏死|熏人|味道|(?<![燃煤])气味|烟味|smell|stink|smelly',
  ],
  [
    'dirty',
    '(全是|都是|好多|很多|漂着|飘着|一层)(落叶|树叶)|污糟|邋遢|很脏|好脏|脏|不干净|(没|没有|没人|不|该|要|需要)清洗|dirty|filthy|not clean',
  ],
  ['burst', '爆管|爆裂|爆了|爆咗|破裂|爆(?![满晒])|\\bburst'],
  [
    'holed',
    '黑窟窿|大窟窿|窟窿|(?<![山窑])洞(?!口)|破了|破洞|破损|烂了|烂咗|有个洞|有个口子|大口子|口子|torn|ripped|holes?\\b',
  ],
  // Someone's car or belongings damaged ("有人车被淹", "把车砸了"): more than the water or the tree seen.
  [
    'damaged_property',
    '(车|汽车|车子|轿车|电动车|电瓶车|家具|家电)[^，。,.！!\\s]{0,3}(被淹|淹了|泡了|泡水|被砸|砸坏|砸了|压坏|压扁|被压)|(砸|压)(到|坏|扁)了?(车|汽车|车子|轿车)|(car|cars|vehicle)s? (was |were |got )?(flooded|crushed|damaged|hit)',
  ],
  // Under water: a leak at its worst, the thing flooded one more than the water seen ("车被淹").
  ['flooded', '被淹|淹了|淹咗|水浸|浸水|淹没|(被水)?泡了|被水泡|泡水|flooded|under water'],
  [
    'leak',
    '\\b(lou|shen|di)\\s*shui\\b|水越来越(深|多|大)|淹到|漫到|(水|积水)[^，。,.！!]{0,8}(不干|不退|退不下去)|漏水|渗水|滴水|溢水|到处是水|到处都是水|漏气|漏雨|(?<!地)漏|渗|滴|流水|冒水|水漫|漫水|漫出|一滩水|积水|全是水|都是水|一地水|水流了一地|进水|(?<!不)喷水(?!池)|水喷|往外冒|leak|leaking|dripping|drips|flood|flooded|flooding|water (coming|pouring) (in|through|down)|puddle',
  ],
  [
    'blocked',
    '\\b(du|sai)(\\s*(le|zhu|zhe))?\\b|堵(?!在)|塞|不通|排不出|被车占|被占|被[^，。,.！!\\s]{1,6}占|停在(?=(我|我的|我家|别人的?)?(车位|停车位))|(?<=车[^，。,.！!]{0,8})停在(?=[^，。,.！!]{0,4}(消防|通道|路中间|门口|出口|入口|车位|盲道|人行道))|(?<=车)占了|有车停|\\bpark(s|ing|ed)?(?=\\s+((in front of|on|in|across|at|outside|by)\\s+)?(the\\s+)?(fire|emergency))|(?<=(通道|车道|路口|门口|门前)\\s?(上|里|口)?)停车|parked in(?= (my|our|the) (parking )?(space|spot|bay))|占用|占道|停满|停了.{0,4}车|(?<!盯着|看着)停着.{0,4}车|停了?(一|两|几|好几)?(辆|台)|blocked|clogged|blockage|obstructed',
  ],
  [
    'overgrown',
    "杂草|齐膝|到膝盖|长到.{0,3}(膝|腰)|半人高|拦在|拦住|碰到|伸到|刮到|蹭到|撞到|没修剪|没人剪|(好久|很久|一直|还)?没(人)?(剪|割|修剪|打理)|该剪|要剪|需要修剪|要修剪|修剪|太长|长得老高|太高|挡着|挡住|挡路|overgrown|(not|n'?t) (been )?(cut|mowed|mown|trimmed)|needs? (cutting|mowing|trimming)",
  ],
  [
    'full',
    '\\bman\\s*le\\b|倒灌|回灌|返水|反水|冒脏水|冒臭水|冒黑水|乱放|乱摆|乱堆|堆成|堆咗|堆埋|堆得|堆在|堆着|满了|爆满|爆晒|满|溢|冒出来|冒污水|堆满|成堆|堆积|堆了|堆到|出晒|堆放|没人倒|冇人倒|无人倒|唔倒|没倒|没人清|没人收|没人清理|没人清运|没清运|overflow|overflowing|full|piling up|piled up',
  ],
  [
    'neglected',
    '冇人理|冇人管|无人理|没人管|没人理|没人处理|没有人管|无人管理|不管不问|no one (deals|cares|does anything)|nobody (deals|cares|does anything)|ignored',
  ],
  [
    'absent',
    '(上班|值班|岗亭里|在岗亭)[^，。,.！!\\s]{0,2}(睡觉|打瞌睡|玩手机)|(?<=(保安|门卫|值班的?)[^，。,.！!]{0,4})(睡觉|瞓觉|打瞌睡|玩手机)|打瞌睡|不在岗|没人值班|没有人值班|冇人值班|没人|冇人|没有(?=保安|门卫|人)|都没有|空着|无人值守|no one|nobody|unattended|not manned|no guards?',
  ],
  [
    'fouling',
    '撒尿|小便|尿尿|一滩尿|狗尿|随地大小便|拉屎|狗屎|狗粪|猫屎|粪便|不捡屎|dog (poo|poop|mess|dirt)|urinat\\w*|peeing',
  ],
  [
    'pests',
    '虫食|虫咬|虫蛀|被蛀|蛀了|蛀|生虫|长虫|有虫|虫子|虫害|虫吃|被虫|蚜虫|毛毛虫|白蚁|\\bpests?\\b|\\bbugs\\b|insects|caterpillars|aphids|termites',
  ],
  // An animal that goes for people: not one only off its lead.
  [
    'aggressive',
    '见人就(追|扑|咬)|(一直|总是|老是|到处)?追着?(人|小孩|孩子|老人)|扑人|chas(es|ing) (people|kids|children)',
  ],
  ['rude', '态度[^，。,.！!]{0,3}(差|恶劣|不好|凶)|骂人|凶巴巴|\\brude\\b|attitude'],
  ['breeding', '生了(?=.{0,3}(猫|狗|崽|窝))|一窝|下崽|生崽|kittens|puppies'],
  // What is charged: a fee raised, or charged twice.
  [
    'price_rise',
    '涨价|又涨|涨了|涨|贵了|更贵|变贵|太贵|这么贵|price (rise|increase|hike)|(went|gone) up|more expensive|higher than|more than last|dearer|costs? more',
  ],
  [
    'overcharged',
    '多收|多扣|收两次|收了两次|收了?两遍|扣了?两次|扣了?两遍|重复(收|扣)|乱收|又收|overcharged|charged twice',
  ],
  ['rusted', '生锈|锈穿|锈蚀|锈得|锈了|锈|\\brust(ed|y|ing)?\\b'],
  ['expired', '过期|失效|到期|expired|out of date'],
  [
    'no_picture',
    '黑屏|没画面|没有画面|画面[^，。,.！!]{0,3}(没了|没有了|黑了)|没图像|无信号|no (picture|signal|image)|blank screens?',
  ],
  [
    'wrong_reading',
    '走字(太|特别|很|好)?快|(?<=表[^，。,.！!]{0,2})(走|转|跑)得?(太|特别|很|好)?快|读数不对|读数不准|读数有问题|读数异常|数字不对|(水|电|燃气|气)费翻倍|(水|电|燃气|气)费(突然)?(多了|贵了)|wrong reading|reading is wrong|bill (has )?doubled',
  ],
  ['stolen', '被偷|偷走|偷了|撬走|偷|被盗|盗窃|\\bthie(f|ves|ft)\\b|stolen'],
  [
    'missing',
    '挖走|挖掉|被挖|丢了|丢失|没了|不见了|被偷|偷走|拿走|顺走|被人拿|缺了|缺失|少了一块|缺一块|missing|stolen|gone',
  ],
  [
    'noisy',
    '(特别|非常|太|巨)响|声音巨大|巨响|哐哐|砰的一声|大声|震天响|大喊大叫|砰砰|声音[^，。,.！!]{0,2}大|一压就响|一踩就响|哐当|咣当|噪音|异响|怪声|响声|很响|好响|很吵|好吵|吵|嘈|一直响|一直在响|在响|响个不停|一直叫|一直在叫|嗡嗡|咔咔|咣咣|noisy|noise|loud|rattl|beep|going off|buzz|ringing',
  ],
  // A tree cut down, a door forced: each something someone did to it.
  ['cut_down', '砍了|砍掉|砍倒|被砍|砍|锯了|锯掉|锯断|cut down|chopped( down)?|felled'],
  ['forced', '撬开|撬坏|撬了|被撬|撬|pried|forced open|broken into'],
  ['loose', '拱起来|拱起|顶起来|鼓起来|隆起|松了|松动|松脱|翘起来|翘起|翘|摇晃|晃|\\bloose\\b|wobbl'],
  ['cracked', '开裂|裂缝|裂了|裂开|裂|起皮|cracked|crack'],
  ['leaning', '歪了|歪|斜|倾斜|leaning|tilt(ed|ing)?'],
  [
    'falling_off',
    '看着悬|好悬|很悬|挂着|悬着|挂在|hanging|dangling|脱落|掉下来|掉下|往下掉|(?<!不)掉了|(?<!不)掉|剥落|falling off|fell off|coming off|peeling',
  ],
  ['collapsed', '塌陷|塌了|塌咗|塌|下陷|凹陷|陷下去|陷|沉降|大坑|有个坑|坑|pothole|sinkhole|caved in|collapsed'],
  ['fallen', '打翻|踢翻|翻倒|倒了|倒咗|刮倒|吹倒|倒下|倒|fell over|fell down|fallen|blown down|came down'],
  ['silent', '\\b(is|went|has gone|gone|goes) dead\\b'],
  [
    'dead',
    '死(?=[猫狗鸟鱼鼠])|干死|(全|都)黄了|叶子.{0,2}黄|叶.{0,2}黄了|掉叶子|枯死|枯黄|枯|(?<![吓累臭热烦气笑急闷饿冷痛疼困卡锁\\s])死了|死晒|死光|dead|dying|withered',
  ],
  [
    'trampled',
    '踩秃|踩坏|踩(?!空)|秃|被毁|毁坏|种菜|种上|种了|种满|(被人?)?翻了(?=[^，。,.！!]{0,3}种)|翻地|翻土|开荒|trampled|dug up',
  ],
  [
    'unleashed',
    '不牵绳|不拴绳|没牵绳|没拴绳|没栓绳|不拴|没拴|不栓|没栓|没牵|不牵|off (the )?lead|off (the )?leash|unleashed|without a lead',
  ],
  // A door that will not close (anyone walks in) and one that will not open (no one gets in) are two faults.
  [
    'wont_close',
    "没锁|没有锁|没上锁|不锁门|不关门|没关门|门没关|一直不关|关不上|关不了|关不掉|关不严|关不紧|锁不上|锁不住|合不上|关唔到|关唔埋|一直弹开|弹开着|won'?t (close|lock|come down)|can'?t (close|lock)|doesn'?t (close|lock)|stays? (open|up)|stuck (in the )?(open|up)( position)?|(?<!灯)一直开着|放不下来|放不下|不落|一直竖着|竖着",
  ],
  [
    'stuck_shut',
    "卡死|锁死|锁住|被锁|开不了|打不开|没弹开|弹不开|开不开|刷不开|开唔到|进不去|进不来|出不去|抬不起来|抬不起|不抬杆|升唔起|升不起|won'?t (open|lift|go up)|can'?t (open|get in)|doesn'?t open",
  ],
  [
    'not_recognised',
    "(认|识别|识|读|扫)不(出|了|到)|不(识别|认)(?!识|得)|识别不了|认不了|(won'?t|doesn'?t|can'?t|not) (recognise|recognize|read)",
  ],
  // Glass in pieces, and a door that closes on people: each one way of being broken, not the other.
  ['shattered', '(被.{0,2})?砸碎|碎了|碎|smashed|shattered'],
  ['pinching', '夹到|夹伤|夹人|夹住|夹了|closes? on|closing on|trapped (my|his|her|a) (hand|arm|leg)'],
  [
    'broken',
    "\\bhuai(\\s*(le|diao|de))?\\b|\\bbu\\s*neng\\s*yong\\b|\\byong\\s*bu\\s*liao\\b|充不上|充不进|充不了|坏了|坏掉|坏咗|坏的|坏|故障|不能用|用不了|不好用|失灵|不灵|不工作|出问题|出毛病|停运|停用|(?<!车)停了|不动|动不了|点不着|打不着火?|点不燃|唔郁|郁唔到|唔动|不喷水|不喷了|转不动|不转了|不转|卡住|卡在|(?<![门刷磁饭房拍咭禁办])卡(?!片)|(?<!车[^，。,.！!]{0,6})停在|被.{0,2}砸|砸坏|砸烂|砸了|(?<!骨)(被.{0,2})?折(了|断)|掰断|掰了|不运行|损坏|断了|断|broken|broke|out of order|not working|not moving|(isn'?t|won'?t|doesn'?t) move|doesn'?t work|isn'?t working|won'?t work|faulty|stopped|stops|stopping|stuck|cracked|damaged",
  ],
  ['silent', '没声音|没有声音|无声|冇声|没反应|no sound|silent'],
  ['flicker', '一闪一闪|忽闪|闪烁|闪|flicker'],
  [
    'always_on',
    '一直亮|常亮|长亮|白天也亮|白天都亮|整天亮|亮着|灯不灭|(一直|整天|24小时|二十四小时)开着|always on|on all day|stays? on',
  ],
  [
    'dark',
    '\\bbu\\s*liang\\b|不亮|(?<![睡找])不着|唔着|没亮|全灭|灭了|黑漆漆|黑了|黑(?![狗猫色衣车板人心])|漆黑|not lit|\\bout\\b|\\boff\\b|\\bdark\\b|no light',
  ],
];

/**
 * Objects, most specific first. A key ending in `*` is generic ("a door", "a light", "water"): it
 * stands for any object of its family (see {@link OBJECT_FAMILY}) and counts only when the text names
 * nothing more specific.
 */
export const OBJECT_WORDS: readonly WordEntry[] = [
  [
    'thrown_objects',
    '高空抛物|抛物|(楼上|上面)[^，。,.！!]{0,3}(掉|扔|丢|砸)下来(一个|个|一只|一块)?(花盆|瓶子|玻璃瓶|酒瓶|砖头|衣架|烟头)|(楼上|上面|窗台|阳台)\\s*[^，。,.！!]{0,6}(花盆|瓶子|酒瓶|砖头|衣架|烟头)[^，。,.！!]{0,3}下来|往楼下扔|往下扔|扔东西|扔下来|丢东西下来|丢下来|从(楼上|上面|窗户|窗口|阳台)[^，。,.！!\\s]{0,3}(往下)?(扔|丢|抛)|往下[^，。,.！!\\s]{0,2}(扔|丢|抛)|(扔|丢|抛)[^，。,.！!\\s]{1,6}下来|(楼上|上面)[^，。,.！!\\s]{0,4}(扔|丢)垃圾下来|thr(ew|own|owing) .{0,20}(window|down|from)|throwing things',
  ],
  // What the estate charges, the same for every building: a neighbour need not say where.
  ['property_fee', '物业管理费|物业费|(?<!车位|停车)管理费|service charges?|management fees?|property fees?'],
  ['parking_fee', '停车费|车位管理费|车位费|停车管理费|parking (fees?|charges?)'],
  ['heating_fee', '供暖费|暖气费|采暖费|heating (fees?|bills?|charges?)'],
  ['heating', '暖气片|暖气|供暖|采暖|地暖|radiators?|\\bheating\\b'],
  ['fire_lane', '消防通道|消防车道|消防通道口|生命通道|fire lane|fire (engine )?access|fire exit|fire escape'],
  ['gas', '燃气|煤气|天然气|瓦斯|\\bgas\\b'],
  ['lightning_rod', '避雷针|避雷带|lightning (rod|conductor)s?'],
  ['ads', '小广告|广告|传单|ads\\b|adverts?|advertis(ing|ements?)|flyers?|posters?'],
  ['nest', '马蜂窝|蜂窝|蜂巢|鸟窝|鸟巢|黄蜂|马蜂|\\b(wasps?|hornets?|nests?|bees?)\\b'],
  ['car_alarm', '汽车报警器|车辆?.{0,3}报警器|防盗器|car alarms?'],
  [
    'corridor_light',
    '\\b(lou\\s*dao|zou\\s*lang)\\s*deng\\b|\\bsheng\\s*kong\\s*deng\\b|(楼道|楼梯间|楼梯|走廊|过道|后楼梯|梯间|走道|电梯间|电梯厅|电梯口|大堂|大厅)(里|里面|内|上)?(的|啲|嘅|个)?(声控)?(灯|照明)|声控灯|(corridor|stair(well|case|s)?|landing|hallway|hall) lights?',
  ],
  ['street_light', '\\blu\\s*deng\\b|路灯杆|灯杆|灯柱|路灯|街灯|庭院灯|street ?(lights?|lamps?)|lamp ?posts?'],
  ['button', '按钮|按键|掣|(?<=楼)键|那个键|buttons?'],
  [
    'emergency_phone',
    '紧急电话|对讲电话|(?<![打拨主])电话|紧急呼叫|呼救|emergency (phone|button)|alarm (bell|button)|phone',
  ],
  ['service_lift', '货梯|service lifts?|goods lifts?|freight (lift|elevator)s?'],
  ['fan', '通风扇|排风扇|排气扇|换气扇|电风扇|风扇|风机|\\b(extractor |ventilation )?fans?\\b'],
  ['escalator', '自动扶梯|手扶电梯|扶梯|escalators?'],
  [
    'lift',
    '\\bdian\\s*ti\\b|电梯|(?<![a-z])[a-z]\\s*梯(?!子)|(?<=\\s)梯(?![子间口厅])|升降机|升降梯|𨋢|\\blifts?( doors?)?\\b|elevators?( doors?)?',
  ],
  // "门禁对讲": the entry panel, access control and intercom in one, either of which it may be.
  ['entry*', '门禁(可视)?对讲机?|可视门禁'],
  // A door with an entry lock, a gate for people: doors, whatever opens them.
  ['door*', '门禁门|人行门|行人门|行人通道门'],
  [
    'access_control',
    '\\bmen\\s*jin\\b|门禁|刷卡|门卡|人脸|刷脸|面部识别|拍卡|拍咭|闸机|电子门|电控门|face (recognition|scanner)|刷不了卡|密码锁|人脸识别|access (card|control)|card reader|key ?fob|door entry',
  ],
  ['intercom', '可视对讲|对讲机|对讲|intercoms?|entry ?phones?|door ?phones?'],
  [
    'gate_barrier',
    '\\b(dao\\s*zha|lan\\s*gan\\s*ji)\\b|车牌识别|识别车牌|认车牌|车牌|抬杆|抬杠|(车库|地库|停车场|进口|出口|车).{0,4}栏杆|number ?plates?|道闸|栏杆机|闸杆|挡车杆|收费杆|起落杆|升降杆|车闸|闸口|\\b(gate |boom )?barriers?\\b|boom gate|停车场.{0,3}栏杆|栏杆(?=.{0,4}(抬|放|落|升))|(?<![大铁卷])闸',
  ],
  [
    'cctv',
    '\\b(jian\\s*kong|she\\s*xiang\\s*tou|tan\\s*tou)\\b|监控摄像头|监控探头|监控|监视器|探头|摄像头|摄像机|闭路|天眼|cctv|(security )?cameras?',
  ],
  [
    'security_guard',
    '保安亭|保安室|门卫室|警卫室|门卫|保安|门岗|值班|岗亭|guard ?(house|post|booth|hut|room)|security (booth|post|kiosk|office)|security guards?|guards?|security',
  ],
  [
    'stranger',
    '陌生人|陌生(男|女)|冒充|假冒|不认识的(人|男|女)|转来转去|转悠|徘徊|鬼鬼祟祟|可疑|外来人员|不明人员|strangers?|suspicious',
  ],
  ['abandoned_vehicle', '僵尸车|废弃车辆|废弃车|abandoned (cars?|vehicles?)'],
  ['parking_space', '停车位|充电车位|充电位|车位|parking (space|spot|bay)s?|\\b(my|our) (space|spot|bay)\\b'],
  ['parking', '乱停车|乱停|僵尸车|parking (space|spot|bay)s?|illegally parked|parked cars?'],
  [
    'indoor_charging',
    '(给|帮)?电动车(?!棚).{0,6}充电(?!桩)|电瓶车.{0,6}充电(?!桩)|飞线充电|飞线|拉线充电|楼道.{0,3}充电|charg(e|es|ing) (an? |the |their |his |her )?(e-?bikes?|electric (bikes?|scooters?)|scooters?|batter(y|ies))|e-?bikes? (being )?charg(ed|ing)',
  ],
  // Bicycles and e-bikes (stolen, left about), the battery taken from one ("电瓶车电瓶" is the battery).
  ['ebike', '电动自行车|电动车(?!棚)|电瓶车(?!棚)|电单车|\\be-?bikes?\\b|electric (bikes?|scooters?)|scooters?'],
  ['bicycle', '自行车(?!棚)|单车(?!棚|房)|脚踏车|bicycles?|\\bbikes?\\b(?! shed)'],
  ['battery', '电瓶|电池|batter(y|ies)'],
  ['hydrant', '消防栓箱|消防栓|消火栓|消防水带|水带|fire hydrants?|hydrants?|fire hoses?'],
  ['extinguisher', '灭火器|fire extinguishers?|extinguishers?'],
  [
    'irrigation',
    '(花园|草坪|草地|绿化带?|花坛|绿地)[^，。,.！!\\s]{0,3}(喷淋头|喷淋|喷水头|喷头)|浇水(的)?(管子|水管|管)|自动喷灌头?|喷灌头?|洒水器|洒水头|浇水的?喷头|irrigation|lawn sprinklers?',
  ],
  [
    'fire_alarm',
    '烟感|烟雾报警器|火灾报警器|火灾报警|消防报警|喷淋头|喷淋|smoke (alarm|detector)s?|fire alarms?|sprinklers?',
  ],
  ['emergency_light', '应急灯|应急照明|疏散指示灯?|安全出口灯|出口指示灯|emergency lights?|exit signs?'],
  [
    'electrical',
    '配电箱|配电房|电表箱|电箱|变压器|电线|电缆|电闸|电表|electrical (box|cabinet)|transformer|wires?|cables?',
  ],
  ['mailbox', '信报箱|信箱|邮箱|报箱|mail ?box(es)?|letter ?box(es)?'],
  ['canopy', '雨棚|雨篷|遮阳棚|遮雨棚|canop(y|ies)|awnings?'],
  ['pool', '游泳池|泳池|swimming pools?|\\bpools?\\b(?! of)'],
  ['bus_stop', '公交车站|公交站|车站|bus stops?'],
  ['fountain', '喷泉池|喷泉|喷水池|景观池|(?<!蓄)水池|fountains?|ponds?'],
  ['bench', '长椅|座椅|休息椅|椅子|凳子|石凳|bench(es)?|seats?'],
  // Each machine of an outdoor gym is a thing of its own ("扭腰器" is not "漫步机"); "健身器材" any of them.
  // Outdoor "running machines" are walkers: residents call one machine 跑步机, 走步机 and 漫步机.
  ['walker', '太空漫步机?|漫步机|漫步器|走步机|踏步机|跑步机|walking machines?|air walkers?|treadmills?'],
  ['waist_twister', '扭腰器|扭腰盘|转腰器|waist twisters?'],
  ['bars', '单杠|双杠|引体向上|pull-?up bars?|parallel bars'],
  ['fitness*', '健身器材|健身器|健身设施|gym equipment|exercise (machines?|equipment)'],
  ['shower', '淋浴|花洒|喷头|冲凉|showers?'],
  ['toilet', '公共厕所|公厕|马桶|坐便器|厕所|toilets?'],
  ['solar', '太阳能|solar'],
  ['fence', '围墙|围栏|栅栏|铁栅栏|fences?|perimeter wall'],
  ['renovation_debris', '装修垃圾|建筑垃圾|装修废料|building rubble|construction (waste|debris)'],
  ['renovation', '装修|施工|电钻|打钻|砸墙|油漆|刷漆|renovat\\w*|paint(ing)?\\b|drilling|construction'],
  ['occupancy', '群租|住了好多人|有人住|住人|sublet|people living'],
  ['speed_bump', '减速带|减速坎|减速垄|speed (bumps?|humps?|ramps?)'],
  [
    'hawkers',
    '卖保险|卖东西|上门推销|摆摊|摆地摊|地摊|小贩|摊贩|摊位|推销|保健品|hawkers?|street (vendors?|sellers?)|peddl\\w*',
  ],
  ['speeding', '开得?(很|太|飞|好|特别|那么)?快|飞快|飙车|车速|超速|速度(太|很|好)?快|speeding|driv\\w* (too )?fast'],
  ['square_dance', '广场舞|square danc\\w*'],
  ['ball_games', '打球|拍球|打篮球|踢球|ball games?|playing (basketball|football)'],
  ['burning', '烧纸钱|烧纸|烧东西|烧垃圾|烧落叶|烧树叶|焚烧|烧香|burning (rubbish|leaves|paper|things)'],
  ['poultry', '养鸡|养鸭|养鹅|鸡(?!蛋)|鸭|鹅|chickens?|\\bhens?\\b|roosters?|ducks?'],
  ['pigeons', '养鸽子|鸽子|鸽|pigeons?'],
  ['smoking', '抽烟|吸烟|smoking'],
  ['ev_charger', '充电桩|充电口|充电器|chargers?|charging (point|post|station|pile)s?'],
  ['parcel_locker', '快递柜|丰巢|parcel lockers?|lockers?'],
  ['handrail', '扶手|栏杆|护栏|handrails?|railings?|banisters?'],
  ['window', '窗户|窗子|窗|windows?'],
  ['pump', '过滤泵|循环泵|二次供水泵|加压泵|水泵房|泵房|水泵|\\bpumps?\\b'],
  ['water_meter', '水表|water meters?|\\bmeters?\\b'],
  ['water_tank', '水箱|蓄水池|water tanks?|\\btanks?\\b'],
  ['tap', '水龙头|taps?|faucets?'],
  // A rainwater downpipe carries rain to the drains: not the supply pipe ("雨水管断了" is no burst main).
  ['drain', '雨水管|落水管|雨水立管|down ?pipes?|drain ?pipes?'],
  ['pipe', '\\bshui\\s*guan\\b|供水管|自来水管|水管|水喉|管道|管子|pipes?|water main|\\bmains?\\b'],
  ['rainwater', '雨水|下雨灌|雨灌|rain ?water'],
  ['manhole', '窨井盖|井盖|窨井|沙井|盖板|水沟盖子?|沟盖|篦子|manholes?|drain covers?|grates?|gratings?'],
  [
    'drain',
    '下水口|排水口|雨水口|下水道|排水沟|排水管|下水管|污水管|地漏|排水|下水|污水|水沟|沟渠|渠|sewers?|sewage|drains?|gutters?',
  ],
  ['septic_tank', '化粪池|septic'],
  ['basement', '地下室|储藏间|储物间|储藏室|basement|storerooms?|storage rooms?'],
  ['roof', '楼顶|顶层(?!的?(住户|业主))|屋顶|顶楼|天台|屋面|顶棚|防水层|的顶(?=\\s)|(?<=\\s)顶上|roofs?|rooftop'],
  ['ceiling', '吊顶|天花板|天花|(?<=(走廊|楼道|过道|楼梯间|大堂|大厅|电梯厅|车库)(里|的)?)(顶上|顶部)|ceiling'],
  ['wall', '外墙|墙面|墙皮|墙体|墙砖|瓷砖|墙|(?<![地道板])砖|facade|walls?|tiles?'],
  [
    'road',
    '地板砖|地板|车行道|行车道|路面|地面|马路|道路|主干道|主路|路上|路中间|(那|这)(段|条)路|地砖|人行道砖|人行道|\\broads?\\b|pavement|\\bpaths?\\b|sidewalk|\\bground\\b',
  ],
  [
    'corridor',
    '\\b(lou\\s*dao|lou\\s*ti|zou\\s*lang)\\b|楼道|楼梯间|楼梯|走廊|过道|梯间|走道|后楼梯|corridor|stair(well|case|s)|hallway|landing',
  ],
  ['steps', '台阶|阶梯|steps'],
  ['ramp', '坡道|斜坡|那个坡|(?<=\\s)坡|ramps?'],
  ['rats', '老鼠|鼠|rats?|mice|mouse'],
  ['cockroaches', '蟑螂|曱甴|cockroach(es)?|roach(es)?'],
  ['mosquitoes', '蚊子|蚊|mosquito(es)?'],
  ['cat', '流浪猫|野猫|猫|\\bcats?\\b|kittens?'],
  ['dog', '恶狗|狗|犬|dogs?'],
  ['tree', '大树|树枝|树木|树杈|树|branch(es)?|trees?'],
  ['lawn', '草坪|草地|绿地|绿化带|草皮|草|lawns?|grass'],
  ['plants*', '玫瑰|月季|花圃|花坛|花槽|花草|绿植|植物|灌木|绿篱|花|plants?|flowers?|hedges?|shrubs?|bushes'],
  ['slide', '滑梯|slides?'],
  ['swing', '秋千|swings?'],
  ['hoop', '篮筐|篮板|篮球架|hoops?|backboards?'],
  ['air_conditioner', '空调|冷气|air ?con(ditioner|ditioning)?|\\bac\\b'],
  ['parcels', '快递(?!柜|员|小哥)|包裹|parcels?|packages?'],
  ['bin_room', '垃圾站|垃圾房|垃圾屋|垃圾中转站|垃圾收集点|bin (room|store)|rubbish room|refuse room|garbage station'],
  [
    'bin',
    '\\bla\\s*ji\\s*(tong|xiang)\\b|垃圾桶|垃圾箱|垃圾筒|果皮箱|分类桶|\\bbins?\\b|dust ?bins?|rubbish bins?|trash (cans?|bins?)|garbage (cans?|bins?)',
  ],
  ['rubbish', '\\bla\\s*ji\\b|垃圾|rubbish|garbage|trash|litter'],
  ['dog_mess', '狗屎|狗粪|粪便|dog (mess|poo|poop|fouling)'],
  ['clutter', '杂物|(?<=\\s)东西(?!全|都|拿)|纸箱|纸皮|旧家具|家具|鞋柜|鞋架|柜子|junk|clutter|boxes|furniture'],
  ['garage_door', '车库门|卷帘门|卷闸门|卷闸|garage doors?|roller shutters?'],
  [
    'entrance_door',
    '\\bdan\\s*yuan\\s*men\\b|单元门|楼门|防盗门|大闸|铁闸|感应门|自动门|玻璃门|entrance doors?|front doors?|building doors?|main doors?',
  ],
  ['gate', '大门|铁门|伸缩门|电动门|\\bgates?\\b'],
  ['door*', '门锁|门|doors?|locks?'],
  ['glass*', '玻璃|glass'],
  ['light*', '\\bdeng\\b|景观灯|草坪灯|灯泡|灯管|照明|灯|lights?|lamps?|bulbs?'],
  ['water*', '自来水|食水|水|\\bwater\\b'],
];

/**
 * The families objects belong to: a generic key (`door*`) agrees with every member of its family, and
 * members of the waste and greening families agree with each other where residents use the words
 * loosely ("垃圾桶满了" and "垃圾溢出来了" are one problem).
 */
export const OBJECT_FAMILY: Readonly<Record<string, string>> = {
  'door*': 'door',
  entrance_door: 'door',
  gate: 'door',
  'light*': 'light',
  corridor_light: 'light',
  street_light: 'light',
  emergency_light: 'light',
  'water*': 'water',
  pipe: 'water',
  tap: 'water',
  water_meter: 'water',
  water_tank: 'water',
  pump: 'water',
  pool: 'water',
  'plants*': 'greenery',
  tree: 'greenery',
  lawn: 'greenery',
  bin: 'waste',
  rubbish: 'waste',
  bin_room: 'waste',
  clutter: 'waste',
  'glass*': 'glass',
  window: 'glass',
  'entry*': 'entry',
  access_control: 'entry',
  intercom: 'entry',
  'fitness*': 'fitness',
  walker: 'fitness',
  waist_twister: 'fitness',
  bars: 'fitness',
  // An overflowing manhole and a blocked drain are one sewer seen at two openings.
  manhole: 'sewer',
  drain: 'sewer',
};

/**
 * Objects that mostly say where ("楼道里", "地下室"): they count only when the text names nothing else,
 * so "楼道有人抽烟" and "楼道堆满杂物" are not one problem for sharing a corridor.
 */
export const LOCATION_OBJECTS: ReadonlySet<string> = new Set([
  'corridor',
  'basement',
  'steps',
  'ramp',
  'parking_space',
]);

/**
 * Objects that are things people do ("往楼下扔东西", "电梯里有人抽烟"): never the modifier of a noun
 * after them, and the whole problem where they are named (the lift they smoke in is only where).
 */
export const ACTIONS: ReadonlySet<string> = new Set([
  'thrown_objects',
  'speeding',
  'burning',
  'indoor_charging',
  'smoking',
  'renovation',
  'renovation_debris',
  'occupancy',
]);

/** Pests: where a report tells of them and of nothing wrong, they are its problem ("草丛里好多蚊子" is not about the grass). */
export const PESTS: ReadonlySet<string> = new Set(['mosquitoes', 'rats', 'cockroaches']);

/** Parts that belong to the thing named before them ("岗亭的窗户" is the guard post's window). */
export const PARTS: ReadonlySet<string> = new Set(['window']);

/** Words that say a fault has not happened ("墙皮裂了 还没掉"): taken out before faults are read. */
export const NEGATED =
  '(差点|差一点|险些|几乎|容易)(就)?(被)?(摔|砸|撞|掉|倒|滑|绊|夹|烫|电)[^，。,.！!\\s]{0,4}|(让|叫|请|麻烦)?(保安|物业)(快|赶紧|赶快|能不能|可不可以)?(管管|管一下|管一管|来看看|来一下|去看看|去看|看看|处理一下|过来)|(还|也|都)?(没|没有|未|不会|冇)(掉|塌|坏|漏|断|砸)(下来|下去|到人|到)?|(幸好|还好|好在|幸亏)(没|没有)(人|砸到人|伤到人)|(客梯|另一部|另外一部|其他|别的|(?<![a-z])[a-z]\\s*梯|[0-9一二三四五六]\\s*号\\s*梯).{0,4}(还能用|能用|正常|没事|没问题)' +
  // A cut to come, asked about or announced, is none today; a guess at the cause before the report is no report of it.
  '|(明天|后天|下周|是不是要|会不会|是否要|将要|计划|准备)[^，。,.！!]{0,4}(停水|停电|断水|断电)|(停水|停电)通知|(停电|停水)了(吗|么)[?？]?(?=.{2,})';

/**
 * The resident's own home, when named right before a thing or a fault ("我家门锁", "我家厨房水管",
 * "我家停电了", "my front door"), not as where they live ("我家住16栋") nor where something from outside
 * reaches ("漏到我家天花板").
 */
export const HOME =
  "(?<![到进入往])(我家|我们家|我屋企|我屋|自家|家里|屋企|户内|室内)|\\bmy( own)?( (flat|home|apartment)('?s)?)?( (kitchen|bathroom))?";

/** Words for the common parts of a building, which a report about one's own home does not share. */
export const COMMON_PARTS =
  '楼道|楼梯间|楼梯|走廊|过道|大堂|大厅|公共|单元门|楼门|整栋|整幢|全楼|电梯间|lobby|corridor|stair|hallway|communal|common area|whole building|entrance door';

/**
 * Objects whose faults are floor by floor (a corridor light, a window, an extinguisher): two reports
 * naming different floors, or one floor and the whole building, are two problems.
 */
export const FLOOR_OBJECTS: ReadonlySet<string> = new Set([
  'corridor_light',
  'light*',
  'emergency_light',
  'window',
  'glass*',
  'extinguisher',
  'hydrant',
  'fire_alarm',
  'corridor',
  'steps',
  'handrail',
  'button',
]);

/** Faults that are a danger of their own: a report naming one and a report without it are two problems. */
export const HAZARD_FAULTS: ReadonlySet<string> = new Set(['trapped', 'fire', 'electric_leak', 'gas_leak', 'injured']);

/**
 * Faults of a supply the whole building shares: "我家水龙头一滴都不出" is the building's water off,
 * seen from one flat, not a fault of that flat's tap.
 */
export const SUPPLY_FAULTS: ReadonlySet<string> = new Set([
  'no_water',
  'power_out',
  'low_pressure',
  'no_hot_water',
  'quality',
]);

/**
 * Faults that say a thing is giving way (rusted through, cracked, loose, leaning): a neighbour who fears
 * it will fall ("感觉要倒", "随时会掉下来") describes the same problem more urgently.
 */
export const GIVING_WAY: ReadonlySet<string> = new Set([
  'may_fall',
  'rusted',
  'cracked',
  'holed',
  'loose',
  'leaning',
  'falling_off',
  'fallen',
  'collapsed',
]);

/** Faults that are one kind of damage seen by two people: cracked, holed, burst, shattered. */
export const DAMAGE: ReadonlySet<string> = new Set(['cracked', 'holed', 'burst', 'shattered']);

/** Faults that say nothing about what is wrong ("没人管"): left out when faults are compared. */
export const SILENT_FAULTS: ReadonlySet<string> = new Set(['neglected']);

/** Families whose members all agree with each other (not only through their generic word). */
export const LOOSE_FAMILIES: ReadonlySet<string> = new Set(['waste', 'door', 'sewer']);

/**
 * Words after an object that make it a landmark rather than what is wrong ("快递柜旁边的路灯" is about a
 * street light), and English words before one ("the light next to the parcel locker").
 */
export const LANDMARK_AFTER =
  '^的?(边的|边(?![上门])|那里|那儿|那块|旁边|边上|附近|周边|周围|前面|后面|对面|门口|下面|上面|跟前|侧面|那边|这边)';
export const LANDMARK_BEFORE =
  '(淹到|漫到|流到|冲到|蔓延到|快到)了?\\s*$|\\b(near|next to|beside|behind|by|opposite|in front of|outside|above|under)( the)?\\s*$';

/** Objects a fault implies when the text names none: "停水了" is about the water. */
export const IMPLIED_OBJECT: Readonly<Record<string, string>> = {
  no_water: 'water*',
  low_pressure: 'water*',
  quality: 'water*',
  power_out: 'power',
  gas_leak: 'gas',
  dark: 'light*',
  no_heat: 'heating',
};

/**
 * Faults that are one way of being broken: a resident who says "坏了" and a neighbour who says "不亮",
 * "关不上" or "破了" may describe one fault.
 */
export const KINDS_OF_BROKEN: ReadonlySet<string> = new Set([
  'broken',
  // "台阶坏了" and "台阶塌了一块", "树断了" and "树倒了": one thing broken, one neighbour saying how.
  'collapsed',
  'fallen',
  'not_cooling',
  'no_heat',
  'dark',
  'stuck_shut',
  'wont_close',
  'shattered',
  'pinching',
  'burst',
  'cracked',
  'holed',
  'silent',
  'no_picture',
  'flicker',
  'leaning',
  'loose',
  'falling_off',
  'missing',
  'not_recognised',
]);

/** Faults that are the same problem seen by two people: a burst pipe and a leaking one. */
export const FAULT_FAMILY: Readonly<Record<string, string>> = {
  quality: 'quality',
  dirty: 'quality',
  // Leaning, loose, coming off, fallen: one thing giving way, seen at two moments.
  leaning: 'fallen',
  may_fall: 'fallen',
  loose: 'fallen',
  falling_off: 'fallen',
  fallen: 'fallen',
  collapsed: 'fallen',
  burst: 'leak',
  leak: 'leak',
  flooded: 'leak',
  shattered: 'broken',
  // A blocked drain and one overflowing are one problem seen from two sides.
  full: 'blocked',
  blocked: 'blocked',
  stolen: 'missing',
  missing: 'missing',
  price_rise: 'charge',
  overcharged: 'charge',
};

/** When the problem began or was seen, as residents say it; kept for the staff and the LLM. */
export const TIME_WORDS: readonly WordEntry[] = [
  ['yesterday', '昨天|昨晚|昨日|琴日|yesterday|last night'],
  ['morning', '早上|今早|上午|清早|朝早|this morning|morning'],
  ['noon', '中午|正午|晏昼|noon|midday|lunchtime'],
  ['afternoon', '下午|afternoon'],
  ['evening', '晚上|傍晚|夜里|半夜|今晚|evening|tonight|night'],
  ['days', '好几天|几天|多天|一周|一个星期|(\\d+|[一二三四五六七八九十两])天|for (days|a week|\\d+ days)'],
];

/**
 * Words that say a problem is over ("后来来水了", "已经修好了", "修了三天才好", "it was fixed"): such a
 * report tells of a past problem, not the open one a neighbour reports today. Not when it is asked or
 * denied ("还没修好", "修好了吗") — the text is normalised to simplified, lower case.
 */
export const RESOLVED =
  '(?:已经|已)(?:修好|修复|处理好|弄好|恢复|来水|来电|清理|收走)|' +
  '(?<!没|没有|未|还|不|没能)(?:修好|修复好|处理好|弄好|搞好|恢复正常|恢复供水|恢复供电|来水|来电)了(?![吗么没?？])|' +
  '(?:修好|整好|搞掂|整返好)咗|(?:而家|现在)有返(?:水|电)?(?:喇|啦|了)?|后来(?:收了|收走了|好了|修好|恢复|清了)|(?:现在|终于)(?:好了|恢复)了|(?:现在|已经)(?:不|没)(?:再)?(?:漏|渗|响|臭|堵|吵)了|(?:刚|已经)修过|' +
  '(?:修|弄)?了.{0,4}才(?:修)?好|' +
  "(?<!not |n't |never )\\b(?:was|were|got|been|is|are) (?:fixed|repaired|restored|sorted)\\b|\\b(?:is|are|came) back on\\b";

/** Words that say a problem came back ("又停水了", "again"): the report is of an open problem, whatever was mended before. */
export const AGAIN = '又|再次|再一次|又一次|\\bagain\\b';
