import type { FiguresRows } from './figures.ts';

/**
 * What the figures page reads: the rows of one span of weeks, each query bounded by the span through
 * an index (creation time, either deadline, the events' kind and time, the answers' time) or by the
 * active statuses. Implemented by `KyselyConsoleFiguresReader`.
 */
export interface ConsoleFiguresReader {
  /** The rows of one estate's tickets (the signed-in member's). */
  figuresRows(span: { from: Date; to: Date }, asOf: Date, estateId: number): Promise<FiguresRows>;
}
