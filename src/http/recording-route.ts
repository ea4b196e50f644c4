import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Route } from './server.ts';
import { sendText } from './server.ts';
import { RECORDING_PATH, type RecordingLinks } from '../voice/recording-links.ts';

/** `/media/<id>?exp=<unix seconds>&sig=<base64url>`: nothing else is looked up. */
const PATH = /^\/media\/([1-9]\d{0,15})$/;

/** Where the route finds a ticket's downloaded recording. */
export interface RecordingFiles {
  recording(id: number): Promise<{ path: string; mimeType: string } | undefined>;
}

/**
 * `GET /media/<id>?exp=…&sig=…`: a voice note's recording, for LINE to fetch for a staff group's audio
 * message. Only a link signed here (see RecordingLinks) and not yet expired opens it: an expired one
 * is 403, a forged one, an unknown id or a recording not downloaded yet 404 — and there is no listing.
 * Only audio of a ticket, from inside DATA_DIR/attachments, is ever served.
 */
export function recordingRoute(
  links: RecordingLinks,
  files: RecordingFiles,
  options: { dataDir: string; now: () => Date },
): Route {
  return {
    method: 'GET',
    path: `${RECORDING_PATH}*`,
    handler: async (request, _body, response) => {
      const url = new URL(request.url ?? '/', 'http://linli');
      const id = PATH.exec(url.pathname)?.[1];
      const exp = url.searchParams.get('exp') ?? '';
      const sig = url.searchParams.get('sig') ?? '';
      const check = id && /^\d{1,12}$/.test(exp) ? links.check(Number(id), Number(exp), sig, options.now()) : 'forged';
      if (check === 'expired') {
        sendText(response, 403, 'this link has expired; the recording is in the console\n');
        return;
      }
      const found = check === 'valid' ? await files.recording(Number(id)) : undefined;
      const root = resolve(options.dataDir, 'attachments') + sep;
      const path = found && resolve(found.path);
      const info = path?.startsWith(root) ? await stat(path).catch(() => undefined) : undefined;
      if (!found || !path || !info?.isFile() || !/^audio\/[\w.+-]+$/.test(found.mimeType)) {
        sendText(response, 404, 'not found\n');
        return;
      }
      response.writeHead(200, {
        'content-type': found.mimeType,
        'content-length': info.size,
        'cache-control': 'private, max-age=3600',
        'x-robots-tag': 'noindex',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      createReadStream(path)
        .on('error', () => response.destroy())
        .pipe(response);
    },
  };
}
