import type { Problem, ProblemPlace } from './problem.ts';
import {
  ACTIONS,
  DAMAGE,
  FAULT_FAMILY,
  FLOOR_OBJECTS,
  GIVING_WAY,
  HAZARD_FAULTS,
  KINDS_OF_BROKEN,
  LOCATION_OBJECTS,
  LOOSE_FAMILIES,
  OBJECT_FAMILY,
  PESTS,
  SUPPLY_FAULTS,
} from './problem-words.ts';

/** Why two reports are, or are not, one problem. */
export type SameProblemReason =
  | 'same'
  | 'resolved'
  | 'urgency'
  | 'building'
  | 'unit'
  | 'spot'
  | 'side'
  | 'no-place'
  | 'object'
  | 'fault'
  | 'nothing-named';

export interface SameProblemVerdict {
  same: boolean;
  /** `same`, or the first thing that differs. */
  reason: SameProblemReason;
  /** 0..1: how much of what is wrong the two share (to prefer one candidate over another). */
  strength: number;
}

/**
 * Whether a new report (`b`) describes the same problem as an earlier one (`a`): an urgent report joins a
 * routine one only when it says nothing the routine one did not (the same faults: "9栋断电了" read as
 * urgent for "9号楼停电了"), and a routine one joins an urgent one only with a fault in common; the place agrees
 * (building, unit, spot and side, where both say them; at least one of building or spot known), and
 * what is wrong agrees: an object in common (or a generic word of the other's family, "门" for
 * "单元门") and compatible faults ("坏了" and "不亮" may be one fault; "停水" and "停电" are not).
 * Sharing a building and "坏了" is not enough: "电梯坏了" and "单元门坏了" are two problems.
 */
export function sameProblem(a: Problem, b: Problem): SameProblemVerdict {
  const no = (reason: SameProblemReason): SameProblemVerdict => ({ same: false, reason, strength: 0 });
  // "昨天停水 后来来水了" tells of a problem that is over: today's "又停水了" is a new one, and a thanks
  // for a repair is no report of an open problem to join.
  if (a.resolved === true || b.resolved === true) return no('resolved');
  // An urgent report that tells more than the routine ticket (someone trapped, a fire) raises its own
  // alarm; one that tells the same present problem in more anxious words is that ticket.
  if (b.urgent && !a.urgent && !urgentSaysNoMore(b, a)) return no('urgency');
  const place = placesAgree(a.place, b.place);
  if (place !== 'same' && !(place === 'no-place' && unplacedAgree(a, b))) return no(place);
  // "另一部电梯" is another lift than the one reported; a willow is not a cherry tree.
  if (a.other === true || b.other === true) return no('object');
  if (a.kind !== undefined && b.kind !== undefined && a.kind !== b.kind) return no('object');
  const verdict = leakBetweenFlats(a, b) ?? whatIsWrongAgrees(a, b);
  if (verdict.same && !floorsAgree(a, b)) return no('spot');
  if (verdict.same && !flatsAgree(a, b)) return no('spot');
  // The camera in the lift and the one at the entrance: the same kind of thing in two places.
  if (verdict.same && a.within !== undefined && b.within !== undefined && a.within !== b.within) return no('object');
  // …and the camera in the lift is not the one downstairs or at the door of the building.
  const outside = (p: Problem) => p.place.side !== undefined && p.within !== 'lift';
  if (verdict.same && ((a.within === 'lift' && outside(b)) || (b.within === 'lift' && outside(a)))) return no('object');
  // A routine report joins an urgent ticket only when it names the same fault ("水管在漏水" for a burst
  // pipe flooding the stairs), never a lesser one ("电梯按钮不亮" for someone trapped in the lift).
  if (verdict.same && a.urgent && !b.urgent && !a.faults.some((f) => b.faults.includes(f)) && !urgentSaysNoMore(a, b))
    return no('urgency');
  return verdict;
}

/**
 * Whether two reports, one or both of which say nowhere, tell of one problem all the same: one thing
 * (not a generic word, not only where it is) with one fault, as of a fee the whole estate pays
 * ("物业费涨了" / "物业费怎么比去年贵了") or a thing there is one of ("河边的柳树枯了" / "小区河边那几棵柳树死了",
 * "小区楼道墙皮脱落" / "6栋3单元楼梯间墙皮往下掉"). Intake asks a resident where before it files a complaint,
 * so this decides pairs put to the matcher, not tickets.
 */
