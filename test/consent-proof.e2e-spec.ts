// Consent follows the register settings and proves itself: only listed channels (Art. 7, the statement's
// promise), each event with its wording, statement version, source and staff member (Art. 7(1)), renewal when
// the purposes change, and an objection lifted only by the person's own consent (Art. 21(3)).
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

describe('consent proof and channels', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  interface Setup {
    tenant: TestTenant;
    owner: Agent;
    staff: Agent;
    t: string;
  }
  const setup = async (): Promise<Setup> => {
    const tenant = await ctx.newTenant({ legalName: 'Studio Valo Oy' });
    return { tenant, owner: await ctx.loginTenant(tenant, tenant.owner), staff: await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff')), t: `/api/t/${tenant.slug}` };
  };
  const editSettings = async (s: Setup, changes: Record<string, unknown>) => {
    const { version } = (await s.owner.get(`${s.t}/register`).expect(200)).body;
    return (await s.owner.put(`${s.t}/register`).send({ version, ...changes }).expect(200)).body;
  };
  const events = (s: Setup, customerId: string) =>
    ctx.sql<Record<string, unknown>>(
      `select purpose, action, channel, source, notice_version, wording, wording_lang, recorded_by, recorded_by_name, evidence from "${s.tenant.schema}".consent_event where customer_id = ? order by id`,
      [customerId],
    );
  const audienceIds = async (s: Setup, purpose: string) =>
    ((await s.staff.get(`${s.t}/consents/audience?purpose=${purpose}&limit=200`).expect(200)).body.items as { customerId: string }[]).map((m) => m.customerId);

  describe('channels follow the settings', () => {
    it('refuses an SMS consent when the settings list e-mail only, from staff and from the portal, and the statement lists only e-mail', async () => {
      const s = await setup();
      const customer = await ctx.newPortalCustomer(s.tenant, { contactName: 'Sanna Sms', phone: '+358401234567' });
      // Given while SMS was listed; then the owner lists e-mail only.
      await s.staff.put(`${s.t}/customers/${customer.id}/consents/marketing_sms`).send({ granted: true }).expect(200);
      await editSettings(s, { marketingChannels: ['email'] });

      const other = await ctx.newPortalCustomer(s.tenant, { contactName: 'Olli Other' });
      const refused = problemOf(await s.staff.put(`${s.t}/customers/${other.id}/consents/marketing_sms`).send({ granted: true }).expect(409));
      expect(refused.type).toMatch(/consent-channel-not-offered$/);
      expect(refused.detail).toMatch(/email/);
      const portal = await ctx.loginPortal(s.tenant, other);
      problemOf(await portal.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_sms`).send({ granted: true }).expect(409));
      expect(await events(s, other.id)).toEqual([]);
      // E-mail is listed: accepted.
      await portal.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_email`).send({ granted: true }).expect(200);

      // No SMS audience at all, and the earlier SMS consent can still be withdrawn.
      problemOf(await s.staff.get(`${s.t}/consents/audience?purpose=marketing_sms`).expect(409));
      expect(await audienceIds(s, 'marketing_email')).toContain(other.id);
      const state = (await s.staff.get(`${s.t}/customers/${customer.id}/consents/marketing_sms`).expect(200)).body;
      expect(state).toMatchObject({ granted: true, offered: false, medium: 'sms' });
      const me = await ctx.loginPortal(s.tenant, customer);
      expect((await me.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_sms`).send({ granted: false }).expect(200)).body).toMatchObject({ granted: false, offered: false });

      const fi = await ctx.http().get(`/api/t/${s.tenant.slug}/privacy-notice?lang=fi`).set('Accept', 'text/html').expect(200);
      expect(fi.text).toContain('tiedotusviestejä sähköpostitse vain');
      expect(fi.text).not.toContain('tekstiviestillä');
      const en = await ctx.http().get(`/api/t/${s.tenant.slug}/privacy-notice?lang=en`).set('Accept', 'text/html').expect(200);
      expect(en.text).not.toContain('by text message');
    });
  });

  describe('proof of each consent', () => {
    it('keeps the wording shown, its language, the statement version, the source and the staff member', async () => {
      const s = await setup();
      const customer = await ctx.newPortalCustomer(s.tenant, { contactName: 'Pia Proof' });
      const portal = await ctx.loginPortal(s.tenant, customer);
      const me = (await portal.get(`/api/t/${s.tenant.slug}/portal/me`).expect(200)).body;
      const shown = me.consents.find((c: { purpose: string }) => c.purpose === 'marketing_email').wording;
      expect(shown.en).toBe('Studio Valo Oy may send me offers, newsletters and other marketing by e-mail. I can withdraw this at any time.');
      await portal.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_email`).send({ granted: true, lang: 'en' }).expect(200);

      // A new statement version (a changed retention period: the purposes stay): staff record a written consent.
      const v2 = await editSettings(s, { ipLogRetentionDays: 60 });
      expect(v2.noticeVersion).toBe(2);
      await s.staff
        .put(`${s.t}/customers/${customer.id}/consents/marketing_sms`)
        .send({ granted: true, wording: 'Saa lähettää tekstiviestejä (lomake 3/2026).', evidence: 'Signed paper form of 1 Dec 2026, in the customer folder' })
        .expect(200);
      await portal.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_email`).send({ granted: false }).expect(200);

      const rows = await events(s, customer.id);
      expect(rows).toEqual([
        { purpose: 'marketing_email', action: 'granted', channel: 'portal', source: 'portal', notice_version: 1, wording: shown.en, wording_lang: 'en', recorded_by: null, recorded_by_name: null, evidence: null },
        {
          purpose: 'marketing_sms',
          action: 'granted',
          channel: 'staff_written_request',
          source: 'staff',
          notice_version: 2,
          wording: 'Saa lähettää tekstiviestejä (lomake 3/2026).',
          wording_lang: 'fi',
          recorded_by: expect.stringMatching(/^tenant-staff:/),
          recorded_by_name: expect.any(String),
          evidence: 'Signed paper form of 1 Dec 2026, in the customer folder',
        },
        { purpose: 'marketing_email', action: 'withdrawn', channel: 'portal', source: 'portal', notice_version: 2, wording: null, wording_lang: null, recorded_by: null, recorded_by_name: null, evidence: null },
      ]);
      // The console's history shows the same, and the default wording is in the business's language.
      const history = (await s.staff.get(`${s.t}/customers/${customer.id}/consents/marketing_email`).expect(200)).body.history;
      expect(history[0]).toMatchObject({ source: 'portal', medium: 'email', wording: shown.en, wordingLang: 'en', noticeVersion: 1, recordedBy: null });
      const plain = await ctx.newCustomer(s.tenant);
      await s.staff.put(`${s.t}/customers/${plain.id}/consents/marketing_email`).send({ granted: true }).expect(200);
      expect((await events(s, plain.id))[0]).toMatchObject({ wording: 'Studio Valo Oy saa lähettää minulle tarjouksia, uutiskirjeitä ja muuta markkinointia sähköpostilla. Voin perua luvan milloin tahansa.', wording_lang: 'fi' });
      // The export shows the person the proof too.
      expect(me.consentLedger).toEqual([]);
      const ledger = (await portal.get(`/api/t/${s.tenant.slug}/portal/me`).expect(200)).body.consentLedger;
      expect(ledger[1]).toMatchObject({ source: 'staff', evidence: 'Signed paper form of 1 Dec 2026, in the customer folder' });
    });

    it('asks for consent again when the purposes change: the old one needs renewal and is out of the audience until renewed', async () => {
      const s = await setup();
      const customer = await ctx.newPortalCustomer(s.tenant, { contactName: 'Riku Renew' });
      const portal = await ctx.loginPortal(s.tenant, customer);
      await portal.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_email`).send({ granted: true }).expect(200);
      expect(await audienceIds(s, 'marketing_email')).toContain(customer.id);

      await editSettings(s, { ipLogRetentionDays: 30 }); // not a purpose: still valid
      expect((await s.staff.get(`${s.t}/customers/${customer.id}/consents/marketing_email`).expect(200)).body).toMatchObject({ granted: true, needsRenewal: false });
      const current = (await s.owner.get(`${s.t}/register`).expect(200)).body;
      await editSettings(s, { purposes: { fi: `${current.purposes.fi} Tietoja käytetään myös asiakastyytyväisyyskyselyihin.`, en: `${current.purposes.en} The data is also used for customer satisfaction surveys.` } });

      expect((await s.staff.get(`${s.t}/customers/${customer.id}/consents/marketing_email`).expect(200)).body).toMatchObject({ granted: true, needsRenewal: true });
      const me = (await portal.get(`/api/t/${s.tenant.slug}/portal/me`).expect(200)).body;
      expect(me.consents.find((c: { purpose: string }) => c.purpose === 'marketing_email')).toMatchObject({ granted: true, needsRenewal: true });
      expect(await audienceIds(s, 'marketing_email')).not.toContain(customer.id);

      // Given again under today's purposes: a new event, counted again.
      expect((await portal.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_email`).send({ granted: true }).expect(200)).body).toMatchObject({ granted: true, needsRenewal: false, noticeVersion: 3 });
      expect((await events(s, customer.id)).map((e) => [e.action, e.notice_version])).toEqual([
        ['granted', 1],
        ['granted', 3],
      ]);
      expect(await audienceIds(s, 'marketing_email')).toContain(customer.id);
    });
  });

  describe('an objection is lifted only by the person', () => {
    it("refuses a staff member's click, takes a written consent with its evidence described, and the person's own in the portal", async () => {
      const s = await setup();
      const customer = await ctx.newPortalCustomer(s.tenant, { contactName: 'Veera Vastustaja', phone: '+358401112223' });
      await s.staff.put(`${s.t}/customers/${customer.id}/consents/marketing_email`).send({ granted: true }).expect(200);
      await s.staff.post(`${s.t}/requests`).send({ customerId: customer.id, type: 'objection', channel: 'letter' }).expect(201);
      expect((await s.staff.get(`${s.t}/customers/${customer.id}/consents/marketing_email`).expect(200)).body).toMatchObject({ granted: false, objected: true });
      const before = (await events(s, customer.id)).length;

      for (const purpose of ['marketing_email', 'marketing_sms']) {
        const refused = problemOf(await s.staff.put(`${s.t}/customers/${customer.id}/consents/${purpose}`).send({ granted: true }).expect(409));
        expect(refused.type).toMatch(/objection-needs-own-consent$/);
        expect(refused.errors).toEqual([expect.objectContaining({ field: 'evidence' })]);
      }
      problemOf(await s.staff.put(`${s.t}/customers/${customer.id}/consents/marketing_email`).send({ granted: true, evidence: 'ok' }).expect(400));
      expect(await events(s, customer.id)).toHaveLength(before);
      expect(await audienceIds(s, 'marketing_email')).not.toContain(customer.id);

      await s.staff
        .put(`${s.t}/customers/${customer.id}/consents/marketing_sms`)
        .send({ granted: true, evidence: 'Her signed letter of 2 Dec 2026 asking for SMS offers again, scanned to the customer folder' })
        .expect(200);
      expect((await events(s, customer.id)).at(-1)).toMatchObject({ action: 'granted', source: 'staff', evidence: expect.stringMatching(/signed letter/) });
      expect(await audienceIds(s, 'marketing_sms')).toContain(customer.id);

      // Another objection; this time the person gives consent again in the portal, which is their own.
      await s.staff.post(`${s.t}/requests`).send({ customerId: customer.id, type: 'objection', channel: 'letter' }).expect(201);
      const portal = await ctx.loginPortal(s.tenant, customer);
      await portal.put(`/api/t/${s.tenant.slug}/portal/me/consents/marketing_email`).send({ granted: true }).expect(200);
      expect(await audienceIds(s, 'marketing_email')).toContain(customer.id);
    });

    it('refuses for a person with no e-mail address who objected, too, and another tenant cannot reach the customer', async () => {
      const s = await setup();
      const customer = await ctx.newCustomer(s.tenant, { contactName: 'Ei Sähköpostia', email: undefined, phone: '+358401112224' });
      await s.staff.put(`${s.t}/customers/${customer.id}/consents/marketing_sms`).send({ granted: true }).expect(200);
      await s.staff.post(`${s.t}/requests`).send({ customerId: customer.id, type: 'objection', channel: 'letter' }).expect(201);
      problemOf(await s.staff.put(`${s.t}/customers/${customer.id}/consents/marketing_sms`).send({ granted: true }).expect(409));

      const other = await setup();
      problemOf(await other.staff.put(`${other.t}/customers/${customer.id}/consents/marketing_sms`).send({ granted: true, evidence: 'A letter we never had, really' }).expect(404));
      problemOf(await other.staff.get(`${other.t}/customers/${customer.id}/consents/marketing_sms`).expect(404));
    });
  });
});
