// The API killed with SIGKILL: no access-log row of an answered request is lost (the journal is replayed at the
// next start, nothing twice), and an erasure cut off mid-transaction leaves the customer fully present.
import { Client } from 'pg';
import { LabApi, LabPostgres, type LabTenant, Load, onboardTenant, signIn, signInMany, sleep } from './lab';

jest.setTimeout(180_000);

describe('faults: the API process is killed', () => {
  let pg: LabPostgres;

  beforeAll(async () => {
    pg = await LabPostgres.start();
  });
  afterAll(async () => {
    await pg?.destroy();
  });

  it('loses no access-log row of an answered request, and writes none twice', async () => {
    const first = await LabApi.start(pg.url);
    let second: LabApi | undefined;
    try {
      const tenant = await onboardTenant(first);
      const clients = await signInMany(first, tenant, 10);
      const load = new Load(
        clients.map((client, i) => ({ kind: i % 2 ? 'me' : 'list', client, next: () => client.get(i % 2 ? `/api/t/${tenant.slug}/me` : `/api/t/${tenant.slug}/customers?limit=20`) })),
      );
      // Long enough for the batched writer to have written some rows and not yet others.
      await sleep(2300);
      await first.crash();
      await load.stop();
      const answered = load.answers.map((a) => a.headers.get('x-request-id')!).filter(Boolean);
      expect(answered.length).toBeGreaterThan(50);

      second = await LabApi.start(pg.url, { dataDir: first.dataDir });
      const rows = await pg.sql<{ request_id: string; n: string }>(
        'select request_id::text, count(*) as n from platform.access_log where request_id = any($1::uuid[]) group by request_id',
        [answered],
      );
      const logged = new Map(rows.map((r) => [r.request_id, Number(r.n)]));
      const lost = answered.filter((id) => !logged.has(id));
      expect({ answered: answered.length, lost: lost.length }).toEqual({ answered: answered.length, lost: 0 });
      expect([...logged.values()].every((n) => n === 1)).toBe(true);
      console.log(`kill -9 under load: ${answered.length} answered requests, ${lost.length} access-log rows lost, ${rows.filter((r) => Number(r.n) > 1).length} written twice`);
      // The replayed journal is gone, and so is its mark.
      expect(second.output).toMatch(/access-log journals of crashed processes replayed/);
    } finally {
      await first.stop();
      await second?.stop();
    }
  });

  it('leaves a customer fully present when the API dies in the middle of erasing them', async () => {
    const api = await LabApi.start(pg.url);
    let again: LabApi | undefined;
    const blocker = new Client({ connectionString: pg.url });
    try {
      const tenant: LabTenant = await onboardTenant(api);
      const owner = await signIn(api, tenant);
      const t = `/api/t/${tenant.slug}`;
      const customer = (await owner.post(`${t}/customers`, { contactName: 'Poistettava Asiakas', email: 'poisto@fault.test', city: 'Espoo' })).body as { id: string };
      expect((await owner.request('PUT', `${t}/customers/${customer.id}/consents/marketing_email`, { granted: true })).status).toBeLessThan(300);
      const request = (await owner.post(`${t}/requests`, { type: 'erasure', customerId: customer.id, channel: 'email', details: 'Poistakaa tietoni' })).body as { id: string };
      expect((await owner.post(`${t}/requests/${request.id}/verify`, { method: 'id_document_in_person', note: 'Ajokortti tarkistettu' })).status).toBe(200);
      const schema = (await pg.sql<{ schema_name: string }>('select schema_name from platform.tenant where slug = $1', [tenant.slug]))[0].schema_name;
      const before = await snapshot(pg, schema, customer.id);

      // The erasure's last step writes the platform's erasure ledger: hold that table so it stops right there.
      await blocker.connect();
      await blocker.query('begin');
      await blocker.query('lock table platform.erasure_ledger in access exclusive mode');
      const completing = owner.post(`${t}/requests/${request.id}/complete`).catch(() => undefined);
      await waitForLockWait(pg);
      await api.crash();
      await completing;
      await blocker.query('rollback');

      expect(await snapshot(pg, schema, customer.id)).toEqual(before);
      // Back up, the erasure can be done, and then it is done whole.
      again = await LabApi.start(pg.url, { dataDir: api.dataDir });
      const owner2 = await signIn(again, tenant);
      expect((await owner2.post(`${t}/requests/${request.id}/complete`)).status).toBe(200);
      const after = await snapshot(pg, schema, customer.id);
      expect(after.customer).toBe(0);
      expect(after.consents).toBe(0);
      expect(after.tombstones).toBe(1);
    } finally {
      await blocker.end().catch(() => undefined);
      await api.stop();
      await again?.stop();
    }
  });
});

async function snapshot(pg: LabPostgres, schema: string, customerId: string) {
  const count = async (sql: string) => Number((await pg.sql<{ n: string }>(sql, [customerId]))[0].n);
  return {
    customer: await count(`select count(*) as n from "${schema}".customer where id = $1`),
    consents: await count(`select count(*) as n from "${schema}".consent_event where customer_id = $1`),
    requestDetails: await count(`select count(*) as n from "${schema}".data_subject_request where customer_id = $1 and details is not null`),
    tombstones: await count(`select count(*) as n from "${schema}".erasure_ledger where customer_id = $1`),
    platformLedger: await count(`select count(*) as n from platform.erasure_ledger where customer_id = $1`),
  };
}

/** Until a backend of the API waits for a lock: the erasure is mid-transaction. */
async function waitForLockWait(pg: LabPostgres): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const rows = await pg.sql(`select 1 from pg_stat_activity where wait_event_type = 'Lock' and state = 'active'`);
    if (rows.length) return;
    await sleep(50);
  }
  throw new Error('the erasure never reached the erasure ledger');
}
