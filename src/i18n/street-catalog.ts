/**
 * Texts of the street digest (街道周报), the weekly comparison of a street's estates. Figure, rate,
 * category and escalation names come from the main catalogue's agenda texts, so the digest and each
 * estate's agenda call things the same.
 */
export interface StreetCatalog {
  title(p: { street: string; week: string }): string;
  /** Who the digest is for, under the title. */
  readers: string;
  sections: {
    overview: string;
    estates: string;
    rates: string;
    ranking: string;
    escalated: string;
    chart: string;
  };
  /** The deterministic paragraph that opens the digest. */
  overview(p: {
    estates: number;
    newCount: number;
    lastNew: number;
    resolved: number;
    explained: number;
    overdue: number;
    stillOpen: number;
    escalated: number;
  }): string;
  columns: { rank: string; estate: string; community: string; score: string; escalated: string };
  /** The whole street, as the total row names it. */
  total: string;
  /** How the estates are ranked, one sentence. */
  rankingRule: string;
  /** "85.0%": the score. */
  score(percent: number): string;
  /** A rate with last week's beside it: "85%（17/20）· 上周 80%". */
  withLastWeek(p: { now: string; last: string }): string;
  noEscalated: string;
  /** One escalated ticket: "【幸福里】W-0012 供水 · 3号楼：停水（超时自 …）". */
  escalatedItem(p: {
    estate: string;
    reference: string;
    category: string;
    place: string;
    summary: string;
    due: string;
  }): string;
  chartTitle: string;
  chartCaption(p: { week: string }): string;
  noEstates(street: string): string;
}
