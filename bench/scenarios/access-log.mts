// SPEC 7: IP logging on vs off, at least 95 % of the throughput. Two API processes on the same database, one
// with ACCESS_LOG_ENABLED=false; the same customers-page load alternates between them, round by round.
import type { Api } from '../lib/api.mts';
import { type Bench, CLIENTS } from '../lib/context.mts';
import { httpLoad, median, pgbench } from '../lib/load.mts';
import { toPgbenchScript } from '../lib/pgbench-script.mts';
import { fmt, pct } from '../lib/report.mts';
import { captureRequest, customersPage, pagePath } from './customers.mts';

export async function accessLogScenario(bench: Bench, on: Api): Promise<void> {
  const { seconds, rounds } = bench.settings;
  const tenant = await bench.mainTenant(on);
  const cookies = await bench.cookies(on, tenant, CLIENTS);
  const off = await bench.api({ ACCESS_LOG_ENABLED: 'false' });
  try {
    const page = toPgbenchScript([(await captureRequest(bench, on, customersPage(tenant, cookies))).page]);
    const [logged] = await bench.pg.sql<{ n: string }>('select count(*) as n from platform.access_log');
    const load = (api: Api) => httpLoad({ url: api.origin + pagePath(tenant), connections: CLIENTS, seconds, cookies });
    bench.say(`  warming up both (${Math.min(5, seconds)} s each)`);
    await httpLoad({ url: on.origin + pagePath(tenant), connections: CLIENTS, seconds: Math.min(5, seconds), cookies });
    await httpLoad({ url: off.origin + pagePath(tenant), connections: CLIENTS, seconds: Math.min(5, seconds), cookies });
    const onRuns: number[] = [];
    const offRuns: number[] = [];
    const pgRuns: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Alternate which side goes first, so a slow drift of the machine's other load favours neither.
      const sides = round % 2 ? ([['on', on], ['off', off]] as const) : ([['off', off], ['on', on]] as const);
      const results: Record<string, number> = {};
      for (const [name, api] of sides) {
        const r = await load(api);
        if (r.failures) throw new Error(`${r.failures} failed requests (${name})`);
        results[name] = r.rps;
      }
      onRuns.push(results.on);
      offRuns.push(results.off);
      const pgRun = await pgbench({ env: bench.pg.libpqEnv(), ...page, clients: CLIENTS, seconds });
      pgRuns.push(pgRun.tps);
      bench.say(`  round ${round}/${rounds}: logging on ${fmt(results.on)} req/s, off ${fmt(results.off)} req/s (${pct(results.on / results.off)}) | pgbench page query ${fmt(pgRun.tps)} tps`);
    }
    const [after] = await bench.pg.sql<{ n: string }>('select count(*) as n from platform.access_log');
    bench.say(`  access-log rows written meanwhile: ${fmt(Number(after.n) - Number(logged.n))}`);
    const ratio = median(onRuns) / median(offRuns);
    bench.report.add({
      scenario: 'IP access log on vs off (customers page, 32 clients)',
      figure: `${fmt(median(onRuns))} req/s with logging`,
      baseline: `${fmt(median(offRuns))} req/s without (pgbench page query ${fmt(median(pgRuns))} tps)`,
      ratio: pct(ratio),
      target: '≥ 95 %',
      met: ratio >= 0.95,
    });
  } finally {
    await bench.stopApi(off);
  }
}
