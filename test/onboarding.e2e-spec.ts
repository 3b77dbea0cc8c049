// Onboarding a tenant: what it creates, that it is all-or-nothing, and that bad input writes nothing.
import { systemActor } from '@app/core';
import type { SchemaMigration } from '@app/database';
import { tenantMigrations } from '@migrations/tenant';
import { SchemaPoolService, TenancyService, TenantPlacementService, tenantSchemaName } from '@app/tenancy';
import { problemOf, TestContext, type Agent } from '@app/testing';

const wellnessRoom = {
  slug: 'wellnessroom-espoo',
  legalName: 'WellnessRoom Espoo',
  businessId: '2832233-5',
  streetAddress: 'Merivirta 5A, 2.krs',
  postalCode: '02320',
  city: 'Espoo',
  contactEmail: 'aleksi@wellnessroom.fi',
  contactPerson: 'Aleksi Kovács',
};

describe('onboarding a tenant', () => {
  let ctx: TestContext;
  let admin: Agent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newPlatformAdminAgent();
  });
  afterAll(() => ctx.close());

  const countTenants = async () => Number((await ctx.sql<{ n: string }>('select count(*) as n from platform.tenant'))[0].n);
  const tenantSchemas = async () => (await ctx.sql<{ nspname: string }>(`select nspname from pg_namespace where nspname like 'tenant\\_%'`)).map((r) => r.nspname);

  it('creates the tenant row, a migrated schema of its own, and the owner invitation', async () => {
    const res = await admin.post('/api/platform/tenants').send(wellnessRoom).expect(201);
    expect(res.body.tenant).toMatchObject({ slug: 'wellnessroom-espoo', businessId: '2832233-5', version: 1 });
    expect(res.body.tenant.schemaName).toBeUndefined();
    expect(res.body.owner.email).toBe('aleksi@wellnessroom.fi');
    expect(res.body.owner.invitationUrl).toMatch(/\/t\/wellnessroom-espoo\/invitation#token=[\w-]{40,}$/);

    const schema = `tenant_${res.body.tenant.id.replace(/-/g, '')}`;
    expect(await tenantSchemas()).toContain(schema);
    const tables = await ctx.sql<{ table_name: string }>('select table_name from information_schema.tables where table_schema = ? order by 1', [schema]);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['staff_user', 'invitation', 'audit_event', 'schema_migrations']));
    const owner = await ctx.sql(`select role, password_hash from "${schema}".staff_user`);
    expect(owner).toEqual([{ role: 'owner', password_hash: null }]);
  });

  it('lets the owner set a password with the invitation and log in', async () => {
    const res = await admin.post('/api/platform/tenants').send({ ...wellnessRoom, slug: 'second-studio', contactEmail: 'owner@second.fi' }).expect(201);
    const token = res.body.owner.invitationUrl.split('#token=')[1];
    await ctx.http().post('/api/t/second-studio/invitations/accept').send({ token, password: 'a long enough password' }).expect(204);
    // The token is single-use.
    problemOf(await ctx.http().post('/api/t/second-studio/invitations/accept').send({ token, password: 'another long password' }).expect(400));
    const owner = ctx.agent();
    await owner.post('/api/t/second-studio/login').send({ email: 'owner@second.fi', password: 'a long enough password' }).expect(200);
    const me = await owner.get('/api/t/second-studio/me').expect(200);
    expect(me.body).toMatchObject({ kind: 'tenant-staff', role: 'owner', tenantSlug: 'second-studio' });
  });

  it('serves a tenant whose schema was a spare from the pool like any other (on Citus too, where it stays placed)', async () => {
    const pool = ctx.get(SchemaPoolService);
    await pool.refill(1);
    const [spare] = await pool.spares();
    const placement = ctx.get(TenantPlacementService);
    const node = await placement.nodeOf(spare); // null on plain PostgreSQL
    if (await placement.onCitus()) expect(node).not.toBeNull(); // a distributed schema, on a worker
    const res = await admin.post('/api/platform/tenants').send({ ...wellnessRoom, slug: 'pooled-studio', contactEmail: 'owner@pooled.fi' }).expect(201);
    const schema = tenantSchemaName(res.body.tenant.id);
    expect(await pool.spares()).toEqual([]);
    expect(await ctx.sql(`select nspname from pg_namespace where nspname in (?, ?)`, [spare, schema])).toEqual([{ nspname: schema }]);
    expect(await placement.nodeOf(schema)).toBe(node);
    const token = res.body.owner.invitationUrl.split('#token=')[1];
    await ctx.http().post('/api/t/pooled-studio/invitations/accept').send({ token, password: 'a long enough password' }).expect(204);
    const owner = ctx.agent();
    await owner.post('/api/t/pooled-studio/login').send({ email: 'owner@pooled.fi', password: 'a long enough password' }).expect(200);
    const customer = await owner.post('/api/t/pooled-studio/customers').send({ contactName: 'Pooled Customer', email: 'pc@example.fi' }).expect(201);
    expect(await ctx.sql(`select contact_name from "${schema}".customer where id = ?`, [customer.body.id])).toEqual([{ contact_name: 'Pooled Customer' }]);
  });

  it('refuses a taken slug with 409 and leaves no extra schema or row', async () => {
    const before = { tenants: await countTenants(), schemas: (await tenantSchemas()).length };
    const res = await admin.post('/api/platform/tenants').send(wellnessRoom).expect(409);
    expect(problemOf(res).type).toMatch(/tenant-slug-taken$/);
    expect(await countTenants()).toBe(before.tenants);
    expect((await tenantSchemas()).length).toBe(before.schemas);
  });

  it('leaves no schema and no tenant row when a migration fails midway', async () => {
    const before = { tenants: await countTenants(), schemas: (await tenantSchemas()).length };
    const broken: SchemaMigration = { name: '9999-broken', up: (db) => db.execute('create table broken (id uuid references nowhere (id))').then(() => undefined) };
    await expect(ctx.get(TenancyService).onboard(systemActor('test'), { ...wellnessRoom, slug: 'doomed' }, [...tenantMigrations, broken])).rejects.toThrow();
    expect(await countTenants()).toBe(before.tenants);
    expect((await tenantSchemas()).length).toBe(before.schemas);
    expect(await ctx.sql(`select 1 from platform.tenant where slug = 'doomed'`)).toEqual([]);
  });

  describe('bad input answers 400 problem+json with field errors and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a wrong check digit', { businessId: '2832233-4' }, 'businessId'],
      ['a business ID without hyphen', { businessId: '28322335' }, 'businessId'],
      ['a business ID of wrong length', { businessId: '283223-5' }, 'businessId'],
      ['a business ID as a number', { businessId: 2832233 }, 'businessId'],
      ['an unknown field', { tenantId: 'x' }, 'tenantId'],
      ['a server-owned field', { id: '00000000-0000-0000-0000-000000000000' }, 'id'],
      ['a wrong type', { legalName: 42 }, 'legalName'],
      ['an over-long name', { legalName: 'x'.repeat(201) }, 'legalName'],
      ['an invalid e-mail', { contactEmail: 'not-an-email' }, 'contactEmail'],
      ['an invalid postal code', { postalCode: '2320' }, 'postalCode'],
      ['an upper-case slug', { slug: 'WellnessRoom' }, 'slug'],
      ['a missing field', { city: undefined }, 'city'],
    ];

    it.each(cases)('%s', async (_name, change, field) => {
      const before = await countTenants();
      const body = { ...wellnessRoom, slug: 'bad-input', ...change };
      const res = await admin.post('/api/platform/tenants').send(body).expect(400);
      const problem = problemOf(res);
      expect(problem.status).toBe(400);
      expect(problem.requestId).toBe(res.headers['x-request-id']);
      expect(problem.errors?.map((e) => e.field)).toContain(field);
      expect(await countTenants()).toBe(before);
    });

    it('refuses a body that is not JSON', async () => {
      const res = await admin.post('/api/platform/tenants').set('content-type', 'application/json').send('{"slug": ').expect(400);
      expect(problemOf(res).detail).toMatch(/not valid JSON/);
    });
  });

  it('is for platform admins only', async () => {
    problemOf(await ctx.http().post('/api/platform/tenants').send(wellnessRoom).expect(401));
    const investigator = await ctx.loginPlatform(await ctx.newPlatformStaff(['access_log_investigator']));
    problemOf(await investigator.post('/api/platform/tenants').send({ ...wellnessRoom, slug: 'not-allowed' }).expect(403));
    const tenant = await ctx.newTenant();
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    problemOf(await owner.post('/api/platform/tenants').send({ ...wellnessRoom, slug: 'not-allowed' }).expect(403));
    expect(await ctx.sql(`select 1 from platform.tenant where slug = 'not-allowed'`)).toEqual([]);
  });

  it('lists, reads and updates tenants with optimistic concurrency', async () => {
    const list = await admin.get('/api/platform/tenants?limit=200').expect(200);
    expect(list.body.map((t: { slug: string }) => t.slug)).toContain('wellnessroom-espoo');
    const one = await admin.get('/api/platform/tenants/wellnessroom-espoo').expect(200);
    const updated = await admin.patch('/api/platform/tenants/wellnessroom-espoo').send({ city: 'Helsinki', version: one.body.version }).expect(200);
    expect(updated.body).toMatchObject({ city: 'Helsinki', version: one.body.version + 1 });
    const stale = await admin.patch('/api/platform/tenants/wellnessroom-espoo').send({ city: 'Turku', version: one.body.version }).expect(409);
    expect(problemOf(stale).type).toMatch(/stale-version$/);
    problemOf(await admin.patch('/api/platform/tenants/wellnessroom-espoo').send({ slug: 'renamed', version: 2 }).expect(400));
    problemOf(await admin.get('/api/platform/tenants/no-such-tenant').expect(404));
  });
  it('lists tenants by a part of the slug, legal name or business ID, and by status', async () => {
    await admin.post('/api/platform/tenants').send({ ...wellnessRoom, slug: 'searchable-salon', legalName: 'Kampaamo Hiusmaailma', businessId: '0737546-2', contactEmail: 'owner@searchable.fi' }).expect(201);
    const slugs = async (query: string) => (await admin.get(`/api/platform/tenants?limit=200&${query}`).expect(200)).body.map((t: { slug: string }) => t.slug);
    expect(await slugs('q=hiusMAAILMA')).toEqual(['searchable-salon']);
    expect(await slugs('q=0737546')).toEqual(['searchable-salon']);
    expect(await slugs('q=searchable')).toEqual(['searchable-salon']);
    // The wildcards of LIKE are plain characters here.
    expect(await slugs('q=%25')).toEqual([]);
    expect(await slugs('status=suspended')).not.toContain('searchable-salon');
    expect(await slugs('status=active')).toContain('searchable-salon');
    expect(problemOf(await admin.get('/api/platform/tenants?status=closed').expect(400)).errors?.map((e) => e.field)).toContain('status');
  });

  it('suspends a tenant: its staff cannot sign in (told why, only with the right password), sessions stop; resuming gives it back', async () => {
    const tenant = await ctx.newTenant({ slug: 'to-suspend' });
    const signedIn = await ctx.loginTenant(tenant, tenant.owner);
    await signedIn.get('/api/t/to-suspend/me').expect(200);

    const suspended = await admin.post('/api/platform/tenants/to-suspend/suspend').expect(200);
    expect(suspended.body).toMatchObject({ slug: 'to-suspend', status: 'suspended' });
    expect((await admin.get('/api/platform/tenants?limit=200&status=suspended').expect(200)).body.map((t: { slug: string }) => t.slug)).toContain('to-suspend');

    // The open session stops working at once.
    problemOf(await signedIn.get('/api/t/to-suspend/me').expect(401));
    // The right password hears of the suspension; a wrong one learns nothing.
    const refused = await ctx.agent().post('/api/t/to-suspend/login').send(tenant.owner).expect(403);
    expect(problemOf(refused).type).toMatch(/tenant-suspended$/);
    expect(problemOf(refused).detail).toMatch(/suspended/);
    const wrong = await ctx.agent().post('/api/t/to-suspend/login').send({ email: tenant.owner.email, password: 'not the password at all' }).expect(401);
    expect(problemOf(wrong).type).toMatch(/invalid-credentials$/);

    const resumed = await admin.post('/api/platform/tenants/to-suspend/resume').expect(200);
    expect(resumed.body.status).toBe('active');
    const again = ctx.agent();
    await again.post('/api/t/to-suspend/login').send(tenant.owner).expect(200);
    await again.get('/api/t/to-suspend/me').expect(200);
  });

  it('lets only platform admins suspend or resume, and answers 404 for an unknown tenant', async () => {
    const tenant = await ctx.newTenant({ slug: 'not-suspended' });
    const investigator = await ctx.loginPlatform(await ctx.newPlatformStaff(['access_log_investigator']));
    problemOf(await investigator.post('/api/platform/tenants/not-suspended/suspend').expect(403));
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    problemOf(await owner.post('/api/platform/tenants/not-suspended/suspend').expect(403));
    problemOf(await ctx.http().post('/api/platform/tenants/not-suspended/suspend').expect(401));
    expect((await admin.get('/api/platform/tenants/not-suspended').expect(200)).body.status).toBe('active');
    problemOf(await admin.post('/api/platform/tenants/no-such-tenant/suspend').expect(404));
  });
});
