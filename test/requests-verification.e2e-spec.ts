// Identity verification of written requests (GDPR Art. 12(6)): one-time codes by e-mail (single use,
// 30 minutes, throttled, hashed at rest) or a staff check from a fixed list; no request inherits another's
// verification. The person is told by e-mail, in the tenant's language: the code, an extension (only before
// the deadline), the owner's decision on a repeat access request. The CSV export. Isolation and roles.
import { problemOf, startSmtpSink, TestContext, textBody, type Agent, type ReceivedMail, type SmtpSink, type TestTenant } from '@app/testing';

describe('request verification and the person told', () => {
  let smtp: SmtpSink;
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let t: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ctx = await TestContext.create({ smtpUrl: smtp.url, jobsPollingSeconds: 0.5 });
    tenant = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  let n = 0;
  const newCustomer = async (fields: Record<string, unknown> = {}, on: TestTenant = tenant) => ctx.newCustomer(on, { email: `henkilo${Date.now()}${n++}@example.fi`, ...fields });
  const recordRequest = async (customerId: string, type = 'access', channel = 'email', as: Agent = staff, slug = tenant.slug) =>
    (await as.post(`/api/t/${slug}/requests`).send({ customerId, type, channel }).expect(201)).body as { id: string; state: string };
  const mailTo = async (to: string, match: RegExp, count = 1): Promise<ReceivedMail[]> => {
    const of = () => smtp.messages.filter((m) => m.to.includes(to) && match.test(m.text));
    await smtp.waitFor(() => of().length >= count);
    return of();
  };
  /** The Subject header as read (RFC 2047 encoded words undone). */
  const subjectOf = (mail: ReceivedMail) =>
    mail.headers.subject
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, q: string) => Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
  const codeIn = (mail: ReceivedMail) => /(?:koodisi|code): (\d{8})/i.exec(mail.text)![1];
  const sendCode = async (requestId: string, as: Agent = staff) => (await as.post(`${t}/requests/${requestId}/verification-code`).send({}).expect(202)).body;
  const enter = (email: string, code: string, slug = tenant.slug) => ctx.agent().post(`/api/t/${slug}/verify`).send({ email, code });

  it('does not complete a written request without a verified code or a recorded staff check; free text is refused', async () => {
    const c = await newCustomer();
    const r = await recordRequest(c.id, 'access', 'letter');
    expect(problemOf(await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(409)).type).toMatch(/not-verified$/);
    expect(problemOf(await staff.post(`${t}/requests/${r.id}/verify`).send({ method: 'trust me' }).expect(400)).errors).toEqual([expect.objectContaining({ field: 'method' })]);
    expect((await staff.get(`${t}/requests/${r.id}`).expect(200)).body.state).toBe('received');
    expect(problemOf(await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(409)).type).toMatch(/not-verified$/);
    const checked = (await staff.post(`${t}/requests/${r.id}/verify`).send({ method: 'id_document_in_person', note: 'Driving licence at the front desk' }).expect(200)).body;
    expect(checked).toMatchObject({ state: 'verified', verificationMethod: 'id_document_in_person', verificationNote: 'Driving licence at the front desk', verifiedBy: expect.stringMatching(/^tenant-staff:/), verifiedAt: expect.any(String) });
    await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(200);
  });

  it('calls back only a phone number the register holds', async () => {
    const without = await recordRequest((await newCustomer()).id, 'rectification', 'phone');
    expect(problemOf(await staff.post(`${t}/requests/${without.id}/verify`).send({ method: 'call_back_registered_phone' }).expect(409)).type).toMatch(/no-phone-on-record$/);
    const withPhone = await recordRequest((await newCustomer({ phone: '+358401234567' })).id, 'rectification', 'phone');
    await staff.post(`${t}/requests/${withPhone.id}/verify`).send({ method: 'call_back_registered_phone' }).expect(200);
  });

  it('verifies by a code mailed to the address on record, in Finnish, that works once and for its own request only', async () => {
    const c = await newCustomer();
    const first = await recordRequest(c.id, 'access', 'email');
    const duplicate = await recordRequest(c.id, 'access', 'email');
    const sent = await sendCode(first.id);
    expect(sent).toMatchObject({ sentTo: expect.stringMatching(/^h•••@example\.fi$/), expiresAt: expect.any(String) });
    const [mail] = await mailTo(c.email!, /Vahvistuskoodisi/);
    expect(subjectOf(mail)).toBe(`Vahvistuskoodi pyyntöösi: ${(await ctx.sql<{ legal_name: string }>(`select legal_name from platform.tenant where slug = ?`, [tenant.slug]))[0].legal_name}`);
    expect(mail.text).toContain(`/t/${tenant.slug}/verify`);
    expect(mail.text).toContain('voimassa 30 minuuttia');
    const code = codeIn(mail);
    // Hashed at rest: neither the code nor the address is in the table.
    const rows = await ctx.sql<Record<string, string>>(`select * from "${tenant.schema}".request_verification_code where request_id = ?`, [first.id]);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(c.email!);

    const ok = await enter(c.email!.toUpperCase(), `${code.slice(0, 4)} ${code.slice(4)}`).expect(200);
    expect(ok.body).toMatchObject({ type: 'access', verifiedAt: expect.any(String) });
    expect((await staff.get(`${t}/requests/${first.id}`).expect(200)).body).toMatchObject({ state: 'verified', verificationMethod: 'email_code', verifiedBy: 'data-subject:email-code' });
    // Single use.
    expect(problemOf(await enter(c.email!, code).expect(400)).type).toMatch(/verification-code-invalid$/);
    // The same person's second request inherits nothing (GHSA-qx5f-ghc2-7g5c).
    expect((await staff.get(`${t}/requests/${duplicate.id}`).expect(200)).body).toMatchObject({ state: 'received', verifiedAt: null });
    expect(problemOf(await owner.post(`${t}/requests/${duplicate.id}/complete`).send({}).expect(409)).type).toMatch(/not-verified$/);
    await owner.post(`${t}/requests/${first.id}/complete`).send({}).expect(200);
    // A code for a verified request is not sent.
    problemOf(await staff.post(`${t}/requests/${first.id}/verification-code`).send({}).expect(409));
  });

  it('lets a code expire after 30 minutes and a new code replace the old one', async () => {
    const c = await newCustomer();
    const r = await recordRequest(c.id, 'erasure', 'letter');
    const start = new Date(Date.now() - 3_600_000);
    const code = await ctx.at(start, async () => {
      await sendCode(r.id);
      return codeIn((await mailTo(c.email!, /Vahvistuskoodisi/))[0]);
    });
    await ctx.at(new Date(start.getTime() + 31 * 60_000), async () => {
      problemOf(await enter(c.email!, code).expect(400));
    });
    const second = await ctx.at(new Date(start.getTime() + 32 * 60_000), async () => {
      await sendCode(r.id);
      return codeIn((await mailTo(c.email!, /Vahvistuskoodisi/, 2))[1]);
    });
    const third = await ctx.at(new Date(start.getTime() + 33 * 60_000), async () => {
      await sendCode(r.id);
      return codeIn((await mailTo(c.email!, /Vahvistuskoodisi/, 3))[2]);
    });
    await ctx.at(new Date(start.getTime() + 34 * 60_000), async () => {
      if (second !== third) problemOf(await enter(c.email!, second).expect(400)); // replaced
      await enter(c.email!, third).expect(200);
    });
    expect((await staff.get(`${t}/requests/${r.id}`).expect(200)).body.state).toBe('verified');
  });

  // Wrong codes per client (IP) address are counted by the login throttle: login-throttle-address.e2e-spec.ts.
  it('throttles: a code dies after five wrong tries, an address after ten a day, a request gets three codes an hour', async () => {
    const c = await newCustomer();
    const r = await recordRequest(c.id, 'access', 'email');
    await sendCode(r.id);
    const code = codeIn((await mailTo(c.email!, /Vahvistuskoodisi/))[0]);
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) problemOf(await enter(c.email!, wrong).expect(400));
    problemOf(await enter(c.email!, code).expect(400)); // the right code, too late
    expect((await staff.get(`${t}/requests/${r.id}`).expect(200)).body.state).toBe('received');
    await sendCode(r.id);
    await sendCode(r.id);
    expect(problemOf(await staff.post(`${t}/requests/${r.id}/verification-code`).send({}).expect(429)).type).toMatch(/too-many-codes$/);
    const latest = codeIn((await mailTo(c.email!, /Vahvistuskoodisi/, 3))[2]);
    for (let i = 0; i < 5; i++) problemOf(await enter(c.email!, wrong).expect(400));
    // Ten wrong tries on the address today: even a fresh right code is not checked.
    const other = await recordRequest(c.id, 'rectification', 'email');
    await sendCode(other.id);
    const fresh = codeIn((await mailTo(c.email!, /Vahvistuskoodisi/, 4))[3]);
    expect(problemOf(await enter(c.email!, fresh).expect(429)).type).toMatch(/too-many-codes$/);
    expect(latest).toMatch(/^\d{8}$/);
  });

  it('mails the code in English for an English tenant', async () => {
    const en = await ctx.newTenant();
    await ctx.sql(`update platform.tenant set language = 'en' where slug = ?`, [en.slug]);
    const enOwner = await ctx.loginTenant(en, en.owner);
    const c = await newCustomer({}, en);
    const r = await recordRequest(c.id, 'access', 'letter', enOwner, en.slug);
    await enOwner.post(`/api/t/${en.slug}/requests/${r.id}/verification-code`).send({}).expect(202);
    const [mail] = await mailTo(c.email!, /Your verification code/);
    expect(subjectOf(mail)).toMatch(/^Verification code for your request/);
    expect(mail.text).toContain(`/t/${en.slug}/verify`);
    // A code is good only in its own tenant.
    problemOf(await enter(c.email!, codeIn(mail)).expect(400));
    await enter(c.email!, codeIn(mail), en.slug).expect(200);
  });

  it('extends only before the deadline, telling the person why; an overdue request cannot be extended', async () => {
    const c = await ctx.at('2026-03-01T08:00:00Z', () => newCustomer());
    const r = (await staff.post(`${t}/requests`).send({ customerId: c.id, type: 'rectification', channel: 'letter', receivedAt: '2026-03-02T08:00:00Z' }).expect(201)).body;
    const late = (await staff.post(`${t}/requests`).send({ customerId: c.id, type: 'access', channel: 'letter', receivedAt: '2026-03-02T08:00:00Z' }).expect(201)).body;
    await ctx.at('2026-03-20T08:00:00Z', async () => {
      await owner.post(`${t}/requests/${r.id}/extend`).send({ reason: 'Arkiston läpikäynti vie aikaa' }).expect(200);
    });
    const [mail] = await mailTo(c.email!, /Arkiston läpikäynti/);
    expect(subjectOf(mail)).toMatch(/käsittelyaikaa jatketaan/);
    expect(mail.text).toContain('Vastaamme viimeistään 2. kesäkuuta 2026');
    await ctx.at('2026-04-03T08:00:00Z', async () => {
      const refused = problemOf(await owner.post(`${t}/requests/${late.id}/extend`).send({ reason: 'Too late now' }).expect(409));
      expect(refused.type).toMatch(/request-overdue$/);
    });
    expect((await staff.get(`${t}/requests/${late.id}`).expect(200)).body).toMatchObject({ extendedAt: null, dueAt: '2026-04-02T08:00:00.000Z' });
    expect(smtp.messages.some((m) => m.text.includes('Too late now'))).toBe(false);
  });

  it("mails the owner's decision on a repeat access request with its reason and fee", async () => {
    const c = await newCustomer({ streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' });
    const first = await recordRequest(c.id);
    await staff.post(`${t}/requests/${first.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    await owner.post(`${t}/requests/${first.id}/complete`).send({}).expect(200);
    const feeRequest = await recordRequest(c.id);
    await staff.post(`${t}/requests/${feeRequest.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    const decided = (await owner.post(`${t}/requests/${feeRequest.id}/repeat-access`).send({ decision: 'fee', reason: 'Kolmas jäljennös tänä vuonna', feeCents: 1000 }).expect(200)).body;
    const invoice = (await staff.get(`${t}/invoices/${decided.feeInvoiceId}`).expect(200)).body;
    const [feeMail] = await mailTo(c.email!, /Kolmas jäljennös/);
    expect(feeMail.text).toContain(`lasku nro ${invoice.number}`);
    expect(feeMail.text).toContain('12,55 €');
    const refused = await recordRequest(c.id);
    await owner.post(`${t}/requests/${refused.id}/repeat-access`).send({ decision: 'refuse', reason: 'Pyydetty joka viikko' }).expect(200);
    const [refusal] = await mailTo(c.email!, /Pyydetty joka viikko/);
    expect(subjectOf(refusal)).toMatch(/Päätös tietopyyntöösi/);
    expect(refusal.text).toContain('ilmeisen perusteettomana tai kohtuuttomana');
  });

  it('exports as CSV: every part, one row per field, formulas defused, for staff and in the portal', async () => {
    const person = await ctx.newPortalCustomer(tenant, { contactName: '=HYPERLINK("x")', phone: '+358401234567', email: `csv${Date.now()}@example.fi` });
    const portal = await ctx.loginPortal(tenant, person);
    const asked = (await portal.post(`${t}/portal/requests`).send({ type: 'access' }).expect(201)).body;
    expect(asked).toMatchObject({ state: 'verified', verificationMethod: 'portal_session' });
    await owner.post(`${t}/requests/${asked.id}/complete`).send({}).expect(200);
    const res = await staff.get(`${t}/requests/${asked.id}/export?format=csv`).buffer(true).parse(textBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/export-.*\.csv"/);
    const csv = res.body as unknown as string;
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('section,item,field,value');
    expect(lines).toContain(`profile,${person.id},email,${person.email}`);
    expect(lines).toContain(`profile,${person.id},contactName,"'=HYPERLINK(""x"")"`);
    expect(lines).toContain(`profile,${person.id},phone,'+358401234567`); // text that starts like a formula, as the customer list writes it
    expect(lines).toEqual(expect.arrayContaining([`request,${asked.id},type,access`, expect.stringMatching(/^controller,,name,/)]));
    const mine = await portal.get(`${t}/portal/requests/${asked.id}/export?format=csv`).buffer(true).parse(textBody);
    expect(mine.status).toBe(200);
    expect(mine.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('keeps the new routes to their tenant and roles', async () => {
    const c = await newCustomer();
    const r = await recordRequest(c.id);
    const other = await ctx.newTenant();
    const otherOwner = await ctx.loginTenant(other, other.owner);
    problemOf(await otherOwner.post(`/api/t/${other.slug}/requests/${r.id}/verification-code`).send({}).expect(404));
    problemOf(await otherOwner.post(`/api/t/${other.slug}/requests/${r.id}/repeat-access`).send({ decision: 'serve', reason: 'Because' }).expect(404));
    problemOf(await otherOwner.post(`/api/t/${tenant.slug}/requests/${r.id}/verification-code`).send({}).expect(404));
    problemOf(await ctx.agent().post(`${t}/requests/${r.id}/verification-code`).send({}).expect(401));
    problemOf(await staff.post(`${t}/requests/${r.id}/repeat-access`).send({ decision: 'serve', reason: 'Because' }).expect(403));
    const person = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant));
    problemOf(await person.post(`${t}/requests/${r.id}/verification-code`).send({}).expect(404));
    problemOf(await enter(c.email!, '12345678', 'no-such-tenant').expect(404));
    problemOf(await enter('not an address', '12345678').expect(400));
    expect((await staff.get(`${t}/requests/${r.id}`).expect(200)).body.state).toBe('received');
  });
});
