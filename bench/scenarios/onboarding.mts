// SPEC 7, onboarding one tenant under 100 ms (median) with 1 000 tenants present; issue 18, spare schemas.
// The same onboardings through the API twice, in one run: with the pool off (SPARE_TENANT_SCHEMAS=0: the schema is
// created and migrated inside the request, as before issue 18) and with a pool as large as the burst, full when it
// starts (each claim queues a refill, which runs beside the next onboardings, as it would in production).
// Its own API processes: every worker on the queue runs the refill job, so two APIs with different pool sizes would
// undo each other's work. It stops the shared API, so it runs last.
import { readFileSync } from 'node:fs';
import type { Api } from '../lib/api.mts';
import type { Bench } from '../lib/context.mts';
import { onboardTenant } from '../lib/http.mts';
import { median } from '../lib/load.mts';
import { sleep } from '../lib/postgres.mts';
import { fmt } from '../lib/report.mts';
import { runCliMigrate } from './tenants.mts';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 1_000);
const ONBOARDINGS = 15;
/** First-run costs (JIT, pools) are not onboarding's. */
const WARM = 3;

export async function onboardingScenario(bench: Bench, shared: Api): Promise<void> {
  await bench.stopApi(shared);
  const count = async (sql: string) => Number((await bench.pg.sql<{ n: string }>(sql))[0].n);
  const missing = TENANTS - (await count('select count(*) as n from platform.tenant'));
  if (missing > 0) {
    bench.say(`  registering ${missing} tenants (rows), then npm run cli -- migrate makes their schemas`);
    await bench.pg.sql(
      `with new as (select g, gen_random_uuid() as id from generate_series(1, $1::int) g)
       insert into platform.tenant (id, slug, schema_name, legal_name, business_id, street_address, postal_code, city, contact_email, contact_person)
       select id, 'bench-o' || lpad(g::text, 5, '0'), 'tenant_' || replace(id::text, '-', ''), 'Bench ' || g || ' Oy', '2832233-5', 'Katu 1', '00100', 'Helsinki', 'owner' || g || '@bench.test', 'Olli'
       from new`,
      [missing],
    );
    await runCliMigrate(bench);
  }

  const run = async (pool: number) => {
    const api = await bench.api({ SPARE_TENANT_SCHEMAS: String(pool) });
    try {
      const admin = await bench.platformAdmin(api);
      const tag = pool ? 'pooled' : 'made';
      for (let i = 0; i < WARM; i++) await onboardTenant(admin, `bench-${tag}-warm-${i}`);
      // The refill queued at start (and by the warm-up's claims) fills the pool; the burst starts from a full one.
      for (let waited = 0; (await count('select count(*) as n from platform.spare_schema')) !== pool; waited += 200) {
        if (waited > 180_000) throw new Error(`the pool did not reach ${pool} spares`);
        await sleep(200);
      }
      const claims = () => readFileSync(api.logFile, 'utf8').split('\n').filter((l) => l.includes('"spareSchema":true')).length;
      const claimedBefore = claims();
      const times: number[] = [];
      for (let i = 0; i < ONBOARDINGS; i++) times.push((await onboardTenant(admin, `bench-${tag}-${i}`)).onboardingMs);
      const claimed = claims() - claimedBefore;
      const tenants = await count('select count(*) as n from platform.tenant');
      bench.say(`  pool of ${pool}, ${tenants} tenants: median ${median(times).toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')}); ${claimed} schemas claimed from the pool`);
      return { median: median(times), claimed, tenants };
    } finally {
      await bench.stopApi(api);
    }
  };

  const made = await run(0);
  const pooled = await run(ONBOARDINGS + WARM);
  bench.report.add({
    scenario: `onboarding one tenant with spare schemas (median of ${ONBOARDINGS}, HTTP, ${pooled.tenants} tenants)`,
    figure: `${fmt(pooled.median, 1)} ms (${pooled.claimed} of ${ONBOARDINGS} from the pool)`,
    baseline: `pool off, the schema made in the request: ${fmt(made.median, 1)} ms`,
    ratio: (pooled.median / made.median).toFixed(2),
    target: '< 100 ms',
    met: pooled.median < 100,
  });
}
