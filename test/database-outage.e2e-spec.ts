// What requests do when the database fails them for a moment or keeps them waiting: a failed session load keeps
// the session (and answers 503), waits for locks and connections are bounded (503 with Retry-After, never a
// hang), and the health check answers within a second whatever the pools are doing.
import type { Pool } from 'pg';
import { PG_POOL } from '@app/database';
import { problemOf, TestContext, type TestTenant } from '@app/testing';

const shutdownError = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('database outages, in process', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    ctx = await TestContext.create({ databasePoolSize: 2, databaseLockTimeoutMs: 1000, databaseAcquireTimeoutMs: 1500 });
    tenant = await ctx.newTenant();
    other = await ctx.newTenant();
  });
  afterAll(() => ctx.close());

  it('keeps a session whose loading failed, and answers 503 with Retry-After meanwhile', async () => {
    const agent = await ctx.loginTenant(tenant, tenant.owner);
    const pool = ctx.get<Pool>(PG_POOL);
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    let failures = 0;
    const spy = jest.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      // The store's read of the session: the database went away under it.
      if (typeof args[0] === 'string' && /^select/i.test(args[0].trim()) && args[0].includes('"session"') && failures === 0) {
        failures++;
        return Promise.reject(shutdownError());
      }
      return query(...args);
    }) as typeof pool.query);
    try {
      const res = await agent.get(`/api/t/${tenant.slug}/me`).expect(503);
      expect(problemOf(res)).toMatchObject({ status: 503, type: expect.stringContaining('database-unavailable') });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(failures).toBe(1);
    } finally {
      spy.mockRestore();
    }
    // The database answers again: the session is still there.
    await agent.get(`/api/t/${tenant.slug}/me`).expect(200);
  });

  it('answers 503 instead of waiting on a row lock for as long as it is held; health and other tenants still answer', async () => {
    const staff = await ctx.loginTenant(tenant, tenant.owner);
    const customer = await ctx.newCustomer(tenant, { contactName: 'Lukittu Asiakas' });
    const locker = await ctx.get<Pool>(PG_POOL).connect();
    try {
      await locker.query('begin');
      await locker.query(`select 1 from "${tenant.schema}".customer where id = $1 for update`, [customer.id]);
      // As many saves waiting on the lock as the pool has connections.
      const started = Date.now();
      const saves = [0, 1].map((i) => staff.patch(`/api/t/${tenant.slug}/customers/${customer.id}`).send({ version: customer.version, city: `Espoo ${i}` }));
      await new Promise((done) => setTimeout(done, 200));
      const healthStarted = Date.now();
      await ctx.http().get('/api/health').expect(200);
      expect(Date.now() - healthStarted).toBeLessThan(1000);
      const otherOwner = await ctx.loginTenant(other, other.owner);
      const elsewhere = await otherOwner.post(`/api/t/${other.slug}/customers`).send({ contactName: 'Toisen Asiakas' });
      expect([201, 503]).toContain(elsewhere.status);
      for (const res of await Promise.all(saves)) {
        expect(res.status).toBe(503);
        expect(problemOf(res).type).toContain('database-busy');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await locker.query('rollback');
      locker.release();
    }
    // Nothing was half-written, and the lock's holder gone, the save goes through.
    const [row] = await ctx.sql<{ city: string | null; version: number }>(`select city, version from "${tenant.schema}".customer where id = ?`, [customer.id]);
    expect(row).toEqual({ city: null, version: customer.version });
    await staff.patch(`/api/t/${tenant.slug}/customers/${customer.id}`).send({ version: customer.version, city: 'Espoo' }).expect(200);
  });

  it('answers 503 within the acquire timeout when every connection is taken, and health within a second', async () => {
    const pool = ctx.get<Pool>(PG_POOL);
    const held = await Promise.all([pool.connect(), pool.connect()]);
    try {
      const started = Date.now();
      const res = await ctx.http().post(`/api/t/${tenant.slug}/login`).send(tenant.owner);
      expect(res.status).toBe(503);
      expect(problemOf(res).type).toContain('database-busy');
      expect(Date.now() - started).toBeLessThan(3000);
      const healthStarted = Date.now();
      await ctx.http().get('/api/health').expect(200);
      expect(Date.now() - healthStarted).toBeLessThan(1000);
    } finally {
      for (const client of held) client.release();
    }
    await ctx.loginTenant(tenant, tenant.owner);
  });

  it('keeps others answering (or 503 within a bound) while many slow exports hold the pool busy', async () => {
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    const t = `/api/t/${tenant.slug}`;
    const customer = await ctx.newCustomer(tenant, { contactName: 'Laskutettu Paljon' });
    const draft = (await owner.post(`${t}/invoices`).send({ customerId: customer.id, lines: [{ description: 'Hieronta', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }] }).expect(201)).body;
    // 3 000 more drafts like it: each export reads them page by page, a connection at a time.
    const s = `"${tenant.schema}"`;
    await ctx.sql(`insert into ${s}.invoice (id, customer_id, net_cents, vat_cents, gross_cents, created_at) select gen_random_uuid(), customer_id, net_cents, vat_cents, gross_cents, created_at + make_interval(secs => g) from ${s}.invoice, generate_series(1, 3000) g where id = ?`, [draft.id]);
    await ctx.sql(`insert into ${s}.invoice_line (id, invoice_id, position, description, quantity_milli, unit_price_cents, vat_rate_bp, net_cents) select gen_random_uuid(), i.id, 1, 'Hieronta', 1000, 6000, 2550, 6000 from ${s}.invoice i where i.customer_id = ? and i.id <> ?`, [customer.id, draft.id]);
    const request = (await owner.post(`${t}/requests`).send({ customerId: customer.id, type: 'access', channel: 'email' }).expect(201)).body;
    await owner.post(`${t}/requests/${request.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    await owner.post(`${t}/requests/${request.id}/complete`).send({}).expect(200);

    const exports = Array.from({ length: 8 }, () => owner.get(`${t}/requests/${request.id}/export`).buffer(true));
    await new Promise((done) => setTimeout(done, 100));
    const others = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const started = Date.now();
        const res = await owner.get(`${t}/customers?limit=10`);
        return { status: res.status, ms: Date.now() - started };
      }),
    );
    const healthStarted = Date.now();
    await ctx.http().get('/api/health').expect(200);
    expect(Date.now() - healthStarted).toBeLessThan(1000);
    for (const other of others) {
      expect([200, 503]).toContain(other.status);
      expect(other.ms).toBeLessThan(1500 + 2000);
    }
    for (const res of await Promise.all(exports)) expect([200, 503]).toContain(res.status);
  });

  it('keeps 500 for real defects, with nothing of the error in the answer', async () => {
    const agent = await ctx.loginTenant(tenant, tenant.owner);
    const pool = ctx.get<Pool>(PG_POOL);
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const spy = jest.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('"session"')) return Promise.reject(Object.assign(new Error('column "x" does not exist'), { code: '42703' }));
      return query(...args);
    }) as typeof pool.query);
    try {
      const res = await agent.get(`/api/t/${tenant.slug}/me`).expect(500);
      expect(res.headers['retry-after']).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain('column');
    } finally {
      spy.mockRestore();
    }
  });
});
