import type { Urgency } from '../tickets/category.ts';
import { normaliseText } from './normalise-text.ts';

/** Why a message is urgent (DESIGN §1.6: these alert the staff chat at once). */
export type UrgentReason =
  | 'burst_pipe'
  | 'flooding'
  | 'fire_or_smoke'
  | 'gas_or_electricity'
  | 'person_hurt'
  | 'child_in_danger'
  | 'people_trapped_in_lift'
  | 'building_without_water';

export interface UrgencyAssessment {
  urgency: Urgency;
  /** The first urgent situation found, or null when the message is normal. */
  reason: UrgentReason | null;
  /** Offsets of the words describing that situation (for the summary), or -1 and -1. */
  at: number;
  end: number;
}

// Global so that matchAll can look past a first, hypothetical mention to a real one. "燃气灶打不着火" is a stove
// that will not light, not a fire.
const RULES: ReadonlyArray<readonly [UrgentReason, RegExp]> = [
  ['people_trapped_in_lift', /(电梯|电悌|轿厢|升降机)[^。！？!?]{0,12}(困人|困咗|困住|被困|困了|关人|关住|关在里|卡住人|人卡|出不来|有人在里)|(困|关|卡)在(电梯|升降机)|电梯里出不来|\b(trapped|stuck)\b[^.!?]{0,20}\b(lift|elevator)s?\b|\b(lift|elevator)s?\b[^.!?]{0,30}\b(trapped|stuck inside|stuck in it|people inside)\b/g],
  ['burst_pipe', /爆管|水管爆|管子爆|管道爆|(水管|水喉|管子|管道|水表|总阀|阀门|主管)[^，。！？!?,]{0,6}(爆|破裂|裂开|断了|喷水|狂喷)|往外(喷|冒|涌)水|水(喷|涌)出来|喷水|\bburst\b|\bpipes?\b[^.!?]{0,15}\b(burst|split|exploded)|water (is )?(gushing|spraying|spurting|pouring out)/g],
  ['flooding', /淹了|水淹|水浸|被淹|淹水|淹到|水漫|漫出来|漫进|漫到|灌进|灌满|倒灌|到处是水|一地的水|满地(都)?是水|水深|家里进水|屋里进水|\bflood(ed|ing|s)?\b|\bunder water\b|\bknee-deep\b|\bankle-deep\b/g],
  ['fire_or_smoke', /(?<![打不])着火|起火|失火|火烛|火灾(?!隐患)|冒[黑白浓青]?烟|烧起来|[黑浓]烟|火苗|明火|冒火|烧着了|\bon fire\b|\bfire\b(?! (lane|exit|escape|door|hydrant|extinguisher|hazard|safety|alarm|risk|access|engine access|route|passage|brigade access))|\bsmoke\b|\bflames?\b|\bburning\b/g],
  ['gas_or_electricity', /(煤气|燃气|天然气|液化气)[^，。！？!?,]{0,4}(泄漏|泄露|漏了|在漏)|(煤气|燃气|天然气|液化气)的?味|漏气|漏电|触电|电火花|打火花|\bgas leak|\bleaking gas\b|\bgas smell|\bsmell(s|ing)? (of |like )?gas\b|\belectrocut|\bsparks?\b|\blive wire/g],
  ['person_hurt', /受伤|摔伤|砸伤|咬伤|烫伤|割伤|划伤|被咬|被砸|砸到(了)?(人|头|老人|小孩|孩子)|摔倒了|摔了一跤|流血|出血|骨折|送医|送医院|晕倒|昏倒|昏迷|救护车|打了?120|\binjur(ed|y|ies)\b|\bhurt\b|\bbleeding\b|\bbitten\b|\bambulance\b|\bunconscious\b|\bbroke (his|her|my) (leg|arm|wrist|hip)/g],
  ['child_in_danger', /(小孩|孩子|儿童|小朋友|宝宝|婴儿|小学生)[^。！？!?]{0,12}(被困|困在|爬上|爬到|悬空|掉下去|掉进|坠|卡住|锁在|反锁|跌落)|\b(child|kid|toddler|baby|boy|girl)s?\b[^.!?]{0,30}\b(trapped|climbing|locked in|fell into|hanging|dangling|on the ledge)/g],
  ['building_without_water', /(整栋|整幢|整座|整个楼|全楼|一整栋|全栋|整个单元|全单元|整个小区|全小区|所有住户|全部住户|家家户户)[^。！？!?]{0,10}(停水|没水|没有水|断水|无水)|(停水|没水|断水)[^。！？!?]{0,8}(整栋|整幢|全楼|全栋|整个小区|全小区)|\b(whole|entire)\b[^.!?]{0,12}\b(building|block|estate|tower)\b[^.!?]{0,20}\bno water\b|\bno water\b[^.!?]{0,25}\b(whole|entire)\b[^.!?]{0,10}\b(building|block|estate|tower)\b/g],
];

// "万一着火", "差点摔倒", "没人受伤", "fire hazard if…": a danger described as possible or avoided.
const HYPOTHETICAL_BEFORE = /(万一|如果|要是|一旦|假如|怕|担心|害怕|容易|可能|会不会|迟早|差点|差一点|险些|防止|预防|避免|以免|没人|没有人|无人|没有|没|未|不会|if|could|might|would|risk of|in case of|prevent|nearly|almost|no one|nobody|not)\s*[^，。！？!?,.;；]{0,8}$/;

/**
 * Decides whether a complaint must alert staff at once: a burst pipe, flooding, fire or smoke, a gas
 * leak or live wire, someone hurt, a child in danger, people trapped in a lift, or a whole building
 * without water. Dangers that are only feared ("万一着火", "差点摔倒", "could catch fire") stay normal:
 * those are hazards for the normal queue. Pass `normalised` when the caller already has it.
 */
export function assessUrgency(text: string, normalised: string = normaliseText(text)): UrgencyAssessment {
  let best: UrgencyAssessment = { urgency: 'normal', reason: null, at: -1, end: -1 };
  for (const [reason, pattern] of RULES) {
    for (const match of normalised.matchAll(pattern)) {
      const before = normalised.slice(Math.max(0, match.index - 16), match.index);
      if (HYPOTHETICAL_BEFORE.test(before)) continue;
      if (best.at === -1 || match.index < best.at) {
        best = { urgency: 'urgent', reason, at: match.index, end: match.index + match[0].length };
      }
      break;
    }
  }
  return best;
}
