import { createServer } from 'node:http';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/*
 * The baseline the intake figures are compared with: a bare Node `http` server that reads the body,
 * parses the JSON and inserts one row per request into the same kind of database, with the same
 * driver settings as Linli (SQLite in WAL; a pg pool of 10), and answers when the row is as safe as
 * Linli's inbox row is when Linli answers: on the disk (PostgreSQL's commit; on SQLite a commit with
 * synchronous=FULL, as the inbox's, src/store/inbox-store.ts). BASELINE_SQLITE_SYNCHRONOUS=NORMAL
 * gives the baseline of earlier benches, whose commits a power cut could take back. No signature,
 * no inbox semantics, no worker. Run as a child process by bench/intake.ts:
 *   BASELINE_DATABASE_URL=sqlite:/tmp/x.db PORT=4000 node --import tsx bench/baseline-server.ts
 */

const url = process.env.BASELINE_DATABASE_URL ?? '';
const port = Number(process.env.PORT ?? 4000);
type Insert = (path: string, id: string, body: string, at: string) => Promise<void>;

async function open(): Promise<Insert> {
  if (url.startsWith('sqlite:')) {
    const db = new SqliteDatabase(url.slice('sqlite:'.length), { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${process.env.BASELINE_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    db.exec(
      'create table if not exists requests (id integer primary key autoincrement, path text not null, event_id text not null, body text not null, received_at text not null)',
    );
    const insert = db.prepare('insert into requests (path, event_id, body, received_at) values (?, ?, ?, ?)');
    return async (path, id, body, at) => void insert.run(path, id, body, at);
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {});
  await pool.query(
    'create table if not exists requests (id serial primary key, path text not null, event_id text not null, body text not null, received_at text not null)',
  );
  return async (path, id, body, at) =>
    void (await pool.query('insert into requests (path, event_id, body, received_at) values ($1, $2, $3, $4)', [
      path,
      id,
      body,
      at,
    ]));
}

const insert = await open();
createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200).end('ok\n');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let parsed: { update_id?: unknown; events?: Array<{ webhookEventId?: unknown }> };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const id = String(parsed.update_id ?? parsed.events?.[0]?.webhookEventId ?? '');
    insert(req.url ?? '/', id, text, new Date().toISOString()).then(
      () => res.writeHead(200).end(),
      () => res.writeHead(500).end(),
    );
  });
}).listen(port, '127.0.0.1');
