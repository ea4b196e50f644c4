import { consoleMessages } from '../i18n/console-messages.ts';
import { LOCALES, messages } from '../i18n/index.ts';
import type { ReplyTemplate } from '../tickets/reply-template-store.ts';
import { ConsolePage, type PageFrame } from './console-page.tsx';

export interface TemplatesPageData {
  templates: ReplyTemplate[];
  /** Whose templates the admin writes (`templateScope`): the others are shown read-only. */
  scope: number | null;
  csrf: string;
  notice?: { text: string; error: boolean };
}

/**
 * The canned replies page (admins): each template with its text in every language, each editable and
 * deletable on its own (`/tpl add NAME LANGUAGE text`, `/tpl delete NAME [LANGUAGE]`), and a form for
 * a new template or language. Plain POST forms with the session's CSRF token.
 */
export function TemplatesPage(props: { frame: PageFrame; data: TemplatesPageData }) {
  const { frame, data } = props;
  const c = consoleMessages(frame.locale);
  const t = c.templates;
  const m = messages(frame.locale);
  const Csrf = () => <input type="hidden" name="csrf" value={data.csrf} />;
  return (
    <ConsolePage frame={frame} title={c.nav.templates}>
      <h1>{c.nav.templates}</h1>
      {data.notice && <p class={data.notice.error ? 'notice error' : 'notice'}>{data.notice.text}</p>}
      <p class="meta">{t.intro}</p>
      <p class="meta">{t.placeholders}</p>
      {data.templates.length === 0 && <p class="notice">{t.empty}</p>}
      {data.templates.map((template, i) =>
        template.estateId !== data.scope ? (
          <section class="template" id={`template-${i + 1}`}>
            <h2>{template.name}</h2>
            <p class="meta">{t.shared}</p>
            <dl class="facts">
              {LOCALES.filter((locale) => template.texts[locale] !== undefined).map((locale) => (
                <>
                  <dt>{m.languageName[locale]}</dt>
                  <dd>{template.texts[locale]}</dd>
                </>
              ))}
            </dl>
          </section>
        ) : (
          <section class="template" id={`template-${i + 1}`}>
            <h2>{template.name}</h2>
            {LOCALES.map((locale) => {
              const text = template.texts[locale];
              return (
                <fieldset>
                  <form method="post" action="/console/templates">
                    <Csrf />
                    <input type="hidden" name="name" value={template.name} />
                    <input type="hidden" name="language" value={locale} />
                    <label>
                      {m.languageName[locale]}
                      <textarea name="text" required maxlength={2000}>
                        {text ?? ''}
                      </textarea>
                    </label>
                    {text === undefined && <p class="meta">{t.missing}</p>}
                    <button type="submit">{t.save}</button>
                  </form>
                  {text !== undefined && (
                    <form method="post" action="/console/templates/delete" class="inline">
                      <Csrf />
                      <input type="hidden" name="name" value={template.name} />
                      <input type="hidden" name="language" value={locale} />
                      <button type="submit" class="light">
                        {t.delete}
                      </button>
                    </form>
                  )}
                </fieldset>
              );
            })}
            <form method="post" action="/console/templates/delete">
              <Csrf />
              <input type="hidden" name="name" value={template.name} />
              <input type="hidden" name="language" value="" />
              <button type="submit" class="light">
                {t.deleteAll}
              </button>
            </form>
          </section>
        ),
      )}
      <h2>{t.add}</h2>
      <fieldset>
        <form method="post" action="/console/templates" id="add-template">
          <Csrf />
          <div class="grid">
            <label>
              {t.name}
              <input name="name" required maxlength={12} />
            </label>
            <label>
              {t.language}
              <select name="language">
                {LOCALES.map((locale) => (
                  <option value={locale} selected={locale === frame.locale}>
                    {m.languageName[locale]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            {t.text}
            <textarea name="text" required maxlength={2000} />
          </label>
          <button type="submit">{t.save}</button>
        </form>
      </fieldset>
    </ConsolePage>
  );
}