function unplacedAgree(a: Problem, b: Problem): boolean {
  if (a.place.ours === true || b.place.ours === true) return false;
  const family = (f: string) => FAULT_FAMILY[f] ?? f;
  const shared = a.objects.filter((o) => b.objects.includes(o));
  // What people do, or pests, with nothing else said: "小区里好多蚊子" / "小区蚊子太多了".
  if (a.faults.length === 0 && b.faults.length === 0) return shared.some((o) => ACTIONS.has(o) || PESTS.has(o));
  // A supply both say is off or weak, where neither says where: "水压太低了" / "水压不够".
  const nowhere = (p: Problem) => placesAgree(p.place, p.place) === 'no-place';
  if (nowhere(a) && nowhere(b) && a.faults.some((f) => SUPPLY_FAULTS.has(f) && b.faults.includes(f))) return true;
  const onlyBroken = (x: readonly string[]) => x.every((f) => KINDS_OF_BROKEN.has(f));
  return (
    shared.some((o) => !o.endsWith('*') && !LOCATION_OBJECTS.has(o)) &&
    (a.faults.some((f) => b.faults.some((g) => family(f) === family(g))) ||
      // "门禁坏了" and "门禁刷不开": "broken" and a way of being broken.
      (a.faults.includes('broken') && onlyBroken(b.faults)) ||
      (b.faults.includes('broken') && onlyBroken(a.faults)))
  );
}

/**
 * Whether two reports say the same thing is wrong, wherever and however urgent: an object in common
 * (or a generic word of the other's family) and compatible faults; with no object named on either
 * side, a fault in common.
 */
export function whatIsWrongAgrees(
  a: Pick<Problem, 'objects' | 'faults' | 'implied' | 'home' | 'onlyMine' | 'common' | 'asks'>,
  b: Pick<Problem, 'objects' | 'faults' | 'implied' | 'home' | 'onlyMine' | 'common' | 'asks'>,
): SameProblemVerdict {
  const no = (reason: SameProblemReason): SameProblemVerdict => ({ same: false, reason, strength: 0 });
  // A resident's own door, pipe or window is not the building's: "我家门锁" is not "单元门锁" — but a
  // supply both say is off ("我家水龙头一滴都不出" and "8号楼停水了") is the building's, seen from home.
  // …not an appliance of one's own that trips or runs dry ("我家空调一开就跳闸" is not "整栋楼停电了").
  const supply =
    a.onlyMine !== true &&
    b.onlyMine !== true &&
    a.faults.some((f) => SUPPLY_FAULTS.has(f) && b.faults.includes(f)) &&
    !a.objects.some((o) => APPLIANCES.has(o)) &&
    !b.objects.some((o) => APPLIANCES.has(o));
  if (
    (!supply && a.home === true && b.common === true && b.home !== true) ||
    (b.home === true && a.common === true && a.home !== true)
  )
    return no('object');
  // "只有我家没水，邻居家都有" is that flat's problem, not the building's the other reports.
  if ((a.onlyMine === true) !== (b.onlyMine === true)) return no('object');
  // A report that names no object, or only one its fault implies ("8号楼没电了", "往下漏水了"), agrees
  // with a named one by its fault alone ("8號樓停電 電梯也停了").
  const unnamed = (p: Pick<Problem, 'objects' | 'implied'>) => p.objects.length === 0 || p.implied === true;
  let objects = objectsAgree(a.objects, b.objects);
  const shared = a.objects.some((o) => b.objects.includes(o));
  if (objects === 'family' && !shared && !supply && (a.home === true || b.home === true) && a.home !== b.home)
    return no('object');
  if (objects === 'differ' && (unnamed(a) || unnamed(b)) && a.faults.length > 0 && b.faults.length > 0)
    objects = 'unnamed';
  if (objects === 'differ') return no('object');
  if (objects === 'none' || objects === 'unnamed') {
    // Nothing named on either side ("垃圾站太臭了"): the fault and the spot must carry it.
    if (a.faults.length === 0 || b.faults.length === 0) return no('nothing-named');
  }
  // Someone trapped, a fire, a live wire: a danger one report names and the other does not.
  const hazard = (x: readonly string[], y: readonly string[]) => x.some((f) => HAZARD_FAULTS.has(f) && !y.includes(f));
  if (hazard(a.faults, b.faults) || hazard(b.faults, a.faults)) return no('fault');
  // A report naming no fault agrees only about the things it names ("树上有马蜂窝" is not "树叶黄了").
  const covered = (x: readonly string[], y: readonly string[]) => x.every((o) => y.includes(o));
  if (
    (a.faults.length === 0 && !covered(a.objects, b.objects)) ||
    (b.faults.length === 0 && !covered(b.objects, a.objects))
  )
    return no('fault');
  // A question, a thanks or a request ("泳池什么时候开放？") is no report of the fault a neighbour tells.
  if ((a.asks === true && b.faults.length > 0) || (b.asks === true && a.faults.length > 0)) return no('fault');
  // …nor is it a neighbour's report in words not read ("泳池几点开？" and "泳池的水好污糟"): a question
  // about a thing joins a question, a request to stop what people do ("能不能装个减速带" for speeding) a report.
  const asker = a.asks === true ? a : b;
  if ((a.asks === true) !== (b.asks === true) && !asker.objects.some((o) => ACTIONS.has(o))) return no('fault');
  let faults = faultsAgree(a.faults, b.faults, objects === 'specific');
  // A sewer blocked, overflowing, flooding the road or stinking: one problem seen at two openings.
  const sewer = (p: Pick<Problem, 'objects' | 'faults'>) =>
    p.objects.some((o) => OBJECT_FAMILY[o] === 'sewer') && p.faults.some((f) => SEWER_FAULTS.has(f));
  if (faults === 'differ' && sewer(a) && sewer(b)) faults = 'compatible';
  // With one thing unnamed the fault is all there is: of one family is not enough ("跷跷板断了" is not
  // "沙池有碎玻璃", both broken in a way).
  if (objects === 'unnamed' && (faults !== 'same' || !a.faults.some((f) => b.faults.some((g) => oneFault(f, g)))))
    return no('fault');
  if (faults === 'differ') return no('fault');
  const strength =
    (objects === 'specific' ? 0.5 : objects === 'unnamed' ? 0.2 : 0.3) +
    (faults === 'same' ? 0.4 : faults === 'compatible' ? 0.25 : 0.1);
  return { same: true, reason: 'same', strength };
}

