// SPEC 7, erasure and export: a customer with 10 000 invoices; the export streams in constant memory; the
// erasure takes under 2 s.
//
// Invoices (issued and paid, two lines and a payment each) are inserted with SQL. The export is the access
// request's download (GET /api/t/:tenant/requests/:id/export), timed to its last byte while the API's peak RSS
// is tracked (the kernel's VmHWM, reset before each export); a customer with a tenth of the invoices shows
// whether memory grows with the history. The erasure is the erasure request's completion. PostgreSQL's
// figures: the statements the API sent (captured from the statement log) replayed by one plain pg client,
// on another customer of the same size.
import pg from 'pg';
import type { Api } from '../lib/api.mts';
import type { Bench } from '../lib/context.mts';
import { connectHeapProbe } from '../lib/heap.mts';
import { Client, login, onboardTenant, type Tenant } from '../lib/http.mts';
import { isRequestStatement } from '../lib/pgbench-script.mts';
import type { LoggedStatement } from '../lib/postgres.mts';
import { fmt } from '../lib/report.mts';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 10_000);
let invoiceNumber = 0;

async function newCustomer(bench: Bench, staff: Client, tenant: Tenant, name: string, invoices: number): Promise<string> {
  const { id } = await staff.ok<{ id: string }>('POST', `/api/t/${tenant.slug}/customers`, {
    contactName: name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
    streetAddress: 'Merivirta 5A',
    postalCode: '02320',
    city: 'Espoo',
  });
  const s = `"${tenant.schema}"`;
  const first = invoiceNumber + 1;
  invoiceNumber += invoices;
  await bench.pg.sql(
    `insert into ${s}.invoice (id, kind, customer_id, status, number, issue_date, due_date, payment_term_days, reference_number, rf_reference,
                              buyer, seller, net_cents, vat_cents, gross_cents, paid_cents, retain_until, created_at, updated_at)
     select gen_random_uuid(), 'invoice', $1::uuid, 'paid', $2::int + g, d, d + 14, 14, '1232', 'RF121232',
            jsonb_build_object('name', $3::text, 'streetAddress', 'Merivirta 5A', 'postalCode', '02320', 'city', 'Espoo', 'country', 'FI'),
            jsonb_build_object('name', 'Bench Oy', 'businessId', '2832233-5', 'streetAddress', 'Katu 1', 'postalCode', '00100', 'city', 'Helsinki', 'country', 'FI'),
            10000, 2550, 12550, 12550, d + 2500, ts, ts
     from generate_series(0, $4::int - 1) g,
          -- milliseconds, like the timestamps the API writes (JavaScript dates)
          lateral (select current_date - (g % 1500) as d, date_trunc('milliseconds', now() - g * interval '1 hour') as ts) v`,
    [id, first, name, invoices],
  );
  await bench.pg.sql(
    `insert into ${s}.invoice_line (id, invoice_id, position, description, quantity_milli, unit_price_cents, vat_rate_bp, net_cents)
     select gen_random_uuid(), i.id, p, case p when 0 then 'Hieronta 60 min' else 'Hoitoöljy' end, 1000, 5000, 2550, 5000
     from ${s}.invoice i, generate_series(0, 1) p where i.customer_id = $1`,
    [id],
  );
  await bench.pg.sql(
    `insert into ${s}.payment (id, invoice_id, amount_cents, paid_on, reference, recorded_by)
     select gen_random_uuid(), i.id, i.gross_cents, i.issue_date + 7, null, 'bench' from ${s}.invoice i where i.customer_id = $1`,
    [id],
  );
  bench.say(`  customer ${name}: ${fmt(invoices)} invoices, ${fmt(2 * invoices)} lines, ${fmt(invoices)} payments`);
  return id;
}

/** Records a request of the type and verifies it; returns its id. */
async function openRequest(staff: Client, tenant: Tenant, customerId: string, type: 'access' | 'erasure'): Promise<string> {
  const { id } = await staff.ok<{ id: string }>('POST', `/api/t/${tenant.slug}/requests`, { customerId, type, channel: 'letter' });
  await staff.ok('POST', `/api/t/${tenant.slug}/requests/${id}/verify`, { method: 'signed_letter_matching_register', note: 'Signature checked against the contract' });
  return id;
}

