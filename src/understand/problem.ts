import type { Place } from '../classify/classifier.ts';
import { parseChineseNumber } from '../classify/chinese-number.ts';
import { normaliseText } from '../classify/normalise-text.ts';
import type { Urgency } from '../tickets/category.ts';
import {
  ACTIONS,
  COMMON_PARTS,
  FAULT_WORDS,
  HOME,
  IMPLIED_OBJECT,
  LANDMARK_AFTER,
  LANDMARK_BEFORE,
  LOCATION_OBJECTS,
  NEGATED,
  OBJECT_WORDS,
  PARTS,
  PESTS,
  PLACE_WORDS,
  RESOLVED,
  AGAIN,
  SILENT_FAULTS,
  TIME_WORDS,
  type WordEntry,
} from './problem-words.ts';

/** Which side of a building a spot names ("12号楼后面" → back); sides that say little are left out. */
export type Side = 'front' | 'back' | 'beside' | 'below' | 'opposite' | 'east' | 'west' | 'south' | 'north';

/** Where a problem is, normalised so that two residents' words compare: 二十号楼, 20栋, Block 20 → "20". */
export interface ProblemPlace {
  building?: string;
  unit?: string;
  /** A named spot of the estate ("北门", "中心花园"), without the building it may be relative to. */
  spot?: string;
  /** The side of the building a spot relative to it names ("15号楼后面" → back). */
  side?: Side;
  /**
   * The floor the text names ("三楼的楼道灯" → `3`), `some` for one floor not said which ("有一层"),
   * `all` for the whole building ("整栋楼", "整个楼梯间", "all floors").
   */
  floor?: string;
  /** A lettered zone of the estate or a car park ("B区", "zone B" → `b`), else its level (below). */
  zone?: string;
  /** A level under ground ("负二层", "地下二层", "B2" → `b2`): B1 A区 is zone `a` at level `b1`. */
  level?: string;
  /** A phase of the estate ("二期", "phase 2" → `2`): its buildings and zones are numbered within it. */
  phase?: string;
  /** The way in or the way out of a spot ("停车场入口" → `in`, "出口" → `out`). */
  way?: 'in' | 'out';
  /** The number of a parking space ("B1-086车位", "086号车位", "space B2-071" → `86`, `71`). */
  space?: string;
  /** The flats the text names ("6号楼701", "1701室", "我是801的", "3-2-501" → `701`, `1701`, `801`, `501`). */
  flats?: string[];
  /** Of those, the ones the resident says are theirs ("我是801的", "我住1402", "I live in 1203"). */
  ownFlats?: string[];
  /** The resident's own building, not said which ("我们单元门", "我们楼"): somewhere, not anywhere. */
  ours?: boolean;
  /** Which of a building's lifts ("A梯", "2号梯", "二号电梯", "lift 2" → `a`, `2`), when the text says. */
  lift?: string;
  /**
   * Which of several alike things, by the number it carries ("1号车库门", "4号充电桩", "2号门", "charger
   * 3" → `1`, `4`, `2`, `3`): the first garage door is not the second.
   */
  instance?: string;
  /**
   * The side of the estate a spot is named by, when the text says it right before the spot ("东广场",
   * "西路", "南边花园", "the east square" → `east`): the east square is not the west one.
   */
  compass?: 'east' | 'west' | 'south' | 'north';
}

/** What a complaint is about, as far as its words tell: what is wrong (object, fault), where, when. */
export interface Problem {
  /** Object keys of src/understand/problem-words.ts, e.g. `lift`, `corridor_light`, `door*` (generic). */
  objects: string[];
  /** Fault keys, e.g. `no_water`, `broken`, `dark`, `full`. */
  faults: string[];
  /** The objects were not named but implied by a fault ("停水了" → water, "停电了" → power). */
  implied?: boolean;
  /** What is wrong is in the resident's own home ("我家门锁", "my front door"), not the common parts. */
  home?: boolean;
  /** The text says outright that only the resident's home has it ("只有我家停电", "别人家都有水"). */
  onlyMine?: boolean;
  /** The text names the common parts ("楼道", "单元门", "整栋楼", "lobby"). */
  common?: boolean;
  place: ProblemPlace;
  urgent: boolean;
  /** When it began or was seen, if the text says (`morning`, `noon`, `yesterday`, `days`…). */
  time?: string;
  /**
   * Where in the building the thing named is, when the text says it right before it ("电梯里的摄像头" →
   * `lift`, "单元门口的摄像头" → `entrance`): one camera is not the other.
   */
  within?: string;
  /** The text says the problem is over ("后来来水了", "已经修好了") and not that it came back: no open problem. */
  resolved?: boolean;
  /**
   * The text names no fault and asks, thanks or requests ("泳池什么时候开放？", "谢谢物业换了新系统",
   * "能不能调一下监控"): no report of something wrong, whatever it is about. A question about a repair
   * ("电梯什么时候能修好") tells the fault it waits for, and is not one.
   */
  asks?: boolean;
  /** The text says it is another one than a neighbour reported ("另一部电梯", "the other lift"). */
  other?: boolean;
  /** The kind of tree named ("柳树", "樱花树" → `柳`, `樱花`): a willow is not a cherry. */
  kind?: string;
}

