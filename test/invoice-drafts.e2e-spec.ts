// What the console's invoice editor stands on: the VAT rates in force on a date, pricing lines without writing,
// changing a draft under its version, and an invoice's credit notes. Isolation, roles and bad input included.
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };
const gym = { description: 'Kuntosalikäynti', quantity: 3, unitPriceCents: 1290, vatRate: 14 };

describe('invoice drafts in the console', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let staff: Agent;
  let t: string;
  let customerId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
    customerId = (await ctx.newCustomer(tenant, { billingFirstName: 'Pekka', billingLastName: 'Puupää', streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo' })).id;
  });
  afterAll(() => ctx.close());

  const draft = async (lines = [massage]) => (await staff.post(`${t}/invoices`).send({ customerId, lines }).expect(201)).body;
  const rowOf = async (id: string) =>
    (await ctx.sql<{ version: number; gross: string; term: number; notes: string | null; lines: string }>(
      `select version, gross_cents as gross, payment_term_days as term, notes, (select count(*) from "${tenant.schema}".invoice_line where invoice_id = i.id) as lines
         from "${tenant.schema}".invoice i where id = ?`,
      [id],
    ))[0];
  const counts = async () =>
    (await ctx.sql<{ invoices: string; lines: string; audit: string }>(
      `select (select count(*) from "${tenant.schema}".invoice) as invoices, (select count(*) from "${tenant.schema}".invoice_line) as lines,
              (select count(*) from "${tenant.schema}".audit_event) as audit`,
    ))[0];

  describe('GET vat-rates', () => {
    it('lists the rates in force today, highest first', async () => {
      const res = await ctx.at('2026-12-01T10:00:00Z', () => staff.get(`${t}/vat-rates`).expect(200));
      expect(res.body.on).toBe('2026-12-01');
      expect(res.body.rates.map((r: { vatRate: number }) => r.vatRate)).toEqual([25.5, 14, 13.5, 10, 0]);
      expect(res.body.rates[0]).toEqual({ vatRate: 25.5, description: 'general rate', validFrom: '2024-09-01', validTo: null });
    });

    it('answers for the date asked: 24 % until the end of August 2024, 13.5 % only from 2026', async () => {
      const rates = async (on: string) => (await staff.get(`${t}/vat-rates?on=${on}`).expect(200)).body.rates.map((r: { vatRate: number }) => r.vatRate);
      expect(await rates('2024-08-31')).toEqual([24, 14, 10, 0]);
      expect(await rates('2024-09-01')).toEqual([25.5, 14, 10, 0]);
      expect(await rates('2026-01-01')).toEqual([25.5, 14, 13.5, 10, 0]);
    });

    it.each(['2026-02-30', '1.12.2026', '2026-12-01T00:00:00Z', 'today'])('refuses the date %p with a field error', async (on) => {
      expect(problemOf(await staff.get(`${t}/vat-rates?on=${encodeURIComponent(on)}`).expect(400)).errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['on']));
    });
  });

  describe('POST invoices/preview', () => {
    it('prices lines exactly as a draft of them is priced, and writes nothing', async () => {
      const before = await counts();
      const preview = (await staff.post(`${t}/invoices/preview`).send({ lines: [massage, gym] }).expect(200)).body;
      expect(preview.lines).toEqual([{ netCents: 6000 }, { netCents: 3870 }]);
      // 38.70 * 14 % = 5.418 -> 5.42: VAT per rate, rounded once, as the invoice will say.
      expect(preview.totals).toEqual({
        netCents: 9870,
        vatCents: 2072,
        grossCents: 11942,
        byRate: [
          { vatRate: 25.5, netCents: 6000, vatCents: 1530, grossCents: 7530 },
          { vatRate: 14, netCents: 3870, vatCents: 542, grossCents: 4412 },
        ],
      });
      expect(await counts()).toEqual(before);
      expect((await draft([massage, gym])).totals).toEqual(preview.totals);
    });

    it('names the line whose VAT rate is not in force', async () => {
      const res = await staff.post(`${t}/invoices/preview`).send({ lines: [massage, { ...gym, vatRate: 24 }] }).expect(400);
      const problem = problemOf(res);
      expect(problem.type).toMatch(/unknown-vat-rate$/);
      expect(problem.errors).toEqual([{ field: 'lines.1.vatRate', message: expect.stringContaining('24 %') }]);
    });

    it.each([
      ['no lines', { lines: [] }, 'lines'],
      ['a zero quantity on the second line', { lines: [massage, { ...gym, quantity: 0 }] }, 'lines.1.quantity'],
      ['a price with decimals', { lines: [{ ...massage, unitPriceCents: 60.5 }] }, 'lines.0.unitPriceCents'],
      ['an empty description', { lines: [{ ...massage, description: '' }] }, 'lines.0.description'],
      ['a customer (not a field here)', { customerId: '00000000-0000-4000-8000-000000000000', lines: [massage] }, 'customerId'],
    ])('answers 400 for %s, naming the field', async (_name, body, field) => {
      expect(problemOf(await staff.post(`${t}/invoices/preview`).send(body).expect(400)).errors?.map((e) => e.field)).toContain(field);
    });
  });

  describe('PATCH invoices/:id', () => {
    it('replaces the lines, payment term and notes of a draft, answering its new totals and version', async () => {
      const d = await draft();
      const changed = (await staff.patch(`${t}/invoices/${d.id}`).send({ version: d.version, lines: [massage, gym], paymentTermDays: 7, notes: ' Kiitos! ' }).expect(200)).body;
      expect(changed).toMatchObject({ status: 'draft', paymentTermDays: 7, notes: 'Kiitos!', version: d.version + 1, creditNotes: [], creditedInvoiceNumber: null });
      expect(changed.lines).toEqual([
        { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5, netCents: 6000 },
        { description: 'Kuntosalikäynti', quantity: 3, unitPriceCents: 1290, vatRate: 14, netCents: 3870 },
      ]);
      expect(changed.totals.grossCents).toBe(11942);
      expect(await rowOf(d.id)).toMatchObject({ version: d.version + 1, gross: '11942', term: 7, notes: 'Kiitos!', lines: '2' });
      // Issued, it keeps what the draft said last.
      const issued = (await staff.post(`${t}/invoices/${d.id}/issue`).send({}).expect(200)).body;
      expect(issued).toMatchObject({ status: 'issued', paymentTermDays: 7, totals: { grossCents: 11942 } });
      expect(issued.lines).toHaveLength(2);
    });

    it('changes only what it is given, and moves the version on even when the totals stay', async () => {
      const d = await draft([massage, gym]);
      const first = (await staff.patch(`${t}/invoices/${d.id}`).send({ version: d.version, notes: 'Ovikoodi 1234' }).expect(200)).body;
      expect(first).toMatchObject({ notes: 'Ovikoodi 1234', paymentTermDays: 14, version: d.version + 1 });
      expect(first.lines).toHaveLength(2);
      // The same lines in another order: the invoice row's own columns stay, its version still moves on.
      const second = (await staff.patch(`${t}/invoices/${d.id}`).send({ version: first.version, lines: [gym, massage] }).expect(200)).body;
      expect(second).toMatchObject({ notes: 'Ovikoodi 1234', version: d.version + 2, totals: first.totals });
      expect(second.lines.map((l: { description: string }) => l.description)).toEqual(['Kuntosalikäynti', 'Hieronta 60 min']);
      const third = (await staff.patch(`${t}/invoices/${d.id}`).send({ version: second.version, notes: null }).expect(200)).body;
      expect(third).toMatchObject({ notes: null, version: d.version + 3 });
      const audit = await ctx.sql<{ action: string; fields: string[] }>(`select action, fields from "${tenant.schema}".audit_event where subject_id = ? order by id`, [d.id]);
      expect(audit.map((a) => [a.action, a.fields])).toEqual([
        ['invoice.drafted', ['customerId', 'lines']],
        ['invoice.draft_changed', ['notes']],
        ['invoice.draft_changed', ['lines']],
        ['invoice.draft_changed', ['notes']],
      ]);
    });

    it('refuses a stale version with 409, keeping the lines someone else saved', async () => {
      const d = await draft();
      await staff.patch(`${t}/invoices/${d.id}`).send({ version: d.version, lines: [gym] }).expect(200);
      const res = await staff.patch(`${t}/invoices/${d.id}`).send({ version: d.version, lines: [massage, massage] }).expect(409);
      expect(problemOf(res)).toMatchObject({ type: expect.stringMatching(/stale-version$/), currentVersion: d.version + 1 });
      expect(await rowOf(d.id)).toMatchObject({ version: d.version + 1, gross: '4412', lines: '1' });
    });

    it('refuses to change an issued invoice or a credit note (409), changing nothing', async () => {
      const issued = (await staff.post(`${t}/invoices/${(await draft()).id}/issue`).send({}).expect(200)).body;
      const res = await staff.patch(`${t}/invoices/${issued.id}`).send({ version: issued.version, lines: [gym] }).expect(409);
      expect(problemOf(res).type).toMatch(/invoice-not-draft$/);
      const note = (await staff.post(`${t}/invoices/${issued.id}/credit`).send({ reason: 'Peruttu varaus' }).expect(201)).body;
      expect(problemOf(await staff.patch(`${t}/invoices/${note.id}`).send({ version: note.version, notes: 'x' }).expect(409)).type).toMatch(/invoice-not-draft$/);
      expect(await rowOf(issued.id)).toMatchObject({ gross: '7530', lines: '1' });
    });

    describe('bad input answers 400 with field errors and changes nothing', () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['no version', { lines: [gym] }, 'version'],
        ['a version as text', { version: '1', lines: [gym] }, 'version'],
        ['no lines at all', { version: 1, lines: [] }, 'lines'],
        ['a zero quantity on the second line', { version: 1, lines: [massage, { ...gym, quantity: 0 }] }, 'lines.1.quantity'],
        ['a quantity with four decimals', { version: 1, lines: [{ ...gym, quantity: 1.0005 }] }, 'lines.0.quantity'],
        ['a price with decimals', { version: 1, lines: [{ ...gym, unitPriceCents: 12.9 }] }, 'lines.0.unitPriceCents'],
        ['a VAT rate not in force', { version: 1, lines: [gym, { ...massage, vatRate: 24 }] }, 'lines.1.vatRate'],
        ['an unknown line field', { version: 1, lines: [{ ...gym, discount: 1 }] }, 'lines.0.discount'],
        ['a payment term of a year and a day', { version: 1, paymentTermDays: 366 }, 'paymentTermDays'],
        ['over-long notes', { version: 1, notes: 'x'.repeat(2001) }, 'notes'],
        ['another customer', { version: 1, customerId: '00000000-0000-4000-8000-000000000000' }, 'customerId'],
        ['a server-owned field', { version: 1, status: 'paid' }, 'status'],
      ];
      it.each(cases)('%s', async (_name, body, field) => {
        const d = await draft();
        const before = await counts();
        const res = await staff.patch(`${t}/invoices/${d.id}`).send({ ...body, ...('version' in body && body.version === 1 ? { version: d.version } : {}) }).expect(400);
        expect(problemOf(res).errors?.map((e) => e.field)).toContain(field);
        expect(await counts()).toEqual(before);
        expect(await rowOf(d.id)).toMatchObject({ version: d.version, gross: '7530', term: 14, notes: null, lines: '1' });
      });

      it('a malformed id', async () => {
        problemOf(await staff.patch(`${t}/invoices/not-a-uuid`).send({ version: 1, notes: 'x' }).expect(400));
      });
    });

    it('answers 404 for an invoice that does not exist', async () => {
      problemOf(await staff.patch(`${t}/invoices/00000000-0000-4000-8000-000000000000`).send({ version: 1, notes: 'x' }).expect(404));
    });
  });

  describe('GET invoices/:id', () => {
    it('names the credit notes of a credited invoice, and the credited invoice of a note', async () => {
      const issued = (await staff.post(`${t}/invoices/${(await draft([massage, gym])).id}/issue`).send({}).expect(200)).body;
      const note = (await staff.post(`${t}/invoices/${issued.id}/credit`).send({ reason: 'Asiakas peruutti' }).expect(201)).body;
      expect(note).toMatchObject({ kind: 'credit_note', creditedInvoiceId: issued.id, creditedInvoiceNumber: issued.number, creditNotes: [] });
      const original = (await staff.get(`${t}/invoices/${issued.id}`).expect(200)).body;
      expect(original).toMatchObject({ status: 'credited', creditedInvoiceNumber: null });
      expect(original.creditNotes).toEqual([{ id: note.id, number: note.number, issueDate: note.issueDate, grossCents: -11942, reason: 'Asiakas peruutti' }]);
    });
  });

  describe('who may', () => {
    it("keeps tenants apart: another tenant's draft is not found, and is not changed", async () => {
      const other = await ctx.newTenant();
      const otherOwner = await ctx.loginTenant(other, other.owner);
      const d = await draft();
      problemOf(await otherOwner.patch(`/api/t/${other.slug}/invoices/${d.id}`).send({ version: d.version, lines: [gym] }).expect(404));
      problemOf(await otherOwner.get(`/api/t/${other.slug}/invoices/${d.id}`).expect(404));
      // Naming the other tenant in the path does not reach it either.
      problemOf(await otherOwner.patch(`${t}/invoices/${d.id}`).send({ version: d.version, lines: [gym] }).expect(404));
      problemOf(await otherOwner.post(`${t}/invoices/preview`).send({ lines: [massage] }).expect(404));
      problemOf(await otherOwner.get(`${t}/vat-rates`).expect(404));
      expect(await rowOf(d.id)).toMatchObject({ version: d.version, gross: '7530', lines: '1' });
    });

    it('lets the owner do what staff do', async () => {
      const owner = await ctx.loginTenant(tenant, tenant.owner);
      const d = await draft();
      await owner.patch(`${t}/invoices/${d.id}`).send({ version: d.version, paymentTermDays: 30 }).expect(200);
      await owner.post(`${t}/invoices/preview`).send({ lines: [massage] }).expect(200);
      await owner.get(`${t}/vat-rates`).expect(200);
    });

    it("refuses customers signed in to the portal, platform staff and anonymous callers, changing nothing", async () => {
      const d = await draft();
      const customer = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant));
      const admin = await ctx.newPlatformAdminAgent();
      for (const agent of [customer, admin]) {
        problemOf(await agent.patch(`${t}/invoices/${d.id}`).send({ version: d.version, lines: [gym] }).expect(404));
        problemOf(await agent.post(`${t}/invoices/preview`).send({ lines: [massage] }).expect(404));
        problemOf(await agent.get(`${t}/vat-rates`).expect(404));
      }
      problemOf(await ctx.http().patch(`${t}/invoices/${d.id}`).send({ version: d.version, lines: [gym] }).expect(401));
      problemOf(await ctx.http().post(`${t}/invoices/preview`).send({ lines: [massage] }).expect(401));
      problemOf(await ctx.http().get(`${t}/vat-rates`).expect(401));
      expect(await rowOf(d.id)).toMatchObject({ version: d.version, gross: '7530', lines: '1' });
    });
  });
});
