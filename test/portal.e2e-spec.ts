// The customer portal: invitations, login, the customer's own profile and its rectification, and the
// walls around it (own record only, own tenant only, no staff routes, throttling, disabled accounts).
import { problemOf, TestContext, type Agent, type Credentials, type TestTenant } from '@app/testing';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: string;
}

const tokenOf = (invitationUrl: string) => invitationUrl.split('#token=')[1];
/** Just the login body: factories also return the customer's id, which a login body must not carry. */
const loginBody = ({ email, password }: Credentials) => ({ email, password });
const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe('customer portal', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: Agent;
  let protectedRoutes: Route[];

  beforeAll(async () => {
    ctx = await TestContext.create({ loginMaxFailuresPerAccountAndAddress: 3 });
    tenant = await ctx.newTenant();
    other = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    const doc = (await ctx.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    protectedRoutes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/t/{tenant}/'))
      .flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.security).map(([method]) => ({ method: method as Method, path })));
  });
  afterAll(() => ctx.close());

  const concrete = (path: string, slug: string, id = '00000000-0000-4000-8000-000000000000') => path.replace('{tenant}', slug).replace(/\{[^}]+\}/g, id);
  const portal = (slug = tenant.slug) => `/api/t/${slug}/portal`;
  const customerRow = async (id: string, schema = tenant.schema) =>
    (await ctx.sql<Record<string, unknown>>(`select * from "${schema}".customer where id = ?`, [id]))[0];
  const auditOf = (id: string) =>
    ctx.sql<{ actor: string; action: string; fields: string[] }>(`select actor, action, fields from "${tenant.schema}".audit_event where subject_type = 'customer' and subject_id = ? order by id`, [id]);

  it('invites a customer by e-mail, who sets a password, logs in and sees their own profile', async () => {
    const customer = await ctx.newCustomer(tenant, { contactName: 'Maija Meikäläinen', email: 'Maija@Example.fi', phone: '040 123 4567' });
    const invited = await owner.post(`/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`).expect(201);
    expect(invited.body).toMatchObject({ customerId: customer.id, email: 'maija@example.fi' });
    expect(invited.body.invitationUrl).toContain(`/t/${tenant.slug}/portal/invitation#token=`);
    const token = tokenOf(invited.body.invitationUrl);

    // The link went out by e-mail; the database keeps only the token's hash.
    expect((await ctx.mailMatching('maija@example.fi', /#token=([A-Za-z0-9_-]+)/))[1]).toBe(token);
    const stored = await ctx.sql<{ token_hash: string }>(`select token_hash from "${tenant.schema}".portal_invitation where customer_id = ?`, [customer.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    await ctx.http().post(`${portal()}/invitations/accept`).send({ token, password: 'a long passphrase' }).expect(204);
    const agent = ctx.agent();
    const login = await agent.post(`${portal()}/login`).send({ email: 'maija@EXAMPLE.fi', password: 'a long passphrase' }).expect(200);
    expect(login.body).toEqual({ kind: 'customer', id: customer.id, email: 'maija@example.fi', tenantId: tenant.id, tenantSlug: tenant.slug });

    const me = await agent.get(`${portal()}/me`).expect(200);
    expect(me.body.profile).toMatchObject({ id: customer.id, contactName: 'Maija Meikäläinen', email: 'maija@example.fi', phone: '+358401234567', version: 1 });
    expect(me.body.tenantName).toBe(`Tenant ${tenant.slug}`);
    expect(me.body.lastLoginAt).toEqual(me.body.profile.lastLoginAt);
    expect(me.body.lastLoginAt).not.toBeNull();
  });

  it('records the last login on the customer record without making anyone’s edit stale', async () => {
    const credentials = await ctx.newPortalCustomer(tenant);
    expect((await customerRow(credentials.id)).last_login_at).toBeNull();
    const before = Date.now();
    await ctx.loginPortal(tenant, credentials);
    const row = await customerRow(credentials.id);
    expect(new Date(row.last_login_at as string).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.version).toBe(1);
    const [account] = await ctx.sql<{ last_login_at: Date | null }>(`select last_login_at from "${tenant.schema}".portal_account where customer_id = ?`, [credentials.id]);
    expect(account.last_login_at).not.toBeNull();
    // Staff see it too: it is part of the record (statement section 5).
    expect((await owner.get(`/api/t/${tenant.slug}/customers/${credentials.id}`).expect(200)).body.lastLoginAt).not.toBeNull();
  });

  it('lets the customer correct their phone, stored as E.164, audited with the customer as the actor', async () => {
    const credentials = await ctx.newPortalCustomer(tenant, { contactName: 'Pekka Puhelin', phone: '+358 50 111 2222' });
    const agent = await ctx.loginPortal(tenant, credentials);
    const res = await agent.patch(`${portal()}/me`).send({ phone: '040 765 4321', version: 1 }).expect(200);
    expect(res.body).toMatchObject({ id: credentials.id, phone: '+358407654321', version: 2 });
    expect((await customerRow(credentials.id)).phone).toBe('+358407654321');
    const audit = await auditOf(credentials.id);
    expect(audit.at(-1)).toEqual({ actor: `customer:${tenant.id}:${credentials.id}`, action: 'customer.updated', fields: ['phone'] });
    expect(JSON.stringify(audit)).not.toContain('7654321');
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const credentials = await ctx.newPortalCustomer(tenant);
    const agent = await ctx.loginPortal(tenant, credentials);
    await owner.patch(`/api/t/${tenant.slug}/customers/${credentials.id}`).send({ city: 'Espoo', version: 1 }).expect(200);
    const stale = await agent.patch(`${portal()}/me`).send({ city: 'Turku', version: 1 }).expect(409);
    expect(problemOf(stale).type).toMatch(/stale-version$/);
    expect(await customerRow(credentials.id)).toMatchObject({ city: 'Espoo', version: 2 });
  });

  it('changes the sign-in address with the e-mail: the new one works, the old one does not, and a taken one is refused', async () => {
    const credentials = await ctx.newPortalCustomer(tenant);
    const neighbour = await ctx.newCustomer(tenant);
    const agent = await ctx.loginPortal(tenant, credentials);
    problemOf(await agent.patch(`${portal()}/me`).send({ email: neighbour.email, version: 1 }).expect(409));
    await agent.patch(`${portal()}/me`).send({ email: 'New.Address@example.fi', version: 1 }).expect(200);
    expect((await agent.get(`${portal()}/me`).expect(200)).body.profile.email).toBe('new.address@example.fi');
    problemOf(await ctx.http().post(`${portal()}/login`).send(loginBody(credentials)).expect(401));
    await ctx.loginPortal(tenant, { email: 'new.address@example.fi', password: credentials.password });
  });

  it("answers in GET me what the staff routes answer for the same customer: profile, invoices, consents, requests", async () => {
    // GET me reads its parts as plain rows (bench/README.md, issue 18); the staff routes below read theirs through
    // the ORM's entities (an invoice's detail, a purpose's consent and history, the request list, a rectification).
    const credentials = await ctx.newPortalCustomer(tenant, { contactName: 'Kaisa Kattava', streetAddress: 'Katu 2', postalCode: '00100', city: 'Helsinki' });
    const agent = await ctx.loginPortal(tenant, credentials);
    const t = `/api/t/${tenant.slug}`;
    const rectified = (await agent.patch(`${portal()}/me`).send({ phone: '040 555 1234', version: 1 }).expect(200)).body;
    expect((await agent.get(`${portal()}/me`).expect(200)).body.profile).toEqual(rectified);

    // Invoices: a draft; one issued with two VAT rates, paid in part (a payment reversed); one credited, and its note.
    const draft = async (lines: { description: string; quantity: number; unitPriceCents: number; vatRate: number }[]) =>
      (await owner.post(`${t}/invoices`).send({ customerId: credentials.id, lines }).expect(201)).body as { id: string };
    await draft([{ description: 'Luonnos', quantity: 1, unitPriceCents: 1000, vatRate: 25.5 }]);
    const paid = await draft([
      { description: 'Hieronta', quantity: 2, unitPriceCents: 6000, vatRate: 25.5 },
      { description: 'Kirja', quantity: 1.5, unitPriceCents: 2000, vatRate: 14 },
    ]);
    const issued = (await owner.post(`${t}/invoices/${paid.id}/issue`).send({}).expect(200)).body;
    const withPayment = (await owner.post(`${t}/invoices/${paid.id}/payments`).send({ amountCents: 1000, paidOn: issued.issueDate, reference: 'RF18 1234' }).expect(201)).body;
    await owner.post(`${t}/invoices/${paid.id}/payments/${withPayment.payments[0].id}/reverse`).send({ reason: 'Väärä maksaja' }).expect(200);
    await owner.post(`${t}/invoices/${paid.id}/payments`).send({ amountCents: 5000, paidOn: issued.issueDate }).expect(201);
    const credited = await draft([{ description: 'Peruttu', quantity: 1, unitPriceCents: 3000, vatRate: 25.5 }]);
    await owner.post(`${t}/invoices/${credited.id}/issue`).send({}).expect(200);
    await owner.post(`${t}/invoices/${credited.id}/credit`).send({ reason: 'Peruttu varaus' }).expect(201);

    // Consents: e-mail given and withdrawn in the portal, SMS given by staff.
    await agent.put(`${portal()}/me/consents/marketing_email`).send({ granted: true }).expect(200);
    await agent.put(`${portal()}/me/consents/marketing_email`).send({ granted: false }).expect(200);
    await owner.put(`${t}/customers/${credentials.id}/consents/marketing_sms`).send({ granted: true }).expect(200);

    // Requests: a restriction completed (which restricts the record) and a rectification still open.
    const restriction = (await agent.post(`${portal()}/requests`).send({ type: 'restriction', details: 'Ei markkinointia riidan aikana.' }).expect(201)).body;
    await owner.post(`${t}/requests/${restriction.id}/complete`).send({}).expect(200);
    await agent.post(`${portal()}/requests`).send({ type: 'rectification', details: 'Sukunimeni on Virtanen.' }).expect(201);

    const me = (await agent.get(`${portal()}/me`).expect(200)).body;
    expect(me.profile).toEqual((await owner.get(`${t}/customers/${credentials.id}`).expect(200)).body);
    expect(me.profile.restriction).toEqual({ since: expect.any(String), reason: 'Ei markkinointia riidan aikana.', requestId: restriction.id });

    const history = `${t}/customers/${credentials.id}/invoices`;
    expect(me.invoices).toEqual((await owner.get(`${history}?limit=200`).expect(200)).body);
    expect(me.invoices.items).toHaveLength(4);
    expect(me.invoices.items.map((i: { kind: string }) => i.kind)).toEqual(['credit_note', 'invoice', 'invoice', 'invoice']);
    for (const item of me.invoices.items) {
      const { creditNotes: _n, creditedInvoiceNumber: _c, reminderCount: _r, lastReminderAt: _l, ...detail } = (await owner.get(`${t}/invoices/${item.id}`).expect(200)).body;
      expect(item).toEqual(detail);
    }
    // The keyset pages of the same history, two at a time, make the same list.
    const firstPage = (await owner.get(`${history}?limit=2`).expect(200)).body;
    const secondPage = (await owner.get(`${history}?limit=2&cursor=${encodeURIComponent(firstPage.nextCursor)}`).expect(200)).body;
    expect([...firstPage.items, ...secondPage.items]).toEqual(me.invoices.items);
    expect(secondPage.nextCursor).toBeNull();

    for (const purpose of ['marketing_email', 'marketing_sms']) {
      const { objected: _o, history: ledger, ...state } = (await owner.get(`${t}/customers/${credentials.id}/consents/${purpose}`).expect(200)).body;
      expect(me.consents.find((c: { purpose: string }) => c.purpose === purpose)).toEqual(state);
      expect(me.consentLedger.filter((e: { purpose: string }) => e.purpose === purpose)).toEqual(ledger);
    }
    expect(me.consentLedger).toHaveLength(3);

    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const staffRequests = (await owner.get(`${t}/requests?customerId=${credentials.id}&limit=200`).expect(200)).body.items;
    expect([...me.requests].sort(byId)).toEqual([...staffRequests].sort(byId));
    expect(me.requests.map((r: { type: string }) => r.type)).toEqual(['restriction', 'rectification']);
    expect((await agent.get(`${portal()}/requests`).expect(200)).body).toEqual(me.requests);
  });

  describe('bad input answers 400 and writes nothing', () => {
    let credentials: Credentials & { id: string };
    let agent: Agent;

    beforeAll(async () => {
      credentials = await ctx.newPortalCustomer(tenant, { contactName: 'Virhe Testaaja', phone: '+358 40 111 1111' });
      agent = await ctx.loginPortal(tenant, credentials);
    });

    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown field', { vip: true, version: 1 }, 'vip'],
      ['a business ID (staff change it, not the customer)', { businessId: '2832233-5', version: 1 }, 'businessId'],
      ['a company name', { companyName: 'Oma Oy', version: 1 }, 'companyName'],
      ['a bad phone', { phone: '12', version: 1 }, 'phone'],
      ['a phone as a number', { phone: 401234567, version: 1 }, 'phone'],
      ['an invalid e-mail', { email: 'x@', version: 1 }, 'email'],
      ['removing the sign-in e-mail', { email: null, version: 1 }, 'email'],
      ['another customer’s id', { id: '00000000-0000-4000-8000-000000000000', city: 'X', version: 1 }, 'id'],
      ['a server-owned field', { lastLoginAt: '2026-01-01T00:00:00Z', version: 1 }, 'lastLoginAt'],
      ['no version', { city: 'Espoo' }, 'version'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const before = await customerRow(credentials.id);
      const auditBefore = (await auditOf(credentials.id)).length;
      const res = await agent.patch(`${portal()}/me`).send(body).expect(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toContain(field);
      expect(await customerRow(credentials.id)).toEqual(before);
      expect(await auditOf(credentials.id)).toHaveLength(auditBefore);
    });

    it('a login body with unknown fields', async () => {
      const res = await ctx.http().post(`${portal()}/login`).send({ ...loginBody(credentials), tenantId: other.id }).expect(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toEqual(['tenantId']);
    });

    it('a short password at accept', async () => {
      problemOf(await ctx.http().post(`${portal()}/invitations/accept`).send({ token: 'x'.repeat(43), password: 'short' }).expect(400));
    });
  });

  describe('a customer reaches only their own record', () => {
    let a: Credentials & { id: string };
    let b: Credentials & { id: string };
    let agentA: Agent;

    beforeAll(async () => {
      a = await ctx.newPortalCustomer(tenant, { contactName: 'Asiakas A' });
      b = await ctx.newPortalCustomer(tenant, { contactName: 'Asiakas B', phone: '+358 40 222 2222' });
      agentA = await ctx.loginPortal(tenant, a);
    });

    it("answers 404 on every staff route of the customer's own tenant, whatever id is in the path", async () => {
      const staffRoutes = protectedRoutes.filter((r) => !r.path.startsWith('/api/t/{tenant}/portal/'));
      expect(staffRoutes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/t/{tenant}/customers', '/api/t/{tenant}/customers/{id}']));
      for (const route of staffRoutes) {
        const res = await agentA[route.method](concrete(route.path, tenant.slug, b.id)).send({});
        expect({ method: route.method, path: route.path, status: res.status }).toEqual({ method: route.method, path: route.path, status: 404 });
        problemOf(res);
      }
      const row = await customerRow(b.id);
      expect(row).toMatchObject({ phone: '+358402222222', version: 1 });
    });

    it('acts only on the session’s customer, whatever the query or body says', async () => {
      const me = await agentA.get(`${portal()}/me?id=${b.id}&customerId=${b.id}`).expect(200);
      expect(me.body.profile.id).toBe(a.id);
      await agentA.patch(`${portal()}/me?id=${b.id}`).send({ city: 'Vantaa', version: 1 }).expect(200);
      expect((await customerRow(a.id)).city).toBe('Vantaa');
      expect((await customerRow(b.id)).city).toBeNull();
    });

    it("answers 404 for another tenant's portal, exactly like a missing tenant", async () => {
      for (const route of protectedRoutes.filter((r) => r.path.startsWith('/api/t/{tenant}/portal/'))) {
        const theirs = await agentA[route.method](concrete(route.path, other.slug)).send({});
        const missing = await agentA[route.method](concrete(route.path, 'no-such-tenant')).send({});
        expect({ path: route.path, status: theirs.status }).toEqual({ path: route.path, status: 404 });
        expect(withoutRequestId(problemOf(theirs))).toEqual(withoutRequestId(problemOf(missing)));
      }
    });

    it('keeps staff and platform staff out of the portal routes', async () => {
      const staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
      const admin = await ctx.newPlatformAdminAgent();
      const portalRoutes = protectedRoutes.filter((r) => r.path.startsWith('/api/t/{tenant}/portal/'));
      expect(portalRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['get /api/t/{tenant}/portal/me', 'patch /api/t/{tenant}/portal/me']));
      for (const route of portalRoutes) {
        for (const agent of [owner, staff, admin]) {
          const res = await agent[route.method](concrete(route.path, tenant.slug)).send({ city: 'X', version: 1 });
          expect({ path: route.path, status: res.status }).toEqual({ path: route.path, status: 404 });
        }
      }
      problemOf(await agentA.get('/api/platform/tenants').expect(403));
      problemOf(await ctx.http().get(`${portal()}/me`).expect(401));
    });

    it('does not let portal credentials log in as staff, or staff credentials log in to the portal', async () => {
      problemOf(await ctx.http().post(`/api/t/${tenant.slug}/login`).send(loginBody(a)).expect(401));
      problemOf(await ctx.http().post(`${portal()}/login`).send(loginBody(tenant.owner)).expect(401));
      problemOf(await ctx.http().post(`${portal(other.slug)}/login`).send(loginBody(a)).expect(401));
    });
  });

  describe('login', () => {
    it('answers an unknown e-mail and a wrong password identically, and sets no cookie', async () => {
      const credentials = await ctx.newPortalCustomer(tenant);
      const wrong = await ctx.http().post(`${portal()}/login`).send({ email: credentials.email, password: 'wrong password!' }).expect(401);
      const unknown = await ctx.http().post(`${portal()}/login`).send({ email: 'nobody@customer.test', password: 'wrong password!' }).expect(401);
      const invitedOnly = await ctx.newCustomer(tenant);
      await owner.post(`/api/t/${tenant.slug}/customers/${invitedOnly.id}/portal-invitation`).expect(201);
      const noPassword = await ctx.http().post(`${portal()}/login`).send({ email: invitedOnly.email, password: 'wrong password!' }).expect(401);
      expect(withoutRequestId(problemOf(wrong))).toEqual(withoutRequestId(problemOf(unknown)));
      expect(withoutRequestId(problemOf(noPassword))).toEqual(withoutRequestId(problemOf(unknown)));
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('throttles an account after repeated failures from one address with 429 and Retry-After, even for the right password', async () => {
      const credentials = await ctx.newPortalCustomer(tenant);
      for (let i = 0; i < 3; i++) await ctx.http().post(`${portal()}/login`).send({ email: credentials.email, password: 'wrong password!' }).expect(401);
      const res = await ctx.http().post(`${portal()}/login`).send(loginBody(credentials)).expect(429);
      expect(problemOf(res).type).toMatch(/too-many-attempts$/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // An unknown address is throttled the same way, so throttling does not reveal who has an account.
      for (let i = 0; i < 3; i++) await ctx.http().post(`${portal()}/login`).send({ email: 'ghost@customer.test', password: 'wrong password!' }).expect(401);
      problemOf(await ctx.http().post(`${portal()}/login`).send({ email: 'ghost@customer.test', password: 'wrong password!' }).expect(429));
    });

    it('kills the session at logout, server-side', async () => {
      const credentials = await ctx.newPortalCustomer(tenant);
      const agent = await ctx.loginPortal(tenant, credentials);
      await agent.get(`${portal()}/me`).expect(200);
      await agent.post(`${portal()}/logout`).expect(204);
      problemOf(await agent.get(`${portal()}/me`).expect(401));
      expect(await ctx.sql(`select 1 from platform.session where principal = ?`, [`customer:${tenant.id}:${credentials.id}`])).toEqual([]);
    });

    it('ends the other sessions of the customer on request', async () => {
      const credentials = await ctx.newPortalCustomer(tenant);
      const laptop = await ctx.loginPortal(tenant, credentials);
      const phone = await ctx.loginPortal(tenant, credentials);
      expect((await laptop.post(`${portal()}/sessions/end-others`).expect(200)).body.ended).toBe(1);
      await laptop.get(`${portal()}/me`).expect(200);
      problemOf(await phone.get(`${portal()}/me`).expect(401));
    });
  });

  describe('invitations', () => {
    it('are single-use and bound to their tenant', async () => {
      const customer = await ctx.newCustomer(tenant);
      const invited = await owner.post(`/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`).expect(201);
      const token = tokenOf(invited.body.invitationUrl);
      const elsewhere = await ctx.http().post(`${portal(other.slug)}/invitations/accept`).send({ token, password: 'a long passphrase' }).expect(400);
      expect(problemOf(elsewhere).type).toMatch(/invitation-invalid$/);
      problemOf(await ctx.http().post(`${portal('no-such-tenant')}/invitations/accept`).send({ token, password: 'a long passphrase' }).expect(400));
      await ctx.http().post(`${portal()}/invitations/accept`).send({ token, password: 'a long passphrase' }).expect(204);
      problemOf(await ctx.http().post(`${portal()}/invitations/accept`).send({ token, password: 'another passphrase' }).expect(400));
      // The second use changed nothing: the first password still works.
      await ctx.loginPortal(tenant, { email: customer.email!, password: 'a long passphrase' });
      expect(await ctx.sql(`select 1 from "${other.schema}".portal_account`)).toEqual([]);
    });

    it('are used once even when two acceptances race', async () => {
      const customer = await ctx.newCustomer(tenant);
      const token = tokenOf((await owner.post(`/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`).expect(201)).body.invitationUrl);
      const results = await Promise.all(
        ['first passphrase!', 'second passphrase'].map((password) => ctx.http().post(`${portal()}/invitations/accept`).send({ token, password })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
      const winner = results[0].status === 204 ? 'first passphrase!' : 'second passphrase';
      await ctx.loginPortal(tenant, { email: customer.email!, password: winner });
    });

    it('replace an unused earlier link, and expire', async () => {
      const customer = await ctx.newCustomer(tenant);
      const url = `/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`;
      const first = tokenOf((await owner.post(url).expect(201)).body.invitationUrl);
      const second = tokenOf((await owner.post(url).expect(201)).body.invitationUrl);
      problemOf(await ctx.http().post(`${portal()}/invitations/accept`).send({ token: first, password: 'a long passphrase' }).expect(400));
      await ctx.sql(`update "${tenant.schema}".portal_invitation set expires_at = now() - interval '1 second' where customer_id = ?`, [customer.id]);
      problemOf(await ctx.http().post(`${portal()}/invitations/accept`).send({ token: second, password: 'a long passphrase' }).expect(400));
      expect(await ctx.sql(`select 1 from "${tenant.schema}".portal_account where customer_id = ? and password_hash is not null`, [customer.id])).toEqual([]);
      const ownerId = (await owner.get(`/api/t/${tenant.slug}/me`).expect(200)).body.id;
      const invitedBy = (await auditOf(customer.id)).filter((e) => e.action === 'portal.invited').map((e) => e.actor);
      expect(invitedBy).toEqual([`tenant-staff:${tenant.id}:${ownerId}`, `tenant-staff:${tenant.id}:${ownerId}`]);
    });

    it('are sent by staff only, for a customer of their own tenant with an e-mail address', async () => {
      const customer = await ctx.newCustomer(tenant);
      const url = `/api/t/${tenant.slug}/customers/${customer.id}/portal-invitation`;
      problemOf(await ctx.http().post(url).expect(401));
      const customerAgent = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant));
      problemOf(await customerAgent.post(url).expect(404));
      const theirs = await ctx.newCustomer(other);
      problemOf(await owner.post(`/api/t/${tenant.slug}/customers/${theirs.id}/portal-invitation`).expect(404));
      problemOf(await owner.post(`/api/t/${other.slug}/customers/${theirs.id}/portal-invitation`).expect(404));
      problemOf(await owner.post(`/api/t/${tenant.slug}/customers/not-a-uuid/portal-invitation`).expect(400));
      const noEmail = await ctx.newCustomer(tenant, { email: null });
      expect(problemOf(await owner.post(`/api/t/${tenant.slug}/customers/${noEmail.id}/portal-invitation`).expect(409)).type).toMatch(/portal-email-required$/);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".portal_account where customer_id in (?, ?)`, [customer.id, noEmail.id])).toEqual([]);
      expect(await ctx.sql(`select 1 from "${other.schema}".portal_invitation`)).toEqual([]);
    });
  });

  describe('requests in the portal', () => {
    it('records rectification and restriction requests with what is asked, verified by the sign-in; without it 400 and nothing recorded', async () => {
      const credentials = await ctx.newPortalCustomer(tenant);
      const agent = await ctx.loginPortal(tenant, credentials);
      for (const type of ['rectification', 'restriction']) {
        const missing = await agent.post(`${portal()}/requests`).send({ type }).expect(400);
        expect([...new Set(problemOf(missing).errors?.map((e) => e.field))]).toEqual(['details']);
      }
      problemOf(await agent.post(`${portal()}/requests`).send({ type: 'restriction', details: '' }).expect(400));
      problemOf(await agent.post(`${portal()}/requests`).send({ type: 'portability' }).expect(400));
      expect((await agent.get(`${portal()}/requests`).expect(200)).body).toEqual([]);
      const restriction = (await agent.post(`${portal()}/requests`).send({ type: 'restriction', details: 'Älkää käyttäkö tietojani markkinointiin, kun riita on kesken.' }).expect(201)).body;
      expect(restriction).toMatchObject({ type: 'restriction', channel: 'portal', state: 'verified', verificationMethod: 'portal_session', customerId: credentials.id });
      await agent.post(`${portal()}/requests`).send({ type: 'rectification', details: 'Sukunimeni on Virtanen.' }).expect(201);
      expect((await agent.get(`${portal()}/requests`).expect(200)).body.map((r: { type: string }) => r.type)).toEqual(['restriction', 'rectification']);
      // Staff see it among the open requests, and decide it like the others.
      const open = (await owner.get(`/api/t/${tenant.slug}/requests?filter=open&limit=200`).expect(200)).body.items;
      expect(open.map((r: { id: string }) => r.id)).toContain(restriction.id);
      await owner.post(`/api/t/${tenant.slug}/requests/${restriction.id}/complete`).send({}).expect(200);
    });

    it('refuses an erasure at once while an invoice is unpaid, listing it, and records nothing', async () => {
      const credentials = await ctx.newPortalCustomer(tenant, { contactName: 'Laskun Saaja', streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' });
      const agent = await ctx.loginPortal(tenant, credentials);
      const draft = (await owner.post(`/api/t/${tenant.slug}/invoices`).send({ customerId: credentials.id, lines: [{ description: 'Hieronta', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }] }).expect(201)).body;
      const invoice = (await owner.post(`/api/t/${tenant.slug}/invoices/${draft.id}/issue`).send({}).expect(200)).body;
      const refused = problemOf(await agent.post(`${portal()}/requests`).send({ type: 'erasure' }).expect(409)) as unknown as { type: string; unpaidInvoices: { id: string; number: number; dueDate: string; outstandingCents: number; overdue: boolean }[] };
      expect(refused.type).toMatch(/unpaid-invoices$/);
      expect(refused.unpaidInvoices).toEqual([{ id: invoice.id, number: invoice.number, dueDate: invoice.dueDate, outstandingCents: 7530, overdue: false }]);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".data_subject_request where customer_id = ?`, [credentials.id])).toEqual([]);
      await owner.post(`/api/t/${tenant.slug}/invoices/${invoice.id}/payments`).send({ amountCents: 7530, paidOn: invoice.issueDate }).expect(201);
      expect((await agent.post(`${portal()}/requests`).send({ type: 'erasure' }).expect(201)).body).toMatchObject({ type: 'erasure', state: 'verified' });
    });
  });

  describe('account state takes effect at once', () => {
    it('refuses a disabled account on the next request, at login, and for new invitations', async () => {
      const credentials = await ctx.newPortalCustomer(tenant);
      const agent = await ctx.loginPortal(tenant, credentials);
      await agent.get(`${portal()}/me`).expect(200);
      await ctx.sql(`update "${tenant.schema}".portal_account set disabled_at = now() where customer_id = ?`, [credentials.id]);
      problemOf(await agent.get(`${portal()}/me`).expect(401));
      problemOf(await agent.patch(`${portal()}/me`).send({ city: 'X', version: 1 }).expect(401));
      problemOf(await ctx.http().post(`${portal()}/login`).send(loginBody(credentials)).expect(401));
      const res = await owner.post(`/api/t/${tenant.slug}/customers/${credentials.id}/portal-invitation`).expect(409);
      expect(problemOf(res).type).toMatch(/portal-account-disabled$/);
    });

    it('ends the session of an erased customer, whose account goes with them', async () => {
      const credentials = await ctx.newPortalCustomer(tenant);
      const agent = await ctx.loginPortal(tenant, credentials);
      await ctx.sql(`delete from "${tenant.schema}".customer where id = ?`, [credentials.id]);
      problemOf(await agent.get(`${portal()}/me`).expect(401));
      expect(await ctx.sql(`select 1 from "${tenant.schema}".portal_account where customer_id = ?`, [credentials.id])).toEqual([]);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".portal_invitation where customer_id = ?`, [credentials.id])).toEqual([]);
    });
  });
});
