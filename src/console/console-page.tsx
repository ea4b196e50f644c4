import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { LOCALES, messages, type Locale } from '../i18n/index.ts';
import { consoleMessages } from '../i18n/console-messages.ts';

/** What every page shows in its header: who is signed in, the CSRF token for the logout form, the URL to switch language on. */
export interface PageFrame {
  locale: Locale;
  /** The page's own path and query, to which `lang=` is added by the language links. */
  here: string;
  /** `scope`: the estates a session reading more than its own estate reads (a street's). */
  user?: { name: string; role: string; csrf: string; scope?: string };
  /** The sections this member may open, in the header. */
  sections?: ReadonlyArray<{ href: string; label: string }>;
}

function withLang(here: string, lang: Locale): string {
  const [path, query = ''] = here.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

/** The console's page: a header (title, language, sign-out), the content. No script; one small style sheet. */
export function ConsolePage(props: { frame: PageFrame; title: string; children?: Child }) {
  const c = consoleMessages(props.frame.locale);
  const m = messages(props.frame.locale);
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={c.htmlLang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${props.title} · ${c.title}`}</title>
          <link rel="stylesheet" href="/console/console.css" />
        </head>
        <body>
          <header>
            <a class="brand" href="/console/">
              {c.title}
            </a>
            {props.frame.sections && (
              <nav class="sections">
                {props.frame.sections.map((s) => (
                  <a href={s.href}>{s.label}</a>
                ))}
              </nav>
            )}
            <nav>
              {LOCALES.filter((l) => l !== props.frame.locale).map((l) => (
                <a href={withLang(props.frame.here, l)} lang={consoleMessages(l).htmlLang}>
                  {m.languageName[l]}
                </a>
              ))}
              {props.frame.user && (
                <form method="post" action="/console/logout" class="inline">
                  <span class="who">
                    {c.nav.signedInAs({
                      name: props.frame.user.name,
                      role: props.frame.user.role,
                    })}
                    {props.frame.user.scope !== undefined && ` · ${props.frame.user.scope}`}
                  </span>
                  <input type="hidden" name="csrf" value={props.frame.user.csrf} />
                  <button type="submit">{c.nav.signOut}</button>
                </form>
              )}
            </nav>
          </header>
          <main>{props.children}</main>
        </body>
      </html>
    </>
  );
}

/** The console's style sheet: readable on a phone, no framework. */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d2330;background:#f4f5f7}
header{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:#1f4e79;color:#fff}
header a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.1rem}
nav{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.who{margin-right:.5rem}
nav.sections a{font-weight:600}
svg.chart{width:100%;height:auto;background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;margin:.5rem 0 1rem}
.table-wrap{overflow-x:auto;margin-bottom:1rem}
table{border-collapse:collapse;background:#fff;min-width:100%}
th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.6rem;margin:.6rem 0 1rem}
.card{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:.6rem .8rem}
.card .big{font-size:1.5rem;font-weight:700}
main{max-width:72rem;margin:0 auto;padding:1rem}
form.inline{display:inline}
button,.button{display:inline-block;font:inherit;padding:.45rem .9rem;border:1px solid #1f4e79;border-radius:.35rem;background:#1f4e79;color:#fff;text-decoration:none;cursor:pointer}
.button.light,button.light{background:#fff;color:#1f4e79}
header button{background:transparent;border-color:#fff}
fieldset{border:1px solid #d5d9e0;border-radius:.5rem;background:#fff;margin:0 0 1rem;padding:.75rem;min-width:0}
details.filters{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;margin-bottom:1rem;padding:.5rem .75rem}
details.filters summary{cursor:pointer;font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem;margin:.6rem 0}
label{display:flex;flex-direction:column;font-size:.9rem;gap:.2rem}
label.check{flex-direction:row;align-items:center;gap:.4rem}
input,select,textarea{font:inherit;padding:.35rem;border:1px solid #b8bfca;border-radius:.3rem;background:#fff;max-width:100%}
textarea{width:100%;min-height:4.5rem}
.bar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;margin:.5rem 0}
ul.tickets{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
ul.tickets li{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:.6rem .8rem}
ul.tickets li.urgent{border-left:.35rem solid #c62828}
.ref{font-weight:700;font-family:ui-monospace,monospace}
.tag{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.25rem;background:#e8edf5;margin-right:.3rem}
.tag.warn{background:#fde2e1;color:#9b1c1c}
.meta{color:#5a6375;font-size:.85rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:.75rem}
dl.facts dt{color:#5a6375}
dl.facts dd{margin:0}
ol.history{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:.75rem .75rem .75rem 2.2rem}
ol.history li{margin:.25rem 0}
.photos{display:flex;flex-wrap:wrap;gap:.5rem}
.photos img{max-width:100%;width:14rem;border-radius:.4rem;border:1px solid #d5d9e0}
.notice{background:#fff8e1;border:1px solid #f0d98c;border-radius:.5rem;padding:.6rem .8rem;margin-bottom:1rem}
.error{background:#fde2e1;border-color:#f5b5b1}
@media (max-width:40rem){main{padding:.6rem}dl.facts{grid-template-columns:1fr}dl.facts dt{font-weight:600}}
@media print{header,details.filters,form{display:none}}
`;
