// Billing: VAT, numbering, reference numbers, payments, credit notes, history and balance; isolation and bad input.
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

/** A date relative to today in Finland, so the test does not age. */
const daysFromToday = (days: number) => {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };
const gym = { description: 'Kuntosalikäynti', quantity: 2, unitPriceCents: 1500, vatRate: 10 };

describe('billing', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let staff: Agent;
  let t: string;
  let companyId: string;
  let personId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
    companyId = (
      await staff
        .post(`${t}/customers`)
        .send({ businessId: '0112038-9', companyName: 'Yritys Oy', contactName: 'Kaisa Kontakti', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki' })
        .expect(201)
    ).body.id;
    personId = (
      await staff.post(`${t}/customers`).send({ billingFirstName: 'Pekka', billingLastName: 'Puupää', streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo', email: 'pekka@example.fi' }).expect(201)
    ).body.id;
  });
  afterAll(() => ctx.close());

  const draft = async (customerId: string, lines = [massage, gym], extra: Record<string, unknown> = {}) =>
    (await staff.post(`${t}/invoices`).send({ customerId, lines, ...extra }).expect(201)).body;
  const issue = async (id: string, body: Record<string, unknown> = {}) => (await staff.post(`${t}/invoices/${id}/issue`).send(body).expect(200)).body;
  const at = <T>(when: string, step: () => Promise<T>) => ctx.at(when, step);
  const invoiceCount = async () => Number((await ctx.sql<{ n: string }>(`select count(*) as n from "${tenant.schema}".invoice`))[0].n);

  it('drafts an invoice with VAT per rate and no number yet', async () => {
    const invoice = await draft(companyId);
    expect(invoice).toMatchObject({ status: 'draft', number: null, referenceNumber: null, customerId: companyId });
    expect(invoice.totals).toEqual({
      netCents: 9000,
      vatCents: 1830, // 60.00 * 25.5 % = 15.30; 30.00 * 10 % = 3.00
      grossCents: 10830,
      byRate: [
        { vatRate: 25.5, netCents: 6000, vatCents: 1530, grossCents: 7530 },
        { vatRate: 10, netCents: 3000, vatCents: 300, grossCents: 3300 },
      ],
    });
  });

  it('issues with the next number, a valid Finnish reference and its RF form, and snapshots of buyer and seller', async () => {
    const issueDate = daysFromToday(-2);
    const drafted = await at(`${issueDate}T09:00:00Z`, () => draft(companyId));
    const invoice = await issue(drafted.id, { issueDate });
    const retainUntil = `${Number(issueDate.slice(0, 4)) + 6}-12-31`; // six years after the financial year ends
    expect(invoice).toMatchObject({ status: 'issued', issueDate, dueDate: daysFromToday(12), retainUntil });
    // Its check digits: checked against published examples below, not by the library that makes them.
    expect(invoice.referenceNumber).toMatch(/^\d{4,20}$/);
    expect(invoice.rfReference).toBe(`RF${invoice.rfReference.slice(2, 4)}${invoice.referenceNumber}`);
    expect(invoice.buyer).toEqual({ name: 'Yritys Oy', businessId: '0112038-9', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki', country: 'FI' });
    expect(invoice.seller).toMatchObject({ name: `Tenant ${tenant.slug}`, businessId: '2832233-5' });

    // The issued invoice keeps the buyer as they were at issue.
    const customer = (await staff.get(`${t}/customers/${companyId}`).expect(200)).body;
    await staff.patch(`${t}/customers/${companyId}`).send({ streetAddress: 'Uusi katu 9', version: customer.version }).expect(200);
    expect((await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body.buyer.streetAddress).toBe('Tie 1');
    problemOf(await staff.post(`${t}/invoices/${invoice.id}/issue`).send({}).expect(409));
  });

  it("gives the reference numbers that Finance Finland's published examples give for the same base", async () => {
    // A tenant of its own: the test moves its invoice counter to the examples' bases.
    const own = await ctx.newTenant();
    const owner = await ctx.loginTenant(own, own.owner);
    const buyer = await ctx.newCustomer(own, { contactName: 'Viite Maksaja', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki' });
    const issueNumbered = async (number: number) => {
      await ctx.sql(`update "${own.schema}".invoice_counter set last_number = ?`, [number - 1]);
      const d = (await owner.post(`/api/t/${own.slug}/invoices`).send({ customerId: buyer.id, lines: [massage] }).expect(201)).body;
      const issued = (await owner.post(`/api/t/${own.slug}/invoices/${d.id}/issue`).send({}).expect(200)).body;
      expect(issued.number).toBe(number);
      return issued as { referenceNumber: string; rfReference: string };
    };
    // Kotimaisen viitteen rakenneohje (Finance Finland): base 123456, check digit 1, printed "12 34561".
    expect((await issueNumbered(123456)).referenceNumber).toBe('1234561');
    // Kansainvälisen RF-viitteen rakenneohje (Finance Finland, ISO 11649): 2348236 is "RF33 2348 236".
    expect(await issueNumbered(234823)).toMatchObject({ referenceNumber: '2348236', rfReference: 'RF332348236' });
  });

  it('bills a private customer by their billing name', async () => {
    const invoice = await issue((await draft(personId, [massage])).id);
    expect(invoice.buyer.name).toBe('Pekka Puupää');
    expect(invoice.buyer.businessId).toBeNull();
  });

  it('gives 50 concurrently issued invoices 50 distinct consecutive numbers', async () => {
    const drafts = await Promise.all(Array.from({ length: 50 }, () => draft(personId, [massage])));
    const before = Number((await ctx.sql<{ last_number: string }>(`select last_number from "${tenant.schema}".invoice_counter`))[0].last_number);
    const issued = await Promise.all(drafts.map((d) => staff.post(`${t}/invoices/${d.id}/issue`).send({})));
    expect(issued.map((r) => r.status)).toEqual(Array(50).fill(200));
    const numbers = issued.map((r) => r.body.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
    expect(new Set(issued.map((r) => r.body.referenceNumber)).size).toBe(50);
  });

  it('records partial and full payments, refuses overpayment and payments on drafts', async () => {
    const invoice = await issue((await draft(personId, [massage])).id);
    problemOf(await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 7531, paidOn: invoice.issueDate }).expect(409));
    const partial = (await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 3000, paidOn: invoice.issueDate }).expect(201)).body;
    expect(partial).toMatchObject({ status: 'partially_paid', paidCents: 3000, outstandingCents: 4530 });
    const paid = (await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 4530, paidOn: invoice.issueDate, reference: 'arkisto 123' }).expect(201)).body;
    expect(paid).toMatchObject({ status: 'paid', paidCents: 7530, outstandingCents: 0 });
    expect(paid.payments).toHaveLength(2);
    problemOf(await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 1, paidOn: invoice.issueDate }).expect(409));
    const d = await draft(personId, [massage]);
    problemOf(await staff.post(`${t}/invoices/${d.id}/payments`).send({ amountCents: 100, paidOn: invoice.issueDate }).expect(409));
  });

  it('lets the owner reverse a payment recorded by mistake, with a reason, once; the invoice follows', async () => {
    const owner = await ctx.loginTenant(tenant, tenant.owner);
    const invoice = await issue((await draft(companyId, [massage])).id);
    const first = (await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 3000, paidOn: invoice.issueDate }).expect(201)).body.payments[0];
    const paid = (await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 4530, paidOn: invoice.issueDate }).expect(201)).body;
    expect(paid.status).toBe('paid');
    const wrong = paid.payments.find((p: { id: string }) => p.id !== first.id);
    const reverse = (as: Agent, paymentId: string, body: Record<string, unknown> = { reason: 'Recorded on the wrong invoice' }, id = invoice.id) =>
      as.post(`${t}/invoices/${id}/payments/${paymentId}/reverse`).send(body);

    problemOf(await reverse(staff, wrong.id).expect(403));
    expect(new Set(problemOf(await reverse(owner, wrong.id, {}).expect(400)).errors?.map((e) => e.field))).toEqual(new Set(['reason']));
    expect((await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body).toMatchObject({ status: 'paid', paidCents: 7530 });

    const reversed = (await reverse(owner, wrong.id).expect(200)).body;
    expect(reversed).toMatchObject({ status: 'partially_paid', paidCents: 3000, outstandingCents: 4530 });
    expect(reversed.payments.find((p: { id: string }) => p.id === wrong.id)).toMatchObject({ amountCents: 4530, reversedAt: expect.any(String), reversalReason: 'Recorded on the wrong invoice' });
    expect(problemOf(await reverse(owner, wrong.id).expect(409)).type).toMatch(/payment-already-reversed$/);
    expect((await reverse(owner, first.id).expect(200)).body).toMatchObject({ status: 'issued', paidCents: 0, outstandingCents: 7530 });
    // The right amount can be recorded again; a payment of another invoice is not found through this one.
    await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 7530, paidOn: invoice.issueDate }).expect(201);
    const other = await issue((await draft(companyId)).id);
    problemOf(await reverse(owner, first.id, undefined, other.id).expect(404));
    const audit = await ctx.sql<{ actor: string }>(`select actor from "${tenant.schema}".audit_event where subject_id = ? and action = 'invoice.payment_reversed'`, [invoice.id]);
    expect(audit).toHaveLength(2);
    expect(audit[0].actor).toMatch(/^tenant-staff:/);
  });

  it('derives overdue from the due date', async () => {
    const invoice = await at('2026-01-05T09:00:00Z', async () => issue((await draft(personId, [massage])).id));
    expect(invoice).toMatchObject({ status: 'issued', overdue: false, issueDate: '2026-01-05', dueDate: '2026-01-19' });
    const late = await at('2026-01-20T09:00:00Z', async () => (await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body);
    expect(late).toMatchObject({ status: 'overdue', overdue: true });
  });

  describe('racing on one invoice (real concurrent requests, several rounds)', () => {
    const ROUNDS = 4;
    /** A line without VAT, so the gross divides evenly between concurrent payments. */
    const flat = { description: 'Lahjakortti', quantity: 1, unitPriceCents: 8000, vatRate: 0 };
    const today = daysFromToday(0);
    const pay = (id: string, amountCents: number) => staff.post(`${t}/invoices/${id}/payments`).send({ amountCents, paidOn: today });
    const credit = (id: string) => staff.post(`${t}/invoices/${id}/credit`).send({ reason: 'Booking cancelled' });

    /** What the database holds for the invoice; every race must leave these agreeing with each other. */
    const stateOf = async (id: string) => {
      const [row] = await ctx.sql<{ status: string; gross: string; paid: string; payments: string; notes: string }>(
        `select status, gross_cents as gross, paid_cents as paid,
                (select coalesce(sum(amount_cents), 0) from "${tenant.schema}".payment where invoice_id = i.id) as payments,
                (select count(*) from "${tenant.schema}".invoice where credited_invoice_id = i.id) as notes
           from "${tenant.schema}".invoice i where id = ?`,
        [id],
      );
      const state = { status: row.status, gross: Number(row.gross), paid: Number(row.paid), payments: Number(row.payments), notes: Number(row.notes) };
      expect(state.paid).toBe(state.payments); // no lost update: the total is the sum of the payments recorded
      expect(state.paid).toBeLessThanOrEqual(state.gross);
      expect(state.notes).toBeLessThanOrEqual(1);
      expect(state.notes === 1).toBe(state.status === 'credited');
      if (state.status !== 'credited') expect(state.status).toBe(state.paid === 0 ? 'issued' : state.paid === state.gross ? 'paid' : 'partially_paid');
      return state;
    };
    const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();

    it('lets only one of three payments of 60 % through, the others refused as overpayment', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const invoice = await issue((await draft(personId, [flat])).id);
        const responses = await Promise.all([pay(invoice.id, 4800), pay(invoice.id, 4800), pay(invoice.id, 4800)]);
        expect(statuses(responses)).toEqual([201, 409, 409]);
        for (const refused of responses.filter((r) => r.status === 409)) expect(problemOf(refused).type).toMatch(/overpayment$/);
        expect(await stateOf(invoice.id)).toMatchObject({ status: 'partially_paid', paid: 4800 });
      }
    });

    it('adds up four concurrent quarter payments without losing one', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const invoice = await issue((await draft(personId, [flat])).id);
        const responses = await Promise.all(Array.from({ length: 4 }, () => pay(invoice.id, 2000)));
        expect(statuses(responses)).toEqual([201, 201, 201, 201]);
        expect(await stateOf(invoice.id)).toMatchObject({ status: 'paid', paid: 8000, payments: 8000 });
      }
    });

    it('keeps a payment and a credit note consistent whichever comes first', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const invoice = await issue((await draft(personId, [flat])).id);
        const [payment, note] = await Promise.all([pay(invoice.id, 8000), credit(invoice.id)]);
        expect([201, 409]).toContain(payment.status);
        expect(note.status).toBe(201); // an invoice can be credited whether or not it was paid
        const state = await stateOf(invoice.id);
        // Paid before the credit: the payment stands on the credited invoice. Credited first: no payment is taken.
        expect(state).toMatchObject(payment.status === 201 ? { status: 'credited', paid: 8000 } : { status: 'credited', paid: 0 });
      }
    });

    it('writes one credit note for two concurrent credits, and none for a draft being issued meanwhile', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const invoice = await issue((await draft(personId, [flat])).id);
        expect(statuses(await Promise.all([credit(invoice.id), credit(invoice.id)]))).toEqual([201, 409]);
        expect(await stateOf(invoice.id)).toMatchObject({ status: 'credited', notes: 1 });

        const unissued = await draft(personId, [flat]);
        const [issued, early] = await Promise.all([staff.post(`${t}/invoices/${unissued.id}/issue`).send({}), credit(unissued.id)]);
        expect(issued.status).toBe(200);
        expect([201, 409]).toContain(early.status);
        const state = await stateOf(unissued.id);
        expect(state.notes).toBe(early.status === 201 ? 1 : 0);
      }
    });
  });

  it('credits an issued invoice with a numbered credit note, never deleting it', async () => {
    const invoice = await issue((await draft(companyId)).id);
    const note = (await staff.post(`${t}/invoices/${invoice.id}/credit`).send({ reason: 'Duplicate booking' }).expect(201)).body;
    expect(note).toMatchObject({ kind: 'credit_note', creditedInvoiceId: invoice.id, status: 'issued', notes: 'Duplicate booking' });
    expect(note.number).toBeGreaterThan(invoice.number);
    expect(note.totals.grossCents).toBe(-invoice.totals.grossCents);
    expect((await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body).toMatchObject({ status: 'credited', outstandingCents: 0 });
    problemOf(await staff.post(`${t}/invoices/${invoice.id}/credit`).send({ reason: 'Again' }).expect(409));
    problemOf(await staff.post(`${t}/invoices/${(await draft(companyId)).id}/credit`).send({ reason: 'A draft' }).expect(409));
  });

  it("shows a customer's billing history and balance, with what is unpaid", async () => {
    const customer = (await staff.post(`${t}/customers`).send({ contactName: 'Saldo Asiakas', streetAddress: 'Polku 3', postalCode: '00200', city: 'Helsinki' }).expect(201)).body;
    const first = await issue((await draft(customer.id, [massage])).id);
    const second = await issue((await draft(customer.id, [gym])).id);
    await draft(customer.id, [gym]);
    await staff.post(`${t}/invoices/${first.id}/payments`).send({ amountCents: 7530, paidOn: first.issueDate }).expect(201);
    const balance = (await staff.get(`${t}/customers/${customer.id}/balance`).expect(200)).body;
    expect(balance).toMatchObject({ currency: 'EUR', invoicedCents: 7530 + 3300, paidCents: 7530, balanceCents: 3300, hasUnpaid: true });
    expect(balance.unpaidInvoices).toEqual([expect.objectContaining({ id: second.id, number: second.number, outstandingCents: 3300 })]);
    const history = (await staff.get(`${t}/customers/${customer.id}/invoices?limit=2`).expect(200)).body;
    expect(history.items).toHaveLength(2);
    const rest = (await staff.get(`${t}/customers/${customer.id}/invoices?limit=2&cursor=${history.nextCursor}`).expect(200)).body;
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses to issue to a customer without an address (the buyer must be named on the invoice)', async () => {
    const bare = (await staff.post(`${t}/customers`).send({ contactName: 'Osoitteeton' }).expect(201)).body;
    const d = await draft(bare.id, [massage]);
    expect(problemOf(await staff.post(`${t}/invoices/${d.id}/issue`).send({}).expect(409)).type).toMatch(/customer-incomplete$/);
  });

  it('accepts only VAT rates in force on the date', async () => {
    expect(problemOf(await staff.post(`${t}/invoices`).send({ customerId: personId, lines: [{ ...massage, vatRate: 24 }] }).expect(400)).type).toMatch(/unknown-vat-rate$/);
    await staff.post(`${t}/invoices`).send({ customerId: personId, lines: [{ ...massage, vatRate: 13.5 }] }).expect(201);
    // 24 % ended on 2024-08-31: a draft made on the 30th with it cannot be issued on 2 September.
    const d = await at('2024-08-30T09:00:00Z', () => draft(personId, [{ ...massage, vatRate: 24 }]));
    const res = await at('2024-09-02T09:00:00Z', () => staff.post(`${t}/invoices/${d.id}/issue`).send({}).expect(400));
    expect(problemOf(res).type).toMatch(/unknown-vat-rate$/);
    await at('2024-09-02T09:00:00Z', () => issue(d.id, { issueDate: '2024-08-31' }));
  });

  describe('business dates are bounded by the clock and by what they refer to', () => {
    it('issues on a date not after today in Finland, and not before the draft was made', async () => {
      const d = await at('2026-03-10T09:00:00Z', () => draft(personId, [massage]));
      await at('2026-03-12T09:00:00Z', async () => {
        for (const [issueDate, reason] of [
          ['2026-03-13', /^issueDate must not be after today \(2026-03-12 in Finland\)$/],
          ['9999-12-31', /^issueDate must not be after today/],
          ['2026-03-09', /^issueDate must not be before the draft was made \(2026-03-10\)$/],
          ['1970-01-01', /^issueDate must not be before the draft was made/],
        ] as const) {
          const res = await staff.post(`${t}/invoices/${d.id}/issue`).send({ issueDate }).expect(400);
          expect(problemOf(res).errors).toEqual([{ field: 'issueDate', message: expect.stringMatching(reason) }]);
        }
        expect((await staff.get(`${t}/invoices/${d.id}`).expect(200)).body).toMatchObject({ status: 'draft', number: null });
        await issue(d.id, { issueDate: '2026-03-10' });
      });
    });

    it('records a payment on a date not after today in Finland, and not before the invoice was issued', async () => {
      const invoice = await at('2026-03-10T09:00:00Z', async () => issue((await draft(personId, [massage])).id));
      // 21:30 UTC on 30 June is already 1 July in Finland.
      await at('2026-06-30T21:30:00Z', async () => {
        for (const [paidOn, reason] of [
          ['2026-07-02', /^paidOn must not be after today \(2026-07-01 in Finland\)$/],
          ['9999-12-31', /^paidOn must not be after today/],
          ['2026-03-09', /^paidOn must not be before the invoice's issue date \(2026-03-10\)$/],
        ] as const) {
          const res = await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 100, paidOn }).expect(400);
          expect(problemOf(res).errors).toEqual([{ field: 'paidOn', message: expect.stringMatching(reason) }]);
        }
        expect((await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body.payments).toEqual([]);
        await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 100, paidOn: '2026-07-01' }).expect(201);
        await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 100, paidOn: '2026-03-10' }).expect(201);
      });
    });
  });

  describe('bad input answers 400 and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['no lines', { lines: [] }, 'lines'],
      ['a zero quantity', { lines: [{ ...massage, quantity: 0 }] }, 'lines.0.quantity'],
      ['a quantity with four decimals', { lines: [{ ...massage, quantity: 1.0001 }] }, 'lines.0.quantity'],
      ['a price in euros with decimals', { lines: [{ ...massage, unitPriceCents: 60.5 }] }, 'lines.0.unitPriceCents'],
      ['a VAT rate as text', { lines: [{ ...massage, vatRate: '25.5' }] }, 'lines.0.vatRate'],
      ['an over-long description', { lines: [{ ...massage, description: 'x'.repeat(501) }] }, 'lines.0.description'],
      ['an unknown line field', { lines: [{ ...massage, discount: 5 }] }, 'lines.0.discount'],
      ['a server-owned field', { number: 1 }, 'number'],
      ['a customer id that is not a UUID', { customerId: 'abc' }, 'customerId'],
    ];
    it.each(cases)('%s', async (_name, change, field) => {
      const before = await invoiceCount();
      const res = await staff.post(`${t}/invoices`).send({ customerId: personId, lines: [massage], ...change }).expect(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toContain(field);
      expect(await invoiceCount()).toBe(before);
    });

    it('an invalid payment date', async () => {
      const invoice = await issue((await draft(personId, [massage])).id);
      problemOf(await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 100, paidOn: '2026-02-30' }).expect(400));
      problemOf(await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: -5, paidOn: '2026-02-03' }).expect(400));
      expect((await staff.get(`${t}/invoices/${invoice.id}`).expect(200)).body.payments).toEqual([]);
    });
  });

  it('keeps tenants apart', async () => {
    const other = await ctx.newTenant();
    const otherOwner = await ctx.loginTenant(other, other.owner);
    const mine = await issue((await draft(personId, [massage])).id);
    problemOf(await otherOwner.get(`/api/t/${other.slug}/invoices/${mine.id}`).expect(404));
    problemOf(await otherOwner.post(`/api/t/${other.slug}/invoices/${mine.id}/payments`).send({ amountCents: 100, paidOn: '2026-11-25' }).expect(404));
    problemOf(await otherOwner.post(`/api/t/${other.slug}/invoices`).send({ customerId: personId, lines: [massage] }).expect(404));
    problemOf(await otherOwner.get(`/api/t/${other.slug}/customers/${personId}/balance`).expect(404));
    const payment = (await staff.post(`${t}/invoices/${mine.id}/payments`).send({ amountCents: 100, paidOn: mine.issueDate }).expect(201)).body.payments[0];
    problemOf(await otherOwner.post(`/api/t/${other.slug}/invoices/${mine.id}/payments/${payment.id}/reverse`).send({ reason: 'Not theirs to reverse' }).expect(404));
    await (await ctx.loginTenant(tenant, tenant.owner)).post(`${t}/invoices/${mine.id}/payments/${payment.id}/reverse`).send({ reason: 'Test payment' }).expect(200);
    problemOf(await staff.get(`/api/t/${other.slug}/invoices/${mine.id}`).expect(404));
    expect((await staff.get(`${t}/invoices/${mine.id}`).expect(200)).body).toMatchObject({ paidCents: 0, payments: [expect.objectContaining({ amountCents: 100, reversedAt: expect.any(String) })] });
    // Each tenant numbers its own invoices from 1.
    const theirCustomer = (await otherOwner.post(`/api/t/${other.slug}/customers`).send({ contactName: 'X', streetAddress: 'Y 1', postalCode: '00100', city: 'Helsinki' }).expect(201)).body;
    const theirDraft = (await otherOwner.post(`/api/t/${other.slug}/invoices`).send({ customerId: theirCustomer.id, lines: [massage] }).expect(201)).body;
    expect((await otherOwner.post(`/api/t/${other.slug}/invoices/${theirDraft.id}/issue`).send({}).expect(200)).body.number).toBe(1);
  });

  it('is closed to anonymous callers', async () => {
    problemOf(await ctx.http().post(`${t}/invoices`).send({ customerId: personId, lines: [massage] }).expect(401));
  });
});
