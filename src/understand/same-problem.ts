import type { Problem, ProblemPlace } from './problem.ts';
import { FAULT_FAMILY, KINDS_OF_BROKEN, LOOSE_FAMILIES, OBJECT_FAMILY } from './problem-words.ts';

/** Why two reports are, or are not, one problem. */
export type SameProblemReason =
  'same' | 'urgency' | 'building' | 'unit' | 'spot' | 'side' | 'no-place' | 'object' | 'fault' | 'nothing-named';

export interface SameProblemVerdict {
  same: boolean;
  /** `same`, or the first thing that differs. */
  reason: SameProblemReason;
  /** 0..1: how much of what is wrong the two share (to prefer one candidate over another). */
  strength: number;
}

/**
 * Whether a new report (`b`) describes the same problem as an earlier one (`a`): an urgent report never
 * joins a routine one, and a routine one joins an urgent one only with a fault in common; the place agrees
 * (building, unit, spot and side, where both say them; at least one of building or spot known), and
 * what is wrong agrees: an object in common (or a generic word of the other's family, "门" for
 * "单元门") and compatible faults ("坏了" and "不亮" may be one fault; "停水" and "停电" are not).
 * Sharing a building and "坏了" is not enough: "电梯坏了" and "单元门坏了" are two problems.
 */
export function sameProblem(a: Problem, b: Problem): SameProblemVerdict {
  const no = (reason: SameProblemReason): SameProblemVerdict => ({ same: false, reason, strength: 0 });
  // An urgent report always raises its own alarm: it never joins a routine ticket.
  if (b.urgent && !a.urgent) return no('urgency');
  const place = placesAgree(a.place, b.place);
  if (place !== 'same') return no(place);
  const verdict = whatIsWrongAgrees(a, b);
  // A routine report joins an urgent ticket only when it names the same fault ("水管在漏水" for a burst
  // pipe flooding the stairs), never a lesser one ("电梯按钮不亮" for someone trapped in the lift).
  if (verdict.same && a.urgent && !b.urgent && !a.faults.some((f) => b.faults.includes(f))) return no('urgency');
  return verdict;
}

/**
 * Whether two reports say the same thing is wrong, wherever and however urgent: an object in common
 * (or a generic word of the other's family) and compatible faults; with no object named on either
 * side, a fault in common.
 */
export function whatIsWrongAgrees(
  a: Pick<Problem, 'objects' | 'faults'>,
  b: Pick<Problem, 'objects' | 'faults'>,
): SameProblemVerdict {
  const no = (reason: SameProblemReason): SameProblemVerdict => ({ same: false, reason, strength: 0 });
  const objects = objectsAgree(a.objects, b.objects);
  if (objects === 'differ') return no('object');
  if (objects === 'none') {
    // Nothing named on either side ("垃圾站太臭了"): the fault and the spot must carry it.
    if (a.faults.length === 0 || b.faults.length === 0) return no('nothing-named');
  }
  const faults = faultsAgree(a.faults, b.faults, objects === 'specific');
  if (faults === 'differ') return no('fault');
  const strength =
    (objects === 'specific' ? 0.5 : 0.3) + (faults === 'same' ? 0.4 : faults === 'compatible' ? 0.25 : 0.1);
  return { same: true, reason: 'same', strength };
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
  if (a.building === undefined && a.spot === undefined) return 'no-place';
  if (b.building === undefined && b.spot === undefined) return 'no-place';
  if (a.building !== b.building) return 'building';
  if (a.unit !== undefined && b.unit !== undefined && a.unit !== b.unit) return 'unit';
  if (a.spot !== b.spot) return 'spot';
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

/** Sides that say "around here" more than where: downstairs, next to. */
const VAGUE_SIDES = new Set(['below', 'beside']);

function objectsAgree(a: readonly string[], b: readonly string[]): 'specific' | 'family' | 'none' | 'differ' {
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
  const onlyBroken = (x: readonly string[]) => x.every((f) => KINDS_OF_BROKEN.has(f));
  if ((a.includes('broken') && onlyBroken(b)) || (b.includes('broken') && onlyBroken(a))) return 'compatible';
  return 'differ';
}