const compile = (entries: readonly WordEntry[]) =>
  entries.map(([key, pattern]) => [key, new RegExp(pattern, 'gu')] as const);
const FAULTS = compile(FAULT_WORDS);
const OBJECTS = compile(OBJECT_WORDS);
const TIMES = compile(TIME_WORDS);
const PLACES = new RegExp(PLACE_WORDS.join('|'), 'gu');
const NEGATIONS = new RegExp(NEGATED, 'gu');
const COMMONS = new RegExp(COMMON_PARTS, 'u');
const RESOLVED_WORDS = new RegExp(RESOLVED, 'u');
const AGAIN_WORDS = new RegExp(AGAIN, 'u');
const AFTER = new RegExp(LANDMARK_AFTER, 'u');
const HOME_BEFORE = new RegExp(
  `(${HOME})(的)?(入户|户|厨房|卫生间|厕所|洗手间|浴室|阳台|客厅|卧室|房间)?(的|里|里面)?\\s*$`,
  'u',
);
const FLOOR_WORDS = /(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(楼|层)/gu;
const BEFORE = new RegExp(LANDMARK_BEFORE, 'u');

/**
 * Asking, thanking or requesting, rather than telling of something wrong — not any question: "3号楼电梯怎么回事？"
 * tells of the lift.
 */
const ASKS =
  /什么时候|啥时候|几时|几点|多久|多长时间|能不能|可不可以|可以[^，。,.！!]{0,12}吗|请问|问一下|在哪|是不是要|谢谢|感谢|多谢|好用|不错|怎么(交|缴|付|办理|申请|报名|预约)|建议|想(调|看|查|要|申请|问)|能[^，。,.！!]{0,6}吗|\b(when|what time|how (do|can|often|long)|can (i|we|you|someone)|could (you|someone)|is it possible)\b|thank|^(is|are|does|do|will|can|could|would|should)\b[^.!。！]*\?\s*$/u;
/** …but a question about a repair or a supply coming back waits for a fault it does not name. */
const REPAIR_ASKED =
  /(什么时候|啥时候|几时|何时|多久)[^，。,.！!]{0,6}(修|来水|来电|恢复|弄好|搞好|好)|还没(有)?(修|好|来水|来电|恢复|处理)|(修好|修|处理|弄好)(了)?(吗|没|么)|(派|来|叫)人|(来|去)?修(一下|一修|修)?|管(一下|一管|管)|处理|解决|清理|打扫|\bwhen\b.{0,30}\b(fixed|repaired|back on|restored)\b|\b(fix|repair|sort out|look at|deal with)\b/u;
/**
 * Asking how to get a service ("门禁卡丢了怎么补办？", "充电桩怎么办卡"), which is a request whatever
 * fault it mentions on the way.
 */
const ASKS_SERVICE = /补办|怎么办(卡|理)|办(张|一张)?卡|how (do|can) (i|we) (get|replace|apply)/u;
const OURS = /我们(这|那)?(栋|幢|单元|楼(?![下上])|座)|我(住|家)的?(这|那)(栋|单元)|\bour (block|building|entrance)\b/u;
const OTHER_ONE = /另一部|另外一部|另一台|另外一台|另外那部|另一个电梯|另一边的电梯|the other (lift|elevator)/u;
const LIFT_ID =
  /(?<![a-z])([a-z])\s*梯(?!子)|(?<![\d一二三四五六七八九十])([1-9一二三四五六])\s*号\s*(?:电|客)?梯|\b(?:lift|elevator)\s+(?:no\.?\s*)?(\d)\b/u;
/**
 * A number carried by one of several alike things: "1号车库门", "4号充电桩", "2号门", "#3 charger",
 * "gate 2" — not a building, unit, flat, parking space or day of the month ("5号开始停水").
 */
const INSTANCE =
  /(?<![\d一二三四五六七八九十两#])(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*号\s*(?!楼|院|栋|幢|座|单元|房|室|车位|停车位|线|晚|早|上午|下午|中午|开始|那天|起|到|前|后|之前|以后|左右|的时候|[\d\s，。,.！!?？]|$)|#\s*(\d{1,2})\s*(?=charg|gate|barrier|door|camera|lift|elevator)|\b(?:gate|charger|charging (?:point|post|pile)|barrier|camera|garage door)\s+(?:no\.?\s*)?(\d{1,2})\b/u;
/** A side of the estate said right before a spot of it: "东广场", "西路", "南边花园", "the east square". */
const COMPASS =
  /([东西南北])(?:边|侧|面)?的?(?=广场|小?路|花园|草坪|绿地|空地|篮球场|停车场|车库|小广场|健身区|游乐场)|\b(east|west|south|north)(?:ern)? (?:square|road|path|garden|lawn|car ?park|playground)\b/u;
const COMPASS_SIDES: Readonly<Record<string, NonNullable<ProblemPlace['compass']>>> = {
  东: 'east',
  西: 'west',
  南: 'south',
  北: 'north',
  east: 'east',
  west: 'west',
  south: 'south',
  north: 'north',
};
const TREE_KIND =
  /(柳|樱花|桂花|松|杨|梧桐|银杏|香樟|樟|榕|玉兰|枫|桃|梨|柿子|石榴|槐|柏|竹|棕榈|椰子)树|\b(willow|cherry|pine|poplar|plane|ginkgo|camphor|banyan|magnolia|maple|palm) trees?\b/u;

const SIDES: ReadonlyArray<readonly [Side, RegExp]> = [
  ['front', /门口|前面|前边|前头|前侧|门前|入口/],
  ['back', /后面|后边|后头|背后|后侧/],
  ['beside', /旁边|侧面|边上|附近|周边|周围/],
  ['below', /楼下|下面/],
  ['opposite', /对面/],
  ['east', /东侧|东边/],
  ['west', /西侧|西边/],
  ['south', /南侧|南边/],
  ['north', /北侧|北边/],
];

/**
 * Reads the problem a complaint describes: the objects and faults its words name (synonyms, Cantonese
 * and English folded into one key each: 没水/停水/断水/冇水/no water → `no_water`), the place (from the
 * classifier's `place`, building and spot normalised), the urgency and the time it mentions. Pure and
 * cheap (a few dozen regular expressions over a short text), so it can run over every open ticket.
 */
export function readProblem(text: string, place: Place | null, urgency: Urgency): Problem {
  const normalised = normaliseText(text);
  // "还没掉" says what has not happened: no fault.
  const told = normalised.replace(NEGATIONS, blank);
  let rest = told.replace(PLACES, blank);
  const faults: string[] = [];
  // Where faults and objects are named: "我家" right before one puts it in the resident's home.
  const named: number[] = [];
  for (const [key, pattern] of FAULTS) {
    rest = rest.replace(pattern, (match, ...args) => {
      if (!faults.includes(key) && !SILENT_FAULTS.has(key)) faults.push(key);
      named.push(args.find((arg): arg is number => typeof arg === 'number') ?? 0);
      return blank(match);
    });
  }
  const found: Array<{ key: string; start: number; end: number }> = [];
  for (const [key, pattern] of OBJECTS) {
    rest = rest.replace(pattern, (match, ...args) => {
      const at = args.find((arg): arg is number => typeof arg === 'number') ?? 0;
      const landmark =
        AFTER.test(normalised.slice(at + match.length, at + match.length + 4)) ||
        BEFORE.test(normalised.slice(Math.max(0, at - 16), at));
      if (!landmark) found.push({ key, start: at, end: at + match.length });
      named.push(at);
      return blank(match);
    });
  }
  // In a compound the last noun is the thing ("楼道灭火器" is an extinguisher, "楼顶水箱" a tank),
  // unless it is a generic word ("喷泉池的水", "单元门玻璃": the fountain, the door).
  found.sort((x, y) => x.start - y.start);
  // A part named after a thing ("岗亭的窗户", "楼道窗户") is a part of it, not another thing.
  const heads = found.filter((m, i) => {
    const next = found[i + 1];
    // Someone ("冒充燃气公司的人", "陌生人") is never a word for what a thing is.
    if (!next || next.key === m.key || next.key.endsWith('*') || PARTS.has(next.key) || ACTIONS.has(m.key)) return true;
    if (m.key === 'stranger') return true;
    const gap = normalised.slice(m.end, next.start).replace(FLOOR_WORDS, '');
    return !/^\s*(里面|里|内|上)?(的|那个|啲|嘅|个)?\s*$/u.test(gap);
  });
  let keys = [...new Set(heads.map((m) => m.key))];
  // What people do is the problem wherever they do it: "电梯里有人抽烟" is about smoking, not the lift.
  // …but where, it still tells: smoking in the lift is not smoking on the stairs.
  let actedIn: string | undefined;
  if (keys.some((k) => ACTIONS.has(k))) {
    actedIn = keys.find((k) => k === 'lift' || k === 'corridor' || k === 'basement');
    // A renovation's rubbish left about is not its noise: "装修 把垃圾堆在楼道" is the debris.
    const debris = keys.includes('renovation') && keys.some((k) => k === 'rubbish' || k === 'clutter');
    keys = keys.filter((k) => ACTIONS.has(k)).map((k) => (debris && k === 'renovation' ? 'renovation_debris' : k));
  } else if (faults.length === 0 && keys.some((k) => PESTS.has(k))) keys = keys.filter((k) => PESTS.has(k));
  let specific = keys.filter((k) => !k.endsWith('*'));
  const generic = keys.filter((k) => k.endsWith('*'));
  if (specific.some((k) => !LOCATION_OBJECTS.has(k))) specific = specific.filter((k) => !LOCATION_OBJECTS.has(k));
  // Only where it is ("地下一层A区 灯都不亮 …找不到车位"): the generic thing named there counts too.
  let objects =
    specific.length === 0
      ? generic
      : specific.every((k) => LOCATION_OBJECTS.has(k))
        ? [...specific, ...generic]
        : specific;
  const implied = objects.length === 0;
  if (implied) {
    objects = [...new Set(faults.map((f) => IMPLIED_OBJECT[f]).filter((o): o is string => o !== undefined))];
  }
  const within = actedIn ?? withinOf(normalised, heads, objects);
  const where = placeOf(normalised, place);
  // The estate's main road, named beside a building: the road is the place, the building a landmark.
  if (where.spot === undefined && MAIN_ROAD.test(normalised)) where.spot = '主干道';
  // "南边道闸", "南边的大铁门": the gate on that side of the estate.
  const side = where.spot !== undefined && /^[东西南北]区$/u.exec(where.spot);
  if (side && objects.some((o) => GATE_THINGS.has(o))) where.spot = `${where.spot![0]}门`;
  const time = TIMES.find(([, pattern]) => {
    pattern.lastIndex = 0;
    return pattern.test(normalised);
  })?.[0];
  // Gas smelt is gas leaking ("燃气表那里有味道", "smells of gas"), wherever it is smelt ("楼道里有煤气味").
  if (objects.includes('gas') && faults.includes('smell') && !faults.includes('gas_leak')) faults.push('gas_leak');
  if (faults.includes('gas_leak') && !objects.includes('gas') && objects.every((o) => LOCATION_OBJECTS.has(o)))
    objects = [...objects, 'gas'];
  // A dark corridor is its light out ("楼道黑漆漆的" is "楼道灯不亮").
  if (objects.length === 1 && objects[0] === 'corridor' && faults.includes('dark')) objects = ['corridor_light'];
  // A ceiling under the roof is the roof seen from the top floor ("顶楼天花板漏雨", "顶层我家天花板").
  if (objects.includes('ceiling') && TOP_FLOOR.test(normalised))
    objects = [...new Set(objects.map((o) => (o === 'ceiling' ? 'roof' : o)))];
  const lift = LIFT_ID.exec(told);
  const liftId = lift && (lift[1] ?? lift[2] ?? lift[3]);
  const numbered = INSTANCE.exec(told);
  const instance = numbered && (numbered[1] ?? numbered[2] ?? numbered[3]);
  const compass = COMPASS.exec(normalised);
  const compassSide = compass && COMPASS_SIDES[compass[1] ?? compass[2] ?? ''];
  const kind = objects.includes('tree') ? TREE_KIND.exec(normalised) : null;
  return {
    objects,
    faults,
    place: {
      ...where,
      ...(OURS.test(normalised) && { ours: true }),
      ...(liftId && { lift: /^\d$/.test(liftId) ? liftId : String(parseChineseNumber(liftId) ?? liftId) }),
      ...(instance && {
        instance: /^\d+$/.test(instance) ? String(Number(instance)) : String(parseChineseNumber(instance) ?? instance),
      }),
      ...(compassSide && { compass: compassSide }),
    },
    urgent: urgency === 'urgent',
    ...(implied && objects.length > 0 && { implied: true }),
    ...(atHome(normalised, implied ? [] : named) && { home: true }),
    ...(ONLY_MINE.test(normalised) && { onlyMine: true }),
    ...(COMMONS.test(normalised) && { common: true }),
    ...(time !== undefined && { time }),
    ...(within !== undefined && { within }),
    ...(RESOLVED_WORDS.test(normalised) && !AGAIN_WORDS.test(normalised) && { resolved: true }),
    ...(((faults.length === 0 && ASKS.test(normalised) && !REPAIR_ASKED.test(normalised)) ||
      ASKS_SERVICE.test(normalised)) && { asks: true }),
    ...(OTHER_ONE.test(told) && { other: true }),
    ...(kind && { kind: kind[1] ?? kind[2] }),
  };
}

const MAIN_ROAD = /主干道|主干路|主路|\bmain road\b/u;

/** Things at a gate of the estate. */
const GATE_THINGS: ReadonlySet<string> = new Set(['gate_barrier', 'gate']);

/** Where in a building a thing is, said right before it. */
const WITHIN: ReadonlyArray<readonly [string, RegExp]> = [
  ['lift', /(电梯|轿厢|升降机|𨋢)(里|内|里面|入面)?(的|那个|嘅)?\s*$|\b(in|inside) the (lift|elevator)( the)?\s*$/u],
  [
    'entrance',
    /(单元门口|门口|大堂|大厅|门厅|入口|单元门)(的|那个|上面的|上方的|嘅)?\s*$|\b(at|by|above) the (entrance|front door|lobby)( the)?\s*$/u,
  ],
  ['garage', /(车库|地库|停车场)(里|内)?(的|那个)?\s*$/u],
  ['corridor', /(楼道|走廊|楼梯间|过道)(里|内|上)?(的|那个)?\s*$/u],
];

/** …and in English, right after it ("the camera in the lift"). */
const WITHIN_AFTER: ReadonlyArray<readonly [string, RegExp]> = [
  ['lift', /^\s*(in|inside) the (lift|elevator)\b/u],
  ['entrance', /^\s*(above|at|by|over|outside) the (entrance|front door|lobby|main door)\b/u],
  ['garage', /^\s*in the (garage|car ?park|basement)\b/u],
  ['corridor', /^\s*(in|on) the (corridor|stair(well|case|s)|landing|hallway)\b/u],
];

/** The place in the building said right before (or in English after) the first thing named that is not itself such a place. */
function withinOf(
  normalised: string,
  heads: ReadonlyArray<{ key: string; start: number; end: number }>,
  objects: readonly string[],
): string | undefined {
  for (const head of heads) {
    if (!objects.includes(head.key) || WITHIN_PLACES.has(head.key)) continue;
    const before = normalised.slice(Math.max(0, head.start - 8), head.start);
    const after = normalised.slice(head.end, head.end + 24);
    const found =
      WITHIN.find(([, pattern]) => pattern.test(before))?.[0] ??
      WITHIN_AFTER.find(([, pattern]) => pattern.test(after))?.[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Objects that are themselves a place in the building: nothing is "within" them in this sense. */
const WITHIN_PLACES: ReadonlySet<string> = new Set(['lift', 'service_lift', 'corridor', 'entrance_door', 'basement']);

const CN_DIGIT = '[一二三四五六七八九十两]{1,3}';
const FLOOR = new RegExp(
  `(?<![\\d负下b])(\\d{1,2}|${CN_DIGIT})\\s*(?:楼|层|f\\b)(?![下上顶道梯房])|\\b(\\d{1,2})(?:st|nd|rd|th)? floor\\b|\\bfloor (\\d{1,2})\\b|\\b(\\d{1,2})\\/f\\b`,
  'u',
);
const SOME_FLOOR =
  /有一层|某一层|某层|有几层|有的楼层|我家门口|我家那层|我家这层|我们这层|我们那层|我们楼层|one floor|some floors|(my|our) floor/u;
const ALL_FLOORS =
  /整栋|整幢|整座|整个楼|整楼|全楼|整个楼梯间|整个楼道|所有楼层|每一层|每层|全部楼层|各层|各楼层|whole (building|block|stair)|entire (building|block)|all (the )?floors|every floor|are all out/u;
/** "都不亮", "全坏了": all of them, when no floor is named. */
const ALL_OF_THEM = /都不亮|全都不亮|全部不亮|全不亮|全坏了|全灭|都坏了|all (the )?lights|lights are all/u;
const ZONE = /(?<![a-z])([a-z])\s*区|\b(?:zone|area) ([a-z])\b/u;
const LEVEL = /(?<![a-z0-9])b([1-3])(?![0-9])|(?:负|地下)\s*([一二三1-3])\s*(?:层|楼)|\blevel (?:b|-)([1-3])\b/u;
const PHASE =
  /(?<![\d一二三四五六七八九十])(?:第)?([\d一二三四五六七八九十]{1,2})\s*期(?!间|限|待|望|货)|\bphase (\d{1,2})\b/u;
/**
 * A stretch of the estate's wall named by its side ("西围墙", "北边围墙"): the estate's side, as the
 * classifier names it for "小区西边".
 */
const SIDE_WALL = /(东|西|南|北)(边|侧|面)?的?(围墙|围栏|墙)/u;
const WAY_IN = /入口|进口|\bentrance\b(?! doors?)|\bway in\b/u;
const WAY_OUT = /出口(?!指示)|\bexit\b(?! signs?)|\bway out\b/u;

/** A parking space's number: after a level ("B1-086"), or before or after the word for the space. */
const SPACE =
  /\bb[1-3]\s*[-－的]?\s*(\d{2,4})(?!\d)|(?<![\d-])(\d{2,4})\s*号?\s*(?:车位|停车位)|(?:车位|停车位|\bspace)\s*(?:号|号码|no\.?|number)?\s*(?:b[1-3]\s*-?\s*)?(\d{2,4})(?!\d)/u;

/**
 * A flat's number: right after its building or unit ("6号楼701", "3单元502"), before 室/房 ("1701室"),
 * after who lives there ("我是801的", "住1502", "楼下701"), or the last part of "3-2-501".
 */
const FLAT =
  /(?:号楼|栋|幢|座|单元|#)\s*(\d{3,4})(?![\d号栋幢座层车位]|楼(?![上下]))|(?<![\d-])(\d{3,4})\s*(?:室|房|号房)|(?:我是|我家|我住|住在?|楼下|楼上|业主|住户)\s*(\d{3,4})(?![\d号栋幢座楼层车位])|(?<![\d-])\d{1,2}-\d{1,2}-(\d{3,4})(?![\d-])|\b(?:flat|apartment|apt|room|unit)\s*(\d{3,4})\b/gu;

/** A flat named as the resident's own: "我是801的", "我住1402", "住在1203". */
const OWN_FLAT = /^(我是|我家|我住|住|业主|住户)/u;

type TextPlace = Pick<ProblemPlace, 'floor' | 'zone' | 'level' | 'phase' | 'way' | 'space' | 'flats' | 'ownFlats'>;

/** The floor, zone, level, phase and way a text names, which the classifier's place does not keep. */
function placeInText(normalised: string): TextPlace {
  const out: TextPlace = {};
  const m = FLOOR.exec(normalised);
  const n = m && (m[1] ?? m[2] ?? m[3] ?? m[4]);
  if (ALL_FLOORS.test(normalised)) out.floor = 'all';
  else if (n) out.floor = String(/^\d+$/.test(n) ? Number(n) : (parseChineseNumber(n) ?? n));
  else if (SOME_FLOOR.test(normalised)) out.floor = 'some';
  else if (ALL_OF_THEM.test(normalised)) out.floor = 'all';
  const z = ZONE.exec(normalised);
  const l = LEVEL.exec(normalised);
  const level = l && (l[1] ?? l[2] ?? l[3]);
  if (level) out.level = `b${parseChineseNumber(level) ?? level}`;
  const zone = z ? (z[1] ?? z[2]) : out.level;
  if (zone !== undefined) out.zone = zone;
  const ph = PHASE.exec(normalised);
  const phase = ph && (ph[1] ?? ph[2]);
  if (phase) out.phase = String(/^\d+$/.test(phase) ? Number(phase) : (parseChineseNumber(phase) ?? phase));
  const wayIn = WAY_IN.test(normalised);
  const wayOut = WAY_OUT.test(normalised.replace(/fire exit|安全出口/gu, ''));
  if (wayIn !== wayOut) out.way = wayIn ? 'in' : 'out';
  const s = SPACE.exec(normalised);
  const space = s && (s[1] ?? s[2] ?? s[3]);
  if (space) out.space = String(Number(space));
  let flats: string[] | undefined;
  let own: string[] | undefined;
  FLAT.lastIndex = 0;
  for (let f = FLAT.exec(normalised); f !== null; f = FLAT.exec(normalised)) {
    const flat = f[1] ?? f[2] ?? f[3] ?? f[4] ?? f[5];
    if (flat === undefined) continue;
    (flats ??= []).push(String(Number(flat)));
    if (OWN_FLAT.test(f[0])) (own ??= []).push(String(Number(flat)));
  }
  if (flats) out.flats = flats;
  if (own) out.ownFlats = own;
  return out;
}

/**
 * Whether the text puts what is wrong in the resident's home: "我家" right before a thing named, or
 * "only mine" said outright ("我家停电了 别人家有电"). "我家停水了" alone is most often the building's.
 */
function atHome(normalised: string, named: readonly number[]): boolean {
  return ONLY_MINE.test(normalised) || named.some((at) => HOME_BEFORE.test(normalised.slice(Math.max(0, at - 12), at)));
}

const ONLY_MINE = /只有我家|就我家|别人家(都)?有|邻居家(都)?有|其他人家(都)?有|only (my|our) (flat|home|apartment)/u;

const GATE_SPOT =
  /\b(north|south|east|west)(?: (?:pedestrian|main|side|back|car|vehicle))? gate\b|\b(dong|xi|nan|bei)\s*(?:da\s*)?men\b/u;
const GATE_SIDES: Readonly<Record<string, string>> = {
  north: '北',
  south: '南',
  east: '东',
  west: '西',
  dong: '东',
  xi: '西',
  nan: '南',
  bei: '北',
};

const TOP_FLOOR = /顶楼|顶层|最高层|最高那层|楼顶|top floor/u;

/**
 * The place of a problem: the classifier's, with what the text says that it does not keep. A level
 * under ground with no spot and no building is the car park ("地下一层A区"); a stretch of the estate's
 * wall with no spot is on that side of the estate ("西围墙" → 西区).
 */
function placeOf(normalised: string, place: Place | null): ProblemPlace {
  const out: ProblemPlace = { ...problemPlace(place), ...placeInText(normalised) };
  // A level under ground is never the surface car park the classifier may read in "地下二层停车场".
  if (out.level !== undefined && out.spot === '地面停车场') out.spot = '地下车库';
  // A gate of the estate in English or typed in pinyin ("the north pedestrian gate", "xi men"), which the
  // classifier leaves unplaced.
  const gate = out.spot === undefined ? GATE_SPOT.exec(normalised) : null;
  if (gate) out.spot = `${GATE_SIDES[gate[1] ?? gate[2] ?? ''] ?? ''}门`;
  if (out.spot === undefined && out.building === undefined) {
    const wall = SIDE_WALL.exec(normalised);
    if (out.level !== undefined) out.spot = '地下车库';
    else if (wall) out.spot = `${wall[1]}区`;
  }
  return out;
}

/** The classifier's place as problems compare it: a spot relative to a building becomes a side. */
export function problemPlace(place: Place | null): ProblemPlace {
  if (!place) return {};
  const out: ProblemPlace = {};
  if (place.building !== undefined) out.building = place.building.toLowerCase();
  if (place.unit !== undefined) out.unit = place.unit;
  if (place.spot !== undefined) {
    const relative = place.building !== undefined && place.spot.startsWith(`${place.building}号楼`);
    if (relative) {
      const side = SIDES.find(([, pattern]) => pattern.test(place.spot!))?.[0];
      if (side !== undefined) out.side = side;
    } else {
      out.spot = place.spot;
    }
  }
  return out;
}

/** Spaces as long as the match, so that words on either side of a removed phrase do not join. */
function blank(match: string): string {
  return ' '.repeat(match.length);
}