/** Things of one's own flat that use a supply: their fault is theirs, not the building's supply's. */
const APPLIANCES: ReadonlySet<string> = new Set(['air_conditioner']);

/** What a blocked sewer does: "堵了", "冒水", "满了往外冒", "淹了", "臭". */
const SEWER_FAULTS: ReadonlySet<string> = new Set(['blocked', 'full', 'leak', 'flooded']);

/** One fault in other words: water in and water standing deep ("进水了", "被淹了") are one flood. */
function oneFault(f: string, g: string): boolean {
  return f === g || (f === 'flooded' && g === 'leak') || (f === 'leak' && g === 'flooded');
}

/**
 * Whether two places can be one: buildings equal where both give one (and both or neither must give
 * one), units equal where both give one, named spots equal (both or neither), sides of the building
 * not opposed ("15号楼后面" is not "15号楼门口"; "15号楼" is either).
 */
export function placesAgree(
  a: ProblemPlace,
  b: ProblemPlace,
): 'same' | 'building' | 'unit' | 'spot' | 'side' | 'no-place' {
  // A zone or a phase of the estate places a problem too ("三期C区的路灯"), when both name it.
  const placed = (p: ProblemPlace) =>
    p.building !== undefined || p.spot !== undefined || p.zone !== undefined || p.phase !== undefined;
  // "东广场" and "西广场", "小区东路" and "小区西路": two spots, however little else each says of where.
  if (a.compass !== undefined && b.compass !== undefined && a.compass !== b.compass) return 'side';
  // "1号车库门" and "2号车库门", "1号充电桩" and "4号充电桩": two of a kind.
  if (a.instance !== undefined && b.instance !== undefined && a.instance !== b.instance) return 'spot';
  if (!placed(a) || !placed(b)) return 'no-place';
  if (a.phase !== b.phase && (a.phase === undefined) !== (b.phase === undefined) && a.building === undefined)
    return 'spot';
  if (a.phase !== undefined && b.phase !== undefined && a.phase !== b.phase) return 'spot';
  // The main road runs past many buildings: one said beside it on one side only is a landmark.
  const road = a.spot === '主干道' && b.spot === '主干道' && (a.building === undefined || b.building === undefined);
  if (a.building !== b.building && !road) return 'building';
  // "A梯" and "B梯", "1号梯" and "2号梯": two lifts of one building.
  if (a.lift !== undefined && b.lift !== undefined && a.lift !== b.lift) return 'spot';
  if (a.unit !== undefined && b.unit !== undefined && a.unit !== b.unit) return 'unit';
  // A named spot said on one side only is a landmark of the same building ("11幢东门口", "十一号楼东边门口").
  // A named spot said on one side only is a landmark of the same building when the other places the
  // problem beside it ("11幢东门口" and "十一号楼东边门口"); else two spots ("6号楼地下车库").
  if (a.spot !== b.spot && !inClubhouse(a.spot, b.spot)) {
    const landmark = a.spot === undefined ? a.side !== undefined : b.spot === undefined && b.side !== undefined;
    if (a.spot !== undefined && b.spot !== undefined) return 'spot';
    // The estate's main road, named beside a building on one side only, is the road at that building.
    const road = (a.spot ?? b.spot) === '主干道';
    if ((!landmark && !road) || a.building === undefined) return 'spot';
  }
  // The lettered zone (a zone that is not only the level) and the level, each where both say it.
  const lettered = (p: ProblemPlace) => (p.zone !== p.level ? p.zone : undefined);
  const [x, y] = [lettered(a), lettered(b)];
  if (x !== undefined && y !== undefined && x !== y) return 'spot';
  if (a.level !== undefined && b.level !== undefined && a.level !== b.level) return 'spot';
  // Where neither names a building or a spot, the zone is all there is of the place: both name it.
  if (a.building === undefined && a.spot === undefined && a.zone !== b.zone) return 'spot';
  if (a.way !== undefined && b.way !== undefined && a.way !== b.way) return 'spot';
  // Two parking spaces taken are two problems ("B1-086" and "B1-068"), each for its own owner.
  if (a.space !== undefined && b.space !== undefined && a.space !== b.space) return 'spot';
  if (
    a.side !== undefined &&
    b.side !== undefined &&
    a.side !== b.side &&
    !VAGUE_SIDES.has(a.side) &&
    !VAGUE_SIDES.has(b.side)
  )
    return 'side';
  return 'same';
}

