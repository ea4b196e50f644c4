import { readFile } from 'node:fs/promises';
import type { Locale } from '../i18n/index.ts';
import type { Route } from './server.ts';
import { sendText } from './server.ts';
import type { AgendaStore } from '../agenda/agenda-store.ts';
import { renderAgendaHtml } from '../agenda/render-html.ts';
import { ensureChartFile } from '../agenda/weekly-job.ts';
import type { StreetDigestStore } from '../agenda/street-digest-store.ts';

/** Tokens are 18 random bytes in base64url (24 characters); anything else is not looked up. */
const PATH = /^\/agenda\/([A-Za-z0-9_-]{24})\.(png|html)$/;

/**
 * `GET /agenda/<token>.png` (the chart, for LINE's image message) and `GET /agenda/<token>.html` (the
 * printable agenda). The token is the only key: unguessable, and unrelated to the week, so one week's
 * address tells nothing about another's. A street digest's token is served the same way.
 */
export function agendaRoute(
  agendas: Pick<AgendaStore, 'findByToken'>,
  options: { dataDir: string; locale: Locale; streetDigests?: Pick<StreetDigestStore, 'findByToken'> },
): Route {
  return {
    method: 'GET',
    path: '/agenda/*',
    handler: async (request, _body, response) => {
      const match = PATH.exec((request.url ?? '').split('?')[0] ?? '');
      const stored = match ? await agendas.findByToken(match[1]!) : undefined;
      const street = match && !stored ? await options.streetDigests?.findByToken(match[1]!) : undefined;
      if (match && street) {
        const { renderStreetHtml } = await import('../agenda/render-street.ts');
        const { ensureStreetChartFile } = await import('../agenda/street-job.ts');
        const body =
          match[2] === 'html'
            ? Buffer.from(renderStreetHtml(street.digest, options.locale, { chartSrc: `${street.imageToken}.png` }))
            : await readFile(await ensureStreetChartFile(options.dataDir, street, options.locale));
        response.writeHead(200, {
          'content-type': match[2] === 'html' ? 'text/html; charset=utf-8' : 'image/png',
          'content-length': body.length,
          'cache-control': match[2] === 'html' ? 'private, max-age=300' : 'public, max-age=86400, immutable',
          'x-robots-tag': 'noindex',
        });
        response.end(body);
        return;
      }
      if (!match || !stored) {
        sendText(response, 404, 'not found\n');
        return;
      }
      if (match[2] === 'html') {
        const html = renderAgendaHtml(stored.agenda, options.locale, { chartSrc: `${stored.imageToken}.png` });
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': Buffer.byteLength(html),
          'cache-control': 'private, max-age=300',
          'x-robots-tag': 'noindex',
        });
        response.end(html);
        return;
      }
      const png = await readFile((await ensureChartFile(options.dataDir, stored, options.locale))!);
      response.writeHead(200, {
        'content-type': 'image/png',
        'content-length': png.length,
        'cache-control': 'public, max-age=86400, immutable',
        'x-robots-tag': 'noindex',
      });
      response.end(png);
    },
  };
}