interface ExportRun {
  ms: number;
  firstByteMs: number;
  bytes: number;
  invoices: number;
  rssBeforeMiB: number;
  peakMiB: number;
}

/** What the live heap may grow more for 10× the invoices and still count as constant (a batch, buffers). */
const CONSTANT_MEMORY_SLACK_MIB = 2;

const count = (text: string) => text.split('"kind":"invoice"').length - 1;

async function exportOnce(api: Api, staff: Client, tenant: Tenant, requestId: string): Promise<ExportRun> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssBeforeMiB = api.memory().rssMiB;
  api.resetPeak();
  const started = performance.now();
  const res = await fetch(`${api.origin}/api/t/${tenant.slug}/requests/${requestId}/export`, { headers: { cookie: staff.cookie! } });
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
  let firstByteMs = 0;
  let bytes = 0;
  let tail = '';
  let invoices = 0;
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    if (!bytes) firstByteMs = performance.now() - started;
    bytes += chunk.length;
    // Occurrences wholly inside the carried-over tail were counted with the previous chunk.
    const text = tail + decoder.decode(chunk, { stream: true });
    invoices += count(text) - count(tail);
    tail = text.slice(-20);
  }
  const ms = performance.now() - started;
  return { ms, firstByteMs, bytes, invoices, rssBeforeMiB, peakMiB: api.memory().peakMiB };
}

/**
 * The export again, while the API's live heap (after a forced full collection, bench/lib/heap.mts) is read as
 * often as the collections allow; returns the most it grew above where it was before, in MiB. Slower than
 * exportOnce (every reading stops the API for a collection), so it is not timed.
 */
async function liveHeapGrowth(api: Api, staff: Client, tenant: Tenant, requestId: string): Promise<{ growthMiB: number; readings: number }> {
  const probe = await connectHeapProbe(api);
  try {
    const before = await probe.liveMiB();
    let done = false;
    const download = exportOnce(api, staff, tenant, requestId).finally(() => (done = true));
    let most = before;
    let readings = 0;
    while (!done) {
      most = Math.max(most, await probe.liveMiB());
      readings++;
    }
    await download;
    return { growthMiB: most - before, readings };
  } finally {
    probe.close();
  }
}