/** Rooms of the clubhouse: "会所泳池" is the pool, and a neighbour may name either. */
const CLUBHOUSE_ROOMS: ReadonlySet<string> = new Set(['游泳池', '室内健身房', '棋牌室', '阅览室', '活动室']);

function inClubhouse(x: string | undefined, y: string | undefined): boolean {
  return (
    (x === '会所' && y !== undefined && CLUBHOUSE_ROOMS.has(y)) ||
    (y === '会所' && x !== undefined && CLUBHOUSE_ROOMS.has(x))
  );
}

/** Sides that say "around here" more than where: downstairs, next to. */
const VAGUE_SIDES = new Set(['below', 'beside']);

/**
 * Whether an urgent report (`urgent`) says no more than a routine one: none of its faults a danger of
 * its own (someone trapped or hurt, a fire, gas), and about the same named thing (or a member of a
 * loose family: a drain and its manhole) a fault the routine one names too, or one of its family
 * ("快倒了" for "歪了"), or a fall it fears of a thing the routine one says is giving way ("锈得快掉了"
 * for "生锈了") — what more it tells is how bad it is ("水漫出来了", "路都淹了"), not another problem;
 * with no thing named on one side, every fault it names the routine one names too; a thing people do
 * ("往楼下扔东西") is the problem itself, however alarmed the words.
 */
/** Faults that say a thing has come down, not only that it is giving way. */
const COME_DOWN: ReadonlySet<string> = new Set(['fallen', 'collapsed', 'falling_off']);

