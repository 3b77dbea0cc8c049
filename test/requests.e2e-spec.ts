// Data-subject requests: deadlines, verification, the once-a-year access rule, export, erasure (unpaid rule,
// one transaction, concurrent invoicing, a killed process), objection; isolation, roles and bad input.
import { Client } from 'pg';
import { problemOf, TestContext, textBody, type Agent, type TestTenant } from '@app/testing';

const massage = { description: 'Hieronta', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };
const DAY = 86_400_000;

// On a Citus cluster the rows are locked on a worker: its lock graph (citus_lock_waits) names sessions by global pid.
const onCitus = !!process.env.REKISTERI_TEST_CITUS;
const OWN_PID = onCitus ? 'select citus_backend_gpid() as pid' : 'select pg_backend_pid() as pid';
const WAITING_ON = onCitus ? 'select waiting_gpid as pid from citus_lock_waits where blocking_gpid = $1' : 'select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))';
const TERMINATE = onCitus ? 'select pg_terminate_backend($1::bigint)' : 'select pg_terminate_backend($1)';

describe('data-subject requests', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let t: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
  });
  afterAll(() => ctx.close());

  const newCustomer = async (name = 'Asiakas') =>
    (
      await staff
        .post(`${t}/customers`)
        .send({ contactName: name, email: `${name.toLowerCase().replace(/\W/g, '')}${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.fi`, streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' })
        .expect(201)
    ).body as { id: string; email: string };
  const recordRequest = async (customerId: string, type: string, extra: Record<string, unknown> = {}) =>
    (await staff.post(`${t}/requests`).send({ customerId, type, channel: 'email', ...extra }).expect(201)).body;
  const verified = async (customerId: string, type: string, extra: Record<string, unknown> = {}) => {
    const r = await recordRequest(customerId, type, extra);
    return (await staff.post(`${t}/requests/${r.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200)).body;
  };
  const issuedInvoice = async (customerId: string) => {
    const d = (await staff.post(`${t}/invoices`).send({ customerId, lines: [massage] }).expect(201)).body;
    return (await staff.post(`${t}/invoices/${d.id}/issue`).send({}).expect(200)).body;
  };

  describe('deadlines', () => {
    it('is due one month after receipt, extendable once by two months with a reason', async () => {
      const c = await ctx.at('2026-01-15T10:00:00Z', () => newCustomer());
      const r = await recordRequest(c.id, 'rectification', { receivedAt: '2026-01-31T09:00:00.000Z', details: 'Wrong street' });
      expect(r).toMatchObject({ state: 'received', dueAt: '2026-02-28T09:00:00.000Z', channel: 'email', details: 'Wrong street' });
      await ctx.at('2026-02-20T12:00:00Z', async () => {
        problemOf(await staff.post(`${t}/requests/${r.id}/extend`).send({ reason: 'Complex' }).expect(403));
        const extended = (await owner.post(`${t}/requests/${r.id}/extend`).send({ reason: 'Archive search needed' }).expect(200)).body;
        expect(extended).toMatchObject({ dueAt: '2026-04-30T09:00:00.000Z', extensionReason: 'Archive search needed' });
        expect(problemOf(await owner.post(`${t}/requests/${r.id}/extend`).send({ reason: 'Again' }).expect(409)).type).toMatch(/already-extended$/);
      });
    });

    it('lists open requests due soon and overdue', async () => {
      const c = await ctx.at(new Date(Date.now() - 60 * DAY), () => newCustomer());
      const overdue = await recordRequest(c.id, 'access', { receivedAt: new Date(Date.now() - 40 * DAY).toISOString() });
      const soon = await recordRequest(c.id, 'rectification', { receivedAt: new Date(Date.now() - 27 * DAY).toISOString() });
      const later = await recordRequest(c.id, 'rectification');
      const ids = async (filter: string) => (await staff.get(`${t}/requests?filter=${filter}&limit=200`).expect(200)).body.items.map((r: { id: string }) => r.id);
      expect(await ids('overdue')).toContain(overdue.id);
      expect(await ids('overdue')).not.toContain(soon.id);
      expect(await ids('due_soon')).toEqual(expect.arrayContaining([soon.id]));
      expect(await ids('due_soon')).not.toContain(later.id);
      expect((await staff.get(`${t}/requests/${overdue.id}`).expect(200)).body.overdue).toBe(true);
    });

    it('lists by state, narrowing the filter, only the valid states, each with its customer\'s name', async () => {
      const c = await newCustomer('Tilan Testaaja');
      const received = await recordRequest(c.id, 'rectification');
      const checked = await verified(c.id, 'rectification');
      const rejected = await recordRequest(c.id, 'access');
      await owner.post(`${t}/requests/${rejected.id}/reject`).send({ reason: 'Asked twice' }).expect(200);
      const ids = async (query: string) => (await staff.get(`${t}/requests?customerId=${c.id}&limit=200&${query}`).expect(200)).body.items.map((r: { id: string }) => r.id);
      expect(await ids('state=received')).toEqual([received.id]);
      expect(await ids('state=verified&filter=open')).toEqual([checked.id]);
      expect(await ids('state=rejected')).toEqual([rejected.id]);
      expect(await ids('state=rejected&filter=open')).toEqual([]);
      expect((await ids('filter=all')).sort()).toEqual([received.id, checked.id, rejected.id].sort());
      problemOf(await staff.get(`${t}/requests?state=lost`).expect(400));
      const listed = (await staff.get(`${t}/requests?customerId=${c.id}`).expect(200)).body.items;
      expect(listed.map((r: { customerName: string }) => r.customerName)).toEqual(['Tilan Testaaja', 'Tilan Testaaja', 'Tilan Testaaja']);
    });

    it('takes a receipt time neither in the future nor before the customer was registered, naming the field', async () => {
      const c = await ctx.at('2026-03-01T10:00:00Z', () => newCustomer());
      const count = async () => (await ctx.sql(`select 1 from "${tenant.schema}".data_subject_request where customer_id = ?`, [c.id])).length;
      await ctx.at('2026-06-01T12:00:00Z', async () => {
        for (const [receivedAt, message] of [
          ['2999-01-01', 'receivedAt must not be in the future'],
          ['2026-06-01T12:10:00Z', 'receivedAt must not be in the future'],
          ['2026-02-28T10:00:00Z', 'receivedAt must not be before the customer was registered (2026-03-01T10:00:00.000Z)'],
          ['1900-01-01', 'receivedAt must not be before the customer was registered (2026-03-01T10:00:00.000Z)'],
        ]) {
          const res = await staff.post(`${t}/requests`).send({ customerId: c.id, type: 'access', channel: 'letter', receivedAt }).expect(400);
          expect(problemOf(res).errors).toEqual([{ field: 'receivedAt', message }]);
        }
        expect(await count()).toBe(0);
        // A few minutes ahead is a clock that runs fast, not a date from the future.
        await recordRequest(c.id, 'access', { receivedAt: '2026-06-01T12:03:00Z' });
        await recordRequest(c.id, 'rectification', { receivedAt: '2026-03-01T10:00:00Z' });
      });
      expect(await count()).toBe(2);
    });
  });

  describe('access', () => {
    it('needs a verified identity and an owner to decide', async () => {
      const c = await newCustomer();
      const r = await recordRequest(c.id, 'access');
      expect(problemOf(await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(409)).type).toMatch(/not-verified$/);
      await staff.post(`${t}/requests/${r.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
      problemOf(await staff.post(`${t}/requests/${r.id}/complete`).send({}).expect(403));
      const done = (await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(200)).body;
      expect(done).toMatchObject({ state: 'completed', verificationMethod: 'signed_letter_matching_register', decidedBy: expect.stringMatching(/^tenant-staff:/) });
    });

    it('exports everything held on the person as JSON and as escaped HTML', async () => {
      const c = await newCustomer('<b>Vietävä</b>');
      await staff.put(`${t}/customers/${c.id}/consents/marketing_email`).send({ granted: true }).expect(200);
      const invoice = await issuedInvoice(c.id);
      await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 1000, paidOn: invoice.issueDate }).expect(201);
      const r = await verified(c.id, 'access');
      problemOf(await staff.get(`${t}/requests/${r.id}/export`).expect(409));
      await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(200);
      const res = await staff.get(`${t}/requests/${r.id}/export`).buffer(true).parse(textBody);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
      const body = JSON.parse(res.body as unknown as string);
      expect(body.profile).toMatchObject({ id: c.id, email: c.email, contactName: '<b>Vietävä</b>' });
      expect(body).toHaveProperty('lastLoginAt');
      expect(body.consentLedger).toEqual([expect.objectContaining({ purpose: 'marketing_email', action: 'granted' })]);
      expect(body.consents).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'marketing_email', granted: true })]));
      expect(body.invoices).toEqual([expect.objectContaining({ id: invoice.id, paidCents: 1000, payments: [expect.objectContaining({ amountCents: 1000 })] })]);
      expect(body.requests.map((x: { id: string }) => x.id)).toContain(r.id);

      const html = await staff.get(`${t}/requests/${r.id}/export?format=html`).buffer(true).parse(textBody);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.body as unknown as string).toContain('&lt;b&gt;Vietävä&lt;/b&gt;');
      expect(html.body as unknown as string).not.toContain('<b>Vietävä</b>');
    });

    it('serves the free copies a year; the next goes to the owner, who serves it, charges a fee (an invoice) or refuses it with a reason', async () => {
      const c = await newCustomer();
      const first = await verified(c.id, 'access');
      expect(first.beyondFreeCopies).toBe(false);
      await owner.post(`${t}/requests/${first.id}/complete`).send({}).expect(200);
      const second = await verified(c.id, 'access');
      expect(second.beyondFreeCopies).toBe(true);
      const routed = problemOf(await owner.post(`${t}/requests/${second.id}/complete`).send({}).expect(409));
      expect(routed.type).toMatch(/repeat-access-decision-needed$/);
      expect((await staff.get(`${t}/requests/${second.id}`).expect(200)).body).toMatchObject({ state: 'verified', beyondFreeCopies: true });
      problemOf(await staff.post(`${t}/requests/${second.id}/repeat-access`).send({ decision: 'serve', reason: 'Data changed a lot' }).expect(403));
      problemOf(await owner.post(`${t}/requests/${second.id}/repeat-access`).send({ decision: 'fee', reason: 'Third copy' }).expect(400));
      const served = (await owner.post(`${t}/requests/${second.id}/repeat-access`).send({ decision: 'serve', reason: 'Billing dispute: the customer needs the records' }).expect(200)).body;
      expect(served).toMatchObject({ state: 'completed', repeatDecision: 'serve', overrideReason: 'Billing dispute: the customer needs the records', feeInvoiceId: null });
      // Not a repeat request: no decision to make.
      const free = await verified((await newCustomer()).id, 'access');
      expect(problemOf(await owner.post(`${t}/requests/${free.id}/repeat-access`).send({ decision: 'serve', reason: 'Why not' }).expect(409)).type).toMatch(/not-a-repeat-access-request$/);
    });

    it('invoices a fee for a repeat copy to the customer, and refuses another with the reason sent to the person', async () => {
      const c = await newCustomer();
      await owner.post(`${t}/requests/${(await verified(c.id, 'access')).id}/complete`).send({}).expect(200);
      const paid = await verified(c.id, 'access');
      const decided = (await owner.post(`${t}/requests/${paid.id}/repeat-access`).send({ decision: 'fee', reason: 'Third copy this year', feeCents: 1500 }).expect(200)).body;
      expect(decided).toMatchObject({ state: 'completed', repeatDecision: 'fee', feeInvoiceId: expect.any(String) });
      const invoice = (await staff.get(`${t}/invoices/${decided.feeInvoiceId}`).expect(200)).body;
      expect(invoice).toMatchObject({ customerId: c.id, status: 'issued', lines: [expect.objectContaining({ quantity: 1, unitPriceCents: 1500, vatRate: 25.5 })] });
      const refused = await recordRequest(c.id, 'access'); // refusing needs no verification
      const rejected = (await owner.post(`${t}/requests/${refused.id}/repeat-access`).send({ decision: 'refuse', reason: 'Asked every week since January' }).expect(200)).body;
      expect(rejected).toMatchObject({ state: 'rejected', repeatDecision: 'refuse', rejectionReason: 'Asked every week since January' });
      problemOf(await owner.post(`${t}/requests/${refused.id}/complete`).send({}).expect(409));
    });

    it('bills a repeat copy once when the fee decision is sent twice at once', async () => {
      const c = await newCustomer();
      await owner.post(`${t}/requests/${(await verified(c.id, 'access')).id}/complete`).send({}).expect(200);
      const paid = await verified(c.id, 'access');
      const decide = () => owner.post(`${t}/requests/${paid.id}/repeat-access`).send({ decision: 'fee', reason: 'Third copy this year', feeCents: 1500 });
      const answers = await Promise.all([decide(), decide(), decide()]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
      const invoices = (await staff.get(`${t}/customers/${c.id}/invoices`).expect(200)).body.items as { id: string }[];
      expect(invoices.map((i) => i.id)).toEqual([answers.find((a) => a.status === 200)!.body.feeInvoiceId]);
    });

    it('counts twelve calendar months back from today: served 11½ months ago blocks, 13 months ago does not', async () => {
      // A month-end "today", so that the months of different lengths matter.
      ctx.clock.set('2027-03-31T12:00:00.000Z');
      try {
        /** A customer whose only access request was served at `decidedAt`, and the outcome of asking again now. */
        const askAgainAfter = async (decidedAt: string) => {
          const c = await newCustomer();
          const served = await verified(c.id, 'access');
          await owner.post(`${t}/requests/${served.id}/complete`).send({}).expect(200);
          const receivedAt = new Date(Date.parse(decidedAt) - 7 * DAY);
          await ctx.sql(`update "${tenant.schema}".data_subject_request set received_at = ?, due_at = ?, verified_at = ?, decided_at = ? where id = ?`, [
            receivedAt,
            new Date(receivedAt.getTime() + 30 * DAY),
            receivedAt,
            decidedAt,
            served.id,
          ]);
          const again = await verified(c.id, 'access');
          const res = await owner.post(`${t}/requests/${again.id}/complete`).send({});
          return { status: res.status, type: res.status === 409 ? problemOf(res).type : undefined };
        };
        const blocked = { status: 409, type: expect.stringMatching(/repeat-access-decision-needed$/) };
        expect(await askAgainAfter('2026-04-15T12:00:00.000Z')).toEqual(blocked); // 11½ months
        expect(await askAgainAfter('2026-04-01T12:00:00.000Z')).toEqual(blocked); // a day short of twelve
        expect(await askAgainAfter('2026-03-30T12:00:00.000Z')).toEqual({ status: 200, type: undefined }); // twelve months and a day
        expect(await askAgainAfter('2026-02-28T12:00:00.000Z')).toEqual({ status: 200, type: undefined }); // 13 months
      } finally {
        ctx.clock.reset();
      }
    });

    it('takes the yearly limit from the register settings', async () => {
      const settings = (await owner.get(`${t}/register`).expect(200)).body;
      await owner.put(`${t}/register`).send({ accessRequestsPerYear: 2, version: settings.version }).expect(200);
      try {
        const c = await newCustomer();
        for (let i = 0; i < 2; i++) await owner.post(`${t}/requests/${(await verified(c.id, 'access')).id}/complete`).send({}).expect(200);
        problemOf(await owner.post(`${t}/requests/${(await verified(c.id, 'access')).id}/complete`).send({}).expect(409));
      } finally {
        const now = (await owner.get(`${t}/register`).expect(200)).body;
        await owner.put(`${t}/register`).send({ accessRequestsPerYear: 1, version: now.version }).expect(200);
      }
    });
  });

  describe('erasure', () => {
    const customerRow = async (id: string) => ctx.sql(`select 1 from "${tenant.schema}".customer where id = ?`, [id]);

    it('is refused while an invoice is unpaid, listing it, and succeeds after payment, keeping the invoice and nothing else of the person', async () => {
      const c = await newCustomer('Poistettava');
      await staff.put(`${t}/customers/${c.id}/consents/marketing_sms`).send({ granted: true }).expect(200);
      const invoice = await issuedInvoice(c.id);
      const draft = (await staff.post(`${t}/invoices`).send({ customerId: c.id, lines: [massage] }).expect(201)).body;
      const r = await verified(c.id, 'erasure', { details: `Please erase ${c.email}` });
      expect(r.customerName).toBe('Poistettava');

      const refused = problemOf(await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(409)) as unknown as { type: string; unpaidInvoices: { id: string }[] };
      expect(refused.type).toMatch(/unpaid-invoices$/);
      expect(refused.unpaidInvoices.map((i) => i.id)).toEqual([invoice.id]);
      expect(await customerRow(c.id)).toHaveLength(1);

      await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: invoice.totals.grossCents, paidOn: invoice.issueDate }).expect(201);
      const done = (await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(200)).body;
      expect(done).toMatchObject({ state: 'completed', customerId: null, customerName: null, details: null });

      expect(await customerRow(c.id)).toEqual([]);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".consent_event where customer_id = ?`, [c.id])).toEqual([]);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".invoice where id = ?`, [draft.id])).toEqual([]);
      const kept = (await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body;
      expect(kept).toMatchObject({ customerId: null, status: 'paid', buyer: expect.objectContaining({ name: 'Poistettava', streetAddress: 'Katu 1' }) });
      expect(JSON.stringify(kept)).not.toContain(c.email);
      const [ledger] = await ctx.sql<{ request_id: string; invoices_retained: number }>(`select request_id, invoices_retained from "${tenant.schema}".erasure_ledger where customer_id = ?`, [c.id]);
      expect(ledger).toEqual({ request_id: r.id, invoices_retained: 1 });
      problemOf(await staff.get(`${t}/customers/${c.id}`).expect(404));
      // A retry is harmless.
      expect((await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(200)).body.state).toBe('completed');
    });

    it("blanks the free text of the person's other requests, open and decided, and leaves other people's alone", async () => {
      const c = await newCustomer('Monipyyntö');
      const other = await newCustomer('Sivullinen');
      const rectification = await recordRequest(c.id, 'rectification', { details: `Osoite väärin, ${c.email}` });
      const access = await verified(c.id, 'access', { details: `Kaikki tiedot, ${c.email}` });
      await owner.post(`${t}/requests/${access.id}/complete`).send({}).expect(200);
      const rejected = await recordRequest(c.id, 'rectification', { details: `Puhelin 040 123 4567 (${c.email})` });
      await owner.post(`${t}/requests/${rejected.id}/reject`).send({ reason: 'Identity could not be verified' }).expect(200);
      const bystander = await recordRequest(other.id, 'rectification', { details: 'Sivullisen oma pyyntö' });
      const erasure = await verified(c.id, 'erasure', { details: `Poistakaa ${c.email}` });

      await owner.post(`${t}/requests/${erasure.id}/complete`).send({}).expect(200);

      for (const r of [rectification, access, rejected, erasure]) {
        const after = (await staff.get(`${t}/requests/${r.id}`).expect(200)).body;
        expect(after).toMatchObject({ id: r.id, type: r.type, customerId: null, details: null });
      }
      // The requests stay as records of what was decided.
      expect((await staff.get(`${t}/requests/${rejected.id}`).expect(200)).body).toMatchObject({ state: 'rejected', rejectionReason: 'Identity could not be verified' });
      expect((await staff.get(`${t}/requests/${bystander.id}`).expect(200)).body).toMatchObject({ customerId: other.id, details: 'Sivullisen oma pyyntö' });
      const texts = await ctx.sql<{ details: string | null }>(`select details from "${tenant.schema}".data_subject_request where details like ?`, [`%${c.email}%`]);
      expect(texts).toEqual([]);
    });

    it('lets no invoice be created for the customer while the erasure runs, and survives a killed process', async () => {
      const c = await newCustomer('Kesken');
      const invoice = await issuedInvoice(c.id);
      await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: invoice.totals.grossCents, paidOn: invoice.issueDate }).expect(201);
      const draft = (await staff.post(`${t}/invoices`).send({ customerId: c.id, lines: [massage] }).expect(201)).body;
      const r = await verified(c.id, 'erasure');

      // Stall the erasure midway: another session holds the issued invoice's row, which the erasure must
      // detach after it has already deleted the drafts.
      const blocker = new Client({ connectionString: ctx.databaseUrl });
      await blocker.connect();
      await blocker.query('begin');
      await blocker.query(`select 1 from "${tenant.schema}".invoice where id = $1 for update`, [invoice.id]);

      const erasure = owner.post(`${t}/requests/${r.id}/complete`).send({}).then((res) => res);
      // Backends blocked by the given one (pg_blocking_pids), polled until one shows up.
      const blockedBy = async (pid: number) => {
        for (let i = 0; i < 200; i++) {
          const rows = await blocker.query(`${WAITING_ON}`, [pid]);
          if (rows.rowCount) return rows.rows[0].pid as number;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`nothing waited on backend ${pid}`);
      };
      const blockerPid = (await blocker.query(OWN_PID)).rows[0].pid as number;
      const erasurePid = await blockedBy(blockerPid);

      // Meanwhile a new invoice for this customer waits on the customer row the erasure holds.
      const attempt = staff.post(`${t}/invoices`).send({ customerId: c.id, lines: [massage] }).then((res) => res);
      await blockedBy(erasurePid);

      // Kill the erasure's backend mid-transaction: nothing of it may remain.
      await blocker.query(TERMINATE, [erasurePid]);
      const killed = await erasure;
      expect(killed.status).toBe(503); // a connection-class failure: the client may try again
      expect(await customerRow(c.id)).toHaveLength(1);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".invoice where id = ?`, [draft.id])).toHaveLength(1);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".erasure_ledger where customer_id = ?`, [c.id])).toEqual([]);
      expect((await attempt).status).toBe(201); // the customer still exists, so the invoice could be written

      // Run it again, this time to the end; the new draft goes with the customer.
      await blocker.query('rollback');
      await blocker.end();
      await owner.post(`${t}/requests/${r.id}/complete`).send({}).expect(200);
      expect(await customerRow(c.id)).toEqual([]);
      expect(await ctx.sql(`select 1 from "${tenant.schema}".invoice where customer_id = ?`, [c.id])).toEqual([]);
      problemOf(await staff.post(`${t}/invoices`).send({ customerId: c.id, lines: [massage] }).expect(404));
    });

    it('blocks a concurrent invoice until the erasure commits, which then finds no customer', async () => {
      const c = await newCustomer('Samanaikainen');
      const r = await verified(c.id, 'erasure');
      const holder = new Client({ connectionString: ctx.databaseUrl });
      await holder.connect();
      try {
        // Hold the erasure after it has locked the customer: keep its ledger insert waiting on a conflicting row.
        await holder.query('begin');
        await holder.query(`insert into "${tenant.schema}".erasure_ledger (customer_id, invoices_retained) values ($1, 0)`, [c.id]);
        const erasure = owner.post(`${t}/requests/${r.id}/complete`).send({}).then((res) => res);
        const holderPid = (await holder.query(OWN_PID)).rows[0].pid as number;
        const blockedBy = async (pid: number) => {
          for (let i = 0; i < 200; i++) {
            const rows = await holder.query(`${WAITING_ON}`, [pid]);
            if (rows.rowCount) return rows.rows[0].pid as number;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new Error(`nothing waited on backend ${pid}`);
        };
        const erasurePid = await blockedBy(holderPid);
        const attempt = staff.post(`${t}/invoices`).send({ customerId: c.id, lines: [massage] }).then((res) => res);
        await blockedBy(erasurePid);
        await holder.query('rollback');
        expect((await erasure).status).toBe(200);
        expect((await attempt).status).toBe(404);
        expect(await ctx.sql(`select 1 from "${tenant.schema}".invoice where customer_id = ?`, [c.id])).toEqual([]);
      } finally {
        await holder.end();
      }
    });
  });

  describe('objection', () => {
    it('withdraws every marketing consent and suppresses the address at once', async () => {
      const c = await newCustomer('Vastustaja');
      await staff.put(`${t}/customers/${c.id}/consents/marketing_email`).send({ granted: true }).expect(200);
      await staff.put(`${t}/customers/${c.id}/consents/marketing_sms`).send({ granted: true }).expect(200);
      const r = await recordRequest(c.id, 'objection', { channel: 'letter' });
      expect(r).toMatchObject({ state: 'completed', type: 'objection' });
      const events = await ctx.sql<{ purpose: string; action: string; channel: string }>(
        `select purpose, action, channel from "${tenant.schema}".consent_event where customer_id = ? and channel = 'objection' order by purpose`,
        [c.id],
      );
      expect(events).toEqual([
        { purpose: 'marketing_email', action: 'withdrawn', channel: 'objection' },
        { purpose: 'marketing_sms', action: 'withdrawn', channel: 'objection' },
      ]);
      expect(await ctx.sql(`select reason from "${tenant.schema}".suppression`)).toEqual(expect.arrayContaining([{ reason: 'objection' }]));
      for (const purpose of ['marketing_email', 'marketing_sms']) {
        const audience = (await staff.get(`${t}/consents/audience?purpose=${purpose}&limit=200`).expect(200)).body.items;
        expect(audience.map((m: { customerId: string }) => m.customerId)).not.toContain(c.id);
      }
    });
  });

  it('keeps tenants apart and validates input', async () => {
    const c = await newCustomer();
    const r = await recordRequest(c.id, 'access');
    const other = await ctx.newTenant();
    const otherOwner = await ctx.loginTenant(other, other.owner);
    problemOf(await otherOwner.get(`/api/t/${other.slug}/requests/${r.id}`).expect(404));
    problemOf(await otherOwner.post(`/api/t/${other.slug}/requests/${r.id}/verify`).send({ method: 'id_document_in_person' }).expect(404));
    problemOf(await otherOwner.post(`/api/t/${other.slug}/requests`).send({ customerId: c.id, type: 'erasure', channel: 'email' }).expect(404));
    expect((await otherOwner.get(`/api/t/${other.slug}/requests`).expect(200)).body.items).toEqual([]);

    const before = (await ctx.sql<{ n: string }>(`select count(*) as n from "${tenant.schema}".data_subject_request`))[0].n;
    for (const body of [
      { customerId: c.id, type: 'erasure', channel: 'phone' }, // erasure must be asked in writing
      { customerId: c.id, type: 'forget-me', channel: 'email' },
      { customerId: 'nope', type: 'access', channel: 'email' },
      { customerId: c.id, type: 'access', channel: 'email', receivedAt: 'yesterday' },
      { customerId: c.id, type: 'access', channel: 'email', state: 'completed' },
    ]) {
      problemOf(await staff.post(`${t}/requests`).send(body).expect(400));
    }
    expect((await ctx.sql<{ n: string }>(`select count(*) as n from "${tenant.schema}".data_subject_request`))[0].n).toBe(before);
  });
});
