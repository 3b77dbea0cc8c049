// Consent: an append-only ledger, derived state, one-click unsubscribe links, the audience; isolation and roles.
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppConfig } from '@app/core';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

describe('consent', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let staff: Agent;
  let t: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(() => ctx.close());

  const newCustomer = async (email: string) => (await staff.post(`${t}/customers`).send({ contactName: email.split('@')[0], email }).expect(201)).body.id as string;
  const ledger = async (customerId: string) => ctx.sql<{ action: string; channel: string; purpose: string }>(`select purpose, action, channel from "${tenant.schema}".consent_event where customer_id = ? order by id`, [customerId]);
  const tokenFor = async (customerId: string, purpose = 'marketing_email') =>
    (await staff.get(`${t}/customers/${customerId}/consents/${purpose}/unsubscribe-link`).expect(200)).body.token as string;

  it('is opt-in: no consent until given, then derived from the last event', async () => {
    const id = await newCustomer('optin@example.fi');
    expect((await staff.get(`${t}/customers/${id}/consents/marketing_email`).expect(200)).body).toMatchObject({ granted: false, since: null, history: [] });
    const given = (await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true }).expect(200)).body;
    expect(given).toMatchObject({ purpose: 'marketing_email', granted: true, channel: 'staff_written_request', noticeVersion: 1 });
    await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true }).expect(200); // no change, no event
    await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: false }).expect(200);
    expect(await ledger(id)).toEqual([
      { purpose: 'marketing_email', action: 'granted', channel: 'staff_written_request' },
      { purpose: 'marketing_email', action: 'withdrawn', channel: 'staff_written_request' },
    ]);
    const read = (await staff.get(`${t}/customers/${id}/consents/marketing_email`).expect(200)).body;
    expect(read.granted).toBe(false);
    expect(read.history).toHaveLength(2);
    expect(read.history[0]).toMatchObject({ action: 'granted', actor: expect.stringMatching(/^tenant-staff:/) });
  });

  it('keeps the ledger append-only in the database itself', async () => {
    const id = await newCustomer('ledger@example.fi');
    await staff.put(`${t}/customers/${id}/consents/marketing_sms`).send({ granted: true }).expect(200);
    await expect(ctx.sql(`update "${tenant.schema}".consent_event set action = 'withdrawn' where customer_id = ?`, [id])).rejects.toThrow(/append-only/);
  });

  it('lists as audience only those whose consent holds now', async () => {
    const yes = await newCustomer('yes@example.fi');
    const no = await newCustomer('no@example.fi');
    const withdrawn = await newCustomer('withdrawn@example.fi');
    await staff.put(`${t}/customers/${yes}/consents/marketing_email`).send({ granted: true }).expect(200);
    await staff.put(`${t}/customers/${withdrawn}/consents/marketing_email`).send({ granted: true }).expect(200);
    await staff.put(`${t}/customers/${withdrawn}/consents/marketing_email`).send({ granted: false }).expect(200);
    await staff.put(`${t}/customers/${no}/consents/marketing_sms`).send({ granted: true }).expect(200);
    const audience = (await staff.get(`${t}/consents/audience?purpose=marketing_email&limit=200`).expect(200)).body;
    const ids = audience.items.map((m: { customerId: string }) => m.customerId);
    expect(ids).toContain(yes);
    expect(ids).not.toContain(no);
    expect(ids).not.toContain(withdrawn);
    problemOf(await staff.get(`${t}/consents/audience?purpose=carrier_pigeon`).expect(400));
  });

  it('withdraws with one click from a signed link: GET shows, POST withdraws, cross-site and without a session', async () => {
    const id = await newCustomer('click@example.fi');
    await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true }).expect(200);
    const token = await tokenFor(id);
    const shown = await ctx.http().get(`/api/unsubscribe/${token}`).expect(200);
    expect(shown.body).toEqual({ tenant: tenant.slug, tenantName: `Tenant ${tenant.slug}`, purpose: 'marketing_email', granted: true });
    // RFC 8058: the mail client POSTs a form body from elsewhere.
    await ctx.http().post(`/api/unsubscribe/${token}`).set('Origin', 'https://mail.example').type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await ledger(id)).toEqual([
      { purpose: 'marketing_email', action: 'granted', channel: 'staff_written_request' },
      { purpose: 'marketing_email', action: 'withdrawn', channel: 'email_link' },
    ]);
  });

  it('gives a link for the text (the page) and one for List-Unsubscribe (the API), and sends a browser on the API address to the page', async () => {
    const id = await newCustomer('links@example.fi');
    await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true }).expect(200);
    const link = (await staff.get(`${t}/customers/${id}/consents/marketing_email/unsubscribe-link`).expect(200)).body;
    const origin = `http://localhost:${ctx.config.port}`;
    expect(link).toEqual({ token: link.token, url: `${origin}/unsubscribe/${link.token}`, oneClickUrl: `${origin}/api/unsubscribe/${link.token}` });
    // A browser opening the API's address is sent to the page, and nothing is withdrawn by looking.
    const browser = await ctx.http().get(`/api/unsubscribe/${link.token}`).set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(303);
    expect(browser.headers.location).toBe(`/unsubscribe/${link.token}`);
    expect(browser.headers.vary).toMatch(/Accept/);
    // Programs (the page itself asks for JSON) get the description.
    expect((await ctx.http().get(`/api/unsubscribe/${link.token}`).set('Accept', 'application/json').expect(200)).body.granted).toBe(true);
    expect((await ledger(id)).map((e) => e.action)).toEqual(['granted']);
    // Staff of another tenant cannot make links for this customer; a customer in the portal cannot either.
    const other = await ctx.newTenant();
    const outsider = await ctx.loginTenant(other, other.owner);
    problemOf(await outsider.get(`/api/t/${tenant.slug}/customers/${id}/consents/marketing_email/unsubscribe-link`).expect(404));
    problemOf(await outsider.get(`/api/t/${other.slug}/customers/${id}/consents/marketing_email/unsubscribe-link`).expect(404));
    problemOf(await ctx.http().get(`${t}/customers/${id}/consents/marketing_email/unsubscribe-link`).expect(401));
  });

  it('refuses a tampered or expired link with 404 and changes nothing', async () => {
    const id = await newCustomer('tamper@example.fi');
    await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true }).expect(200);
    const token = await tokenFor(id);
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.sub = '00000000-0000-4000-8000-000000000000';
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    problemOf(await ctx.http().post(`/api/unsubscribe/${tampered}`).expect(404));
    problemOf(await ctx.http().post(`/api/unsubscribe/${token.slice(0, -2)}xx`).expect(404));

    const key = createHash('sha256').update(`unsubscribe\0${ctx.get(AppConfig).sessionSecret}`).digest();
    const expired = await new SignJWT({ pur: 'marketing_email', tid: tenant.id }).setProtectedHeader({ alg: 'HS256' }).setSubject(id).setIssuedAt(1).setExpirationTime(2).sign(key);
    problemOf(await ctx.http().post(`/api/unsubscribe/${expired}`).expect(404));
    problemOf(await ctx.http().get(`/api/unsubscribe/${expired}`).expect(404));
    expect((await ledger(id)).map((e) => e.action)).toEqual(['granted']);
  });

  it('refuses with 404 a link signed with our key but without an expiry, with claims it should not have, or past its 90 days', async () => {
    const id = await newCustomer('claims@example.fi');
    await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true }).expect(200);
    const key = createHash('sha256').update(`unsubscribe\0${ctx.get(AppConfig).sessionSecret}`).digest();
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>, subject: string | undefined, times: { iat?: number; exp?: number }) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
      if (subject !== undefined) jwt.setSubject(subject);
      if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
      if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
      return jwt.sign(key);
    };
    const valid = { pur: 'marketing_email', tid: tenant.id };
    const day = 86_400;
    const refused = {
      'no expiry': await sign(valid, id, { iat: now }),
      'no issue time': await sign(valid, id, { exp: now + day }),
      'an expiry beyond 90 days': await sign(valid, id, { iat: now, exp: now + 3650 * day }),
      'issued in the future': await sign(valid, id, { iat: now + 30 * day, exp: now + 60 * day }),
      'a subject that is no UUID': await sign(valid, 'not-a-uuid', { iat: now, exp: now + day }),
      'no subject': await sign(valid, undefined, { iat: now, exp: now + day }),
      'a tenant that is no UUID': await sign({ ...valid, tid: 'x' }, id, { iat: now, exp: now + day }),
      'an unknown purpose': await sign({ ...valid, pur: 'carrier_pigeon' }, id, { iat: now, exp: now + day }),
      'a purpose that is no string': await sign({ ...valid, pur: ['marketing_email'] }, id, { iat: now, exp: now + day }),
    };
    const answers: Record<string, string> = {};
    for (const [name, token] of Object.entries(refused)) {
      const shown = await ctx.http().get(`/api/unsubscribe/${token}`);
      const posted = await ctx.http().post(`/api/unsubscribe/${token}`);
      answers[name] = `${shown.status} ${posted.status} ${posted.body.type}`;
    }
    const invalid = '404 404 https://rekisteri.dev/problems/unsubscribe-link-invalid';
    expect(answers).toEqual(Object.fromEntries(Object.keys(refused).map((name) => [name, invalid])));
    problemOf(await ctx.http().get('/api/unsubscribe/not.a.token').expect(404));
    problemOf(await ctx.http().post(`/api/unsubscribe/${'x'.repeat(5000)}`).expect(404));

    // A link we issued stops working 90 days later by the app's clock.
    const token = await tokenFor(id);
    ctx.clock.set(new Date(Date.now() + 91 * day * 1000));
    try {
      problemOf(await ctx.http().get(`/api/unsubscribe/${token}`).expect(404));
    } finally {
      ctx.clock.reset();
    }
    await ctx.http().get(`/api/unsubscribe/${token}`).expect(200);
    expect((await ledger(id)).map((e) => e.action)).toEqual(['granted']);
  });

  it('keeps tenants apart', async () => {
    const other = await ctx.newTenant();
    const otherOwner = await ctx.loginTenant(other, other.owner);
    const mine = await newCustomer('mine@example.fi');
    problemOf(await otherOwner.put(`/api/t/${other.slug}/customers/${mine}/consents/marketing_email`).send({ granted: true }).expect(404));
    problemOf(await otherOwner.get(`/api/t/${other.slug}/customers/${mine}/consents/marketing_email`).expect(404));
    expect(await ledger(mine)).toEqual([]);
    problemOf(await staff.put(`/api/t/${other.slug}/customers/${mine}/consents/marketing_email`).send({ granted: true }).expect(404));
  });

  it('validates purpose and body', async () => {
    const id = await newCustomer('valid@example.fi');
    problemOf(await staff.put(`${t}/customers/${id}/consents/telepathy`).send({ granted: true }).expect(400));
    problemOf(await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: 'yes' }).expect(400));
    problemOf(await staff.put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true, channel: 'portal' }).expect(400));
    expect(await ledger(id)).toEqual([]);
    problemOf(await ctx.http().put(`${t}/customers/${id}/consents/marketing_email`).send({ granted: true }).expect(401));
  });
});
