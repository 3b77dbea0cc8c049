// Issue 17's figures: the same API on one PostgreSQL and on a Citus cluster (a coordinator and two workers, all
// on this machine) under the same load, and a tenant of 10 000 customers and 21 000 invoices moved between the
// workers while a client keeps using it. On one machine this shows what Citus costs, not what it scales to.
//
//   npm run bench:citus                 (builds first; needs the Citus build beside the repo: ../shared/citus)
//   BENCH_SECONDS=10 BENCH_ROUNDS=3 npm run bench:citus
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ADMIN, ROOT, startApi, type Api } from './lib/api.mts';
import { Client, login, loginPlatform, onboardTenant, type Tenant } from './lib/http.mts';
import { httpLoad, median } from './lib/load.mts';
import { startBenchPostgres } from './lib/postgres.mts';
import { fmt, Report } from './lib/report.mts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = 32;
const CUSTOMERS = 10_000;
const INVOICES = 21_000;
const ONBOARDINGS = 10;
const say = (line: string) => process.stdout.write(line + '\n');

type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** One database under test: its URL, a client for seeding, and how to stop it. */
interface Target {
  name: string;
  url: string;
  sql: Sql;
  stop(): Promise<void>;
}

async function singlePostgres(): Promise<Target> {
  const db = await startBenchPostgres(say);
  return { name: 'one PostgreSQL', url: db.url, sql: db.sql, stop: () => db.stop() };
}

async function citusCluster(): Promise<Target> {
  const script = join(ROOT, 'scripts/citus-cluster.sh');
  const dir = mkdtempSync(join(tmpdir(), 'rekisteri-bench-citus-'));
  say(`starting a Citus cluster (a coordinator and two workers) in ${dir}`);
  const url = execFileSync(script, ['start', dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    name: 'Citus (1 coordinator + 2 workers)',
    url,
    sql: async (text, params = []) => (await client.query(text, params)).rows,
    stop: async () => {
      await client.end().catch(() => undefined);
      execFileSync(script, ['stop', dir]);
    },
  };
}

async function seed(sql: Sql, schema: string, customers: number, invoices: number): Promise<void> {
  const s = `"${schema}"`;
  await sql(
    `insert into ${s}.customer (id, contact_name, email, phone, street_address, postal_code, city, created_at, updated_at)
     select gen_random_uuid(), 'Asiakas ' || g, 'customer' || g || '@example.test', '+35840' || lpad(g::text, 7, '0'), 'Katu ' || g, '02320', 'Espoo',
            date_trunc('milliseconds', now() - g * interval '1 minute'), now()
       from generate_series(1, $1::int) g`,
    [customers],
  );
  if (invoices) {
    await sql(
      `with c as (select id, row_number() over (order by id) as n from ${s}.customer)
       insert into ${s}.invoice (id, customer_id, status, number, issue_date, due_date, reference_number, net_cents, vat_cents, gross_cents, created_at, updated_at)
       select gen_random_uuid(), c.id, 'issued', g, current_date - 30, current_date - 16, (1000 + g)::text, 8065, 1935, 10000, now(), now()
         from generate_series(1, $1::int) g join c on c.n = g % $2::int + 1`,
      [invoices, customers],
    );
    await sql(`update ${s}.invoice_counter set last_number = $1`, [invoices]);
  }
  await sql(`analyze ${s}.customer`);
}

const page = (api: Api, tenant: Tenant) => `${api.origin}/api/t/${tenant.slug}/customers?limit=50`;

async function measure(target: Target, figures: Map<string, number>): Promise<{ api: Api; admin: Client }> {
  say(`\n== ${target.name}`);
  const api = await startApi({ databaseUrl: target.url });
  const admin = await loginPlatform(api.origin, ADMIN);
  const onboarding: number[] = [];
  for (let i = 0; i < ONBOARDINGS; i++) onboarding.push((await onboardTenant(admin, `bench-onboard-${i}`)).onboardingMs);
  say(`  onboarding, ${ONBOARDINGS} tenants one after another: median ${fmt(median(onboarding))} ms [${onboarding.map((ms) => fmt(ms)).join(', ')}]`);
  figures.set(`${target.name} onboarding`, median(onboarding));

  const tenant = await onboardTenant(admin, 'bench-page');
  await seed(target.sql, tenant.schema, CUSTOMERS, 0);
  const cookies: string[] = [];
  for (let i = 0; i < CLIENTS; i++) cookies.push((await login(api.origin, tenant)).cookie!);
  await httpLoad({ url: page(api, tenant), connections: CLIENTS, seconds: Math.min(5, SECONDS), cookies });
  const rps: number[] = [];
  const p99: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const run = await httpLoad({ url: page(api, tenant), connections: CLIENTS, seconds: SECONDS, cookies });
    if (run.failures) throw new Error(`${run.failures} failed requests`);
    rps.push(run.rps);
    p99.push(run.p99);
    say(`  round ${round}/${ROUNDS}: customers page ${fmt(run.rps)} req/s (p50 ${run.p50} ms, p99 ${run.p99} ms)`);
  }
  figures.set(`${target.name} page`, median(rps));
  figures.set(`${target.name} page p99`, median(p99));
  return { api, admin };
}