/** Replays captured statements from one plain client, with ids swapped for another customer's; returns ms. */
async function replay(url: string, statements: LoggedStatement[], swap: [string, string][]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sub = (text: string) => swap.reduce((t, [from, to]) => t.split(from).join(to), text);
    const started = performance.now();
    for (const s of statements) await client.query(sub(s.sql), s.params.map((p) => (p === null ? null : sub(p))));
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

export async function exportErasureScenario(bench: Bench, api: Api): Promise<void> {
  const tenant = await onboardTenant(await bench.platformAdmin(api), 'bench-export');
  const staff = await login(api.origin, tenant);
  bench.say(`  seeding (SQL):`);
  const big = await newCustomer(bench, staff, tenant, 'Iso Asiakas', INVOICES);
  const small = await newCustomer(bench, staff, tenant, 'Pieni Asiakas', INVOICES / 10);
  const twin = await newCustomer(bench, staff, tenant, 'Toinen Iso', INVOICES);
  await bench.pg.sql(`analyze "${tenant.schema}".invoice; analyze "${tenant.schema}".invoice_line; analyze "${tenant.schema}".payment`);

  // Export: the access request's download.
  const access = async (customerId: string) => {
    const id = await openRequest(staff, tenant, customerId, 'access');
    await staff.ok('POST', `/api/t/${tenant.slug}/requests/${id}/complete`, {});
    return id;
  };
  const bigAccess = await access(big);
  const smallAccess = await access(small);
  const twinAccess = await access(twin);
  await exportOnce(api, staff, tenant, smallAccess); // warm-up
  const smallRun = await exportOnce(api, staff, tenant, smallAccess);
  const bigRun = await exportOnce(api, staff, tenant, bigAccess);
  const smallHeap = await liveHeapGrowth(api, staff, tenant, smallAccess);
  const bigHeap = await liveHeapGrowth(api, staff, tenant, bigAccess);
  bench.say(`  live heap during the export (full collection before each of ${smallHeap.readings} / ${bigHeap.readings} readings): ${fmt(INVOICES / 10)} invoices +${fmt(smallHeap.growthMiB, 1)} MiB, ${fmt(INVOICES)} invoices +${fmt(bigHeap.growthMiB, 1)} MiB`);
  for (const [name, r] of [['small', smallRun], ['big', bigRun]] as const) {
    bench.say(`  export (${name}): ${fmt(r.invoices)} invoices, ${fmt(r.bytes / 2 ** 20, 1)} MiB in ${fmt(r.ms)} ms (first byte ${fmt(r.firstByteMs)} ms); API RSS ${fmt(r.rssBeforeMiB)} MiB before, peak ${fmt(r.peakMiB)} MiB`);
  }
  if (bigRun.invoices !== INVOICES) throw new Error(`the export held ${bigRun.invoices} invoices, not ${INVOICES}`);
  const exportSql = (await bench.pg.capture(async () => void (await exportOnce(api, staff, tenant, bigAccess)))).filter((s) => isRequestStatement(s, bench.pg.pid));
  const exportPg = await replay(bench.pg.url, exportSql, [[big, twin], [bigAccess, twinAccess]]);
  const growth = (r: ExportRun) => Math.max(0, r.peakMiB - r.rssBeforeMiB);
  bench.report.add({
    scenario: `export of a customer with ${fmt(INVOICES)} invoices (JSON, streamed)`,
    figure: `${fmt(bigRun.ms)} ms, ${fmt(bigRun.bytes / 2 ** 20, 1)} MiB; API live heap +${fmt(bigHeap.growthMiB, 1)} MiB (peak RSS +${fmt(growth(bigRun))} MiB)`,
    baseline: `${fmt(exportPg)} ms (its ${exportSql.length} statements, plain pg client); ${fmt(INVOICES / 10)} invoices: live heap +${fmt(smallHeap.growthMiB, 1)} MiB (peak RSS +${fmt(growth(smallRun))} MiB)`,
    ratio: (bigRun.ms / exportPg).toFixed(1),
    target: 'constant memory',
    // The live heap after full collections, not the peak RSS (that follows V8's lazy collection). A buffered
    // export would hold the whole document (10× the invoices, 10× the memory); a streamed one holds a batch.
    met: bigHeap.growthMiB <= smallHeap.growthMiB + CONSTANT_MEMORY_SLACK_MIB,
    note: `constant memory read as: the live heap grows at most ${CONSTANT_MEMORY_SLACK_MIB} MiB more for 10× the invoices`,
  });

  // Erasure: completing the erasure request (everything paid, so it is allowed).
  const erase = await openRequest(staff, tenant, big, 'erasure');
  const twinErase = await openRequest(staff, tenant, twin, 'erasure');
  api.resetPeak();
  let erasureMs = 0;
  const erasureSql = (
    await bench.pg.capture(async () => {
      const res = await staff.request('POST', `/api/t/${tenant.slug}/requests/${erase}/complete`, {});
      erasureMs = res.ms;
      if (res.status !== 200) throw new Error(`erasure answered ${res.status}: ${JSON.stringify(res.body)}`);
    })
  ).filter((s) => isRequestStatement(s, bench.pg.pid));
  const [{ kept }] = await bench.pg.sql<{ kept: string }>(`select count(*) as kept from "${tenant.schema}".invoice where customer_id is null`);
  bench.say(`  erasure: ${fmt(erasureMs)} ms (statement log on); ${fmt(Number(kept))} invoices kept under legal hold; API peak RSS ${fmt(api.memory().peakMiB)} MiB`);
  const erasurePg = await replay(bench.pg.url, erasureSql, [[big, twin], [erase, twinErase]]);
  const [{ left }] = await bench.pg.sql<{ left: string }>(`select count(*) as left from "${tenant.schema}".customer where id = $1`, [twin]);
  if (Number(left) !== 0) throw new Error('the replayed erasure did not erase the twin customer');
  bench.report.add({
    scenario: `erasure of a customer with ${fmt(INVOICES)} invoices`,
    figure: `${fmt(erasureMs)} ms`,
    baseline: `${fmt(erasurePg)} ms (its ${erasureSql.length} statements, plain pg client)`,
    ratio: (erasureMs / erasurePg).toFixed(1),
    target: '< 2 000 ms',
    met: erasureMs < 2000,
  });
}
