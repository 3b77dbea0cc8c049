// SPEC 7, tenants: request latency with 1 000 tenant schemas within 10 % of one tenant; onboarding one tenant
// under 100 ms (median); migrating 1 000 tenant schemas under 20 s.
//
// Onboarding goes through the API (POST /api/platform/tenants). The 1 000 schemas: tenant rows are inserted
// with SQL, then `cli migrate` (the operator's command, built) creates and migrates every schema. PostgreSQL's
// own figure for both: the same migration SQL sent by one plain pg client, a transaction per schema.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Api, ROOT } from '../lib/api.mts';
import type { Bench } from '../lib/context.mts';
import { httpLoad, median, pgbench } from '../lib/load.mts';
import { onboardTenant } from '../lib/http.mts';
import { toPgbenchScript } from '../lib/pgbench-script.mts';
import { fmt, pct } from '../lib/report.mts';
import { captureRequest, customersPage, pagePath } from './customers.mts';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 1_000);
const ONBOARDINGS = 15;
/** Schemas the plain-pg baseline migrates (then extrapolated to TENANTS, and dropped). */
const BARE_SAMPLE = 100;
/** One connection, so the pages do not queue behind each other (see OTHER in login.mts). */
const LATENCY = { rate: 50, connections: 1 };
/** TENANT_MIGRATION_CONCURRENCY in libs/tenancy/src/tenancy.service.ts: the plain-pg baseline runs as many at once. */
const TENANT_MIGRATION_CONCURRENCY = 4;

interface MigrationContext {
  execute(sql: string, params?: unknown[]): Promise<unknown[]>;
}
interface SchemaMigration {
  name: string;
  up(db: MigrationContext): Promise<void>;
}
const { tenantMigrations } = createRequire(import.meta.url)(join(ROOT, 'dist/migrations/tenant/index.js')) as { tenantMigrations: SchemaMigration[] };

