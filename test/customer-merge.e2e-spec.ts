// Duplicates and merging: likely pairs found (same phone, alike names), and a merge that keeps every invoice,
// every consent event (the ledger combined, still append-only), requests, the portal account and the audit
// trail, in one transaction, recorded; owner only; tenant isolation; stale versions refused.
import { CUSTOMER_REFERENCES } from '@app/customer-merge';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };

describe('customer duplicates and merge', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let t: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    other = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(() => ctx.close());

  it('finds likely duplicates: the same phone, and names alike without their accents', async () => {
    const a = await ctx.newCustomer(tenant, { contactName: 'Aino Phone', phone: '040 555 0001' });
    const b = await ctx.newCustomer(tenant, { contactName: 'Aino P.', phone: '+358405550001' });
    const c = await ctx.newCustomer(tenant, { billingFirstName: 'Mikko', billingLastName: 'Mäkinen', email: 'mikko1@example.fi' });
    const d = await ctx.newCustomer(tenant, { contactName: 'Mikko Makinen', email: 'mikko2@example.fi' });
    await ctx.newCustomer(tenant, { contactName: 'Someone Else Entirely' });
    const pairs = (await staff.get(`${t}/customer-duplicates`).expect(200)).body as { a: { id: string }; b: { id: string }; reasons: string[]; score: number }[];
    const key = (x: string, y: string) => [x, y].sort().join();
    const found = new Map(pairs.map((p) => [key(p.a.id, p.b.id), p]));
    expect(found.get(key(a.id, b.id))).toMatchObject({ reasons: ['phone'], score: 1, a: { id: a.id, name: 'Aino Phone' }, b: { id: b.id } });
    expect(found.get(key(c.id, d.id))).toMatchObject({ reasons: ['name'], a: { id: c.id, name: 'Mikko Mäkinen' }, b: { id: d.id, name: 'Mikko Makinen' } });
    expect(pairs.every((p) => !JSON.stringify(p).includes('Someone Else'))).toBe(true);
    const elsewhere = await ctx.loginTenant(other, other.owner);
    expect((await elsewhere.get(`/api/t/${other.slug}/customer-duplicates`).expect(200)).body).toEqual([]);
  });

  it('merges one customer into another keeping every invoice, consent event, request and audit entry', async () => {
    const keep = await ctx.newCustomer(tenant, { contactName: 'Kept Kaisa', email: 'kaisa@example.fi' });
    const merge = await ctx.newCustomer(tenant, { contactName: 'Kaisa K', email: 'kaisa.k@example.fi', phone: '040 777 1234', streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' });
    // Invoices on both: a draft and an issued one on the merged customer.
    const invoices: string[] = [];
    for (const customerId of [keep.id, merge.id, merge.id]) invoices.push((await staff.post(`${t}/invoices`).send({ customerId, lines: [massage] }).expect(201)).body.id);
    await staff.post(`${t}/invoices/${invoices[2]}/issue`).send({}).expect(200);
    // Consent on both: granted then withdrawn on the merged one (the later decision), granted on the kept one.
    await staff.put(`${t}/customers/${keep.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    await staff.put(`${t}/customers/${merge.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    await staff.put(`${t}/customers/${merge.id}/consents/marketing_email`).send({ granted: false }).expect(200);
    await staff.put(`${t}/customers/${merge.id}/consents/marketing_sms`).send({ granted: true }).expect(200);
    const request = (await staff.post(`${t}/requests`).send({ customerId: merge.id, type: 'rectification', channel: 'email' }).expect(201)).body;
    const events = async (ids: string[]) => ctx.sql(`select * from "${tenant.schema}".consent_event where customer_id in (${ids.map(() => '?').join(',')}) order by id`, ids);
    const eventsBefore = await events([keep.id, merge.id]);
    expect(eventsBefore).toHaveLength(4);
    const mergeTrail = (await owner.get(`${t}/customers/${merge.id}/audit`).expect(200)).body;

    const res = await owner.post(`${t}/customer-merges`).send({ keepId: keep.id, keepVersion: keep.version, mergeId: merge.id, mergeVersion: merge.version }).expect(200);
    expect(res.body).toEqual({
      keptId: keep.id,
      mergedId: merge.id,
      moved: { invoice: 2, consent_event: 3, data_subject_request: 1, portal_account: 0, portal_invitation: 0, audit_event: mergeTrail.length },
      filled: ['phone', 'streetAddress', 'postalCode', 'city'],
    });

    problemOf(await staff.get(`${t}/customers/${merge.id}`).expect(404));
    const kept = (await staff.get(`${t}/customers/${keep.id}`).expect(200)).body;
    expect(kept).toMatchObject({ contactName: 'Kept Kaisa', email: 'kaisa@example.fi', phone: '+358407771234', city: 'Espoo', version: keep.version + 1 });
    // Every invoice, now the kept customer's.
    expect((await ctx.sql(`select id from "${tenant.schema}".invoice where customer_id = ? order by id`, [keep.id])).map((r) => r.id)).toEqual([...invoices].sort());
    // Every consent event, unchanged but for whose it is: the same ids, times, channels and actors.
    const eventsAfter = await events([keep.id]);
    expect(eventsAfter).toEqual(eventsBefore.map((e) => ({ ...e, customer_id: keep.id })));
    // The combined ledger's latest decision holds: the withdrawal made after the kept customer's grant.
    expect((await staff.get(`${t}/customers/${keep.id}/consents/marketing_email`).expect(200)).body).toMatchObject({ granted: false, history: [{ action: 'granted' }, { action: 'granted' }, { action: 'withdrawn' }] });
    expect((await staff.get(`${t}/customers/${keep.id}/consents/marketing_sms`).expect(200)).body).toMatchObject({ granted: true });
    // The withdrawal mirrored outside the schema follows (a restore re-applies it to the kept customer).
    expect(await ctx.sql(`select count(*)::int as n from platform.consent_withdrawal_ledger where customer_id = ?`, [keep.id])).toEqual([{ n: 1 }]);
    expect((await staff.get(`${t}/requests/${request.id}`).expect(200)).body.customerId).toBe(keep.id);
    const trail = (await owner.get(`${t}/customers/${keep.id}/audit`).expect(200)).body as { action: string; fields: string[] }[];
    expect(trail.filter((e) => e.action === 'customer.created')).toHaveLength(2);
    expect(trail.at(-1)).toMatchObject({ action: 'customer.merged', fields: ['city', 'phone', 'postalCode', 'streetAddress'] });
    // The merged id keeps one line of trail: where it went.
    expect(await ctx.sql(`select action from "${tenant.schema}".audit_event where subject_id = ?`, [merge.id])).toEqual([{ action: 'customer.merged_into' }]);
    // Still append-only for anything but a merge.
    await expect(ctx.sql(`update "${tenant.schema}".consent_event set customer_id = ? where customer_id = ?`, [merge.id, keep.id])).rejects.toThrow(/append-only/);
    await expect(ctx.sql(`update "${tenant.schema}".consent_event set action = 'granted' where customer_id = ?`, [keep.id])).rejects.toThrow(/append-only/);
  });

  it('moves the portal account when the kept customer has none', async () => {
    const portal = await ctx.newPortalCustomer(tenant, { contactName: 'Portal Pia' });
    // Without an e-mail of its own, the kept record takes the merged one's: the portal sign-in stays the same.
    const keep = await ctx.newCustomer(tenant, { contactName: 'Pia Portal', email: undefined });
    const read = async (id: string) => (await staff.get(`${t}/customers/${id}`).expect(200)).body;
    const res = await owner.post(`${t}/customer-merges`).send({ keepId: keep.id, keepVersion: (await read(keep.id)).version, mergeId: portal.id, mergeVersion: (await read(portal.id)).version }).expect(200);
    expect(res.body.moved).toMatchObject({ portal_account: 1 });
    // The customer signs in as before, now to the kept record.
    const agent = await ctx.loginPortal(tenant, portal);
    expect(JSON.stringify((await agent.get(`${t}/portal/me`).expect(200)).body)).toContain(keep.id);
  });

  it('is for the owner only, refuses stale versions and a customer merged into itself, and changes nothing then', async () => {
    const a = await ctx.newCustomer(tenant, { contactName: 'Role A' });
    const b = await ctx.newCustomer(tenant, { contactName: 'Role B' });
    const body = { keepId: a.id, keepVersion: a.version, mergeId: b.id, mergeVersion: b.version };
    problemOf(await staff.post(`${t}/customer-merges`).send(body).expect(403));
    problemOf(await ctx.http().post(`${t}/customer-merges`).send(body).expect(401));
    expect(problemOf(await owner.post(`${t}/customer-merges`).send({ ...body, mergeVersion: b.version + 1 }).expect(409)).type).toMatch(/stale-version$/);
    expect(problemOf(await owner.post(`${t}/customer-merges`).send({ ...body, mergeId: a.id, mergeVersion: a.version }).expect(400)).type).toMatch(/merge-same-customer$/);
    problemOf(await owner.post(`${t}/customer-merges`).send({ ...body, extra: 1 }).expect(400));
    // Another tenant's customers are not found, through its own path or this one.
    const elsewhere = await ctx.loginTenant(other, other.owner);
    problemOf(await elsewhere.post(`/api/t/${other.slug}/customer-merges`).send(body).expect(404));
    problemOf(await elsewhere.post(`${t}/customer-merges`).send(body).expect(404));
    await staff.get(`${t}/customers/${a.id}`).expect(200);
    await staff.get(`${t}/customers/${b.id}`).expect(200);
  });

  it('knows every table that names a customer (a new one cannot be forgotten by the merge)', async () => {
    const references = await ctx.sql<{ table: string }>(
      `select distinct c.conrelid::regclass::text as table from pg_constraint c
        where c.contype = 'f' and c.confrelid = ?::regclass order by 1`,
      [`"${tenant.schema}".customer`],
    );
    expect(references.map((r) => r.table.replace(/^.*\./, ''))).toEqual(Object.keys(CUSTOMER_REFERENCES).sort());
  });
});
