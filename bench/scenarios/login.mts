// SPEC 7, login: argon2id cost dominates. Logins per second at least 90 % of bare argon2id verifications per
// second on the same cores (the argon2 package, same parameters, one verification in flight per core, in a
// process of its own); and other requests' p99 under 50 ms during the storm (customers pages at a steady
// rate, measured alongside).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Api, ROOT } from '../lib/api.mts';
import type { Bench } from '../lib/context.mts';
import { cpuMeter, describeCpu } from '../lib/cpu.mts';
import { httpLoad, median } from '../lib/load.mts';
import { fmt, pct } from '../lib/report.mts';
import { pagePath } from './customers.mts';

/**
 * The API's defaults (ARGON2_MEMORY_KIB / ARGON2_TIME_COST; the bench does not change them), and the nice value
 * of the threads argon2 runs on (HASHING_NICENESS in libs/auth/src/password.service.ts).
 */
const ARGON2 = { memoryKib: 19_456, timeCost: 2, niceness: 10 };
const STORM_CONNECTIONS = 16;
/**
 * The other requests: customers pages, 20 a second, one at a time (one connection: with more, autocannon's
 * per-second quota sends them in synchronised bursts, and they queue behind each other; bench/README.md).
 */
const OTHER = { rate: 20, connections: 1 };

async function bareArgon2(seconds: number, concurrency: number): Promise<number> {
  const child = spawn(process.execPath, [join(ROOT, 'bench/lib/argon2-baseline.mts'), String(seconds), String(concurrency), String(ARGON2.memoryKib), String(ARGON2.timeCost), String(ARGON2.niceness)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the argon2 baseline failed (${code})`);
  const { verifications, seconds: took } = JSON.parse(out) as { verifications: number; seconds: number };
  return verifications / took;
}

export async function loginScenario(bench: Bench, api: Api): Promise<void> {
  const { seconds, rounds } = bench.settings;
  const tenant = await bench.mainTenant(api);
  const [cookie] = await bench.cookies(api, tenant, 1);
  const cores = availableParallelism();
  const pages = () => httpLoad({ url: api.origin + pagePath(tenant), connections: OTHER.connections, overallRate: OTHER.rate, seconds, cookies: [cookie] });
  // A morning at a busy business: its staff sign in at once from the office's one address, each with an account
  // of their own (one account signing in on 16 connections at once would meet its per-account-and-address limit:
  // an attempt counts as a failure until its password is checked).
  const staff = await bench.staff(api, tenant, STORM_CONNECTIONS);
  const storm = (overallRate?: number) =>
    httpLoad({
      overallRate,
      url: `${api.origin}/api/t/${tenant.slug}/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.origin },
      bodies: staff.map((account) => JSON.stringify(account)),
      connections: STORM_CONNECTIONS,
      seconds,
    });

  // The API's and PostgreSQL's own background (timers, job polling, the access-log writer, autovacuum, the
  // WAL writer) while nothing is asked of them, to take out of the per-login figures below.
  const idleMeter = cpuMeter({ api: [api.pid], postmaster: bench.pg.postmasterPid });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const idle = idleMeter();
  bench.say(`  idle for ${seconds} s: ${describeCpu(idle)}`);
  const perLogin = (cores: number, idleCores: number, rps: number) => fmt((1000 * Math.max(0, cores - idleCores)) / rps, 1);
  // What a login costs outside argon2 when nothing else runs: the same logins, 5 a second.
  const slowMeter = cpuMeter({ api: [api.pid], postmaster: bench.pg.postmasterPid });
  const slow = await storm(5);
  const slowCpu = slowMeter();
  bench.say(
    `  logins at 5/s (no storm): p50 ${slow.p50} ms; per login: argon2 ${fmt((1000 * slowCpu.apiThreadPool) / slow.rps, 1)} ms, ` +
      `outside argon2 API ${perLogin(slowCpu.apiEventLoop, idle.apiEventLoop, slow.rps)} ms, PostgreSQL ${perLogin(slowCpu.postgres, idle.postgres, slow.rps)} ms of CPU (idle background taken out)`,
  );
  const quiet = await pages();
  bench.say(`  customers pages at ${OTHER.rate}/s without a storm: p50 ${quiet.p50} ms, p99 ${quiet.p99} ms`);
  const loginRuns: number[] = [];
  const bareRuns: number[] = [];
  const p99s: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const bare = await bareArgon2(seconds, cores);
    // The throughput target compares the storm alone with bare argon2; the latency target runs both at once.
    const sessions = async () => Number((await bench.pg.sql<{ n: string }>(`select sessions as n from pg_stat_database where datname = current_database()`))[0].n);
    const connectionsBefore = await sessions();
    const meter = cpuMeter({ api: [api.pid], postmaster: bench.pg.postmasterPid });
    const alone = await storm();
    const cpu = meter();
    bench.say(`    new PostgreSQL connections during the storm: ${(await sessions()) - connectionsBefore}`);
    const [logins, others] = await Promise.all([storm(), pages()]);
    if (alone.failures || logins.failures || others.failures) throw new Error(`failures: ${alone.failures + logins.failures} logins (${JSON.stringify(alone.statuses)}, ${JSON.stringify(logins.statuses)}), ${others.failures} other requests (${JSON.stringify(others.statuses)})`);
    bareRuns.push(bare);
    loginRuns.push(alone.rps);
    p99s.push(others.p99);
    bench.say(
      `  round ${round}/${rounds}: ${fmt(alone.rps, 1)} logins/s (p50 ${alone.p50} ms) | bare argon2id ${fmt(bare, 1)} verifications/s (${cores} in flight) | ` +
        `with customers pages alongside: ${fmt(logins.rps, 1)} logins/s, pages p50 ${others.p50} ms, p99 ${others.p99} ms, max ${others.max} ms`,
    );
    bench.say(`    during the storm alone: ${describeCpu(cpu)}; per login outside argon2: API ${perLogin(cpu.apiEventLoop, idle.apiEventLoop, alone.rps)} ms, PostgreSQL ${perLogin(cpu.postgres, idle.postgres, alone.rps)} ms (idle background taken out)`);
  }
  const ratio = median(loginRuns) / median(bareRuns);
  bench.report.add({
    scenario: `login storm (${STORM_CONNECTIONS} clients, argon2id m=${ARGON2.memoryKib} KiB t=${ARGON2.timeCost})`,
    figure: `${fmt(median(loginRuns), 1)} logins/s`,
    baseline: `${fmt(median(bareRuns), 1)} bare argon2id verifications/s (${cores} in flight, own process)`,
    ratio: pct(ratio),
    target: '≥ 90 %',
    met: ratio >= 0.9,
  });
  bench.report.add({
    scenario: `other requests during the storm (customers page, ${OTHER.rate} req/s)`,
    figure: `p99 ${fmt(median(p99s))} ms`,
    baseline: `p99 ${fmt(quiet.p99)} ms without the storm`,
    ratio: (median(p99s) / Math.max(1, quiet.p99)).toFixed(1),
    target: 'p99 < 50 ms',
    met: median(p99s) < 50,
  });
}
