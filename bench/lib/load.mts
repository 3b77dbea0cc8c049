// Load generators: autocannon against the API over loopback, pgbench against PostgreSQL with the same SQL.
// Every run is bounded in time (and autocannon also in requests).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface HttpLoad {
  url: string;
  connections: number;
  seconds: number;
  /** Cookies handed out one per connection (round robin): each connection is its own signed-in user. */
  cookies?: string[];
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /**
   * Requests per second over all connections; unset: as fast as the server answers. autocannon paces by a
   * quota per connection and second: at every tick each connection sends its share back to back (closed loop),
   * so N connections make synchronised bursts of N concurrent requests. For latency, use one connection.
   */
  overallRate?: number;
  /** Bounds the run in requests as well as in time. */
  maxRequests?: number;
  /** One body per connection, in turn (each connection sends its own, say each its own account's login). */
  bodies?: string[];
}

export interface HttpResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
  seconds: number;
  /** Answers by status code, to say what failed. */
  statuses: Record<string, number>;
}

export async function httpLoad(load: HttpLoad): Promise<HttpResult> {
  let next = 0;
  const result = await autocannon({
    url: load.url,
    method: load.method ?? 'GET',
    body: load.body,
    connections: load.connections,
    duration: load.seconds,
    maxOverallRequests: load.maxRequests ?? 1_000_000,
    overallRate: load.overallRate,
    // autocannon 'corrects' paced latencies with an expected interval of ceil(1 / rate) (seconds, recorded as
    // milliseconds: 1 ms), adding made-up samples of 1, 2, ... n-1 ms for every n-ms response. Raw latencies.
    ignoreCoordinatedOmission: load.overallRate !== undefined,
    timeout: 30,
    headers: load.headers,
    setupClient: (client) => {
      const i = next++;
      if (load.cookies?.length) client.setHeaders({ ...load.headers, cookie: load.cookies[i % load.cookies.length] });
      if (load.bodies?.length) client.setBody(load.bodies[i % load.bodies.length]);
    },
  });
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    requests: ok,
    failures: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    seconds: result.duration,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count])),
  };
}

export interface PgbenchRun {
  env: NodeJS.ProcessEnv;
  /** The transaction: statements separated by `;\n`, variables as `:name`. */
  script: string;
  defines?: Record<string, string>;
  clients: number;
  seconds: number;
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
  transactions: number;
  failed: number;
}

/** pgbench in extended query mode: unnamed statements with parameters, as node-postgres sends them. */
export async function pgbench(run: PgbenchRun): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rekisteri-pgbench-'));
  const file = join(dir, 'script.sql');
  writeFileSync(file, run.script);
  const defines = Object.entries(run.defines ?? {}).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
  const args = ['-n', '-M', 'extended', '-c', String(run.clients), '-j', '2', '-T', String(run.seconds), '-f', file, ...defines];
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const child = spawn('/usr/bin/pgbench', args, { env: run.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), (run.seconds + 60) * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ stdout, stderr, code });
    });
  });
  const number = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? NaN);
  const tps = number(/tps = ([\d.]+) \(without initial connection time\)/);
  if (code !== 0 || !Number.isFinite(tps)) throw new Error(`pgbench failed (${code}):\n${stdout}\n${stderr}\nscript:\n${run.script}`);
  return {
    tps,
    latencyMs: number(/latency average = ([\d.]+) ms/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: number(/number of failed transactions: (\d+)/) || 0,
  };
}

/** The median of repeated measurements (runs alternate, so drift from other load on the machine evens out). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