function urgentSaysNoMore(urgent: Problem, routine: Problem): boolean {
  const family = (f: string) => FAULT_FAMILY[f] ?? f;
  // A thing come down (a tree fallen on a car) is more than one leaning or feared to fall.
  const told = (f: string) =>
    routine.faults.some((g) => g === f || (COME_DOWN.has(f) && COME_DOWN.has(g))) ||
    (f !== 'fallen' && routine.faults.some((g) => family(g) === family(f))) ||
    (GIVING_WAY.has(f) && f !== 'fallen' && routine.faults.some((g) => GIVING_WAY.has(g))) ||
    // "坏了" beside "夹到了手臂" tells no more than the routine "夹人" does.
    (f === 'broken' && routine.faults.some((g) => KINDS_OF_BROKEN.has(g)));
  if (urgent.faults.some((f) => HAZARD_FAULTS.has(f))) return false;
  const sameThing = urgent.objects.some((o) => !o.endsWith('*') && routine.objects.includes(o));
  const looseKin =
    !sameThing &&
    urgent.objects.some((o) => {
      const kin = OBJECT_FAMILY[o];
      return (
        !o.endsWith('*') &&
        kin !== undefined &&
        LOOSE_FAMILIES.has(kin) &&
        routine.objects.some((r) => !r.endsWith('*') && OBJECT_FAMILY[r] === kin)
      );
    });
  if (urgent.faults.length === 0)
    return (
      (sameThing || looseKin) &&
      (routine.faults.length === 0 || urgent.objects.some((o) => ACTIONS.has(o) && routine.objects.includes(o)))
    );
  if (sameThing || looseKin) return urgent.faults.some(told) && !urgent.faults.some((f) => f === 'fallen' && !told(f));
  // …with a thing named on one side only, the fault is all there is: "地下车库积水有人车被淹" says more
  // than "地下车库漏水" in words not read, "水表井里一直在冒水" no more than "水表那里在漏水".
  const unnamed = (p: Problem) => p.objects.length === 0 || p.implied === true;
  return (
    (unnamed(urgent) || unnamed(routine)) && urgent.faults.every((f) => routine.faults.some((g) => oneFault(f, g)))
  );
}

/**
 * Flats, for what goes wrong flat by flat (a ceiling, a wall, a window, a pipe, a door): "6号楼701天花板渗水"
 * and "6号楼1701天花板渗水" are two problems; a flat named on one side only, a flat in common, or one
 * right above the other ("我是402的 楼上漏到我家" and "502往下漏水了") may be one; a supply off is the
 * building's.
 */
function flatsAgree(a: Problem, b: Problem): boolean {
  const x = a.place.flats;
  const y = b.place.flats;
  if (x === undefined || y === undefined) return true;
  // A dog barking, a drill: each from its own flat, the flat above another one ("1502的狗" is not "1602的").
  // The flats residents live in say nothing of it ("我是1201的 楼下狗一直叫").
  const source = (p: Problem) => p.objects.some((o) => FLAT_SOURCES.has(o));
  if (source(a) || source(b)) {
    const sourceFlats = (p: Problem) => (p.place.flats ?? []).filter((f) => !p.place.ownFlats?.includes(f));
    const [s, t] = [sourceFlats(a), sourceFlats(b)];
    return s.length === 0 || t.length === 0 || s.some((f) => t.includes(f));
  }
  // A leak goes down one floor: 502 above 402 are two ends of one leak, 701 and 1701 are not.
  if (x.some((f) => y.some((g) => flatsNear(f, g)))) return true;
  if (a.faults.some((f) => SUPPLY_FAULTS.has(f) && b.faults.includes(f))) return true;
  // A leak in a flat, whatever leaks ("602卫生间漏水" and "我是402的 楼上往我家滴水", two floors apart).
  const flatLeak = (p: Problem) => p.common !== true && p.faults.some((f) => FAULT_FAMILY[f] === 'leak');
  const flatwise = (p: Problem) => p.home === true || flatLeak(p) || p.objects.some((o) => FLAT_OBJECTS.has(o));
  return !flatwise(a) && !flatwise(b);
}

/**
 * One leak seen from two flats: the ceiling below and the pipe above ("我是601的 楼上漏到我家天花板",
 * "701家里水管漏了 楼下说渗到她家"), when both name a flat, one right above the other (or the same), and
 * both a leak.
 */
function leakBetweenFlats(a: Problem, b: Problem): SameProblemVerdict | undefined {
  const x = a.place.flats;
  const y = b.place.flats;
  if (x === undefined || y === undefined) return undefined;
  const leaks = (p: Problem) => p.faults.some((f) => FAULT_FAMILY[f] === 'leak');
  if (!leaks(a) || !leaks(b) || !x.some((f) => y.some((g) => flatsNear(f, g)))) return undefined;
  // Two things leaking in one flat (its wall, its ceiling) are two leaks, not one seen from two floors.
  if (x[0] === y[0] && objectsAgree(a.objects, b.objects) === 'differ') return undefined;
  const hazard = (p: Problem, q: Problem) => p.faults.some((f) => HAZARD_FAULTS.has(f) && !q.faults.includes(f));
  if (hazard(a, b) || hazard(b, a)) return undefined;
  return { same: true, reason: 'same', strength: 0.6 };
}

