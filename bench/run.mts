// `npm run bench [-- scenario ...]`: the SPEC 7 quality targets, measured on a private embedded PostgreSQL
// against the built API over loopback, each figure next to what PostgreSQL itself does in the same run.
//
//   npm run bench                        # every scenario (about 10 minutes here)
//   npm run bench -- customers login     # some of them
//   BENCH_SECONDS=20 BENCH_ROUNDS=3 npm run bench -- customers
//   BENCH_CPU_PROFILE=1 npm run bench -- customers   # V8 profiles of the API in bench/profiles/
//
// Scenarios: customers, invoices, portal-me, customer-search, customer-import, access-log, login, export, tenants,
// access-log-search, onboarding. The run stops every process it started.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/api.mts';
import { Bench } from './lib/context.mts';
import { startBenchPostgres } from './lib/postgres.mts';
import { Report } from './lib/report.mts';
import { customersScenario } from './scenarios/customers.mts';
import { accessLogScenario } from './scenarios/access-log.mts';
import { loginScenario } from './scenarios/login.mts';
import { exportErasureScenario } from './scenarios/export-erasure.mts';
import { tenantsScenario } from './scenarios/tenants.mts';
import { accessLogSearchScenario } from './scenarios/access-log-search.mts';
import { customerSearchScenario } from './scenarios/customer-search.mts';
import { customerImportScenario } from './scenarios/customer-import.mts';
import { invoicesScenario, portalMeScenario } from './scenarios/more-pages.mts';
import { onboardingScenario } from './scenarios/onboarding.mts';
import type { Api } from './lib/api.mts';

const SCENARIOS: Record<string, (bench: Bench, api: Api) => Promise<void>> = {
  customers: customersScenario,
  invoices: invoicesScenario,
  'portal-me': portalMeScenario,
  'customer-search': customerSearchScenario,
  'customer-import': customerImportScenario,
  'access-log': accessLogScenario,
  login: loginScenario,
  export: exportErasureScenario,
  // It leaves 1 000 tenant schemas behind, and the next 10 million access-log rows: both last.
  tenants: tenantsScenario,
  'access-log-search': accessLogSearchScenario,
  // Stops the shared API and runs its own (pool off, pool on): last.
  onboarding: onboardingScenario,
};

const say = (line: string) => process.stdout.write(line + '\n');
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SCENARIOS));
if (unknown.length) {
  say(`unknown scenario(s): ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
const chosen = Object.keys(SCENARIOS).filter((name) => !asked.length || asked.includes(name));
const settings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  cpuProfile: process.env.BENCH_CPU_PROFILE === '1',
};

const pg = await startBenchPostgres(say);
const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.versions.node}, PostgreSQL ${pg.version} (embedded), pgbench 15`;
say(`machine: ${machine}`);
say(`scenarios: ${chosen.join(', ')}; ${settings.rounds} rounds of ${settings.seconds} s per measured side`);
const report = new Report(say);
const bench = new Bench(pg, report, settings, say);
let failed = false;
try {
  const api = await bench.api();
  for (const name of chosen) {
    say(`\n== ${name}`);
    const started = Date.now();
    try {
      await SCENARIOS[name](bench, api);
    } catch (error) {
      failed = true;
      say(`  scenario ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    say(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
} finally {
  await bench.stopAll();
  await pg.stop();
}
const table = report.markdown();
say(`\n${machine}\n\n${table}`);
const file = join(ROOT, 'bench', 'last-run.md');
writeFileSync(file, `${new Date().toISOString()}, \`npm run bench${asked.length ? ' -- ' + asked.join(' ') : ''}\`\n\n${machine}\n\n${table}\n`);
say(`\n(also written to ${file})`);
process.exit(failed ? 1 : 0);
