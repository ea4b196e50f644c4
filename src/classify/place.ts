import type { Place } from './classifier.ts';
import { parseChineseNumber } from './chinese-number.ts';
import { LiteralAlternation } from './literal-alternation.ts';
import { matchesOf } from './matches.ts';
import { normaliseText } from './normalise-text.ts';

const CN_NUMERAL = '[零〇一二三四五六七八九十]{1,3}';
const NUMBER = `(\\d{1,3}|${CN_NUMERAL})`;

// "12月5号楼道灯不亮" is the 5th of December, not building 5: no number right after 月 or a digit.
const NOT_A_DATE = '(?<![月\\d.])';

const CHINESE_BUILDING = new RegExp(
  `${NOT_A_DATE}(第\\s*)?${NUMBER}\\s*(?:#\\s*楼|号楼|号院|号\\s*[栋幢座](?![椅位])|栋|幢|座(?![椅位])|#|号(?=\\s*(?:\\d{1,2}|${CN_NUMERAL})\\s*单元))`,
  'g',
);
const LETTER_BUILDING = /(?<![a-z])([a-z])\s*(?:座(?![椅位])|栋|幢|楼)/g;
const ENGLISH_BUILDING = /\b(?:building|bldg\.?|block|blk\.?|tower)\s*(?:no\.?\s*|#\s*)?(\d{1,3}|[a-z])\b/g;
/** Pinyin typed without the Chinese input method: "7 hao lou", "3 dong", "12haolou". */
const PINYIN_BUILDING = /(?<![\d.])(\d{1,3})\s*(?:hao\s*lou|hao\s*dong|dong|zhuang)\b/g;
const DASHED_ADDRESS = /(?<![\d-])(\d{1,2})-(\d{1,2})-\d{3,4}(?![\d-])/g;

const CHINESE_UNIT = new RegExp(`(?:第\\s*)?(\\d{1,2}|${CN_NUMERAL})\\s*单元`, 'g');
const ENGLISH_UNIT = /\b(?:unit|entrance)\s*(?:no\.?\s*)?(\d{1,2})\b/g;

const RELATIONS: ReadonlyArray<readonly [canonical: string, ...aliases: string[]]> = [
  ['后面', '后面', '后边', '后头', '背后', '后侧'],
  ['前面', '前面', '前边', '前头', '前侧'],
  ['旁边', '旁边', '侧面', '边上', '附近', '周边', '周围'],
  ['门口', '门口', '门前', '入口'],
  ['楼下', '楼下', '下面', '下'],
  ['对面', '对面'],
  ['东侧', '东侧', '东边'],
  ['西侧', '西侧', '西边'],
  ['南侧', '南侧', '南边'],
  ['北侧', '北侧', '北边'],
];
const RELATION_BY_ALIAS = new Map(RELATIONS.flatMap(([canonical, ...aliases]) => aliases.map((a) => [a, canonical])));
const RELATION_AFTER_BUILDING = new RegExp(
  `^\\s*(?:楼(?=下|后|前|旁|门))?\\s*(?:的\\s*)?(${[...RELATION_BY_ALIAS.keys()].sort((a, b) => b.length - a.length).join('|')})`,
);
const ENGLISH_RELATIONS: ReadonlyArray<readonly [string, string]> = [
  ['behind', '后面'],
  ['at the back of', '后面'],
  ['round the back of', '后面'],
  ['at the front of', '前面'],
  ['in front of', '前面'],
  ['next to', '旁边'],
  ['beside', '旁边'],
  ['near', '旁边'],
  ['outside', '门口'],
  ['opposite', '对面'],
  ['under', '楼下'],
];
const ENGLISH_RELATION_BEFORE_BUILDING = new RegExp(
  `\\b(${ENGLISH_RELATIONS.map(([words]) => words).join('|')})\\s+(?:the\\s+)?(?:building|bldg\\.?|block|blk\\.?|tower)\\s*(?:no\\.?\\s*)?(\\d{1,3}|[a-z])\\b`,
  'g',
);

const COMPASS: Readonly<Record<string, string>> = {
  东: 'east',
  西: 'west',
  南: 'south',
  北: 'north',
  东南: 'south-east',
  东北: 'north-east',
  西南: 'south-west',
  西北: 'north-west',
};

/** Named spots of an estate, canonical name first, then what residents write for it. */
const SPOTS: ReadonlyArray<readonly [canonical: string, ...aliases: string[]]> = [
  [
    '中心花园',
    '中心花园',
    '中央花园',
    '小区花园',
    '社区中庭',
    '小区中庭',
    '中庭',
    'central garden',
    'centre garden',
    'center garden',
    'courtyard',
  ],
  [
    '地下车库',
    '地下车库',
    '地下停车场',
    '地下停车库',
    '地库',
    '车库',
    'underground car park',
    'underground carpark',
    'underground garage',
    'underground parking',
    'basement car park',
    'basement carpark',
    'basement garage',
    'basement parking',
    'garage',
  ],
  ['地面停车场', '地面停车场', '露天停车场', '停车场', 'car park', 'carpark', 'parking lot'],
  // The gate on a side of the estate: "西边大门", "西边的大门" is the west gate.
  ...(['东', '西', '南', '北'] as const).map(
    (d) =>
      [
        `${d}门`,
        `${d}门`,
        `${d}大门`,
        `${d}边大门`,
        `${d}边的大门`,
        `${d}面大门`,
        `${d}侧大门`,
        `${COMPASS[d]} gate`,
        `${COMPASS[d]} entrance`,
      ] as const,
  ),
  [
    '小区门口',
    '小区门口',
    '小区大门',
    '小区正门',
    '小区入口',
    '大门口',
    '正门',
    'main gate',
    'front gate',
    'main entrance',
    'estate entrance',
  ],
  ['后门', '小区后门', '后门', 'back gate'],
  ['儿童乐园', '儿童乐园', '儿童游乐场', '儿童游乐区', '游乐场', '游乐区', 'playground', 'play area'],
  ['篮球场', '篮球场', 'basketball court'],
  ['健身区', '健身区', '健身角', '健身点', '健身器材', '健身广场', 'fitness area', 'outdoor gym', 'gym equipment'],
  [
    '垃圾站',
    '垃圾站',
    '垃圾房',
    '垃圾中转站',
    '垃圾收集点',
    '垃圾分类亭',
    '垃圾投放点',
    '垃圾分类点',
    '分类点',
    'garbage station',
    'rubbish room',
    'bin room',
    'refuse room',
    'bin store',
  ],
  ['会所', '会所', 'clubhouse'],
  ['游泳池', '游泳池', '泳池', 'swimming pool', 'pool'],
  ['物业办公室', '物业办公室', '物业服务中心', '物业中心', 'management office'],
  ['车棚', '自行车棚', '电动车棚', '非机动车棚', '车棚', '单车棚', '单车房', '自行车房', 'bike shed', 'bicycle shed'],
  ['中心广场', '中心广场', '小区广场', '广场', 'plaza'],
  [
    '人工湖',
    '人工湖',
    '景观湖',
    '景观水池',
    '湖边',
    '湖里',
    '湖水',
    '湖面',
    '那个湖',
    '小区的湖',
    '池塘',
    'pond',
    'lake',
  ],
  ['幼儿园', '幼儿园', 'kindergarten', 'nursery'],
  // The river or stream through the estate, and the small park.
  ['河边', '河边', '小河边', '河道', '小河', '河里', 'riverside', 'river bank', 'the river', 'the stream'],
  ['小公园', '小公园', '小游园', '公园', 'small park', 'the park'],
  ['快递柜', '快递柜', '丰巢柜', '丰巢', 'parcel locker'],
  ['网球场', '网球场', 'tennis court'],
  ['羽毛球场', '羽毛球场', 'badminton court'],
  ['凉亭', '凉亭', 'pavilion'],
  ['主干道', '主干道', '小区主路', '主路', '主干路', 'main road'],
  // Shared rooms of the estate, named as residents name them.
  [
    '活动室',
    '老年活动室',
    '老年活动中心',
    '老人活动室',
    '老人活动中心',
    '社区活动中心',
    '活动中心',
    '活动室',
    "senior citizens' room",
    'activity room',
    'community room',
    'community centre',
    'community center',
  ],
  ['棋牌室', '棋牌室', '麻将室', 'mahjong room'],
  ['阅览室', '阅览室', '图书室', '图书角', 'reading room', 'library'],
  ['室内健身房', '室内健身房', '健身房', 'indoor gym'],
  // The estate's sides and corners, when no building is named ("小区东边那排树", "西南角的围墙").
  ...(['东', '西', '南', '北', '东南', '东北', '西南', '西北'] as const).map(
    (d) =>
      [
        `${d}区`,
        `${d}区`,
        `小区${d}边`,
        `小区${d}面`,
        `小区${d}侧`,
        `小区${d}部`,
        `${d}面`,
        `${d}边`,
        `${d}侧`,
        `${d}部`,
        `${d}围墙`,
        `${d}围栏`,
        ...(d.length === 2 ? [`${d}角`] : []),
        `${COMPASS[d]} side`,
        ...(d.length === 1 ? [`${COMPASS[d]} end`, `${COMPASS[d]}ern side`] : [`${COMPASS[d]} corner`]),
      ] as const,
  ),
];

/** Spots that are also things, or only a side of the estate: another spot named in the text wins. */
const WEAK_SPOTS: ReadonlySet<string> = new Set([
  '快递柜',
  ...['东', '西', '南', '北', '东南', '东北', '西南', '西北'].map((d) => `${d}区`),
]);

/**
 * "花园" alone is the estate's garden ("花园里的路灯", "花园中间那棵树") — but not the end of an estate's
 * name ("阳光花园3号楼"): only at the start of a clause or after a word that places it.
 */
/** "大门" alone is the estate's gate ("大門嘅閘口"), not a building's or a flat's ("单元大门", "我家大门"). */
const ESTATE_GATE = /(?<![元楼栋幢座家屋户东西南北])大门(?!口)/g;

const GARDEN =
  /(?<![\u4e00-\u9fff]|[在到去的个])花园(?![小区\d一二三四五六七八九十])|(?<=[在到去的个把从往])花园(?![小区\d])/g;
/** The English name of a canonical spot, when it has one ("中心花园" → "central garden"). */
export function englishSpotName(canonical: string): string | undefined {
  return SPOTS.find(([name]) => name === canonical)
    ?.slice(1)
    .find((alias) => /^[a-z]/.test(alias));
}

const SPOT_BY_ALIAS = new Map(SPOTS.flatMap(([canonical, ...aliases]) => aliases.map((a) => [a, canonical])));
// The aliases as one pattern, longest first, English ones as whole words: /花园|\bplay area\b|…/g.
const SPOT_PATTERN = new LiteralAlternation([...SPOT_BY_ALIAS.keys()].sort((a, b) => b.length - a.length));

interface Found {
  start: number;
  end: number;
  value: string;
}

/**
 * Reads the place a message names, if any: the building (normalised, so "3号楼", "3栋", "三号楼",
 * "第三棟", "3#" and "building 3" all give "3"; "B座" and "block B" give "B"), the unit (2单元,
 * 第二單元, "3-2-501" → building 3 unit 2) and a named spot ("中心花园", "地下车库", "12栋后面" →
 * "12号楼后面"). Spots are normalised to their Chinese name so reports in any language group together.
 *
 * Returns null when the text names no place. `text` is the span of the original text the place was
 * read from (the pieces joined by a space when they lie far apart). Floors ("3楼", "3层") and dates
 * ("5号", "12月5号") are not buildings. Pass `normalised` when the caller already has it.
 */
export function extractPlace(text: string, normalised: string = normaliseText(text)): Place | null {
  const building = findBuilding(text, normalised);
  const unit = findUnit(normalised, building);
  const spot =
    findRelationSpot(normalised, building) ?? findNamedSpot(normalised) ?? (building ? null : findZone(normalised));
  const pieces = [building, unit, spot].filter((piece): piece is Found => piece !== null);
  if (pieces.length === 0) return null;

  return {
    ...(building && { building: building.value }),
    ...(unit && { unit: unit.value }),
    ...(spot && { spot: spot.value }),
    text: spanText(text, pieces),
  };
}

function findBuilding(original: string, normalised: string): Found | null {
  const candidates: Found[] = [];
  for (const match of matchesOf(CHINESE_BUILDING, normalised)) {
    const numeral = match[2] ?? '';
    // "一栋楼" is "a building", not building 1.
    if (numeral === '一' && /^[栋座幢]楼/.test(normalised.slice(match.index + match[0].length - 1))) continue;
    const value = parseChineseNumber(numeral);
    if (value === null || value === 0) continue;
    candidates.push({ start: match.index, end: match.index + match[0].length, value: String(value) });
  }
  for (const match of matchesOf(LETTER_BUILDING, normalised)) {
    candidates.push({ start: match.index, end: match.index + match[0].length, value: (match[1] ?? '').toUpperCase() });
  }
  for (const match of matchesOf(ENGLISH_BUILDING, normalised)) {
    const value = match[1] ?? '';
    const at = match.index + match[0].length - value.length;
    // "block a fire exit" is a verb and an article: a lettered block is written with a capital.
    if (/[a-z]/.test(value) && !/[A-Z]/.test(original[at] ?? '')) continue;
    candidates.push({ start: match.index, end: match.index + match[0].length, value: normaliseNumber(value) });
  }
  for (const match of matchesOf(PINYIN_BUILDING, normalised)) {
    candidates.push({ start: match.index, end: match.index + match[0].length, value: normaliseNumber(match[1] ?? '') });
  }
  for (const match of matchesOf(DASHED_ADDRESS, normalised)) {
    candidates.push({
      start: match.index,
      end: match.index + (match[1] ?? '').length,
      value: normaliseNumber(match[1] ?? ''),
    });
  }
  return earliest(candidates);
}

function findUnit(normalised: string, building: Found | null): Found | null {
  const dashed = building ? dashedUnitAt(normalised, building.start) : null;
  if (dashed) return dashed;
  const candidates: Found[] = [];
  for (const match of matchesOf(CHINESE_UNIT, normalised)) {
    const value = parseChineseNumber(match[1] ?? '');
    if (value === null || value === 0) continue;
    candidates.push({ start: match.index, end: match.index + match[0].length, value: String(value) });
  }
  if (building) {
    // In English "unit 12" is usually a flat, so it only counts right after a building.
    for (const match of matchesOf(ENGLISH_UNIT, normalised)) {
      const gap = match.index - building.end;
      if (gap >= 0 && gap <= 3) {
        candidates.push({
          start: match.index,
          end: match.index + match[0].length,
          value: normaliseNumber(match[1] ?? ''),
        });
      }
    }
    const right = candidates.find((c) => c.start >= building.end && c.start - building.end <= 4);
    if (right) return right;
  }
  return earliest(candidates);
}

function dashedUnitAt(normalised: string, start: number): Found | null {
  const match = /^(\d{1,2})-(\d{1,2})-\d{3,4}/.exec(normalised.slice(start));
  if (!match) return null;
  const unitStart = start + (match[1] ?? '').length + 1;
  return { start: unitStart, end: unitStart + (match[2] ?? '').length, value: normaliseNumber(match[2] ?? '') };
}

function findRelationSpot(normalised: string, building: Found | null): Found | null {
  if (building) {
    const match = RELATION_AFTER_BUILDING.exec(normalised.slice(building.end));
    const relation = match ? RELATION_BY_ALIAS.get(match[1] ?? '') : undefined;
    if (match && relation) {
      return { start: building.start, end: building.end + match[0].length, value: `${building.value}号楼${relation}` };
    }
  }
  for (const match of matchesOf(ENGLISH_RELATION_BEFORE_BUILDING, normalised)) {
    const relation = ENGLISH_RELATIONS.find(([words]) => words === match[1])?.[1];
    if (!relation) continue;
    const value = normaliseNumber(match[2] ?? '');
    if (building && value !== building.value) continue;
    return { start: match.index, end: match.index + match[0].length, value: `${value}号楼${relation}` };
  }
  return null;
}

const PHASE_ZONE =
  /(?<![\d一二三四五六七八九十])(?:第)?([\d一二三四五六七八九十]{1,2})\s*期(?!间|限|待|望|货)\s*(?:([a-z])\s*区)?|(?<![a-z])([a-z])\s*区/u;
const UNDERGROUND_LEVEL = /(?:地下|负)\s*[一二三1-3]\s*(?:层|楼)|(?<![a-z0-9-])b[1-3](?![0-9a-z-])/u;

/**
 * With no building and no named spot, a phase or a lettered zone of the estate is the spot ("五期H区"
 * → "5期H区", "B区" → "B区"), and a level under ground is the car park ("地下二层B区" → 地下车库): the
 * resident has said where, and neighbours saying the same place find each other's tickets there.
 */
function findZone(normalised: string): Found | null {
  const level = UNDERGROUND_LEVEL.exec(normalised);
  if (level) return { start: level.index, end: level.index + level[0].length, value: '地下车库' };
  const match = PHASE_ZONE.exec(normalised);
  if (!match) return null;
  const phase =
    match[1] === undefined ? '' : `${/^\d+$/.test(match[1]) ? Number(match[1]) : parseChineseNumber(match[1])}期`;
  const zone = match[2] ?? match[3];
  return {
    start: match.index,
    end: match.index + match[0].length,
    value: `${phase}${zone ? `${zone.toUpperCase()}区` : ''}`,
  };
}

function findNamedSpot(normalised: string): Found | null {
  let weak: Found | null = null;
  const found: Found[] = [];
  for (const match of SPOT_PATTERN.matchAll(normalised)) {
    const value = SPOT_BY_ALIAS.get(match[0]);
    if (value) found.push({ start: match.index, end: match.index + match[0].length, value });
  }
  for (const match of matchesOf(GARDEN, normalised)) {
    found.push({ start: match.index, end: match.index + match[0].length, value: '中心花园' });
  }
  for (const match of matchesOf(ESTATE_GATE, normalised)) {
    found.push({ start: match.index, end: match.index + match[0].length, value: '小区门口' });
  }
  found.sort((x, y) => x.start - y.start);
  for (const spot of found) {
    if (!WEAK_SPOTS.has(spot.value)) return spot;
    weak ??= spot;
  }
  return weak;
}

function normaliseNumber(value: string): string {
  return /^\d+$/.test(value) ? String(Number.parseInt(value, 10)) : value.toUpperCase();
}

function earliest(candidates: Found[]): Found | null {
  let best: Found | null = null;
  for (const candidate of candidates) {
    if (!best || candidate.start < best.start) best = candidate;
  }
  return best;
}

function spanText(original: string, pieces: Found[]): string {
  // Pieces written together ("3号楼2单元", "12栋后面") read as one span; pieces far apart are joined
  // with a space rather than swallowing the words between them.
  const sorted = [...pieces].sort((a, b) => a.start - b.start);
  const spans: Array<{ start: number; end: number }> = [];
  for (const piece of sorted) {
    const last = spans.at(-1);
    if (last && piece.start - last.end <= 3) last.end = Math.max(last.end, piece.end);
    else spans.push({ start: piece.start, end: piece.end });
  }
  return spans.map((span) => original.slice(span.start, span.end).trim()).join(' ');
}
