// Public tenant routes (@PublicTenant): the access guard binds the tenant named in the path before any service
// runs, as it binds a session's tenant; that binding makes the request the tenant's traffic. An unknown or
// suspended tenant answers as it always did, so that logins and resets tell no one which tenants exist.
import type { Response } from 'supertest';
import { AccessLogService } from '@app/access-log';
import { PrivacyNoticeService } from '@app/privacy-notice';
import { TenancyService, TenantContext } from '@app/tenancy';
import { problemOf, TestContext, type TestTenant } from '@app/testing';

const wrong = { email: 'nobody@example.test', password: 'not the password at all' };
const token = 'x'.repeat(43);
const newPassword = 'Kuusi kaunista kukkaa kasvaa 7';

describe('public tenant routes', () => {
  let ctx: TestContext;
  let tenant: TestTenant;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
  });
  afterAll(() => ctx.close());

  /** The tenant the access log counted the request's traffic to. */
  const trafficOf = async (res: Response): Promise<string | null> => {
    await ctx.get(AccessLogService).flush();
    const rows = await ctx.sql<{ tenant_id: string | null }>('select tenant_id from platform.access_log where request_id = ?', [res.headers['x-request-id']]);
    expect(rows).toHaveLength(1);
    return rows[0].tenant_id;
  };

  /** Every public route under /t/:tenant, with a body it accepts, and what it answers when the path names no active tenant. */
  const routes = (slug: string) => [
    { name: 'staff login', call: () => ctx.http().post(`/api/t/${slug}/login`).send(wrong), status: 401, type: /invalid-credentials$/ },
    { name: 'portal login', call: () => ctx.http().post(`/api/t/${slug}/portal/login`).send(wrong), status: 401, type: /invalid-credentials$/ },
    { name: 'staff invitation', call: () => ctx.http().post(`/api/t/${slug}/invitations/accept`).send({ token, password: newPassword }), status: 400, type: /invitation-invalid$/ },
    { name: 'portal invitation', call: () => ctx.http().post(`/api/t/${slug}/portal/invitations/accept`).send({ token, password: newPassword }), status: 400, type: /invitation-invalid$/ },
    { name: 'staff reset request', call: () => ctx.http().post(`/api/t/${slug}/password-reset`).send({ email: wrong.email }), status: 202 },
    { name: 'portal reset request', call: () => ctx.http().post(`/api/t/${slug}/portal/password-reset`).send({ email: wrong.email }), status: 202 },
    { name: 'staff reset', call: () => ctx.http().post(`/api/t/${slug}/password-reset/complete`).send({ token, password: newPassword }), status: 400, type: /reset-token-invalid$/ },
    { name: 'portal reset', call: () => ctx.http().post(`/api/t/${slug}/portal/password-reset/complete`).send({ token, password: newPassword }), status: 400, type: /reset-token-invalid$/ },
    { name: 'privacy notice', call: () => ctx.http().get(`/api/t/${slug}/privacy-notice`).set('Accept', 'application/json'), status: 404, detail: 'No such privacy notice.' },
    { name: 'verify', call: () => ctx.http().post(`/api/t/${slug}/verify`).send({ email: wrong.email, code: '12345678' }), status: 404, detail: 'No such tenant.' },
    { name: 'export link page', call: () => ctx.http().get(`/api/t/${slug}/export-links/${token}`), status: 404, detail: 'No such tenant.' },
    { name: 'export link download', call: () => ctx.http().post(`/api/t/${slug}/export-links/${token}`), status: 404, detail: 'No such tenant.' },
  ];

  it("binds the tenant before the login strategy runs: a customer signs in, and the request is the tenant's traffic", async () => {
    const customer = await ctx.newPortalCustomer(tenant);
    const signedIn = await ctx.agent().post(`/api/t/${tenant.slug}/portal/login`).send({ email: customer.email, password: customer.password }).expect(200);
    expect(signedIn.body).toMatchObject({ kind: 'customer', id: customer.id, tenantSlug: tenant.slug });
    expect(await trafficOf(signedIn)).toBe(tenant.id);
    // A route that finds nothing in the tenant (a made-up export link) still ran inside it.
    const unknownLink = await ctx.http().get(`/api/t/${tenant.slug}/export-links/${token}`).expect(404);
    expect(problemOf(unknownLink).type).toMatch(/export-link-unknown$/);
    expect(await trafficOf(unknownLink)).toBe(tenant.id);
  });

  it("answers an unknown tenant on every public tenant route as before, and counts it as no tenant's traffic", async () => {
    for (const route of routes('no-such-tenant')) {
      const res = await route.call();
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: route.status });
      if (route.status !== 202) expect(problemOf(res)).toMatchObject({ status: route.status, ...(route.detail && { detail: route.detail }) });
      if (route.type) expect(problemOf(res).type).toMatch(route.type);
      expect(await trafficOf(res)).toBeNull();
    }
  });

  it('answers a suspended tenant as an unknown one, except that its staff with the right password are told why', async () => {
    const suspended = await ctx.newTenant();
    await ctx.get(TenancyService).setStatus(suspended.slug, 'suspended');
    for (const route of routes(suspended.slug)) expect((await route.call()).status).toBe(route.status);
    const told = await ctx.http().post(`/api/t/${suspended.slug}/login`).send(suspended.owner).expect(403);
    expect(problemOf(told).type).toMatch(/tenant-suspended$/);
    expect(await trafficOf(told)).toBe(suspended.id);
  });

  it('lets a service work from the bound tenant alone, with no slug to look up', async () => {
    const notices = ctx.get(PrivacyNoticeService);
    // Outside any tenant the statement is the unknown tenant's 404; inside one, that tenant's.
    await expect(notices.notice('en')).rejects.toMatchObject({ status: 404 });
    const scope = (await ctx.get(TenancyService).findScope(tenant.slug))!;
    const notice = await ctx.get(TenantContext).run(scope, () => notices.notice('en'));
    expect(notice).toMatchObject({ tenant: tenant.slug, language: 'en' });
  });
});