/** Moves a seeded tenant to the other worker while one client alternately lists and creates its customers. */
async function move(target: Target, api: Api, admin: Client, report: Report): Promise<void> {
  const tenant = await onboardTenant(admin, 'bench-move');
  say(`  seeding the tenant to move: ${fmt(CUSTOMERS)} customers, ${fmt(INVOICES)} invoices`);
  await seed(target.sql, tenant.schema, CUSTOMERS, INVOICES);
  const where = async () =>
    (
      await target.sql<{ node: string }>(
        `select n.nodename || ':' || n.nodeport as node
           from pg_dist_shard s join pg_dist_placement p using (shardid) join pg_dist_node n on n.groupid = p.groupid
          where s.logicalrelid = $1::regclass`,
        [`"${tenant.schema}".customer`],
      )
    )[0].node;
  const workers = (await target.sql<{ node: string }>(`select nodename || ':' || nodeport as node from pg_dist_node where groupid <> 0 and noderole = 'primary' order by 1`)).map((r) => r.node);
  const from = await where();
  const to = workers.find((w) => w !== from)!;
  const checksum = async () =>
    (
      await target.sql<{ customers: string; invoices: string; sum: string }>(
        `select (select count(*) from "${tenant.schema}".customer) as customers, (select count(*) from "${tenant.schema}".invoice) as invoices,
                (select md5(string_agg(id::text || number, ',' order by id)) from "${tenant.schema}".invoice) as sum`,
      )
    )[0];
  const before = await checksum();

  const client = await login(api.origin, tenant);
  let running = true;
  let created = 0;
  const latencies: number[] = [];
  const failures: number[] = [];
  const traffic = (async () => {
    for (let i = 0; running; i++) {
      const res =
        i % 2 ? await client.request('POST', `/api/t/${tenant.slug}/customers`, { contactName: `Siirron aikana ${i}`, email: `move${i}@example.test` }) : await client.request('GET', `/api/t/${tenant.slug}/customers?limit=50`);
      latencies.push(res.ms);
      if (res.status >= 300) failures.push(res.status);
      else if (i % 2) created++;
    }
  })();
  await new Promise((r) => setTimeout(r, 2000));
  const trafficBefore = latencies.length;
  const [host, port] = to.split(':');
  say(`  moving ${tenant.schema} from ${from} to ${to} (citus_schema_move) while a client lists and creates customers`);
  const started = performance.now();
  await target.sql(`select citus_schema_move($1::regnamespace, $2, $3::int, shard_transfer_mode => 'auto')`, [tenant.schema, host, port]);
  const moveMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  running = false;
  await traffic;
  const after = await checksum();
  const during = latencies.slice(trafficBefore);
  const sorted = [...during].sort((a, b) => a - b);
  const now = await where();
  say(`  moved in ${fmt(moveMs)} ms; now on ${now}; ${during.length} requests during and after the move, ${failures.length} not 2xx, max ${fmt(sorted[sorted.length - 1])} ms, over 1 s: ${during.filter((ms) => ms > 1000).length}`);
  say(`  before: ${JSON.stringify(before)}; after: ${JSON.stringify(after)} (${created} customers created meanwhile)`);
  const intact = now === to && after.invoices === before.invoices && after.sum === before.sum && Number(after.customers) === Number(before.customers) + created && failures.length === 0;
  report.add({
    scenario: `moving a tenant (${fmt(CUSTOMERS)} customers, ${fmt(INVOICES)} invoices) between workers under a client`,
    figure: `${fmt(moveMs)} ms; max request ${fmt(sorted[sorted.length - 1])} ms`,
    baseline: `${during.length} requests, ${failures.length} failed`,
    ratio: '-',
    target: 'no failed request, nothing lost',
    met: intact,
  });
}

const report = new Report(say);
const figures = new Map<string, number>();
say(`machine: ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.versions.node}`);
say(`${ROUNDS} rounds of ${SECONDS} s, ${CLIENTS} clients; the API, the load generator and every database node share this machine`);
let failed = false;
for (const make of [singlePostgres, citusCluster]) {
  const target = await make();
  let api: Api | undefined;
  try {
    const measured = await measure(target, figures);
    api = measured.api;
    if (target.name.startsWith('Citus')) await move(target, api, measured.admin, report);
  } catch (error) {
    failed = true;
    say(`  failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await api?.stop();
    await target.stop();
  }
}
const [single, citus] = ['one PostgreSQL', 'Citus (1 coordinator + 2 workers)'];
if (figures.has(`${citus} page`) && figures.has(`${single} page`)) {
  report.add({
    scenario: `customers page (50 of ${fmt(CUSTOMERS)}), ${CLIENTS} clients, on Citus`,
    figure: `${fmt(figures.get(`${citus} page`)!)} req/s (p99 ${fmt(figures.get(`${citus} page p99`)!)} ms)`,
    baseline: `${fmt(figures.get(`${single} page`)!)} req/s on one PostgreSQL (p99 ${fmt(figures.get(`${single} page p99`)!)} ms)`,
    ratio: (figures.get(`${citus} page`)! / figures.get(`${single} page`)!).toFixed(2),
    target: 'reported',
    met: null,
  });
  report.add({
    scenario: 'onboarding one tenant, on Citus',
    figure: `${fmt(figures.get(`${citus} onboarding`)!)} ms`,
    baseline: `${fmt(figures.get(`${single} onboarding`)!)} ms on one PostgreSQL`,
    ratio: (figures.get(`${citus} onboarding`)! / figures.get(`${single} onboarding`)!).toFixed(2),
    target: 'reported',
    met: null,
  });
}
say(`\n${report.markdown()}`);
process.exit(failed ? 1 : 0);
