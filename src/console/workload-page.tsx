import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import type { WorkloadRow } from '../staff/workload.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';

/** The workload page (admins): the chat's `/workload`, one row per person, in the reader's language. */
export function WorkloadPage(props: { frame: PageFrame; rows: WorkloadRow[]; days: number }) {
  const { frame, rows, days } = props;
  const c = consoleMessages(frame.locale);
  const w = c.workload;
  const m = messages(frame.locale);
  return (
    <ConsolePage frame={frame} title={c.nav.workload}>
      <h1>{c.nav.workload}</h1>
      <p class="meta">{w.intro(days)}</p>
      {rows.length === 0 ? (
        <p class="notice">{m.workload.workloadEmpty}</p>
      ) : (
        <div class="table-wrap">
          <table id="workload">
            <thead>
              <tr>
                <th scope="col">{w.name}</th>
                <th scope="col" class="n">
                  {w.open}
                </th>
                <th scope="col" class="n">
                  {w.overdue}
                </th>
                <th scope="col" class="n">
                  {w.responses(days)}
                </th>
                <th scope="col" class="n">
                  {w.median}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">{row.name}</th>
                  <td class="n">{row.open}</td>
                  <td class="n">{row.overdue > 0 ? <strong>{row.overdue}</strong> : row.overdue}</td>
                  <td class="n">{row.responses}</td>
                  <td class="n">{row.medianMs === undefined ? '—' : m.duration(row.medianMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="meta">{m.workload.workloadNote}</p>
    </ConsolePage>
  );
}
