// Tenant A's staff cannot read or change anything of tenant B by any path, id, header or body field.
// The route list comes from the OpenAPI document, so a new tenant route is covered the day it appears.
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
  public: boolean;
}

describe('tenant isolation', () => {
  let ctx: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let ownerA: Agent;
  let routes: Route[];

  beforeAll(async () => {
    ctx = await TestContext.create();
    a = await ctx.newTenant();
    b = await ctx.newTenant();
    await ctx.newTenantStaff(b, 'staff');
    ownerA = await ctx.loginTenant(a, a.owner);
    const doc = (await ctx.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/t/{tenant}'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method as Method, path, public: !op.security })));
  });
  afterAll(() => ctx.close());

  const concrete = (path: string, slug: string) => path.replace('{tenant}', slug).replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

  it('covers the tenant routes of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
    expect(routes.filter((r) => !r.public).length).toBeGreaterThanOrEqual(4);
  });

  it("answers 404 on every staff route of another tenant's path, exactly like a missing tenant", async () => {
    for (const route of routes.filter((r) => !r.public)) {
      const other = await ownerA[route.method](concrete(route.path, b.slug)).send({});
      const missing = await ownerA[route.method](concrete(route.path, 'no-such-tenant')).send({});
      expect({ route: route.path, method: route.method, status: other.status }).toEqual({ route: route.path, method: route.method, status: 404 });
      expect({ ...problemOf(other), requestId: undefined }).toEqual({ ...problemOf(missing), requestId: undefined });
    }
  });

  it("does not let A's credentials log in to B", async () => {
    problemOf(await ctx.http().post(`/api/t/${b.slug}/login`).send(a.owner).expect(401));
  });

  it('ignores headers and query parameters that name another tenant', async () => {
    const me = await ownerA.get(`/api/t/${a.slug}/me?tenant=${b.slug}&tenantId=${b.id}`).set('X-Tenant', b.slug).set('X-Tenant-Id', b.id).expect(200);
    expect(me.body.tenantSlug).toBe(a.slug);
    const staff = await ownerA.get(`/api/t/${a.slug}/staff`).set('X-Tenant', b.slug).expect(200);
    expect(staff.body.map((s: { email: string }) => s.email)).toEqual([a.owner.email]);
  });

  it('refuses a body field that names a tenant, and writes nothing', async () => {
    const res = await ownerA.post(`/api/t/${a.slug}/staff`).send({ email: 'new@x.test', name: 'New', role: 'staff', tenantId: b.id }).expect(400);
    expect(problemOf(res).errors?.map((e) => e.field)).toContain('tenantId');
    expect(await ctx.sql(`select 1 from "${a.schema}".staff_user where email = 'new@x.test'`)).toEqual([]);
    expect(await ctx.sql(`select 1 from "${b.schema}".staff_user where email = 'new@x.test'`)).toEqual([]);
  });

  it("writes an invitation only into the session's own tenant", async () => {
    await ownerA.post(`/api/t/${a.slug}/staff`).send({ email: 'colleague@a.test', name: 'Colleague', role: 'staff' }).expect(201);
    expect(await ctx.sql(`select email from "${a.schema}".staff_user where email = 'colleague@a.test'`)).toHaveLength(1);
    expect(await ctx.sql(`select email from "${b.schema}".staff_user where email = 'colleague@a.test'`)).toEqual([]);
  });

  it('keeps platform staff out of tenant staff routes, and tenant staff out of platform routes', async () => {
    const admin = await ctx.newPlatformAdminAgent();
    problemOf(await admin.get(`/api/t/${a.slug}/me`).expect(404));
    problemOf(await ownerA.get('/api/platform/tenants').expect(403));
  });

  it('limits staff management to owners', async () => {
    const staffA = await ctx.loginTenant(a, await ctx.newTenantStaff(a, 'staff'));
    problemOf(await staffA.get(`/api/t/${a.slug}/staff`).expect(403));
    problemOf(await staffA.post(`/api/t/${a.slug}/staff`).send({ email: 'sneaky@a.test', name: 'S', role: 'owner' }).expect(403));
    expect(await ctx.sql(`select 1 from "${a.schema}".staff_user where email = 'sneaky@a.test'`)).toEqual([]);
    await staffA.get(`/api/t/${a.slug}/me`).expect(200);
  });

  it('does not let an invitation token of one tenant be used at another', async () => {
    const res = await ownerA.post(`/api/t/${a.slug}/staff`).send({ email: 'invitee@a.test', name: 'Invitee', role: 'staff' }).expect(201);
    const token = res.body.invitationUrl.split('#token=')[1];
    problemOf(await ctx.http().post(`/api/t/${b.slug}/invitations/accept`).send({ token, password: 'a long enough password' }).expect(400));
    await ctx.http().post(`/api/t/${a.slug}/invitations/accept`).send({ token, password: 'a long enough password' }).expect(204);
  });
});
