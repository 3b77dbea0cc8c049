// Restriction of processing (GDPR Art. 18): completing a restriction request marks the customer restricted
// (audit trail); while it lasts the record is only stored: no edits, no invoices, no consent to marketing, no
// place in a marketing audience; reading, the access export and erasure still work. The owner (not staff) lifts
// it with a reason, the person told first by e-mail in the tenant's language. Another tenant sees none of it.
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

describe('restriction of processing (Art. 18)', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let t: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant({ legalName: 'Rajoitus Oy' });
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(() => ctx.close());

  const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };
  const newPerson = (name: string) =>
    ctx.newCustomer(tenant, { billingFirstName: name, billingLastName: 'Rajattu', email: `${name.toLowerCase()}.${Date.now()}@example.fi`, streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo' });
  const audienceIds = async () => (await staff.get(`${t}/consents/audience?purpose=marketing_email&limit=200`).expect(200)).body.items.map((m: { customerId: string }) => m.customerId);
  const row = async (id: string) =>
    (await ctx.sql<Record<string, unknown>>(`select version, contact_name, restricted_at, restriction_reason, restriction_request_id, restriction_lift_reason from "${tenant.schema}".customer where id = ?`, [id]))[0];
  const invoiceCount = async (customerId: string) => Number((await ctx.sql<{ n: string }>(`select count(*) as n from "${tenant.schema}".invoice where customer_id = ?`, [customerId]))[0].n);

  /** A restriction request recorded from a letter, verified and completed by the owner. */
  async function restrict(customerId: string, details?: string) {
    const recorded = (await staff.post(`${t}/requests`).send({ customerId, type: 'restriction', channel: 'letter', ...(details ? { details } : {}) }).expect(201)).body;
    await staff.post(`${t}/requests/${recorded.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    problemOf(await staff.post(`${t}/requests/${recorded.id}/complete`).expect(403));
    const done = (await owner.post(`${t}/requests/${recorded.id}/complete`).expect(200)).body;
    expect(done.state).toBe('completed');
    return recorded.id as string;
  }

  it('completing a restriction request marks the customer restricted, shown on the customer and in the list, recorded in the audit trail', async () => {
    const person = await newPerson('Aino');
    expect((await staff.get(`${t}/customers/${person.id}`).expect(200)).body.restriction).toBeNull();
    const requestId = await restrict(person.id, 'Kiistän osoitteeni oikeellisuuden; älkää käyttäkö tietojani ennen tarkistusta.');

    const shown = (await staff.get(`${t}/customers/${person.id}`).expect(200)).body;
    expect(shown.restriction).toEqual({ since: expect.any(String), reason: 'Kiistän osoitteeni oikeellisuuden; älkää käyttäkö tietojani ennen tarkistusta.', requestId });
    expect(Math.abs(new Date(shown.restriction.since).getTime() - Date.now())).toBeLessThan(60_000);
    const listed = (await staff.get(`${t}/customers?q=Aino&limit=200`).expect(200)).body.items.find((c: { id: string }) => c.id === person.id);
    expect(listed.restriction).toEqual(shown.restriction);
    const trail = (await owner.get(`${t}/customers/${person.id}/audit`).expect(200)).body.map((e: { action: string }) => e.action);
    expect(trail).toContain('customer.restricted');

    // Completing again changes nothing (idempotent).
    await owner.post(`${t}/requests/${requestId}/complete`).expect(200);
    expect((await staff.get(`${t}/customers/${person.id}`).expect(200)).body.restriction.since).toBe(shown.restriction.since);
  });

  it('without the person\'s reason the restriction is named after the request, in the tenant\'s language', async () => {
    const person = await newPerson('Veikko');
    await restrict(person.id);
    expect((await staff.get(`${t}/customers/${person.id}`).expect(200)).body.restriction.reason).toBe('Käsittelyn rajoittamista koskeva pyyntö');
  });

  it('refuses changes, invoices and consent with 409 customer-restricted and changes nothing; reading and withdrawing still work', async () => {
    const person = await newPerson('Eero');
    await staff.put(`${t}/customers/${person.id}/consents/sms_marketing`).send({ granted: false });
    const earlierDraft = (await staff.post(`${t}/invoices`).send({ customerId: person.id, lines: [massage] }).expect(201)).body;
    await staff.put(`${t}/customers/${person.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    await restrict(person.id, 'Kiistän tietojeni oikeellisuuden.');
    const before = await row(person.id);
    const current = (await staff.get(`${t}/customers/${person.id}`).expect(200)).body;

    const edit = problemOf(await staff.patch(`${t}/customers/${person.id}`).send({ version: current.version, contactName: 'Uusi Nimi' }).expect(409));
    expect(edit).toMatchObject({ type: expect.stringMatching(/customer-restricted$/), title: expect.stringMatching(/restricted/), detail: expect.stringMatching(/Changing the customer is not possible/) });
    expect(problemOf(await owner.patch(`${t}/customers/${person.id}`).send({ version: current.version, city: 'Vantaa' }).expect(409)).type).toMatch(/customer-restricted$/);
    expect(problemOf(await staff.post(`${t}/invoices`).send({ customerId: person.id, lines: [massage] }).expect(409)).type).toMatch(/customer-restricted$/);
    expect(problemOf(await staff.patch(`${t}/invoices/${earlierDraft.id}`).send({ version: earlierDraft.version, notes: 'muutos' }).expect(409)).type).toMatch(/customer-restricted$/);
    expect(problemOf(await staff.post(`${t}/invoices/${earlierDraft.id}/issue`).send({}).expect(409)).type).toMatch(/customer-restricted$/);
    await staff.put(`${t}/customers/${person.id}/consents/marketing_email`).send({ granted: false }).expect(200);
    const consent = problemOf(await staff.put(`${t}/customers/${person.id}/consents/marketing_email`).send({ granted: true }).expect(409));
    expect(consent.type).toMatch(/customer-restricted$/);
    expect(consent.detail).toMatch(/Recording a consent to marketing/);

    expect(await row(person.id)).toEqual(before);
    expect(await invoiceCount(person.id)).toBe(1);
    expect((await staff.get(`${t}/invoices/${earlierDraft.id}`).expect(200)).body).toMatchObject({ status: 'draft', notes: null });
    const consents = await ctx.sql(`select action from "${tenant.schema}".consent_event where customer_id = ? and purpose = 'marketing_email' order by id`, [person.id]);
    expect(consents.map((c) => c.action)).toEqual(['granted', 'withdrawn']);
    await staff.get(`${t}/customers/${person.id}`).expect(200);
    await staff.get(`${t}/customers/${person.id}/invoices`).expect(200);
  });

  it('an import does not write over a restricted customer (the row is an error), and a merge refuses one', async () => {
    const person = await newPerson('Ilkka');
    await restrict(person.id, 'Kiistän tietojeni oikeellisuuden.');
    const before = await row(person.id);
    const csv = `Nimi;Sähköposti;Kaupunki\nIlkka Uusi;${person.email};Tampere\n`;
    const uploaded = (await staff.post(`${t}/customer-imports`).send({ fileName: 'a.csv', content: Buffer.from(csv).toString('base64') }).expect(201)).body;
    const mapping = { Nimi: 'contactName', Sähköposti: 'email', Kaupunki: 'city' };
    const preview = (await staff.post(`${t}/customer-imports/${uploaded.id}/preview`).send({ mapping, duplicates: 'update' }).expect(200)).body;
    expect(preview).toMatchObject({ update: 0, error: 1 });
    expect(preview.rows[0].errors[0]).toMatchObject({ field: 'email', message: expect.stringMatching(/restricted/) });
    await staff.post(`${t}/customer-imports/${uploaded.id}/commit`).send({ mapping, duplicates: 'update' });
    expect(await row(person.id)).toEqual(before);

    const other = await newPerson('Ilkka2');
    const [a, b] = await Promise.all([person.id, other.id].map(async (id) => (await staff.get(`${t}/customers/${id}`).expect(200)).body));
    const merge = problemOf(await owner.post(`${t}/customer-merges`).send({ keepId: b.id, keepVersion: b.version, mergeId: a.id, mergeVersion: a.version }).expect(409));
    expect(merge.type).toMatch(/customer-restricted$/);
    await staff.get(`${t}/customers/${a.id}`).expect(200);
  });

  it('the portal shows the restriction, and the person cannot rectify meanwhile', async () => {
    const person = await ctx.newPortalCustomer(tenant, { contactName: 'Pia Portaali', email: `pia.${Date.now()}@example.fi` });
    await restrict(person.id, 'Tarkistakaa osoitteeni.');
    const portal = await ctx.loginPortal(tenant, person);
    const me = (await portal.get(`${t}/portal/me`).expect(200)).body;
    expect(me.profile.restriction).toMatchObject({ reason: 'Tarkistakaa osoitteeni.' });
    const res = await portal.patch(`${t}/portal/me`).send({ version: me.profile.version, city: 'Turku' });
    expect(res.status).toBe(409);
    expect(problemOf(res).type).toMatch(/customer-restricted$/);
  });

  it('leaves a restricted customer out of the marketing audience whatever their consent, and back in once lifted', async () => {
    const person = await newPerson('Matti');
    await staff.put(`${t}/customers/${person.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    expect(await audienceIds()).toContain(person.id);
    await restrict(person.id, 'Kiistän tietojeni oikeellisuuden.');
    expect(await audienceIds()).not.toContain(person.id);
    await owner.post(`${t}/customers/${person.id}/restriction/lift`).send({ reason: 'Tiedot tarkistettu ja oikeiksi todettu.' }).expect(200);
    expect(await audienceIds()).toContain(person.id);
  });

  it('the access export carries the restriction in JSON, CSV and HTML', async () => {
    const person = await newPerson('Kaisa');
    const requestId = await restrict(person.id, 'Säilyttäkää tiedot oikeusvaatimusta varten.');
    const access = (await staff.post(`${t}/requests`).send({ customerId: person.id, type: 'access', channel: 'email' }).expect(201)).body;
    await staff.post(`${t}/requests/${access.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    await owner.post(`${t}/requests/${access.id}/complete`).expect(200);
    const json = JSON.parse((await staff.get(`${t}/requests/${access.id}/export?format=json`).buffer(true).parse((res, cb) => { let d = ''; res.on('data', (c: Buffer) => (d += c.toString())); res.on('end', () => cb(null, d)); }).expect(200)).body as string);
    expect(json.restriction).toEqual({ since: expect.any(String), reason: 'Säilyttäkää tiedot oikeusvaatimusta varten.', requestId });
    expect(json.profile.restriction).toEqual(json.restriction);
    const text = async (format: string) => (await staff.get(`${t}/requests/${access.id}/export?format=${format}`).buffer(true).parse((res, cb) => { let d = ''; res.on('data', (c: Buffer) => (d += c.toString())); res.on('end', () => cb(null, d)); }).expect(200)).body as string;
    const csv = await text('csv');
    expect(csv).toContain('restriction,,restricted,true');
    expect(csv).toContain('restriction,,reason,Säilyttäkää tiedot oikeusvaatimusta varten.');
    expect(csv).not.toContain('[object Object]');
    const html = await text('html');
    expect(html).toContain('Käsittelyä rajoitettu / Processing restricted');
    expect(html).toContain('Säilyttäkää tiedot oikeusvaatimusta varten.');
  });

  it('erasure still works for a restricted customer', async () => {
    const person = await newPerson('Olli');
    await restrict(person.id, 'Kiistän tietojeni oikeellisuuden.');
    const erasure = (await staff.post(`${t}/requests`).send({ customerId: person.id, type: 'erasure', channel: 'email' }).expect(201)).body;
    await staff.post(`${t}/requests/${erasure.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    await owner.post(`${t}/requests/${erasure.id}/complete`).expect(200);
    await staff.get(`${t}/customers/${person.id}`).expect(404);
  });

  it('only the owner lifts it, with a reason; the person is told by e-mail; edits work again', async () => {
    const person = await newPerson('Liisa');
    await restrict(person.id, 'Kiistän osoitteeni.');
    const reason = 'Osoite tarkistettu väestötiedoista ja todettu oikeaksi.';
    problemOf(await staff.post(`${t}/customers/${person.id}/restriction/lift`).send({ reason }).expect(403));
    problemOf(await owner.post(`${t}/customers/${person.id}/restriction/lift`).send({}).expect(400));
    problemOf(await owner.post(`${t}/customers/${person.id}/restriction/lift`).send({ reason: 'x' }).expect(400));
    expect((await row(person.id)).restricted_at).not.toBeNull();

    const lifted = (await owner.post(`${t}/customers/${person.id}/restriction/lift`).send({ reason }).expect(200)).body;
    expect(lifted.restriction).toBeNull();
    expect(await row(person.id)).toMatchObject({ restricted_at: null, restriction_reason: null, restriction_request_id: null, restriction_lift_reason: reason });
    const mail = await ctx.mailMatching(person.email!, /rajoitus poistetaan[^]*18 artiklan 3 kohta[^]*Syy: ([^\n]*)/);
    expect(mail[1]).toBe(reason);
    const trail = (await owner.get(`${t}/customers/${person.id}/audit`).expect(200)).body.map((e: { action: string }) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['customer.restricted', 'customer.restriction_lifted']));

    expect(problemOf(await owner.post(`${t}/customers/${person.id}/restriction/lift`).send({ reason }).expect(409)).type).toMatch(/customer-not-restricted$/);
    await staff.patch(`${t}/customers/${person.id}`).send({ version: lifted.version, city: 'Vantaa' }).expect(200);
    await staff.post(`${t}/invoices`).send({ customerId: person.id, lines: [massage] }).expect(201);
  });

  it('a customer without an e-mail address: the owner says how the person was told', async () => {
    const person = await ctx.newCustomer(tenant, { contactName: 'Kirje Kalle', email: undefined });
    await restrict(person.id, 'Kirjeellä pyydetty rajoitus.');
    const problem = problemOf(await owner.post(`${t}/customers/${person.id}/restriction/lift`).send({ reason: 'Tiedot tarkistettu.' }).expect(400));
    expect(problem.errors?.map((e) => e.field)).toEqual(['toldOtherwise']);
    await owner.post(`${t}/customers/${person.id}/restriction/lift`).send({ reason: 'Tiedot tarkistettu.', toldOtherwise: 'Kirjeellä 2.12.' }).expect(200);
    expect((await row(person.id)).restriction_lift_reason).toBe('Tiedot tarkistettu. (Kirjeellä 2.12.)');
  });

  it('in English for an English tenant, and isolated between tenants', async () => {
    const other = await ctx.newTenant({ legalName: 'Restricted Ltd' });
    await ctx.sql(`update platform.tenant set language = 'en' where id = ?`, [other.id]);
    const otherOwner = await ctx.loginTenant(other, other.owner);
    const o = `/api/t/${other.slug}`;
    const customer = await ctx.newCustomer(other, { contactName: 'Eric English', email: `eric.${Date.now()}@example.com` });
    const recorded = (await otherOwner.post(`${o}/requests`).send({ customerId: customer.id, type: 'restriction', channel: 'email' }).expect(201)).body;
    await otherOwner.post(`${o}/requests/${recorded.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    await otherOwner.post(`${o}/requests/${recorded.id}/complete`).expect(200);
    expect((await otherOwner.get(`${o}/customers/${customer.id}`).expect(200)).body.restriction.reason).toBe('Request to restrict processing');

    // This tenant's owner reaches neither the customer nor its restriction, through either tenant's path.
    problemOf(await owner.post(`${t}/customers/${customer.id}/restriction/lift`).send({ reason: 'Not ours to lift.' }).expect(404));
    expect((await owner.post(`${o}/customers/${customer.id}/restriction/lift`).send({ reason: 'Not ours to lift.' })).status).toBeGreaterThanOrEqual(401);
    expect((await otherOwner.get(`${o}/customers/${customer.id}`).expect(200)).body.restriction).not.toBeNull();

    await otherOwner.post(`${o}/customers/${customer.id}/restriction/lift`).send({ reason: 'The data has been checked.' }).expect(200);
    const mail = await ctx.mailMatching(customer.email!, /the restriction is being lifted[^]*Article 18\(3\)[^]*Reason: ([^\n]*)/);
    expect(mail[1]).toBe('The data has been checked.');
  });
});
