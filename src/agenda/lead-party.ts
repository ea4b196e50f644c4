import type { Category } from '../tickets/category.ts';
import type { Party } from './agenda.ts';

/*
 * Cues are matched against the ticket's summary, description and explanation, in simplified and
 * traditional Chinese and English. They are domain vocabulary, not text anyone reads.
 */

/** Needs outside departments or money the firm does not hold: the Party branch coordinates. */
const PARTY_BRANCH_CUES =
  /二次供水|二次供水改造|水箱改造|管网改造|管網改造|老旧小区改造|老舊小區改造|改造工程|大修|专项维修|專項維修|维修基金|維修基金|维修资金|維修資金|公共维修|资金|資金|经费|經費|预算|預算|立项|立項|审批|審批|街道办|街道辦|街道|政府|市政|自来水公司|自來水公司|供水公司|供电局|供電局|燃气公司|燃氣公司|住建|城管|规划|規劃|加装电梯|加裝電梯|maintenance fund|renovation|funding|budget|municipal|water company|government|authority|approval|major works|secondary (?:water )?supply/i;

/** Disputes between residents and residents' own conduct: the residents' committee mediates. */
const COMMITTEE_CUES =
  /邻居|鄰居|(?:楼上|樓上|楼下|樓下)(?:邻居|鄰居|住户|住戶|人家|的)|隔壁|对门|對門|噪音|噪声|噪聲|吵闹|吵鬧|扰民|擾民|装修声|裝修聲|广场舞|廣場舞|宠物|寵物|遛狗|狗屎|狗粪|狗糞|养狗|養狗|猫|貓|占用绿地|佔用綠地|占绿地|种菜|種菜|毁绿|毀綠|私搭|乱搭|亂搭|违建|違建|占车位|佔車位|占用车位|佔用車位|地锁|地鎖|堆放杂物|堆放雜物|楼道堆物|樓道堆物|飞线充电|飛線充電|高空抛物|高空拋物|纠纷|糾紛|矛盾|neighbou?r|noise|noisy|loud music|pet|dog|cat|vegetable|occupied|dispute|parking space|clutter/i;

/**
 * The party proposed to lead an item: the Party branch when it needs outside departments or funding
 * (secondary water-supply renovation, major works, the maintenance fund); the residents' committee
 * for disputes and residents' own conduct (noise between neighbours, green space taken over, pets);
 * otherwise the property firm, whose contract covers repairs, cleaning, greening and order. An
 * explained water-supply ticket goes to the Party branch: if the firm could not fix the supply, the
 * water company or a renovation is needed.
 */
export function proposeLeadParty(ticket: {
  category: Category;
  summary: string;
  description?: string;
  explanation: { reason: string; plan: string } | null;
  status: string;
}): Party {
  const text = [
    ticket.summary,
    ticket.description ?? '',
    ticket.explanation?.reason ?? '',
    ticket.explanation?.plan ?? '',
  ].join('\n');
  if (PARTY_BRANCH_CUES.test(text)) return 'party_branch';
  if (ticket.status === 'explained' && ticket.category === 'water_supply') return 'party_branch';
  if (COMMITTEE_CUES.test(text)) return 'committee';
  return 'property';
}
