// Breach notification (statement section 9; SPEC 6.9): an incident reaches every affected customer of the
// affected tenants over real SMTP, in the tenant's language, and no one else; delivery is recorded; the
// 72-hour clock for informing the controllers shows; the follow-up reaches the same people once; notifying
// twice sends once; only platform admins act, and tenants see only the incidents that concern them.
import { TenancyService } from '@app/tenancy';
import { problemOf, startSmtpSink, TestContext, type Agent, type ReceivedMail, type SmtpSink, type TestTenant } from '@app/testing';

const BASE = '/api/platform/incidents';
const HOUR = 3_600_000;

const whatHappened = {
  fi: 'Laskuarkiston varmuuskopio oli virheellisen jakoasetuksen vuoksi luettavissa ilman tunnistautumista.',
  en: 'Because of a wrong sharing setting, a backup of the invoice archive could be read without signing in.',
};
const countermeasures = {
  fi: 'Jakoasetus korjattiin, varmuuskopio poistettiin ja kaikkien jakoasetusten tarkistus automatisoitiin.',
  en: 'The sharing setting was fixed, the backup deleted, and every sharing setting is now checked automatically.',
};

describe('breach notification', () => {
  let smtp: SmtpSink;
  let ctx: TestContext;
  let admin: Agent;
  let fiTenant: TestTenant;
  let enTenant: TestTenant;
  let bystander: TestTenant;
  const emails: Record<string, string[]> = {};

  beforeAll(async () => {
    smtp = await startSmtpSink();
    ctx = await TestContext.create({ smtpUrl: smtp.url, jobsPollingSeconds: 0.5 });
    admin = await ctx.newPlatformAdminAgent();
    fiTenant = await ctx.newTenant({ legalName: 'Espoon Hyvinvointi Oy' });
    enTenant = await ctx.newTenant({ legalName: 'Helsinki Physio Ltd' });
    bystander = await ctx.newTenant({ legalName: 'Unaffected Salon Oy' });
    const tenancy = ctx.get(TenancyService);
    const en = await tenancy.get(enTenant.slug);
    await tenancy.update(enTenant.slug, { language: 'en', version: en.version });
    for (const [tenant, n] of [[fiTenant, 3], [enTenant, 2], [bystander, 2]] as const) {
      emails[tenant.slug] = [];
      for (let i = 0; i < n; i++) emails[tenant.slug].push((await ctx.newCustomer(tenant)).email!);
    }
    // A customer without an e-mail address cannot be reached by e-mail, and is not counted as reached.
    await ctx.newCustomer(fiTenant, { contactName: 'Ei Sähköpostia', email: undefined });
    await onboardedLongAgo();
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  /** A breach cannot predate its tenants: the tenants of these tests were onboarded a month ago. */
  const onboardedLongAgo = () => ctx.sql(`update platform.tenant set created_at = least(created_at, now() - interval '30 days')`);
  const open = async (overrides: Record<string, unknown> = {}) => {
    await onboardedLongAgo();
    const body = {
      title: 'Invoice archive exposed',
      whatHappened,
      occurredAt: new Date(Date.now() - 30 * HOUR).toISOString(),
      discoveredAt: new Date(Date.now() - 2 * HOUR).toISOString(),
      tenants: [fiTenant.slug, enTenant.slug],
      dataCategories: ['contact_name', 'email', 'billing_history', 'portal_credentials'],
      ...overrides,
    };
    const res = await admin.post(BASE).send(body).expect(201);
    return res.body as { id: string } & Record<string, unknown>;
  };
  const mailOf = (incidentId: string) => smtp.messages.filter((m) => m.headers['x-rekisteri-incident'] === incidentId);
  const recipients = (mails: ReceivedMail[]) => mails.flatMap((m) => m.to).sort();
  const ownerAddress = (tenant: TestTenant) => tenant.owner.email;
  const incidentRows = async () => Number((await ctx.sql<{ n: string }>('select count(*) as n from platform.incident'))[0].n);
  /** Retries an assertion until it holds: delivery runs in the background workers. */
  const eventually = async (check: () => Promise<void>, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  /** Long enough for the workers (polling every 0.5 s) to have sent anything that was queued. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

  describe('an incident concerning two tenants', () => {
    let incident: { id: string } & Record<string, unknown>;
    let lateCustomer: string;

    beforeAll(async () => {
      incident = await open();
    });

    it('opens with the affected tenants and the 72-hour clock running from discovery', async () => {
      expect(incident).toMatchObject({ status: 'open', title: 'Invoice archive exposed', whatHappened, notifiedAt: null, countermeasures: null });
      const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
      expect(view.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual([fiTenant.slug, enTenant.slug].sort());
      const deadline = new Date(view.discoveredAt).getTime() + 72 * HOUR;
      expect(new Date(view.clock.deadline).getTime()).toBe(deadline);
      expect(view.clock.state).toBe('pending');
      expect(view.clock.remainingSeconds).toBeGreaterThan(69.9 * 3600);
      expect(view.clock.remainingSeconds).toBeLessThanOrEqual(70 * 3600);
      for (const t of view.tenants) expect(t.controller).toMatchObject({ notifiedAt: null, informedAt: null, clock: { state: 'pending' } });
      expect(mailOf(incident.id)).toHaveLength(0);
    });

    it('notifies every affected customer with an address, and each controller, and no one else', async () => {
      const res = await admin.post(`${BASE}/${incident.id}/notify`).expect(200);
      expect(res.body.status).toBe('notified');
      expect(res.body.customers.initial.queued).toBe(5);
      const expected = [...emails[fiTenant.slug], ...emails[enTenant.slug], ownerAddress(fiTenant), ownerAddress(enTenant)].sort();
      await smtp.waitFor(() => mailOf(incident.id).length >= expected.length);
      await settle();
      expect(recipients(mailOf(incident.id))).toEqual(expected);
      // (Onboarding mailed every owner an invitation; only incident notices count here.)
      const everyone = recipients(smtp.messages.filter((m) => m.headers['x-rekisteri-incident']));
      for (const address of [...emails[bystander.slug], ownerAddress(bystander)]) expect(everyone).not.toContain(address);
    });

    it("writes to each customer in the tenant's language: what happened, which data, what to do, whom to contact", async () => {
      const toCustomers = (tenant: TestTenant) => mailOf(incident.id).filter((m) => emails[tenant.slug].includes(m.to[0]));
      for (const mail of toCustomers(fiTenant)) {
        expect(mail.headers['content-language']).toBe('fi');
        expect(mail.text).toContain('Hyvä asiakas');
        expect(mail.text).toContain(`Mitä tapahtui\n${whatHappened.fi}`);
        expect(mail.text).toContain('- laskutushistoria');
        expect(mail.text).toContain('Vaihda asiakasportaalin salasanasi');
        expect(mail.text).toContain(`Lisätietoja antaa\nEspoon Hyvinvointi Oy\nOwner Person\n${ownerAddress(fiTenant)}`);
        expect(mail.text).not.toContain(whatHappened.en);
      }
      for (const mail of toCustomers(enTenant)) {
        expect(mail.headers['content-language']).toBe('en');
        expect(mail.text).toContain('Dear customer');
        expect(mail.text).toContain(`What happened\n${whatHappened.en}`);
        expect(mail.text).toContain('- billing history');
        expect(mail.text).toContain('Change your customer portal password');
        expect(mail.text).toContain(`For more information, contact\nHelsinki Physio Ltd\nOwner Person\n${ownerAddress(enTenant)}`);
        expect(mail.text).not.toContain(whatHappened.fi);
      }
      expect(toCustomers(fiTenant)).toHaveLength(3);
      expect(toCustomers(enTenant)).toHaveLength(2);
      const toController = mailOf(incident.id).find((m) => m.to[0] === ownerAddress(enTenant))!;
      expect(toController.text).toContain('all 2 of your customers');
      expect(toController.text).toContain('within 72 hours');
    });

    it('records delivery, and the delivered notice to each controller stops its clock in time', async () => {
      await eventually(async () => {
        const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
        expect(view.customers.initial).toEqual({ queued: 5, delivered: 5, failed: 0, pending: 0 });
        for (const t of view.tenants) {
          expect(t.controller.informedAt).not.toBeNull();
          expect(t.controller.clock).toMatchObject({ state: 'informed_in_time', remainingSeconds: null, overdueSeconds: null });
        }
        expect(view.clock.state).toBe('informed_in_time');
      });
      const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
      const perTenant = Object.fromEntries(view.tenants.map((t: { slug: string; customers: { initial: { delivered: number } } }) => [t.slug, t.customers.initial.delivered]));
      expect(perTenant).toEqual({ [fiTenant.slug]: 3, [enTenant.slug]: 2 });
      const rows = await ctx.sql<{ delivered_at: Date | null }>('select delivered_at from platform.incident_notification where incident_id = ?', [incident.id]);
      expect(rows).toHaveLength(7);
      expect(rows.every((r) => r.delivered_at !== null)).toBe(true);
      // The platform's records name customers by id only, never by address.
      const records = await Promise.all(['incident', 'incident_tenant', 'incident_notification', 'outbox_message'].map((table) => ctx.sql(`select * from platform.${table}`)));
      expect(JSON.stringify(records)).not.toMatch(/@/);
    });

    it('notifies twice without sending twice; a second run reaches only a customer added since', async () => {
      const before = mailOf(incident.id).length;
      await admin.post(`${BASE}/${incident.id}/notify`).expect(200);
      await settle();
      expect(mailOf(incident.id)).toHaveLength(before);

      lateCustomer = (await ctx.newCustomer(fiTenant)).email!;
      const res = await admin.post(`${BASE}/${incident.id}/notify`).expect(200);
      expect(res.body.customers.initial.queued).toBe(6);
      await smtp.waitFor(() => mailOf(incident.id).length >= before + 1);
      await settle();
      expect(recipients(mailOf(incident.id).slice(before))).toEqual([lateCustomer]);
    });

    it('refuses a follow-up without countermeasures in both languages, and writes nothing', async () => {
      for (const body of [{}, { countermeasures: { fi: countermeasures.fi } }, { countermeasures: { ...countermeasures, de: 'x' } }, { countermeasures, extra: 1 }, { countermeasures: { fi: 'lyhyt', en: countermeasures.en } }]) {
        const res = await admin.post(`${BASE}/${incident.id}/follow-up`).send(body).expect(400);
        expect(problemOf(res).type).toMatch(/validation$/);
      }
      const [row] = await ctx.sql<{ followed_up_at: Date | null }>('select followed_up_at from platform.incident where id = ?', [incident.id]);
      expect(row.followed_up_at).toBeNull();
    });

    it('sends the follow-up once, to exactly the people who got the notice', async () => {
      const notAffected = (await ctx.newCustomer(fiTenant)).email!;
      const initialRecipients = recipients(mailOf(incident.id));
      const before = mailOf(incident.id).length;
      const res = await admin.post(`${BASE}/${incident.id}/follow-up`).send({ countermeasures }).expect(200);
      expect(res.body).toMatchObject({ status: 'followed_up', countermeasures });
      await smtp.waitFor(() => mailOf(incident.id).length >= before + initialRecipients.length);
      await settle();
      const followUps = mailOf(incident.id).slice(before);
      expect(recipients(followUps)).toEqual(initialRecipients);
      expect(recipients(followUps)).not.toContain(notAffected);
      const fi = followUps.find((m) => m.to[0] === lateCustomer)!;
      expect(fi.text).toContain(`Mitä teimme\n${countermeasures.fi}`);
      const en = followUps.find((m) => m.to[0] === emails[enTenant.slug][0])!;
      expect(en.text).toContain(`What we did\n${countermeasures.en}`);

      // Again with the same text: nothing more is sent. With other text: refused.
      await admin.post(`${BASE}/${incident.id}/follow-up`).send({ countermeasures }).expect(200);
      const changed = await admin.post(`${BASE}/${incident.id}/follow-up`).send({ countermeasures: { ...countermeasures, en: 'Something else entirely was done.' } }).expect(409);
      expect(problemOf(changed).type).toMatch(/incident-follow-up-differs$/);
      const late = await admin.post(`${BASE}/${incident.id}/notify`).expect(409);
      expect(problemOf(late).type).toMatch(/incident-followed-up$/);
      await settle();
      expect(mailOf(incident.id)).toHaveLength(before + initialRecipients.length);
      await eventually(async () => {
        const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
        expect(view.customers.followUp).toEqual({ queued: 6, delivered: 6, failed: 0, pending: 0 });
        for (const t of view.tenants) expect(t.controller.followUpSentAt).not.toBeNull();
      });
    });

    it("shows each tenant's owners the incident, with their own customers' deliveries only", async () => {
      for (const [tenant, other, customers] of [[fiTenant, enTenant, 4], [enTenant, fiTenant, 2]] as const) {
        const list = (await (await ctx.loginTenant(tenant, tenant.owner)).get(`/api/t/${tenant.slug}/incidents`).expect(200)).body;
        const seen = list.items.find((i: { id: string }) => i.id === incident.id);
        expect(seen).toMatchObject({ status: 'followed_up', whatHappened, countermeasures, clock: { state: 'informed_in_time' } });
        expect(seen.controllerInformedAt).not.toBeNull();
        expect(seen.customers.initial).toEqual({ queued: customers, delivered: customers, failed: 0, pending: 0 });
        expect(JSON.stringify(list)).not.toContain(other.slug);
        expect(JSON.stringify(list)).not.toContain(other.id);
      }
    });
  });

  it('refuses a follow-up before the notice', async () => {
    const incident = await open({ tenants: [bystander.slug] });
    const res = await admin.post(`${BASE}/${incident.id}/follow-up`).send({ countermeasures }).expect(409);
    expect(problemOf(res).type).toMatch(/incident-not-notified$/);
  });

  it('shows a controller not informed 72 hours after discovery as overdue', async () => {
    const incident = await open({ tenants: [bystander.slug], occurredAt: new Date(Date.now() - 100 * HOUR).toISOString(), discoveredAt: new Date(Date.now() - 80 * HOUR).toISOString() });
    const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
    expect(view.clock.state).toBe('overdue');
    expect(view.clock.overdueSeconds).toBeGreaterThanOrEqual(8 * 3600 - 5);
    expect(view.clock.overdueSeconds).toBeLessThan(8 * 3600 + 60);
    expect(view.tenants[0].controller.clock.state).toBe('overdue');
  });

  describe('who may', () => {
    let incidentId: string;
    beforeAll(async () => {
      incidentId = (await open({ tenants: [fiTenant.slug] })).id;
    });

    const routes = () => [
      ['post', BASE, { title: 'x' }],
      ['get', BASE, undefined],
      ['get', `${BASE}/${incidentId}`, undefined],
      ['post', `${BASE}/${incidentId}/notify`, undefined],
      ['post', `${BASE}/${incidentId}/follow-up`, { countermeasures }],
    ] as const;
    const call = (agent: Agent, [method, path, body]: ReturnType<typeof routes>[number]) => (method === 'get' ? agent.get(path) : agent.post(path).send(body ?? {}));

    it('refuses an investigator without the admin role (403), tenant staff (403) and the anonymous (401)', async () => {
      const investigator = await ctx.loginPlatform(await ctx.newPlatformStaff(['access_log_investigator']));
      const owner = await ctx.loginTenant(fiTenant, fiTenant.owner);
      const before = await incidentRows();
      for (const route of routes()) {
        expect((await call(investigator, route)).status).toBe(403);
        expect((await call(owner, route)).status).toBe(403);
        expect((await call(ctx.agent(), route)).status).toBe(401);
      }
      expect(await incidentRows()).toBe(before);
      const [row] = await ctx.sql<{ notified_at: Date | null }>('select notified_at from platform.incident where id = ?', [incidentId]);
      expect(row.notified_at).toBeNull();
    });

    it('lists every incident for admins, newest first, a page at a time', async () => {
      const newest = await open({ tenants: [bystander.slug] });
      const first = (await admin.get(`${BASE}?limit=2`).expect(200)).body;
      expect(first.items.map((i: { id: string }) => i.id)).toEqual([newest.id, incidentId]);
      expect(first.items[1]).toMatchObject({ status: 'open', clock: { state: 'pending' }, tenants: [{ slug: fiTenant.slug }] });
      const second = (await admin.get(`${BASE}?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
      expect(second.items.map((i: { id: string }) => i.id)).not.toContain(newest.id);
      expect(second.items.length).toBeGreaterThan(0);
    });

    it('answers 404 for an incident that does not exist, and 400 for an id that cannot be one', async () => {
      expect(problemOf(await admin.get(`${BASE}/00000000-0000-4000-8000-000000000000`).expect(404)).type).toMatch(/not-found$/);
      await admin.post(`${BASE}/00000000-0000-4000-8000-000000000000/notify`).expect(404);
      await admin.get(`${BASE}/not-a-uuid`).expect(400);
    });

    it('shows tenant owners the incidents that concern their tenant, and never others', async () => {
      const fiOwner = await ctx.loginTenant(fiTenant, fiTenant.owner);
      const mine = (await fiOwner.get(`/api/t/${fiTenant.slug}/incidents`).expect(200)).body;
      const ids = mine.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(incidentId);
      expect(mine.items.find((i: { id: string }) => i.id === incidentId)).toMatchObject({ status: 'open', whatHappened, controllerInformedAt: null, clock: { state: 'pending' } });

      const bystanderIds = (await (await ctx.loginTenant(bystander, bystander.owner)).get(`/api/t/${bystander.slug}/incidents`).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(bystanderIds).not.toContain(incidentId);
      const enIds = (await (await ctx.loginTenant(enTenant, enTenant.owner)).get(`/api/t/${enTenant.slug}/incidents`).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(enIds).not.toContain(incidentId);
    });

    it('pages a tenant’s incidents', async () => {
      const newest = await open({ tenants: [fiTenant.slug] });
      const fiOwner = await ctx.loginTenant(fiTenant, fiTenant.owner);
      const first = (await fiOwner.get(`/api/t/${fiTenant.slug}/incidents?limit=1`).expect(200)).body;
      expect(first.items[0].id).toBe(newest.id);
      expect(first.items).toHaveLength(1);
      const second = (await fiOwner.get(`/api/t/${fiTenant.slug}/incidents?limit=1&cursor=${first.nextCursor}`).expect(200)).body;
      expect(second.items).toHaveLength(1);
      expect(second.items[0].id).not.toBe(first.items[0].id);
    });

    it("keeps the tenant list from staff without the owner role (403), other tenants (404), platform staff (404) and the anonymous (401)", async () => {
      const path = `/api/t/${fiTenant.slug}/incidents`;
      await (await ctx.loginTenant(fiTenant, await ctx.newTenantStaff(fiTenant, 'staff'))).get(path).expect(403);
      await (await ctx.loginTenant(bystander, bystander.owner)).get(path).expect(404);
      await admin.get(path).expect(404);
      await ctx.agent().get(path).expect(401);
    });
  });

  describe('bad input', () => {
    const valid = () => ({
      title: 'Lost laptop',
      whatHappened,
      occurredAt: new Date(Date.now() - 5 * HOUR).toISOString(),
      discoveredAt: new Date(Date.now() - HOUR).toISOString(),
      tenants: [fiTenant.slug],
      dataCategories: ['email'],
    });

    it.each([
      ['no body', () => ({})],
      ['an unknown field', () => ({ ...valid(), severity: 'high' })],
      ['a server-owned field', () => ({ ...valid(), status: 'notified' })],
      ['a title too short', () => ({ ...valid(), title: 'x' })],
      ['a title too long', () => ({ ...valid(), title: 'x'.repeat(201) })],
      ['text in one language only', () => ({ ...valid(), whatHappened: { fi: whatHappened.fi } })],
      ['text of the wrong type', () => ({ ...valid(), whatHappened: 'it broke' })],
      ['a time without a zone', () => ({ ...valid(), occurredAt: '2026-11-20T10:00:00' })],
      ['a time that is no time', () => ({ ...valid(), discoveredAt: 'yesterday' })],
      ['occurrence after discovery', () => ({ ...valid(), occurredAt: new Date(Date.now() - HOUR).toISOString(), discoveredAt: new Date(Date.now() - 5 * HOUR).toISOString() })],
      ['discovery in the future', () => ({ ...valid(), discoveredAt: new Date(Date.now() + 24 * HOUR).toISOString() })],
      ['discovery in 2999', () => ({ ...valid(), discoveredAt: '2999-01-01T00:00:00Z' })],
      ['occurrence before the tenants were onboarded', () => ({ ...valid(), occurredAt: '2001-01-01T00:00:00Z' })],
      ['no tenants', () => ({ ...valid(), tenants: [] })],
      ['a tenant that does not exist', () => ({ ...valid(), tenants: [fiTenant.slug, 'no-such-tenant'] })],
      ['a tenant twice', () => ({ ...valid(), tenants: [fiTenant.slug, fiTenant.slug] })],
      ['a slug that cannot be one', () => ({ ...valid(), tenants: ['../platform'] })],
      ['no data categories', () => ({ ...valid(), dataCategories: [] })],
      ['an unknown data category', () => ({ ...valid(), dataCategories: ['email', 'dna'] })],
    ])('answers 400 and writes nothing for %s', async (_name, body) => {
      const before = await incidentRows();
      const res = await admin.post(BASE).send(body()).expect(400);
      expect(problemOf(res).status).toBe(400);
      expect(await incidentRows()).toBe(before);
    });

    it('names the tenants it does not know', async () => {
      const res = await admin.post(BASE).send({ ...valid(), tenants: ['no-such-tenant'] }).expect(400);
      expect(problemOf(res).errors).toEqual([{ field: 'tenants', message: 'no tenants by these slugs: no-such-tenant' }]);
    });

    it('names occurredAt when the breach would predate every tenant it concerns', async () => {
      const onboardedToday = await ctx.newTenant();
      const res = await admin.post(BASE).send({ ...valid(), tenants: [onboardedToday.slug] }).expect(400);
      expect(problemOf(res).errors).toEqual([{ field: 'occurredAt', message: expect.stringMatching(/^occurredAt must not be before the affected tenants were onboarded/) }]);
      const future = await admin.post(BASE).send({ ...valid(), discoveredAt: '2999-01-01T00:00:00Z' }).expect(400);
      expect(problemOf(future).errors).toEqual([{ field: 'discoveredAt', message: 'discoveredAt must not be in the future' }]);
    });
  });
});
