// Breach notification (statement section 9; SPEC 6.9; issue 14 item 9): each affected controller is informed
// and its 72-hour clock stops on delivery; a notice reaches only the customers selected for it, over real SMTP,
// in the tenant's language, and only after the tenant's owner approved its text and recipients (or, past the
// approval deadline, when a platform admin sends it with a recorded justification); several follow-ups, each
// approved on its own; delivery per customer; every step in the incident's audit trail. Only platform admins
// record and send, only the tenant's own owner approves, and tenants see only the incidents that concern them.
import { Client } from 'pg';
import { TenancyService, tenantSchemaName } from '@app/tenancy';
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
  const ids: Record<string, string[]> = {};

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
      ids[tenant.slug] = [];
      for (let i = 0; i < n; i++) {
        const customer = await ctx.newCustomer(tenant);
        emails[tenant.slug].push(customer.email!);
        ids[tenant.slug].push(customer.id);
      }
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
  const customerMail = (incidentId: string) => mailOf(incidentId).filter((m) => ![fiTenant, enTenant, bystander].some((t) => ownerAddress(t) === m.to[0]));
  type Notice = { id: string; version: number; status: string } & Record<string, unknown>;
  const draft = async (incidentId: string, body: Record<string, unknown>, status = 201) => (await admin.post(`${BASE}/${incidentId}/notices`).send(body).expect(status)).body as Notice;
  const submit = async (incidentId: string, notice: Notice, extra: Record<string, unknown> = {}) =>
    (await admin.post(`${BASE}/${incidentId}/notices/${notice.id}/submit`).send({ version: notice.version, ...extra }).expect(200)).body as Notice;
  const ownerOf = (tenant: TestTenant) => ctx.loginTenant(tenant, tenant.owner);
  const approve = async (tenant: TestTenant, notice: Notice) => {
    const owner = await ownerOf(tenant);
    const seen = (await owner.get(`/api/t/${tenant.slug}/incidents/notices/${notice.id}`).expect(200)).body;
    return (await owner.post(`/api/t/${tenant.slug}/incidents/notices/${notice.id}/approve`).send({ version: seen.version }).expect(200)).body as Notice;
  };
  const send = (incidentId: string, notice: Notice, body: Record<string, unknown> = {}) => admin.post(`${BASE}/${incidentId}/notices/${notice.id}/send`).send(body);
  const events = async (incidentId: string) => ((await admin.get(`${BASE}/${incidentId}`).expect(200)).body.events as { action: string; detail: string | null; actorName: string }[]);

  describe('an incident concerning two tenants', () => {
    let incident: { id: string } & Record<string, unknown>;
    let notice: Notice;
    const selectedIds = () => ids[fiTenant.slug].slice(0, 2);
    const selectedEmails = () => emails[fiTenant.slug].slice(0, 2);

    beforeAll(async () => {
      incident = await open();
    });

    it('opens with the affected tenants and the 72-hour clock running from discovery', async () => {
      expect(incident).toMatchObject({ status: 'open', title: 'Invoice archive exposed', whatHappened, notifiedAt: null, notices: [], events: [] });
      const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
      expect(view.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual([fiTenant.slug, enTenant.slug].sort());
      const deadline = new Date(view.discoveredAt).getTime() + 72 * HOUR;
      expect(new Date(view.clock.deadline).getTime()).toBe(deadline);
      expect(view.clock.state).toBe('pending');
      expect(view.clock.remainingSeconds).toBeGreaterThan(69.9 * 3600);
      expect(view.clock.remainingSeconds).toBeLessThanOrEqual(70 * 3600);
      for (const t of view.tenants) expect(t.controller).toMatchObject({ notifiedAt: null, informedAt: null, authorityDeadline: null, clock: { state: 'pending' } });
      expect(mailOf(incident.id)).toHaveLength(0);
    });

    it('informs each controller once, and no customer; delivery stops each clock in time', async () => {
      await admin.post(`${BASE}/${incident.id}/inform-controllers`).expect(200);
      await admin.post(`${BASE}/${incident.id}/inform-controllers`).expect(200);
      await smtp.waitFor(() => mailOf(incident.id).length >= 2);
      await settle();
      expect(recipients(mailOf(incident.id))).toEqual([ownerAddress(fiTenant), ownerAddress(enTenant)].sort());
      const toController = mailOf(incident.id).find((m) => m.to[0] === ownerAddress(enTenant))!;
      expect(toController.text).toContain('within 72 hours');
      expect(toController.text).toContain('only once you have approved');
      await eventually(async () => {
        const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
        for (const t of view.tenants) {
          expect(t.controller.clock).toMatchObject({ state: 'informed_in_time', remainingSeconds: null, overdueSeconds: null });
          expect(new Date(t.controller.authorityDeadline).getTime()).toBe(new Date(t.controller.informedAt).getTime() + 72 * HOUR);
        }
        expect(view.clock.state).toBe('informed_in_time');
        expect(view.customers.initial.queued).toBe(0);
      });
    });

    it('drafts a notice from the incident, counting whom each selection reaches', async () => {
      const all = await draft(incident.id, { tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'all' } });
      expect(all).toMatchObject({ status: 'draft', kind: 'initial', language: 'fi', recipients: { reachable: 3, unreachable: 1 }, deliveries: [] });
      expect((all.text as { fi: string }).fi).toContain(`Mitä tapahtui\n${whatHappened.fi}`);
      expect((all.text as { en: string }).en).toContain('Dear customer');
      // By criteria: only the customer registered after the others (the rest were registered ten days ago).
      const schema = tenantSchemaName(fiTenant.id);
      await ctx.sql(`update "${schema}".customer set created_at = now() - interval '10 days' where id <> ?`, [ids[fiTenant.slug][2]]);
      const recent = await draft(incident.id, { tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'criteria', registeredAfter: new Date(Date.now() - 5 * 24 * HOUR).toISOString() } });
      expect(recent.recipients).toEqual({ reachable: 1, unreachable: 0 });
      const older = await draft(incident.id, { tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'criteria', registeredBefore: new Date(Date.now() - 5 * 24 * HOUR).toISOString() } });
      expect(older.recipients).toEqual({ reachable: 2, unreachable: 1 });

      notice = await draft(incident.id, { tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'list', customerIds: selectedIds() } });
      expect(notice.recipients).toEqual({ reachable: 2, unreachable: 0 });
      // Another tenant's customer, or one that does not exist, cannot be listed; nor a tenant the incident does not concern.
      for (const customerIds of [[ids[enTenant.slug][0]], ['00000000-0000-4000-8000-000000000000']]) {
        const res = await admin.post(`${BASE}/${incident.id}/notices`).send({ tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'list', customerIds } }).expect(400);
        expect(problemOf(res).errors?.[0].field).toBe('selection.customerIds');
      }
      await admin.post(`${BASE}/${incident.id}/notices`).send({ tenant: bystander.slug, kind: 'initial', selection: { mode: 'all' } }).expect(400);
      await admin.post(`${BASE}/${incident.id}/notices`).send({ tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'criteria' } }).expect(400);
      const early = await admin.post(`${BASE}/${incident.id}/notices`).send({ tenant: fiTenant.slug, kind: 'follow_up', selection: { mode: 'notified' }, text: countermeasures }).expect(409);
      expect(problemOf(early).type).toMatch(/incident-not-notified$/);
    });

    it('refuses to send a notice the owner has not approved, and sends nothing', async () => {
      expect(problemOf(await send(incident.id, notice).expect(409)).type).toMatch(/incident-notice-not-approved$/);
      const before = mailOf(incident.id).length;
      notice = await submit(incident.id, notice);
      expect(notice).toMatchObject({ status: 'pending_approval', recipients: { reachable: 2, unreachable: null }, approvalOverdue: false });
      expect(new Date(notice.approvalDueAt as string).getTime() - new Date(notice.submittedAt as string).getTime()).toBe(24 * HOUR);
      expect(problemOf(await send(incident.id, notice).expect(409)).type).toMatch(/incident-notice-not-approved$/);
      expect(problemOf(await send(incident.id, notice, { justification: 'The owner is slow and we are in a hurry.' }).expect(409)).type).toMatch(/incident-notice-not-approved$/);
      // The owner is asked, in the tenant's language; no customer hears anything yet.
      await smtp.waitFor(() => mailOf(incident.id).length > before);
      await settle();
      const asked = mailOf(incident.id).slice(before);
      expect(recipients(asked)).toEqual([ownerAddress(fiTenant)]);
      expect(asked[0].text).toContain('2 asiakkaallenne');
      expect(customerMail(incident.id)).toHaveLength(0);
    });

    it('lets only this tenant’s owner approve: not its staff, not another tenant’s owner, not platform staff', async () => {
      const path = `/api/t/${fiTenant.slug}/incidents/notices/${notice.id}`;
      const staff = await ctx.loginTenant(fiTenant, await ctx.newTenantStaff(fiTenant, 'staff'));
      await staff.get(path).expect(403);
      await staff.post(`${path}/approve`).send({ version: notice.version }).expect(403);
      const enOwner = await ownerOf(enTenant);
      await enOwner.get(`/api/t/${enTenant.slug}/incidents/notices/${notice.id}`).expect(404);
      await enOwner.post(`/api/t/${enTenant.slug}/incidents/notices/${notice.id}/approve`).send({ version: notice.version }).expect(404);
      await enOwner.post(`${path}/approve`).send({ version: notice.version }).expect(404);
      await admin.post(`${path}/approve`).send({ version: notice.version }).expect(404);
      await ctx.agent().post(`${path}/approve`).send({ version: notice.version }).expect(401);
      const [row] = await ctx.sql<{ status: string }>('select status from platform.incident_notice where id = ?', [notice.id]);
      expect(row.status).toBe('pending_approval');
    });

    it('shows the owner the text and each recipient by name and address; a rejection sends it back with the reason', async () => {
      const owner = await ownerOf(fiTenant);
      const seen = (await owner.get(`/api/t/${fiTenant.slug}/incidents/notices/${notice.id}`).expect(200)).body;
      expect(seen).toMatchObject({ status: 'pending_approval', incidentTitle: 'Invoice archive exposed', text: notice.text });
      expect(seen.recipientList.map((r: { email: string }) => r.email).sort()).toEqual([...selectedEmails()].sort());
      expect(seen.recipientList.every((r: { name: string; delivery: null }) => r.name === 'Test Customer' && r.delivery === null)).toBe(true);
      await owner.post(`/api/t/${fiTenant.slug}/incidents/notices/${notice.id}/approve`).send({ version: seen.version - 1 }).expect(409);
      await owner.post(`/api/t/${fiTenant.slug}/incidents/notices/${notice.id}/reject`).send({ version: seen.version }).expect(400);
      const rejected = (await owner.post(`/api/t/${fiTenant.slug}/incidents/notices/${notice.id}/reject`).send({ version: seen.version, reason: 'Mainitkaa puhelinnumeromme.' }).expect(200)).body;
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Mainitkaa puhelinnumeromme.' });
      await owner.post(`/api/t/${fiTenant.slug}/incidents/notices/${notice.id}/approve`).send({ version: rejected.version }).expect(409);
      expect(problemOf(await send(incident.id, notice).expect(409)).type).toMatch(/incident-notice-not-approved$/);

      const text = { fi: `${(notice.text as { fi: string }).fi}\nPuhelin 09 123 4567.`, en: `${(notice.text as { en: string }).en}\nPhone +358 9 123 4567.` };
      const redrafted = (await admin.put(`${BASE}/${incident.id}/notices/${notice.id}`).send({ selection: { mode: 'list', customerIds: selectedIds() }, text, version: rejected.version }).expect(200)).body;
      expect(redrafted).toMatchObject({ status: 'draft', rejectionReason: null, text });
      notice = await submit(incident.id, redrafted);
    });

    it('sends an approved notice to exactly the selected customers, once, with the approved text, and shows delivery per customer', async () => {
      notice = await approve(fiTenant, notice);
      expect(notice.status).toBe('approved');
      const res = await send(incident.id, notice).expect(200);
      expect(res.body).toMatchObject({ status: 'sent', sendJustification: null, delivery: { queued: 2 } });
      await send(incident.id, notice).expect(409);
      await smtp.waitFor(() => customerMail(incident.id).length >= 2);
      await settle();
      const sent = mailOf(incident.id).filter((m) => m.headers['x-rekisteri-notice'] === notice.id && m.to[0] !== ownerAddress(fiTenant));
      expect(recipients(sent)).toEqual([...selectedEmails()].sort());
      for (const address of [emails[fiTenant.slug][2], ...emails[enTenant.slug], ...emails[bystander.slug]]) expect(recipients(mailOf(incident.id))).not.toContain(address);
      for (const mail of sent) {
        expect(mail.headers['content-language']).toBe('fi');
        expect(mail.text).toContain('Puhelin 09 123 4567.');
        expect(mail.text).toContain('Vaihda asiakasportaalin salasanasi');
        expect(mail.text).not.toContain(whatHappened.en);
      }
      await eventually(async () => {
        const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
        const mine = view.notices.find((n: Notice) => n.id === notice.id);
        expect(mine.delivery).toEqual({ queued: 2, delivered: 2, failed: 0, pending: 0 });
        expect(mine.deliveries.map((d: { customerId: string; status: string }) => [d.customerId, d.status]).sort()).toEqual(selectedIds().map((id) => [id, 'sent']).sort());
        expect(view.status).toBe('notified');
      });
      const owner = await ownerOf(fiTenant);
      const seen = (await owner.get(`/api/t/${fiTenant.slug}/incidents/notices/${notice.id}`).expect(200)).body;
      expect(seen.recipientList.map((r: { delivery: string }) => r.delivery)).toEqual(['sent', 'sent']);
      // The platform's records name customers by id only, never by address.
      const records = await Promise.all(['incident', 'incident_tenant', 'incident_notification', 'incident_notice', 'incident_event', 'outbox_message'].map((table) => ctx.sql(`select * from platform.${table}`)));
      expect(JSON.stringify(records)).not.toMatch(/@customer\.test/);
    });

    it('sends several follow-ups, each approved on its own, to those notified or a list', async () => {
      const first = await draft(incident.id, { tenant: fiTenant.slug, kind: 'follow_up', selection: { mode: 'notified' }, text: countermeasures });
      expect(first.recipients).toEqual({ reachable: 2, unreachable: 0 });
      const second = await draft(incident.id, { tenant: fiTenant.slug, kind: 'follow_up', selection: { mode: 'list', customerIds: [selectedIds()[0]] }, text: { fi: 'Toinen jatkoilmoitus: tutkinta on valmis.', en: 'Second follow-up: the investigation is complete.' } });
      await admin.post(`${BASE}/${incident.id}/notices`).send({ tenant: fiTenant.slug, kind: 'follow_up', selection: { mode: 'notified' } }).expect(400);
      for (const [followUp, expected, marker] of [[first, selectedEmails(), countermeasures.fi], [second, [selectedEmails()[0]], 'Toinen jatkoilmoitus']] as const) {
        const submitted = await submit(incident.id, followUp);
        await send(incident.id, submitted).expect(409);
        await send(incident.id, await approve(fiTenant, submitted)).expect(200);
        await smtp.waitFor(() => mailOf(incident.id).filter((m) => m.headers['x-rekisteri-notice'] === followUp.id && m.to[0] !== ownerAddress(fiTenant)).length >= expected.length);
        await settle();
        const sent = mailOf(incident.id).filter((m) => m.headers['x-rekisteri-notice'] === followUp.id && m.to[0] !== ownerAddress(fiTenant));
        expect(recipients(sent)).toEqual([...expected].sort());
        expect(sent[0].text).toContain(marker);
      }
      const view = (await admin.get(`${BASE}/${incident.id}`).expect(200)).body;
      expect(view.status).toBe('followed_up');
      expect(view.customers.followUp.queued).toBe(3);
    });

    it('lets a platform admin send a notice the owner has not answered by its deadline, only with a justification', async () => {
      const unanswered = await submit(incident.id, await draft(incident.id, { tenant: enTenant.slug, kind: 'initial', selection: { mode: 'all' } }), { approvalHours: 2 });
      expect(unanswered.language).toBe('en');
      await send(incident.id, unanswered, { justification: 'The owner has not answered; customers must be told now.' }).expect(409);
      const later = new Date(new Date(unanswered.approvalDueAt as string).getTime() + 60_000);
      const overdue = await ctx.at(later, async () => (await admin.get(`${BASE}/${incident.id}`).expect(200)).body.notices.find((n: Notice) => n.id === unanswered.id));
      expect(overdue.approvalOverdue).toBe(true);
      const bare = await ctx.at(later, () => send(incident.id, unanswered).expect(400));
      expect(problemOf(bare).errors).toEqual([{ field: 'justification', message: expect.any(String) }]);
      await ctx.at(later, () => send(incident.id, unanswered, { justification: 'too short' }).expect(400));
      const justification = 'The owner did not answer within two hours; the leaked passwords put customers at risk.';
      const sent = (await ctx.at(later, () => send(incident.id, unanswered, { justification }).expect(200))).body;
      expect(sent).toMatchObject({ status: 'sent', sendJustification: justification, decidedAt: null });
      await smtp.waitFor(() => mailOf(incident.id).filter((m) => m.headers['x-rekisteri-notice'] === unanswered.id && m.to[0] !== ownerAddress(enTenant)).length >= 2);
      await settle();
      const toCustomers = mailOf(incident.id).filter((m) => m.headers['x-rekisteri-notice'] === unanswered.id && m.to[0] !== ownerAddress(enTenant));
      expect(recipients(toCustomers)).toEqual([...emails[enTenant.slug]].sort());
      expect(toCustomers[0].text).toContain(`What happened\n${whatHappened.en}`);
      // The owner sees what was sent without them, and why; approving it now is refused.
      const owner = await ownerOf(enTenant);
      const seen = (await owner.get(`/api/t/${enTenant.slug}/incidents/notices/${unanswered.id}`).expect(200)).body;
      expect(seen).toMatchObject({ status: 'sent', sendJustification: justification });
      await owner.post(`/api/t/${enTenant.slug}/incidents/notices/${unanswered.id}/approve`).send({ version: seen.version }).expect(409);
      const trail = (await events(incident.id)).filter((e) => e.action === 'notice_sent_without_approval');
      expect(trail).toEqual([expect.objectContaining({ detail: `2 recipients; ${justification}` })]);
    });

    it('keeps every step in the incident’s audit trail, naming who took it', async () => {
      const trail = await events(incident.id);
      const actions = trail.map((e) => e.action);
      for (const action of ['controller_informed', 'notice_drafted', 'notice_submitted', 'notice_rejected', 'notice_updated', 'notice_approved', 'notice_sent', 'notice_sent_without_approval']) expect(actions).toContain(action);
      expect(trail.find((e) => e.action === 'notice_rejected')).toMatchObject({ actorName: expect.stringMatching(/\S/), detail: 'Mainitkaa puhelinnumeromme.' });
      expect(trail.filter((e) => e.action === 'controller_informed')).toHaveLength(2);
    });

    it("shows each tenant's owners the incident, with their own notices and customers' deliveries only", async () => {
      for (const [tenant, other, customers] of [[fiTenant, enTenant, 2], [enTenant, fiTenant, 2]] as const) {
        const list = (await (await ownerOf(tenant)).get(`/api/t/${tenant.slug}/incidents`).expect(200)).body;
        const seen = list.items.find((i: { id: string }) => i.id === incident.id);
        expect(seen).toMatchObject({ whatHappened, clock: { state: 'informed_in_time' } });
        expect(seen.controllerInformedAt).not.toBeNull();
        expect(seen.customers.initial).toEqual({ queued: customers, delivered: customers, failed: 0, pending: 0 });
        expect(seen.notices.every((n: { status: string }) => n.status !== 'draft')).toBe(true);
        expect(JSON.stringify(list)).not.toContain(other.slug);
        expect(JSON.stringify(list)).not.toContain(other.id);
      }
    });
  });

  it('sends to the recipients the notice has when it is locked, never to a list read before', async () => {
    const incident = await open({ tenants: [bystander.slug] });
    await admin.post(`${BASE}/${incident.id}/inform-controllers`).expect(200);
    const notice = await draft(incident.id, { tenant: bystander.slug, kind: 'initial', selection: { mode: 'list', customerIds: [ids[bystander.slug][0]] } });
    // Another session holds the notice while the send reads it (a draft: no recipients yet), then approves it.
    const holder = new Client({ connectionString: ctx.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from platform.incident_notice where id = $1 for update', [notice.id]);
      const { pid } = (await holder.query('select pg_backend_pid() as pid')).rows[0] as { pid: number };
      const sending = send(incident.id, notice).then((res) => res);
      for (let i = 0; (await holder.query('select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid])).rowCount === 0; i++) {
        if (i > 200) throw new Error('the send never waited on the notice');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await holder.query(`update platform.incident_notice set status = 'approved', recipient_ids = array[$2::uuid], submitted_at = now(), approval_due_at = now() + interval '1 day', decided_at = now() where id = $1`, [notice.id, ids[bystander.slug][0]]);
      await holder.query('commit');
      const answer = await sending;
      expect(answer.status).toBe(409);
      expect(problemOf(answer).type).toMatch(/incident-notice-changed$/);
    } finally {
      await holder.end();
    }
    const sent = (await send(incident.id, notice).expect(200)).body;
    expect(sent).toMatchObject({ status: 'sent', delivery: { queued: 1 } });
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
    let noticeId: string;
    beforeAll(async () => {
      incidentId = (await open({ tenants: [fiTenant.slug] })).id;
      noticeId = (await draft(incidentId, { tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'all' } })).id;
    });

    const routes = () => [
      ['post', BASE, { title: 'x' }],
      ['get', BASE, undefined],
      ['get', `${BASE}/${incidentId}`, undefined],
      ['post', `${BASE}/${incidentId}/inform-controllers`, undefined],
      ['post', `${BASE}/${incidentId}/notices`, { tenant: fiTenant.slug, kind: 'initial', selection: { mode: 'all' } }],
      ['put', `${BASE}/${incidentId}/notices/${noticeId}`, { selection: { mode: 'all' }, text: whatHappened, version: 1 }],
      ['post', `${BASE}/${incidentId}/notices/${noticeId}/submit`, { version: 1 }],
      ['post', `${BASE}/${incidentId}/notices/${noticeId}/send`, {}],
    ] as const;
    const call = (agent: Agent, [method, path, body]: ReturnType<typeof routes>[number]) => (method === 'get' ? agent.get(path) : method === 'put' ? agent.put(path).send(body ?? {}) : agent.post(path).send(body ?? {}));

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
      const [notice] = await ctx.sql<{ status: string; version: number }>('select status, version from platform.incident_notice where id = ?', [noticeId]);
      expect(notice).toEqual({ status: 'draft', version: 1 });
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
      await admin.post(`${BASE}/00000000-0000-4000-8000-000000000000/inform-controllers`).expect(404);
      await admin.post(`${BASE}/${incidentId}/notices/00000000-0000-4000-8000-000000000000/submit`).send({ version: 1 }).expect(404);
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
