import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';
import { estateLabel } from './console-scope.ts';
import type { EstateChoice } from './estate-chooser.ts';

/**
 * The estate chooser: one button per estate the person holds a role in (and one for the street role),
 * naming the role; the entry the session works in now is marked.
 */
export function EstatesPage(props: {
  frame: PageFrame;
  choices: readonly EstateChoice[];
  streets: readonly string[];
  currentMemberId: number;
  csrf: string;
}) {
  const { frame, choices, currentMemberId, csrf } = props;
  const c = consoleMessages(frame.locale);
  const m = messages(frame.locale);
  return (
    <ConsolePage frame={frame} title={c.nav.estates}>
      <h1>{c.nav.estates}</h1>
      <p>{c.chooser.intro}</p>
      <ul class="tickets" id="estates">
        {choices.map((choice) => (
          <li>
            <form method="post" action="/console/estates" class="inline">
              <input type="hidden" name="csrf" value={csrf} />
              <input type="hidden" name="member" value={String(choice.member.id)} />
              <strong>
                {choice.estate ? estateLabel(choice.estate) : c.chooser.street({ streets: props.streets.join('、') })}
              </strong>{' '}
              <span class="tag">{m.staff.roleName[choice.member.role]}</span>
              {choice.member.id === currentMemberId && <span class="tag">{c.chooser.current}</span>}{' '}
              <button type="submit">{c.chooser.choose}</button>
            </form>
          </li>
        ))}
      </ul>
    </ConsolePage>
  );
}
