import { consoleMessages } from '../i18n/console-messages.ts';
import type { ReporterContact } from '../tickets/ticket-store.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';

/**
 * The answer to the contact-details action (DESIGN §6): the reporters' own details, unmasked, for the
 * assigned staff member only, in this one response (it is not cached and no page links back to it).
 */
export function ContactsPage(props: {
  frame: PageFrame;
  reference: string;
  contacts: ReporterContact[];
  back: string;
}) {
  const c = consoleMessages(props.frame.locale).contacts;
  const or = (value: string | null) => (value === null || value.trim() === '' ? c.unknown : value);
  return (
    <ConsolePage frame={props.frame} title={c.title(props.reference)}>
      <p>
        <a href={props.back}>← {props.reference}</a>
      </p>
      <h1>{c.title(props.reference)}</h1>
      <p class="notice">{c.recorded}</p>
      {props.contacts.length === 0 ? (
        <p>{c.none}</p>
      ) : (
        props.contacts.map((contact) => (
          <dl class="facts contact">
            <dt>{contact.isOriginal ? c.original : c.coReporter}</dt>
            <dd />
            <dt>{c.name}</dt>
            <dd>{or(contact.name)}</dd>
            <dt>{c.phone}</dt>
            <dd>{or(contact.phone)}</dd>
            <dt>{c.unit}</dt>
            <dd>{or(contact.unit)}</dd>
            <dt>{c.reach}</dt>
            <dd>{contact.addresses.length === 0 ? c.unknown : contact.addresses.join(', ')}</dd>
            <dt>{c.words}</dt>
            <dd>{or(contact.words)}</dd>
          </dl>
        ))
      )}
    </ConsolePage>
  );
}
