import type { Place } from '../classify/classifier.ts';
import { normaliseText } from '../classify/normalise-text.ts';
import type { Urgency } from '../tickets/category.ts';
import {
  ACTIONS,
  FAULT_WORDS,
  IMPLIED_OBJECT,
  LANDMARK_AFTER,
  LANDMARK_BEFORE,
  LOCATION_OBJECTS,
  OBJECT_WORDS,
  PLACE_WORDS,
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
}

/** What a complaint is about, as far as its words tell: what is wrong (object, fault), where, when. */
export interface Problem {
  /** Object keys of src/understand/problem-words.ts, e.g. `lift`, `corridor_light`, `door*` (generic). */
  objects: string[];
  /** Fault keys, e.g. `no_water`, `broken`, `dark`, `full`. */
  faults: string[];
  place: ProblemPlace;
  urgent: boolean;
  /** When it began or was seen, if the text says (`morning`, `noon`, `yesterday`, `days`…). */
  time?: string;
}

const compile = (entries: readonly WordEntry[]) =>
  entries.map(([key, pattern]) => [key, new RegExp(pattern, 'gu')] as const);
const FAULTS = compile(FAULT_WORDS);
const OBJECTS = compile(OBJECT_WORDS);
const TIMES = compile(TIME_WORDS);
const PLACES = new RegExp(PLACE_WORDS.join('|'), 'gu');
const AFTER = new RegExp(LANDMARK_AFTER, 'u');
const BEFORE = new RegExp(LANDMARK_BEFORE, 'u');

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
  let rest = normalised.replace(PLACES, blank);
  const faults: string[] = [];
  for (const [key, pattern] of FAULTS) {
    rest = rest.replace(pattern, (match) => {
      if (!faults.includes(key) && !SILENT_FAULTS.has(key)) faults.push(key);
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
      return blank(match);
    });
  }
  // In a compound the last noun is the thing ("楼道灭火器" is an extinguisher, "楼顶水箱" a tank),
  // unless it is a generic word ("喷泉池的水", "单元门玻璃": the fountain, the door).
  found.sort((x, y) => x.start - y.start);
  const heads = found.filter((m, i) => {
    const next = found[i + 1];
    const compound = next && next.key !== m.key && !next.key.endsWith('*') && !ACTIONS.has(m.key);
    return !(compound && /^(的|\s)?$/u.test(normalised.slice(m.end, next.start)));
  });
  const keys = [...new Set(heads.map((m) => m.key))];
  let specific = keys.filter((k) => !k.endsWith('*'));
  const generic = keys.filter((k) => k.endsWith('*'));
  if (specific.some((k) => !LOCATION_OBJECTS.has(k))) specific = specific.filter((k) => !LOCATION_OBJECTS.has(k));
  let objects = specific.length > 0 ? specific : generic;
  if (objects.length === 0) {
    objects = [...new Set(faults.map((f) => IMPLIED_OBJECT[f]).filter((o): o is string => o !== undefined))];
  }
  const time = TIMES.find(([, pattern]) => {
    pattern.lastIndex = 0;
    return pattern.test(normalised);
  })?.[0];
  return {
    objects,
    faults,
    place: problemPlace(place),
    urgent: urgency === 'urgent',
    ...(time !== undefined && { time }),
  };
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