/** What migrateSchemaInTransaction sends for a new schema, from one plain client: PostgreSQL's floor. */
async function bareMigrate(client: pg.Client, schema: string): Promise<void> {
  const execute = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as unknown[];
  await client.query('begin');
  await execute(`create schema if not exists "${schema}"`);
  await execute(`set local search_path to "${schema}"`);
  await execute(`select pg_advisory_xact_lock(hashtext($1))`, [schema]);
  await execute(`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  await execute('select name from schema_migrations');
  for (const migration of tenantMigrations) {
    await migration.up({ execute });
    await execute('insert into schema_migrations (name) values ($1)', [migration.name]);
  }
  await client.query('commit');
}

/**
 * The deploy case: one pending migration in every schema. The latest tenant migration is taken back in each
 * schema (its table dropped, its record deleted) so that `cli migrate` applies it again, through the real runner.
 */
const LATEST = { name: '0022-invoice-reminders', undo: 'drop table invoice_reminder; drop table reminder_settings' };

async function takeBackLatest(bench: Bench, schemas: string[]): Promise<void> {
  const latest = [...tenantMigrations].sort((a, b) => a.name.localeCompare(b.name)).at(-1)!;
  if (latest.name !== LATEST.name) throw new Error(`the latest tenant migration is ${latest.name}: teach bench/scenarios/tenants.mts to take it back`);
  for (const schema of schemas) {
    await bench.pg.sql(`begin; set local search_path to "${schema}"; ${LATEST.undo}; delete from schema_migrations where name = '${LATEST.name}'; commit`);
  }
}

/** The latest migration applied to existing schemas by plain clients, `parallel` at a time: PostgreSQL's floor. */
async function bareApplyLatest(bench: Bench, schemas: string[], parallel: number): Promise<number> {
  const latest = tenantMigrations.find((m) => m.name === LATEST.name)!;
  const clients = await Promise.all(Array.from({ length: parallel }, async () => {
    const client = new pg.Client({ connectionString: bench.pg.url });
    await client.connect();
    return client;
  }));
  const started = performance.now();
  let next = 0;
  await Promise.all(clients.map(async (client) => {
    for (let i = next++; i < schemas.length; i = next++) {
      await client.query('begin');
      await client.query(`set local search_path to "${schemas[i]}"`);
      await latest.up({ execute: async (sql, params = []) => (await client.query(sql, params)).rows as unknown[] });
      await client.query('insert into schema_migrations (name) values ($1)', [latest.name]);
      await client.query('commit');
    }
  }));
  const total = performance.now() - started;
  await Promise.all(clients.map((c) => c.end()));
  return total;
}

export async function runCliMigrate(bench: Bench): Promise<{ ms: number; ok: number; changed: number; failed: number; wall: number }> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'rekisteri-bench-cli-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), 'migrate'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: bench.pg.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const onData = (c: Buffer) => {
    out += c;
    for (const line of String(c).split('\n').filter(Boolean)) bench.say(`    cli: ${line}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  rmSync(dataDir, { recursive: true, force: true });
  const m = /Tenants: (\d+) ok \((\d+) changed\), (\d+) failed, in (\d+) ms/.exec(out);
  if (code !== 0 || !m) throw new Error(`cli migrate failed (${code}):\n${out.slice(-3000)}`);
  return { ok: Number(m[1]), changed: Number(m[2]), failed: Number(m[3]), ms: Number(m[4]), wall: Date.now() - started };
}

export async function tenantsScenario(bench: Bench, api: Api): Promise<void> {
  const { seconds, rounds } = bench.settings;
  const tenant = await bench.mainTenant(api);
  const cookies = await bench.cookies(api, tenant, LATENCY.connections);
  const page = toPgbenchScript([(await captureRequest(bench, api, customersPage(tenant, cookies))).page]);
  const countTenants = async () => Number((await bench.pg.sql<{ n: string }>('select count(*) as n from platform.tenant'))[0].n);

  const latency = async (label: string) => {
    const p50s: number[] = [];
    const p99s: number[] = [];
    const pgMs: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const r = await httpLoad({ url: api.origin + pagePath(tenant), connections: LATENCY.connections, overallRate: LATENCY.rate, seconds, cookies });
      if (r.failures) throw new Error(`${r.failures} failed requests`);
      const p = await pgbench({ env: bench.pg.libpqEnv(), ...page, clients: 1, seconds: Math.min(5, seconds) });
      p50s.push(r.p50);
      p99s.push(r.p99);
      pgMs.push(p.latencyMs);
      bench.say(`  ${label}, round ${round}/${rounds}: customers page at ${LATENCY.rate} req/s: p50 ${r.p50} ms, p99 ${r.p99} ms | pgbench page query (1 client) ${p.latencyMs.toFixed(2)} ms`);
    }
    return { p50: median(p50s), p99: median(p99s), pg: median(pgMs) };
  };

  const onboardings = async () => {
    const admin = await bench.platformAdmin(api);
    const times: number[] = [];
    const base = await countTenants();
    for (let i = 0; i < ONBOARDINGS; i++) times.push((await onboardTenant(admin, `bench-onboard-${base + i}`)).onboardingMs);
    bench.say(`  onboarding with ${base} tenants: median ${median(times).toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
    return median(times);
  };

  const bareSchemas: string[] = [];
  /** `count` new schemas through `parallel` plain clients; the time of each and the total, in ms. */
  const bareRun = async (count: number, parallel: number) => {
    const clients = await Promise.all(Array.from({ length: parallel }, async () => {
      const client = new pg.Client({ connectionString: bench.pg.url });
      await client.connect();
      return client;
    }));
    const times: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(clients.map(async (client) => {
      while (next < count) {
        next++;
        const schema = `bench_bare_${bareSchemas.length}`;
        bareSchemas.push(schema);
        const t = performance.now();
        await bareMigrate(client, schema);
        times.push(performance.now() - t);
      }
    }));
    const total = performance.now() - started;
    await Promise.all(clients.map((c) => c.end()));
    bench.say(`  plain pg, same migration SQL, ${parallel} at a time: ${count} new schemas in ${(total / 1000).toFixed(1)} s (median ${median(times).toFixed(1)} ms a schema)`);
    return { median: median(times), total };
  };

  {
    const before = await latency(`${await countTenants()} tenant(s)`);
    const admin = await bench.platformAdmin(api);
    for (let i = 0; i < 3; i++) await onboardTenant(admin, `bench-warm-${i}`); // first-run costs (JIT, pools) are not onboarding's
    const tenantsBefore = await countTenants();
    const onboardBefore = await onboardings();
    const bareSequential = await bareRun(BARE_SAMPLE, 1);
    const bareParallel = await bareRun(BARE_SAMPLE, TENANT_MIGRATION_CONCURRENCY);
    const bareMedian = bareSequential.median;
    for (const schema of bareSchemas) await bench.pg.sql(`drop schema "${schema}" cascade`);

    const missing = TENANTS - (await countTenants());
    bench.say(`  registering ${missing} more tenants (rows only; their schemas do not exist yet)`);
    await bench.pg.sql(
      `with new as (select g, gen_random_uuid() as id from generate_series(1, $1::int) g)
       insert into platform.tenant (id, slug, schema_name, legal_name, business_id, street_address, postal_code, city, contact_email, contact_person)
       select id, 'bench-t' || lpad(g::text, 5, '0'), 'tenant_' || replace(id::text, '-', ''), 'Bench ' || g || ' Oy', '2832233-5', 'Katu 1', '00100', 'Helsinki', 'owner' || g || '@bench.test', 'Olli'
       from new`,
      [missing],
    );
    bench.say(`  npm run cli -- migrate (creates and migrates ${missing} schemas, checks the others)`);
    const migrate = await runCliMigrate(bench);
    bench.say(`  again, nothing to do:`);
    const noop = await runCliMigrate(bench);
    const [{ schemas }] = await bench.pg.sql<{ schemas: string }>(`select count(*) as schemas from pg_namespace where nspname like 'tenant\\_%'`);

    const tenantSchemas = (await bench.pg.sql<{ name: string }>(`select schema_name as name from platform.tenant order by slug`)).map((r) => r.name);
    const sample = tenantSchemas.slice(0, BARE_SAMPLE);
    await takeBackLatest(bench, sample);
    const bareLatest = (await bareApplyLatest(bench, sample, TENANT_MIGRATION_CONCURRENCY)) * (tenantSchemas.length / sample.length);
    bench.say(`  plain pg, ${LATEST.name} again in ${sample.length} existing schemas, ${TENANT_MIGRATION_CONCURRENCY} at a time: ${(bareLatest / 1000).toFixed(1)} s for ${tenantSchemas.length} (scaled)`);
    bench.say(`  taking ${LATEST.name} back in all ${tenantSchemas.length} schemas, then npm run cli -- migrate`);
    await takeBackLatest(bench, tenantSchemas);
    const deploy = await runCliMigrate(bench);

    const after = await latency(`${await countTenants()} tenants (${schemas} schemas)`);
    const onboardAfter = await onboardings();
    const perTenant = (run: { total: number }) => (run.total / BARE_SAMPLE) * TENANTS;

    bench.report.add({
      scenario: `customers page latency, ${schemas} tenant schemas vs 1 (${LATENCY.rate} req/s)`,
      figure: `p50 ${fmt(after.p50)} ms, p99 ${fmt(after.p99)} ms`,
      baseline: `one tenant: p50 ${fmt(before.p50)} ms, p99 ${fmt(before.p99)} ms (pgbench page query ${after.pg.toFixed(2)} vs ${before.pg.toFixed(2)} ms)`,
      ratio: `p50 ${pct(after.p50 / before.p50)}, p99 ${pct(after.p99 / before.p99)}`,
      target: '≤ 110 %',
      met: after.p50 / before.p50 <= 1.1,
    });
    bench.report.add({
      scenario: 'onboarding one tenant (median of 15, HTTP)',
      figure: `${fmt(onboardBefore, 1)} ms with ${tenantsBefore} tenants, ${fmt(onboardAfter, 1)} ms with ${TENANTS}`,
      baseline: `${fmt(bareMedian, 1)} ms (median: the same migration SQL for a new schema, plain pg client)`,
      ratio: (Math.max(onboardBefore, onboardAfter) / bareMedian).toFixed(2),
      target: '< 100 ms',
      met: Math.max(onboardBefore, onboardAfter) < 100,
    });
    bench.report.add({
      scenario: `migrating ${deploy.ok} tenant schemas, one new migration in each (cli migrate; ${LATEST.name} pending in ${deploy.changed})`,
      figure: `${fmt(deploy.ms / 1000, 1)} s (${deploy.failed} failed)`,
      baseline: `plain pg client, the same migration ${TENANT_MIGRATION_CONCURRENCY} at a time: ${fmt(bareLatest / 1000, 1)} s (${BARE_SAMPLE} measured, scaled)`,
      ratio: (deploy.ms / bareLatest).toFixed(2),
      target: '< 20 s',
      met: deploy.ms < 20_000 && deploy.failed === 0 && deploy.changed === tenantSchemas.length,
    });
    bench.report.add({
      scenario: `creating ${migrate.ok} tenant schemas from nothing (cli migrate; ${migrate.changed} new schemas, the others up to date)`,
      figure: `${fmt(migrate.ms / 1000, 1)} s (${migrate.failed} failed; no-op rerun ${fmt(noop.ms / 1000, 1)} s)`,
      baseline: `plain pg client: ${fmt(perTenant(bareSequential) / 1000, 1)} s one schema at a time, ${fmt(perTenant(bareParallel) / 1000, 1)} s ${TENANT_MIGRATION_CONCURRENCY} at a time (${BARE_SAMPLE} measured, × ${TENANTS / BARE_SAMPLE})`,
      ratio: (migrate.ms / perTenant(bareParallel)).toFixed(2),
      target: '< 20 s',
      met: migrate.ms < 20_000 && migrate.failed === 0,
    });
  }
}
