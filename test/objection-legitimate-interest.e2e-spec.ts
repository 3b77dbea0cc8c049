// Objection to processing based on legitimate interest (GDPR Art. 21(1)): asked in the portal or recorded by
// staff, verified like any request, weighed by the owner alone; upheld (what stops is recorded) or rejected with
// compelling grounds, the person told by e-mail in the tenant's language; nothing else changes.
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

describe('objection to processing based on legitimate interest (Art. 21(1))', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let t: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant({ legalName: 'Hyvinvointi Oy' });
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(() => ctx.close());

  const consentRows = (customerId: string) => ctx.sql(`select purpose, action from "${tenant.schema}".consent_event where customer_id = ? order by id`, [customerId]);

  it('is asked in the portal with its grounds, cannot be completed plainly, and an upheld one records what stops and tells the person', async () => {
    const person = await ctx.newPortalCustomer(tenant, { contactName: 'Aino Asiakas', email: `aino.${Date.now()}@example.fi` });
    await staff.put(`${t}/customers/${person.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    const portal = await ctx.loginPortal(tenant, person);
    const bare = problemOf(await portal.post(`${t}/portal/requests`).send({ type: 'objection_legitimate_interest' }).expect(400));
    expect(bare.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['details']));
    const asked = (await portal.post(`${t}/portal/requests`).send({ type: 'objection_legitimate_interest', details: 'En halua, että tietojani käytetään asiakaskyselyihin.' }).expect(201)).body;
    expect(asked).toMatchObject({ type: 'objection_legitimate_interest', state: 'verified', objectionDecision: null });

    expect(problemOf(await owner.post(`${t}/requests/${asked.id}/complete`).expect(409)).type).toMatch(/objection-decision-needed$/);
    problemOf(await staff.post(`${t}/requests/${asked.id}/objection-decision`).send({ decision: 'upheld', reason: 'Asiakaskyselyt lopetetaan.' }).expect(403));
    problemOf(await owner.post(`${t}/requests/${asked.id}/objection-decision`).send({ decision: 'upheld', reason: 'lyhyt' }).expect(400));
    problemOf(await owner.post(`${t}/requests/${asked.id}/objection-decision`).send({ decision: 'maybe', reason: 'Asiakaskyselyt lopetetaan.' }).expect(400));

    const effect = 'Sinulle ei enää lähetetä asiakastyytyväisyyskyselyjä, eikä tietojasi käytetä palvelun kehittämisen analyyseihin.';
    const decided = (await owner.post(`${t}/requests/${asked.id}/objection-decision`).send({ decision: 'upheld', reason: effect }).expect(200)).body;
    expect(decided).toMatchObject({ state: 'completed', objectionDecision: 'upheld', objectionEffect: effect, decidedBy: expect.stringMatching(/^tenant-staff:/), rejectionReason: null });
    const mail = await ctx.mailMatching(person.email, /Hyväksymme vastustuksesi[^]*Mitä tämä tarkoittaa: (Sinulle ei enää[^\n]*)/);
    expect(mail[1]).toBe(effect);
    // Decided once; the person sees it in the portal; marketing consents are another matter and stay.
    problemOf(await owner.post(`${t}/requests/${asked.id}/objection-decision`).send({ decision: 'rejected', reason: 'Toinen päätös samaan asiaan.' }).expect(409));
    const mine = (await portal.get(`${t}/portal/me`).expect(200)).body.requests;
    expect(mine).toEqual([expect.objectContaining({ id: asked.id, objectionDecision: 'upheld', objectionEffect: effect })]);
    expect(await consentRows(person.id)).toEqual([{ purpose: 'marketing_email', action: 'granted' }]);
  });

  it('recorded by staff from a letter: verified first, then rejected with compelling grounds written and sent, in English for an English tenant', async () => {
    const other = await ctx.newTenant({ legalName: 'Wellbeing Ltd' });
    await ctx.sql(`update platform.tenant set language = 'en' where id = ?`, [other.id]);
    const otherOwner = await ctx.loginTenant(other, other.owner);
    const o = `/api/t/${other.slug}`;
    const customer = await ctx.newCustomer(other, { contactName: 'Eric English', email: `eric.${Date.now()}@example.com` });
    const recorded = (await otherOwner.post(`${o}/requests`).send({ customerId: customer.id, type: 'objection_legitimate_interest', channel: 'letter', details: 'I object to the IP logging.' }).expect(201)).body;
    expect(recorded.state).toBe('received');
    expect(problemOf(await otherOwner.post(`${o}/requests/${recorded.id}/objection-decision`).send({ decision: 'rejected', reason: 'Security logging is needed.' }).expect(409)).type).toMatch(/request-not-verified$/);
    await otherOwner.post(`${o}/requests/${recorded.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);

    const grounds = 'The access log protects every customer against intrusion and is kept only 90 days; it cannot work with gaps.';
    const decided = (await otherOwner.post(`${o}/requests/${recorded.id}/objection-decision`).send({ decision: 'rejected', reason: grounds }).expect(200)).body;
    expect(decided).toMatchObject({ state: 'rejected', objectionDecision: 'rejected', rejectionReason: grounds, objectionEffect: null });
    const mail = await ctx.mailMatching(customer.email!, /compelling legitimate grounds[^]*The grounds: ([^\n]*)[^]*Data Protection Ombudsman/);
    expect(mail[1]).toBe(grounds);

    // Another tenant's owner cannot reach it; another type takes no such decision.
    problemOf(await owner.post(`${t}/requests/${recorded.id}/objection-decision`).send({ decision: 'upheld', reason: 'Not ours to decide.' }).expect(404));
    const access = (await otherOwner.post(`${o}/requests`).send({ customerId: customer.id, type: 'access', channel: 'email' }).expect(201)).body;
    expect(problemOf(await otherOwner.post(`${o}/requests/${access.id}/objection-decision`).send({ decision: 'upheld', reason: 'Wrong kind of request.' }).expect(409)).type).toMatch(/not-a-legitimate-interest-objection$/);
  });
});
