// SPEC 7: list a page of 50 customers (10 000 in the tenant), 32 concurrent clients; throughput at least one
// third of what PostgreSQL itself does for the same queries (pgbench, same machine, same run).
//
// The SQL is not written here: one request's statements are captured from PostgreSQL's statement log and
// replayed by pgbench. Two PostgreSQL figures: the page query alone (what the target names), and every
// statement the request makes (session read and touch, tenant and staff re-read, the page).
import type { Api } from '../lib/api.mts';
import { type Bench, CLIENTS } from '../lib/context.mts';
import { cpuMeter, describeCpu } from '../lib/cpu.mts';
import { httpLoad, median, pgbench } from '../lib/load.mts';
import { isRequestStatement, toPgbenchScript } from '../lib/pgbench-script.mts';
import { fmt } from '../lib/report.mts';
import type { LoggedStatement } from '../lib/postgres.mts';
import type { Tenant } from '../lib/http.mts';

export interface CapturedRequest {
  statements: LoggedStatement[];
  page: LoggedStatement;
  /** The session id the request used (the pgbench script gives each client its own copy of that row). */
  sid: string;
}

export const pagePath = (tenant: Tenant) => `/api/t/${tenant.slug}/customers?limit=50`;

/** The statements one customers-page request makes, from the statement log. */
export async function captureRequest(bench: Bench, api: Api, tenant: Tenant, cookie: string): Promise<CapturedRequest> {
  const url = api.origin + pagePath(tenant);
  const check = await fetch(url, { headers: { cookie } });
  const body = (await check.json()) as { items: unknown[] };
  if (check.status !== 200 || body.items.length !== 50) throw new Error(`the customers page answered ${check.status} with ${body.items?.length} items`);
  const logged = await bench.pg.capture(async () => void (await (await fetch(url, { headers: { cookie } })).text()));
  const statements = logged.filter((s) => isRequestStatement(s, bench.pg.pid));
  const page = statements.find((s) => /\."?customer"?\s/.test(s.sql));
  const sessionRead = statements.find((s) => /from "platform"\."session"/i.test(s.sql));
  if (!page || !sessionRead) throw new Error(`could not find the page query and the session read in:\n${statements.map((s) => s.sql).join('\n')}`);
  return { statements, page, sid: sessionRead.params[0]! };
}

/** Copies the captured session row as sids '0'..'n-1', so pgbench client N reads and touches its own row. */
export async function sessionRowsForPgbench(bench: Bench, sid: string, clients: number): Promise<void> {
  await bench.pg.sql(
    `insert into platform.session (sid, sess, expire)
     select g::text, sess, expire from platform.session, generate_series(0, $2::int - 1) g where sid = $1
     on conflict (sid) do update set sess = excluded.sess, expire = excluded.expire`,
    [sid, clients],
  );
}

export async function customersScenario(bench: Bench, api: Api): Promise<void> {
  const { seconds, rounds } = bench.settings;
  const tenant = await bench.mainTenant(api);
  const cookies = await bench.cookies(api, tenant, CLIENTS);
  const captured = await captureRequest(bench, api, tenant, cookies[0]);
  bench.say(`  one request makes ${captured.statements.length} statements:`);
  for (const s of captured.statements) bench.say(`    [${s.protocol}] ${s.sql.replace(/\s+/g, ' ').slice(0, 150)}${s.params.length ? ` -- ${s.params.length} parameter(s)` : ''}`);
  await sessionRowsForPgbench(bench, captured.sid, CLIENTS);
  const pageOnly = toPgbenchScript([captured.page]);
  const whole = toPgbenchScript(captured.statements, (value) => (value === captured.sid ? 'client_id' : undefined));
  const env = bench.pg.libpqEnv();

  bench.say(`  warming up (${Math.min(5, seconds)} s)`);
  await httpLoad({ url: api.origin + pagePath(tenant), connections: CLIENTS, seconds: Math.min(5, seconds), cookies });
  const apiRuns: number[] = [];
  const pageRuns: number[] = [];
  const wholeRuns: number[] = [];
  const p99s: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const apiCpu = cpuMeter({ api: [api.pid], postmaster: bench.pg.postmasterPid });
    const http = await httpLoad({ url: api.origin + pagePath(tenant), connections: CLIENTS, seconds, cookies });
    const apiShares = apiCpu();
    if (http.failures) throw new Error(`${http.failures} failed requests`);
    apiRuns.push(http.rps);
    p99s.push(http.p99);
    const page = await pgbench({ env, ...pageOnly, clients: CLIENTS, seconds });
    pageRuns.push(page.tps);
    const pgbenchCpu = cpuMeter({ api: [api.pid], postmaster: bench.pg.postmasterPid });
    const all = await pgbench({ env, ...whole, clients: CLIENTS, seconds });
    const pgbenchShares = pgbenchCpu();
    wholeRuns.push(all.tps);
    bench.say(`  round ${round}/${rounds}: API ${fmt(http.rps)} req/s (p50 ${http.p50} ms, p99 ${http.p99} ms) | pgbench page query ${fmt(page.tps)} tps | pgbench all ${captured.statements.length} statements ${fmt(all.tps)} tps`);
    bench.say(`    during the API load: ${describeCpu(apiShares)}`);
    bench.say(`    during pgbench (all statements): ${describeCpu(pgbenchShares)}`);
  }
  // The floor under the page: the same session read and principal re-read, a 200-byte answer, no page query.
  const me = await httpLoad({ url: `${api.origin}/api/t/${tenant.slug}/me`, connections: CLIENTS, seconds, cookies });
  bench.say(`  for comparison, GET me (session read and principal re-read only): ${fmt(me.rps)} req/s (p99 ${me.p99} ms)`);
  const apiRps = median(apiRuns);
  const pageTps = median(pageRuns);
  const wholeTps = median(wholeRuns);
  bench.report.add({
    scenario: 'customers page (50 of 10 000), 32 clients',
    figure: `${fmt(apiRps)} req/s (p99 ${fmt(median(p99s))} ms)`,
    baseline: `${fmt(pageTps)} tps (the page query, pgbench -c 32)`,
    ratio: (apiRps / pageTps).toFixed(2),
    target: '≥ 0.33',
    met: apiRps / pageTps >= 1 / 3,
  });
  bench.report.add({
    scenario: `customers page vs all ${captured.statements.length} statements of the request`,
    figure: `${fmt(apiRps)} req/s`,
    baseline: `${fmt(wholeTps)} tps (the request's ${captured.statements.length} statements as one pgbench transaction)`,
    ratio: (apiRps / wholeTps).toFixed(2),
    target: '≥ 0.33',
    met: apiRps / wholeTps >= 1 / 3,
  });
}
