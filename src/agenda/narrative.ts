import type { Locale } from '../i18n/index.ts';
import type { Agenda } from './agenda.ts';
import { catalogOf, itemHeadline } from './render-text.ts';

/** An agenda without its narrative: what a {@link NarrativeWriter} reads. */
export type AgendaDraft = Omit<Agenda, 'narrative' | 'narrativeSource'>;

/**
 * The port for the paragraph at the top of the agenda. An LLM adapter (`OpenAiNarrativeWriter`, its
 * prompt in `prompts/weekly-agenda.md`) may implement it; it must use only the figures and items of
 * the draft, which carry no personal data, and throw on any failure: `compileAgenda` then uses
 * {@link deterministicNarrative} and records `narrativeSource: 'deterministic'`.
 */
export interface NarrativeWriter {
  readonly source: Agenda['narrativeSource'];
  write(draft: AgendaDraft, locale: Locale): Promise<string>;
}

/** The paragraph from a fixed template: the week's counts, the number of items and the first one. */
export class DeterministicNarrativeWriter implements NarrativeWriter {
  readonly source = 'deterministic' as const;

  async write(draft: AgendaDraft, locale: Locale): Promise<string> {
    return deterministicNarrative(draft, locale);
  }
}

export function deterministicNarrative(draft: AgendaDraft, locale: Locale): string {
  const first = draft.items[0];
  const { thisWeek, lastWeek, stocks } = draft.figures;
  return catalogOf(locale).agenda.narrative({
    newCount: thisWeek.new,
    lastNew: lastWeek.new,
    resolved: thisWeek.resolved,
    explained: thisWeek.explained,
    overdue: thisWeek.overdue,
    stillOpen: stocks.stillOpen,
    items: draft.items.length + draft.moreItems,
    ...(first && { top: itemHeadline(first, locale) }),
    followUpsOpen: draft.followUps.filter((f) => f.state !== 'done').length,
  });
}