/** Two flats one right above the other, or the same: 502 and 402, not 701 and 1701. */
function flatsNear(f: string, g: string): boolean {
  const [m, n] = [Number(f), Number(g)];
  return m % 100 === n % 100 && Math.abs(Math.floor(m / 100) - Math.floor(n / 100)) <= 1;
}

/** Things that come from one flat, which two reports naming two flats tell apart: a dog, a renovation. */
const FLAT_SOURCES: ReadonlySet<string> = new Set(['dog', 'renovation']);

/** Things that are each flat's own, or seen from one flat: a ceiling, a wall, a window, a pipe, a door. */
const FLAT_OBJECTS: ReadonlySet<string> = new Set([
  'ceiling',
  'wall',
  'window',
  'glass*',
  'pipe',
  'tap',
  'water*',
  'toilet',
  'shower',
  'door*',
  'air_conditioner',
  'drain',
  'water_meter',
  'electrical',
]);

/**
 * Floors, for things that fail floor by floor (a corridor light, a window): two floors named, or one
 * floor and the whole building, are two problems; a floor said on one side only is either.
 */
function floorsAgree(a: Problem, b: Problem): boolean {
  const x = a.place.floor;
  const y = b.place.floor;
  if (x === undefined || y === undefined || x === y) return true;
  if (!a.objects.some((o) => FLOOR_OBJECTS.has(o)) && !b.objects.some((o) => FLOOR_OBJECTS.has(o))) return true;
  if (x === 'some' || y === 'some') return x !== 'all' && y !== 'all';
  return false;
}

function objectsAgree(
  a: readonly string[],
  b: readonly string[],
): 'specific' | 'family' | 'none' | 'unnamed' | 'differ' {
  if (a.length === 0 && b.length === 0) return 'none';
  if (a.some((o) => b.includes(o))) return a.some((o) => b.includes(o) && !o.endsWith('*')) ? 'specific' : 'family';
  for (const x of a) {
    for (const y of b) {
      const family = OBJECT_FAMILY[x];
      if (family === undefined || family !== OBJECT_FAMILY[y]) continue;
      if (x.endsWith('*') || y.endsWith('*') || LOOSE_FAMILIES.has(family)) return 'family';
    }
  }
  return 'differ';
}

/**
 * Whether two reports' faults can be one: a fault in common (or of one family: a burst pipe and a
 * leak), or one side saying only "broken" and the other a way of being broken. A report that names no
 * fault ("7栋老鼠很多") agrees with any fault only when the objects agree specifically.
 */
function faultsAgree(
  a: readonly string[],
  b: readonly string[],
  specificObject: boolean,
): 'same' | 'compatible' | 'unsaid' | 'differ' {
  if (a.length === 0 && b.length === 0) return 'unsaid';
  if (a.length === 0 || b.length === 0) return specificObject ? 'unsaid' : 'differ';
  if (a.some((f) => b.includes(f))) return 'same';
  const family = (f: string) => FAULT_FAMILY[f] ?? f;
  if (a.some((f) => b.some((g) => family(f) === family(g)))) return 'same';
  if (a.some((f) => DAMAGE.has(f)) && b.some((f) => DAMAGE.has(f))) return 'same';
  // A hole or a crack and a leak: the one seen from outside, the other from below (glass in pieces is
  // not a leak: "玻璃碎了" and "关不严 漏风" are two faults of one window).
  const seep = (f: string) => DAMAGE.has(f) && f !== 'shattered';
  if ((a.includes('leak') && b.some(seep)) || (b.includes('leak') && a.some(seep))) return 'compatible';
  // …unless the ways are opposed: "锁坏了 打不开" is not "没锁" (it will not close).
  const onlyBroken = (x: readonly string[]) => x.every((f) => KINDS_OF_BROKEN.has(f));
  const opposed = (x: readonly string[], y: readonly string[]) =>
    x.includes('stuck_shut') && y.includes('wont_close') && !y.includes('stuck_shut') && !x.includes('wont_close');
  if (opposed(a, b) || opposed(b, a)) return 'differ';
  if ((a.includes('broken') && onlyBroken(b)) || (b.includes('broken') && onlyBroken(a))) return 'compatible';
  return 'differ';
}
