import type { Locale } from '../i18n/catalog.ts';
import { consoleMessages } from '../i18n/console-messages.ts';
import { messages } from '../i18n/index.ts';
import { CATEGORIES } from '../tickets/category.ts';
import { canTransition } from '../tickets/status.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { Member } from '../members/member.ts';
import { templateText } from '../staff/canned-replies.ts';
import type { ReplyTemplate } from '../tickets/reply-template-store.ts';

/** At most `max` characters, ending in "…" when cut. */
function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The staff actions of a ticket page: plain POST forms, each with the session's CSRF token. Only the
 * moves the ticket's status allows are offered; the server checks again (and the role) either way.
 */
export function ActionsPanel(props: {
  locale: Locale;
  ticket: Ticket;
  csrf: string;
  /** Who may be assigned (current staff and admins); the signed-in member first chosen. */
  assignees: Member[];
  memberId: number;
  /** The canned replies offered under the reply box. */
  templates: readonly ReplyTemplate[];
}) {
  const a = consoleMessages(props.locale).actions;
  const m = messages(props.locale);
  const t = props.ticket;
  const action = `/console/tickets/${t.reference}/act`;
  const Hidden = (p: { name: string }) => (
    <>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="action" value={p.name} />
    </>
  );
  const open = t.status !== 'closed' && t.status !== 'duplicate';
  return (
    <section class="actions">
      <h2>{a.heading}</h2>
      <div class="bar">
        {canTransition(t.status, 'acknowledged') && (
          <form method="post" action={action} class="inline">
            <Hidden name="ack" />
            <button type="submit">{a.ack}</button>
          </form>
        )}
        {canTransition(t.status, 'in_progress') && (
          <form method="post" action={action} class="inline">
            <Hidden name="work" />
            <button type="submit">{a.work}</button>
          </form>
        )}
      </div>
      {open && (
        <fieldset>
          <form method="post" action={action}>
            <Hidden name="reply" />
            <label>
              {a.replyText}
              <textarea name="text" required maxlength={2000} />
            </label>
            <p class="meta">{a.replyHint}</p>
            <button type="submit">{a.reply}</button>
          </form>
        </fieldset>
      )}
      {open && props.templates.length > 0 && (
        <fieldset>
          <form method="post" action={action} id="template-reply">
            <Hidden name="template" />
            <label>
              {a.templateName}
              <select name="name">
                {props.templates.map((template) => (
                  <option value={template.name}>
                    {`${template.name} — ${cut(templateText(template, props.locale, props.locale) ?? '', 40)}`}
                  </option>
                ))}
              </select>
            </label>
            <div class="grid">
              <label>
                {a.templateDate}
                <input type="date" name="date" />
              </label>
              <label>
                {a.templateTime}
                <input type="time" name="time" />
              </label>
            </div>
            <p class="meta">{a.templateHint}</p>
            <button type="submit">{a.template}</button>
          </form>
        </fieldset>
      )}
      {canTransition(t.status, 'resolved') && (
        <fieldset>
          <form method="post" action={action}>
            <Hidden name="resolve" />
            <label>
              {a.resolveNote}
              <textarea name="note" maxlength={2000} />
            </label>
            <button type="submit">{a.resolve}</button>
          </form>
        </fieldset>
      )}
      {canTransition(t.status, 'explained') && (
        <fieldset>
          <form method="post" action={action}>
            <Hidden name="explain" />
            <label>
              {a.reason}
              <textarea name="reason" required maxlength={2000} />
            </label>
            <label>
              {a.plan}
              <textarea name="plan" required maxlength={2000} />
            </label>
            <p class="meta">{a.explainHint}</p>
            <button type="submit">{a.explain}</button>
          </form>
        </fieldset>
      )}
      {open && (
        <fieldset>
          <form method="post" action={action}>
            <Hidden name="recategorize" />
            <label>
              {a.recategorize}
              <select name="category">
                {CATEGORIES.filter((c) => c !== t.category).map((c) => (
                  <option value={c}>{m.categoryName[c]}</option>
                ))}
              </select>
            </label>
            <button type="submit">{a.recategorize}</button>
          </form>
        </fieldset>
      )}
      {open && (
        <fieldset>
          <form method="post" action={action}>
            <Hidden name="assign" />
            <label>
              {a.assignTo}
              <select name="assignee">
                {props.assignees.map((member) => (
                  <option value={String(member.id)} selected={member.id === (t.assigneeId ?? props.memberId)}>
                    {member.displayName ?? `#${member.id}`}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{a.assign}</button>
          </form>
        </fieldset>
      )}
      {canTransition(t.status, 'duplicate') && (
        <fieldset>
          <form method="post" action={action}>
            <Hidden name="merge" />
            <label>
              {a.mergeInto}
              <input name="into" required pattern="[A-Za-z]{1,3}-[0-9]{2,6}" maxlength={10} placeholder="W-0001" />
            </label>
            <p class="meta">{a.mergeHint}</p>
            <button type="submit">{a.merge}</button>
          </form>
        </fieldset>
      )}
      {t.assigneeId === props.memberId && (
        <fieldset>
          <form method="post" action={action}>
            <Hidden name="contact" />
            <p class="meta">{a.contactHint}</p>
            <button type="submit" class="light">
              {a.contact}
            </button>
          </form>
        </fieldset>
      )}
      <fieldset>
        <form method="post" action={action}>
          <Hidden name="note" />
          <label>
            {a.noteText}
            <textarea name="text" required maxlength={2000} />
          </label>
          <p class="meta">{a.noteHint}</p>
          <button type="submit" class="light">
            {a.note}
          </button>
        </form>
      </fieldset>
    </section>
  );
}
