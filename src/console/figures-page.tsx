import { raw } from 'hono/html';
import type { Rates } from '../agenda/agenda.ts';
import { rateText } from '../agenda/render-text.ts';
import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { formatLocalDateTime } from '../i18n/local-time.ts';
import { localDate } from '../agenda/iso-week.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';
import { newTicketsChart, ratesChart } from './figures-charts.ts';
import type { Figures } from './figures.ts';
import type { Viewer } from './viewer.ts';
import type { Estate } from '../estates/estate.ts';
import { estateLabel } from './console-scope.ts';

const RATE_KINDS = ['response', 'resolution', 'satisfaction'] as const satisfies ReadonlyArray<keyof Rates>;

/** The figures page: the three rates, counts by week, category and building, twelve weeks of charts. */
export function FiguresPage(props: {
  frame: PageFrame;
  viewer: Viewer;
  figures: Figures;
  /** Each estate's figures, when the session reads several (a street's); `figures` is all of them together. */
  byEstate?: Array<{ estate: Estate; figures: Figures }>;
  timeZone: string;
}) {
  const { frame, figures } = props;
  const c = consoleMessages(frame.locale);
  const m = messages(frame.locale);
  const a = m.agenda;
  const f = c.figures;
  const first = figures.weeks[0]!;
  const last = figures.weeks[figures.weeks.length - 1]!;
  const lastDay = new Date(Math.min(last.end.getTime() - 1, figures.asOf.getTime()));
  const rate = (r: Rates[keyof Rates]) => rateText(r, frame.locale);
  const building = (b: string | null) =>
    b === null ? a.noBuilding : props.viewer.place({ building: b, text: '' }) || b;
  return (
    <ConsolePage frame={frame} title={c.nav.figures}>
      <h1>{c.nav.figures}</h1>
      <p class="meta">
        {f.span({ from: localDate(first.start, props.timeZone), to: localDate(lastDay, props.timeZone) })} ·{' '}
        {f.asOf(formatLocalDateTime(figures.asOf, props.timeZone))}
      </p>
      <div class="cards" id="rates">
        {RATE_KINDS.map((k) => (
          <div class="card">
            <div>{a.rateNames[k]}</div>
            <div class="big">
              {figures.total.rates[k].value === null
                ? a.noValue
                : `${Math.round(figures.total.rates[k].value! * 1000) / 10}%`}
            </div>
            <div class="meta">
              {figures.total.rates[k].numerator}/{figures.total.rates[k].denominator}
            </div>
          </div>
        ))}
        <div class="card">
          <div>{a.figureNames.new}</div>
          <div class="big">{figures.total.new}</div>
          <div class="meta">
            {a.figureNames.resolved} {figures.total.resolved} · {a.figureNames.explained} {figures.total.explained}
          </div>
        </div>
        <div class="card">
          <div>{a.figureNames.stillOpen}</div>
          <div class="big">{figures.openNow}</div>
          <div class="meta">
            {a.figureNames.overdueNow} {figures.overdueNow}
          </div>
        </div>
      </div>
      {props.byEstate && (
        <>
          <h2>{f.byEstate}</h2>
          <div class="table-wrap">
            <table id="by-estate">
              <thead>
                <tr>
                  <th>{f.estate}</th>
                  <th class="n">{a.figureNames.new}</th>
                  <th class="n">{a.figureNames.resolved}</th>
                  <th class="n">{a.figureNames.explained}</th>
                  <th class="n">{a.figureNames.stillOpen}</th>
                  <th class="n">{a.figureNames.overdueNow}</th>
                  {RATE_KINDS.map((k) => (
                    <th class="n">{a.rateNames[k]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.byEstate.map(({ estate, figures: e }) => (
                  <tr>
                    <td>{estateLabel(estate)}</td>
                    <td class="n">{e.total.new}</td>
                    <td class="n">{e.total.resolved}</td>
                    <td class="n">{e.total.explained}</td>
                    <td class="n">{e.openNow}</td>
                    <td class="n">{e.overdueNow}</td>
                    {RATE_KINDS.map((k) => (
                      <td class="n">{rate(e.total.rates[k])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>{f.newChart}</h2>
      {raw(newTicketsChart(figures.weeks, frame.locale, f.newChart))}
      <h2>{f.ratesChart}</h2>
      {raw(ratesChart(figures.weeks, a.rateNames, f.ratesChart))}
      <p class="meta">{f.ratesNote}</p>
      <h2>{f.byWeek}</h2>
      <div class="table-wrap">
        <table id="by-week">
          <thead>
            <tr>
              <th>{f.week}</th>
              <th class="n">{a.figureNames.new}</th>
              <th class="n">{a.figureNames.resolved}</th>
              <th class="n">{a.figureNames.explained}</th>
              {RATE_KINDS.map((k) => (
                <th class="n">{a.rateNames[k]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...figures.weeks].reverse().map((w) => (
              <tr>
                <td>
                  {w.week}
                  {w === last && ` ${f.soFar}`}
                </td>
                <td class="n">{w.new}</td>
                <td class="n">{w.resolved}</td>
                <td class="n">{w.explained}</td>
                {RATE_KINDS.map((k) => (
                  <td class="n">{rate(w.rates[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{a.sections.byCategory}</h2>
      <div class="table-wrap">
        <table id="by-category">
          <thead>
            <tr>
              <th>{a.columns.category}</th>
              <th class="n">{f.total}</th>
              <th class="n">{a.figureNames.stillOpen}</th>
              <th class="n">{a.figureNames.overdueNow}</th>
            </tr>
          </thead>
          <tbody>
            {figures.byCategory.map((row) => (
              <tr>
                <td>{m.categoryName[row.category]}</td>
                <td class="n">{row.new}</td>
                <td class="n">{row.open}</td>
                <td class="n">{row.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{a.sections.byBuilding}</h2>
      <div class="table-wrap">
        <table id="by-building">
          <thead>
            <tr>
              <th>{a.columns.building}</th>
              <th class="n">{f.total}</th>
              <th class="n">{a.figureNames.stillOpen}</th>
              <th class="n">{a.figureNames.overdueNow}</th>
            </tr>
          </thead>
          <tbody>
            {figures.byBuilding.slice(0, 50).map((row) => (
              <tr>
                <td>{building(row.building)}</td>
                <td class="n">{row.new}</td>
                <td class="n">{row.open}</td>
                <td class="n">{row.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsolePage>
  );
}
