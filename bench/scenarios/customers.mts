// SPEC 7: list a page of 50 customers (10 000 in the tenant), 32 concurrent clients; throughput at least one
// third of what PostgreSQL itself does for the same queries (pgbench, same machine, same run).
//
// The SQL is not written here: one request's statements are captured from PostgreSQL's statement log and
// replayed by pgbench. Two PostgreSQL figures: the page query alone (what the target names), and every
// statement the request makes (session read and touch, tenant and staff re-read, the page).
import type { Api } from '../lib/api.mts';
import { type Bench, CLIENTS, CUSTOMERS } from '../lib/context.mts';
import { cpuMeter, describeCpu } from '../lib/cpu.mts';
import { httpLoad, median, pgbench } from '../lib/load.mts';
import { isRequestStatement, toPgbenchScript } from '../lib/pgbench-script.mts';
import { fmt } from '../lib/report.mts';
import type { LoggedStatement } from '../lib/postgres.mts';
import type { Tenant } from '../lib/http.mts';

export interface CapturedRequest {
  statements: LoggedStatement[];
  /** The statement that reads what the page shows (the rest are the session and the principal). */
  page: LoggedStatement;
  /** The session id the request used (the pgbench script gives each client its own copy of that row). */
  sid: string;
}

export const pagePath = (tenant: Tenant) => `/api/t/${tenant.slug}/customers?limit=50`;

/** One kind of GET request measured against PostgreSQL's own speed for its statements. */
export interface MeasuredRequest {
  /** The report's name for it, e.g. "customers page (50 of 10 000)". */
  name: string;
  path: string;
  /** CLIENTS signed-in sessions allowed to read it. */
  cookies: string[];
  /** Which logged statement is the page's own query (the report's first ratio). */
  isPageQuery: (sql: string) => boolean;
  /** Checks the answer before measuring (a wrong page must not be measured fast). */
  check: (body: unknown) => boolean;
}

/** The statements one request makes, from the statement log. */
export async function captureRequest(bench: Bench, api: Api, request: MeasuredRequest): Promise<CapturedRequest> {
  const url = api.origin + request.path;
  const [cookie] = request.cookies;
  const check = await fetch(url, { headers: { cookie: cookie! } });
  const body = (await check.json()) as unknown;
  if (check.status !== 200 || !request.check(body)) throw new Error(`${request.path} answered ${check.status}: ${JSON.stringify(body).slice(0, 300)}`);
  const logged = await bench.pg.capture(async () => void (await (await fetch(url, { headers: { cookie: cookie! } })).text()));
  const statements = logged.filter((s) => isRequestStatement(s, bench.pg.pid));
  const page = statements.find((s) => request.isPageQuery(s.sql));
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

/** The customers page of 50, as staff read it. */
export const customersPage = (tenant: Tenant, cookies: string[]): MeasuredRequest => ({
  name: `customers page (50 of ${CUSTOMERS.toLocaleString('fi-FI')})`,
  path: pagePath(tenant),
  cookies,
  isPageQuery: (sql) => /\."?customer"?\s/.test(sql),
  check: (body) => (body as { items?: unknown[] }).items?.length === 50,
});

export async function customersScenario(bench: Bench, api: Api): Promise<void> {
  const tenant = await bench.mainTenant(api);
  const cookies = await bench.cookies(api, tenant, CLIENTS);
  await measureRequest(bench, api, customersPage(tenant, cookies));
  // The floor under the page: the same session read and principal re-read, a 200-byte answer, no page query.
  const me = await httpLoad({ url: `${api.origin}/api/t/${tenant.slug}/me`, connections: CLIENTS, seconds: bench.settings.seconds, cookies });
  bench.say(`  for comparison, GET me (session read and principal re-read only): ${fmt(me.rps)} req/s (p99 ${me.p99} ms)`);
}

/**
 * The request under 32 clients against pgbench replaying its statements (the page query alone, and all of the
 * request's statements as one transaction), in alternating rounds; the CPU of each side is described.
 */
export async function measureRequest(bench: Bench, api: Api, request: MeasuredRequest): Promise<void> {
  const { seconds, rounds } = bench.settings;
  const { cookies } = request;
  const captured = await captureRequest(bench, api, request);
  bench.say(`  one request makes ${captured.statements.length} statements:`);
  for (const s of captured.statements) bench.say(`    [${s.protocol}] ${s.sql.replace(/\s+/g, ' ').slice(0, 150)}${s.params.length ? ` -- ${s.params.length} parameter(s)` : ''}`);
  await sessionRowsForPgbench(bench, captured.sid, CLIENTS);
  const pageOnly = toPgbenchScript([captured.page]);
  const whole = toPgbenchScript(captured.statements, (value) => (value === captured.sid ? 'client_id' : undefined));
  const env = bench.pg.libpqEnv();

  bench.say(`  warming up (${Math.min(5, seconds)} s)`);
  await httpLoad({ url: api.origin + request.path, connections: CLIENTS, seconds: Math.min(5, seconds), cookies });
  const apiRuns: number[] = [];
  const pageRuns: number[] = [];
  const wholeRuns: number[] = [];
  const p99s: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const apiCpu = cpuMeter({ api: [api.pid], postmaster: bench.pg.postmasterPid });
    const http = await httpLoad({ url: api.origin + request.path, connections: CLIENTS, seconds, cookies });
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
  const apiRps = median(apiRuns);
  const pageTps = median(pageRuns);
  const wholeTps = median(wholeRuns);
  bench.report.add({
    scenario: `${request.name}, 32 clients`,
    figure: `${fmt(apiRps)} req/s (p99 ${fmt(median(p99s))} ms)`,
    baseline: `${fmt(pageTps)} tps (the page query alone, pgbench -c 32)`,
    ratio: (apiRps / pageTps).toFixed(2),
    target: '≥ 0.33',
    met: apiRps / pageTps >= 1 / 3,
  });
  bench.report.add({
    scenario: `${request.name} vs all ${captured.statements.length} statements of the request`,
    figure: `${fmt(apiRps)} req/s`,
    baseline: `${fmt(wholeTps)} tps (the request's ${captured.statements.length} statements as one pgbench transaction)`,
    ratio: (apiRps / wholeTps).toFixed(2),
    target: '≥ 0.33',
    met: apiRps / wholeTps >= 1 / 3,
  });
}
