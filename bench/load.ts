import { Agent, request } from 'node:http';

/** One request of a load: where it goes, its headers and its exact bytes. */
export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadResult {
  requests: number;
  /** Answers 2xx. */
  ok: number;
  /** Other answers and connection errors, by status (or `error`). */
  failed: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function send(agent: Agent, url: URL, item: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: item.path,
        method: 'POST',
        agent,
        headers: { ...item.headers, 'content-type': 'application/json', 'content-length': String(item.body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(-1));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(item.body);
  });
}

/**
 * Posts every request once to `baseUrl` over keep-alive loopback connections, `concurrency` at a time,
 * and stops by itself after the last answer. Latency is the time from sending to the end of the answer.
 */
export async function runLoad(
  baseUrl: string,
  items: readonly LoadRequest[],
  concurrency: number,
): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(items.length);
  const failed: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) {
        const t = performance.now();
        const status = await send(agent, url, items[i]!);
        latencies[i] = performance.now() - t;
        if (status >= 200 && status < 300) ok++;
        else {
          const key = status === -1 ? 'error' : String(status);
          failed[key] = (failed[key] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  const p = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    requests: items.length,
    ok,
    failed,
    seconds,
    perSecond: items.length / seconds,
    p50Ms: p(0.5),
    p99Ms: p(0.99),
  };
}
