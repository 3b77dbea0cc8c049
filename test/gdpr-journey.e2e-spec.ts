// The whole promise of the privacy statement, walked through as WellnessRoom Espoo and one of its customers:
// the portal shows everything held, the customer rectifies, withdraws consent, downloads the export and asks for
// erasure, refused while an invoice is unpaid; staff see the deadline; erasure then leaves only the invoice.
import { problemOf, TestContext, textBody, type Agent, type TestTenant } from '@app/testing';

describe('a customer of WellnessRoom Espoo exercises their rights', () => {
  let ctx: TestContext;
  let wellnessRoom: TestTenant;
  let owner: Agent;
  let t: string;
  let maija: { id: string; email: string; password: string };
  let portal: Agent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    wellnessRoom = await ctx.newTenant({ slug: 'wellnessroom-espoo', legalName: 'WellnessRoom Espoo', businessId: '2832233-5' });
    owner = await ctx.loginTenant(wellnessRoom, wellnessRoom.owner);
    t = `/api/t/${wellnessRoom.slug}`;
    maija = await ctx.newPortalCustomer(wellnessRoom, {
      contactName: 'Maija Meikäläinen',
      billingFirstName: 'Maija',
      billingLastName: 'Meikäläinen',
      phone: '040 123 4567',
      streetAddress: 'Merivirta 7',
      postalCode: '02320',
      city: 'Espoo',
    });
    await owner.put(`${t}/customers/${maija.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    portal = await ctx.loginPortal(wellnessRoom, maija);
  });
  afterAll(() => ctx.close());

  let invoiceId: string;
  let erasureId: string;

  it('the staff bill her for a massage', async () => {
    const draft = (await owner.post(`${t}/invoices`).send({ customerId: maija.id, lines: [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }] }).expect(201)).body;
    invoiceId = (await owner.post(`${t}/invoices/${draft.id}/issue`).send({}).expect(200)).body.id;
  });

  it('she sees everything held on her in the portal', async () => {
    const me = (await portal.get(`${t}/portal/me`).expect(200)).body;
    expect(me.profile).toMatchObject({ id: maija.id, phone: '+358401234567', email: maija.email });
    expect(me.lastLoginAt).not.toBeNull();
    expect(me.consents).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'marketing_email', granted: true })]));
    expect(me.consentLedger).toHaveLength(1);
    expect(me.invoices.items.map((i: { id: string }) => i.id)).toEqual([invoiceId]);
  });

  it('she corrects her phone number', async () => {
    const me = (await portal.get(`${t}/portal/me`).expect(200)).body;
    const fixed = (await portal.patch(`${t}/portal/me`).send({ phone: '050 765 4321', version: me.profile.version }).expect(200)).body;
    expect(fixed.phone).toBe('+358507654321');
  });

  it('she withdraws her marketing consent as easily as it was given', async () => {
    const state = (await portal.put(`${t}/portal/me/consents/marketing_email`).send({ granted: false }).expect(200)).body;
    expect(state).toMatchObject({ granted: false, channel: 'portal' });
    const audience = (await owner.get(`${t}/consents/audience?purpose=marketing_email&limit=200`).expect(200)).body.items;
    expect(audience.map((m: { customerId: string }) => m.customerId)).not.toContain(maija.id);
  });

  it('she downloads her export once the owner serves her access request', async () => {
    const request = (await portal.post(`${t}/portal/requests`).send({ type: 'access', details: 'Maija Meikäläinen: kopio kaikesta' }).expect(201)).body;
    expect(request).toMatchObject({ state: 'verified', channel: 'portal', verificationMethod: 'portal_session' });
    problemOf(await portal.get(`${t}/portal/requests/${request.id}/export`).expect(409));
    await owner.post(`${t}/requests/${request.id}/complete`).send({}).expect(200);
    const exported = await portal.get(`${t}/portal/requests/${request.id}/export`).buffer(true).parse(textBody).expect(200);
    const body = JSON.parse(exported.body as unknown as string);
    expect(body.profile.phone).toBe('+358507654321');
    expect(body.consentLedger.map((e: { action: string }) => e.action)).toEqual(['granted', 'withdrawn']);
    expect(body.invoices.map((i: { id: string }) => i.id)).toEqual([invoiceId]);
    expect(body.controller).toMatchObject({ name: 'WellnessRoom Espoo', businessId: '2832233-5' });
  });

  it('she asks for erasure while the invoice is unpaid: refused at once with the invoice listed, and nothing recorded', async () => {
    const refused = problemOf(await portal.post(`${t}/portal/requests`).send({ type: 'erasure' }).expect(409)) as unknown as { type: string; detail: string; unpaidInvoices: { id: string; number: number; outstandingCents: number }[] };
    expect(refused.type).toMatch(/unpaid-invoices$/);
    expect(refused.detail).toMatch(/#\d+/);
    expect(refused.unpaidInvoices).toEqual([expect.objectContaining({ id: invoiceId, outstandingCents: 7530 })]);
    expect((await portal.get(`${t}/portal/requests`).expect(200)).body.map((r: { type: string }) => r.type)).toEqual(['access']);
  });

  it('once it is paid she asks again; the staff see it with its one-month deadline', async () => {
    const invoice = (await owner.get(`${t}/invoices/${invoiceId}`).expect(200)).body;
    await owner.post(`${t}/invoices/${invoiceId}/payments`).send({ amountCents: invoice.outstandingCents, paidOn: invoice.issueDate }).expect(201);
    const request = (await portal.post(`${t}/portal/requests`).send({ type: 'erasure', details: 'Maija Meikäläinen, Merivirta 7: poistakaa kaikki tietoni' }).expect(201)).body;
    erasureId = request.id;
    const listed = (await owner.get(`${t}/requests?filter=open&limit=200`).expect(200)).body.items.find((r: { id: string }) => r.id === erasureId);
    const received = new Date(listed.receivedAt);
    const due = new Date(listed.dueAt);
    expect(due.getTime() - received.getTime()).toBeGreaterThanOrEqual(28 * 86_400_000);
    expect(due.getTime() - received.getTime()).toBeLessThanOrEqual(31 * 86_400_000);
    expect((await portal.get(`${t}/portal/requests`).expect(200)).body.map((r: { type: string }) => r.type)).toEqual(['access', 'erasure']);
  });

  it('the erasure leaves the invoice for the accountant and nothing else of her', async () => {
    await owner.post(`${t}/requests/${erasureId}/complete`).send({}).expect(200);

    problemOf(await portal.get(`${t}/portal/me`).expect(401));
    problemOf(await owner.get(`${t}/customers/${maija.id}`).expect(404));
    const kept = (await owner.get(`${t}/invoices/${invoiceId}`).expect(200)).body;
    expect(kept).toMatchObject({ status: 'paid', customerId: null, buyer: expect.objectContaining({ name: 'Maija Meikäläinen' }) });
    const schema = wellnessRoom.schema;
    for (const table of ['customer', 'consent_event', 'portal_account']) {
      expect(await ctx.sql(`select 1 from "${schema}".${table} where ${table === 'customer' ? 'id' : 'customer_id'} = ?`, [maija.id])).toEqual([]);
    }
    // Nothing in the tenant's tables still carries her e-mail address or phone number.
    const everything = await ctx.sql<{ t: string }>(
      `select string_agg(x::text, ' ') as t from (select row_to_json(i)::text as x from "${schema}".invoice i union all select row_to_json(r)::text from "${schema}".data_subject_request r union all select row_to_json(a)::text from "${schema}".audit_event a) all_rows`,
    );
    expect(everything[0].t).not.toContain(maija.email);
    expect(everything[0].t).not.toContain('+358507654321');
  });

  it('after the erasure no table of the register or the platform holds her, but what the law keeps', async () => {
    // Every table, so that a table added later cannot be forgotten: her e-mail, phones, surname and street.
    const needles = [maija.email, '+358507654321', '+358401234567', 'Meikäläinen', 'Merivirta 7'];
    const tables = await ctx.sql<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_schema in (?, 'platform') and table_type = 'BASE TABLE' order by 1, 2`,
      [wellnessRoom.schema],
    );
    const found: string[] = [];
    for (const { schema, name } of tables) {
      const [hit] = await ctx.sql<{ row: string }>(`select row_to_json(x)::text as row from "${schema}"."${name}" x where row_to_json(x)::text ilike any (select '%' || n || '%' from jsonb_array_elements_text(?::jsonb) n) limit 1`, [JSON.stringify(needles)]);
      if (hit) found.push(`${schema === 'platform' ? 'platform' : 'tenant'}.${name}`);
    }
    // The issued invoice keeps its buyer for the accountant (Accounting Act); nothing else may.
    expect(found).toEqual(['tenant.invoice']);
  });

  it('the Finnish privacy statement reads true', async () => {
    const notice = await ctx.http().get(`${t}/privacy-notice?lang=fi`).set('Accept', 'text/html').expect(200);
    for (const fact of ['WellnessRoom Espoo', '2832233-5', 'maksutta 1 kerran', 'Tietosuojavaltuutetun toimisto']) expect(notice.text).toContain(fact);
  });
});
