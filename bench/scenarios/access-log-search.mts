// SPEC 7, access-log search: ip plus a 30-day window over 10 million rows under 100 ms.
//
// 10 million rows spread over 30 days are inserted with SQL into the benchmark database's access log (200 000
// addresses, about 50 requests each), with progress. An investigator then searches through the API
// (POST /api/platform/access-log/searches: justified, recorded in the same transaction) for 20 addresses and
// 20 networks (/24), after an untimed pass that warms the cache. PostgreSQL's figure: the statements one
// search request made (captured), replayed by a plain client with each address in turn.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ADMIN, type Api } from '../lib/api.mts';
import type { Bench } from '../lib/context.mts';
import { loginPlatform } from '../lib/http.mts';
import { median } from '../lib/load.mts';
import { isBackgroundStatement } from '../lib/pgbench-script.mts';
import type { LoggedStatement } from '../lib/postgres.mts';
import { fmt } from '../lib/report.mts';

const ROWS = Number(process.env.BENCH_ACCESS_LOG_ROWS ?? 10_000_000);
const SEARCHES = 20;
const CHUNK = 1_000_000;

async function seed(bench: Bench): Promise<void> {
  const [{ n }] = await bench.pg.sql<{ n: string }>('select count(*) as n from platform.access_log');
  const missing = ROWS - Number(n);
  if (missing <= 0) return;
  // Partitions for the past 31 days (the API keeps only the coming days ready).
  await bench.pg.sql(`select platform.access_log_ensure_partitions((now() at time zone 'UTC')::date - 31, 33)`);
  // Fewer checkpoints while loading (this scenario runs last): the load takes half the time.
  await bench.pg.sql(`alter system set max_wal_size = '8GB'`);
  await bench.pg.sql('select pg_reload_conf()');
  const started = Date.now();
  for (let done = 0; done < missing; done += CHUNK) {
    await bench.pg.sql(
      `insert into platform.access_log (logged_at, ip, method, route, status, latency_ms, tenant_id, principal, request_id)
       select now() - random() * interval '30 days', '198.18.0.0'::inet + (random() * 200000)::int,
              'GET', '/api/t/:tenant/customers', 200, (random() * 50)::int,
              ('00000000-0000-4000-8000-' || lpad((random() * 1000)::int::text, 12, '0'))::uuid,
              'tenant-staff:x:' || (random() * 5000)::int, gen_random_uuid()
       from generate_series(1, $1::int)`,
      [Math.min(CHUNK, missing - done)],
    );
    bench.say(`  access log: ${fmt(Number(n) + Math.min(done + CHUNK, missing))}/${fmt(ROWS)} rows (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await bench.pg.sql('analyze platform.access_log');
}

const address = (i: number) => `198.18.${i % 3}.${((i * 37) % 250) + 1}`;
const network = (i: number) => `198.18.${i % 3}.0/24`;

export async function accessLogSearchScenario(bench: Bench, api: Api): Promise<void> {
  await seed(bench);
  // The bench's admin becomes an investigator too (roles are re-read on every request).
  await bench.pg.sql(`update platform.platform_staff set roles = array(select distinct unnest(roles || '{access_log_investigator}')) where email = $1`, [ADMIN.email]);
  const investigator = await loginPlatform(api.origin, ADMIN);
  const search = async (ip: string) => {
    const res = await investigator.request<{ id: string; rowCount: number }>('POST', '/api/platform/access-log/searches', {
      filters: { ip },
      justification: 'Benchmark: how long a justified search takes over ten million rows',
      limit: 100,
    });
    if (res.status !== 200 && res.status !== 201) throw new Error(`search answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    return res;
  };
  const timed = async (ips: string[]) => {
    const times: number[] = [];
    let rows = 0;
    for (const ip of ips) {
      const res = await search(ip);
      times.push(res.ms);
      rows += res.body.rowCount;
    }
    return { median: median(times), max: Math.max(...times), rows: rows / ips.length };
  };
  const addresses = Array.from({ length: SEARCHES }, (_, i) => address(i));
  const networks = Array.from({ length: SEARCHES }, (_, i) => network(i));
  for (const ip of [...addresses, ...networks]) await search(ip); // warms the cache for both sides
  const byAddress = await timed(addresses);
  const byNetwork = await timed(networks);

  // PostgreSQL: the statements of one search request (session, principal, the search and its record) replayed.
  let searchId = '';
  const captured = (await bench.pg.capture(async () => void (searchId = (await search(addresses[0])).body.id))).filter(
    (s) => s.pid !== bench.pg.pid && !/insert into\s+"?platform"?\."?access_log"?\s/i.test(s.sql) && !isBackgroundStatement(s),
  );
  const replayed = await replay(bench.pg.url, captured, { address: addresses[0], searchId }, addresses);
  bench.say(
    `  API search, ip + 30 days: median ${fmt(byAddress.median, 1)} ms, max ${fmt(byAddress.max, 1)} ms (${fmt(byAddress.rows)} rows each); ` +
      `/24: median ${fmt(byNetwork.median, 1)} ms, max ${fmt(byNetwork.max, 1)} ms | its ${captured.length} statements from a plain client: median ${fmt(replayed, 1)} ms`,
  );
  bench.report.add({
    scenario: `access-log search through the API, ip + 30 days, ${fmt(ROWS / 1e6)} M rows (median of ${SEARCHES})`,
    figure: `${fmt(byAddress.median, 1)} ms (max ${fmt(byAddress.max, 1)}); a /24: ${fmt(byNetwork.median, 1)} ms`,
    baseline: `${fmt(replayed, 1)} ms (the request's ${captured.length} statements, plain pg client)`,
    ratio: (byAddress.median / replayed).toFixed(1),
    target: '< 100 ms',
    met: byAddress.median < 100 && byAddress.max < 100,
  });
}

/**
 * The captured statements from one plain client, once per address (in place of the captured one, and with a new
 * id for the search's record); median ms.
 */
async function replay(url: string, statements: LoggedStatement[], captured: { address: string; searchId: string }, addresses: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const times: number[] = [];
    for (const ip of addresses) {
      const sub = new Map([[captured.address, ip], [captured.searchId, randomUUID()]]);
      const started = performance.now();
      for (const s of statements) await client.query(s.sql, s.params.map((p) => (p !== null && sub.has(p) ? sub.get(p)! : p)));
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await client.end();
  }
}
