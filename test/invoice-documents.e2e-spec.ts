// Invoices people can pay (issue 15): the seller's details and account, the invoice PDF (its text extracted
// and every required field asserted), Finvoice 3.0 for company customers, sending the PDF by e-mail through
// the outbox; role limits and tenant isolation on every new route.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { type Agent, pdfText, problemOf, TestContext, type TestTenant, textBody } from '@app/testing';

const BIC = 'OKOYFIHH';
const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };
const gym = { description: 'Kuntosalikäynti', quantity: 2, unitPriceCents: 1500, vatRate: 10 };

/** The text of every page of a PDF, as a reader (pdf.js) extracts it: nothing is taken from how it was made. */
const binary = (res: { on: (e: string, cb: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('invoice documents', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let t: string;
  let companyId: string;
  let personId: string;
  let quietId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    t = `/api/t/${tenant.slug}`;
    companyId = (await ctx.newCustomer(tenant, { businessId: '0112038-9', companyName: 'Yritys Oy', email: 'laskut@yritys.test', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki' })).id;
    personId = (await ctx.newCustomer(tenant, { billingFirstName: 'Pekka', billingLastName: 'Puupää', streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo', email: 'pekka@puupaa.test' })).id;
    quietId = (await ctx.newCustomer(tenant, { contactName: 'Ei Sähköpostia', email: null as unknown as string, streetAddress: 'Polku 3', postalCode: '33100', city: 'Tampere' })).id;
  });
  afterAll(() => ctx.close());

  const issued = async (customerId: string, lines = [massage, gym]) => {
    const draft = (await staff.post(`${t}/invoices`).send({ customerId, lines }).expect(201)).body;
    return (await staff.post(`${t}/invoices/${draft.id}/issue`).send({}).expect(200)).body;
  };
  const pdf = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary);
  const setSeller = async (changes: Record<string, unknown>) => {
    const current = (await owner.get(`${t}/seller`).expect(200)).body;
    return owner.put(`${t}/seller`).send({ legalName: current.legalName, businessId: current.businessId, streetAddress: current.streetAddress, postalCode: current.postalCode, city: current.city, iban: current.iban, bic: current.bic, version: current.version, ...changes });
  };

  describe('seller details', () => {
    it('refuses a payable invoice document until the seller has an account', async () => {
      const invoice = await issued(personId);
      expect(problemOf(await staff.get(`${t}/invoices/${invoice.id}/pdf`).expect(409)).type).toMatch(/payment-account-missing$/);
    });

    it('the owner sets the legal identity, IBAN and BIC; spaces and case are tidied', async () => {
      const res = await setSeller({ legalName: 'Hyvinvointi Oy', streetAddress: 'Merivirta 5 A', postalCode: '02320', city: 'Espoo', iban: 'fi49 5000 9420 0287 30', bic: 'okoyfihh' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ legalName: 'Hyvinvointi Oy', businessId: '2832233-5', iban: 'FI4950009420028730', bic: 'OKOYFIHH' });
      expect((await staff.get(`${t}/seller`).expect(200)).body).toMatchObject({ iban: 'FI4950009420028730', bic: BIC });
      const [audit] = await ctx.sql<{ action: string }>(`select action from "${tenant.schema}".audit_event where action = 'seller.changed'`);
      expect(audit).toBeDefined();
    });

    it.each([
      [{ iban: 'FI49 5000 9420 0287 31' }, 'iban'], // a wrong check digit
      [{ iban: 'FI49' }, 'iban'],
      [{ bic: 'OKOY' }, 'bic'],
      [{ bic: 'OKOY FI HH XXXX' }, 'bic'],
      [{ iban: null }, 'iban'], // one without the other
      [{ businessId: '2832233-4' }, 'businessId'],
      [{ postalCode: '123' }, 'postalCode'],
    ])('refuses %o naming the field %s, and changes nothing', async (changes, field) => {
      const before = (await owner.get(`${t}/seller`).expect(200)).body;
      const problem = problemOf(await setSeller(changes));
      expect(problem.status).toBe(400);
      expect(problem.errors?.map((e) => e.field)).toContain(field);
      expect((await owner.get(`${t}/seller`).expect(200)).body).toEqual(before);
    });

    it('a stale version answers 409; staff cannot change the details', async () => {
      const current = (await owner.get(`${t}/seller`).expect(200)).body;
      expect((await setSeller({ version: current.version - 1 })).status).toBe(409);
      problemOf(await staff.put(`${t}/seller`).send({ ...current }).expect(403));
      expect((await owner.get(`${t}/seller`).expect(200)).body).toEqual(current);
    });
  });

  describe('PDF', () => {
    it('has every field a payable Finnish invoice needs, as text a reader extracts', async () => {
      const invoice = await issued(companyId);
      const res = await pdf(staff, `${t}/invoices/${invoice.id}/pdf`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="lasku-${invoice.number}.pdf"`);
      const body = res.body as Buffer;
      expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(body);
      const [y, m, d] = invoice.dueDate.split('-');
      // The barcode computed here from its parts, per the guide: version 4, account, euros, cents, 000, reference, YYMMDD.
      const barcode = `4${'4950009420028730'}${String(invoice.totals.grossCents).padStart(8, '0')}000${invoice.referenceNumber.padStart(20, '0')}${y.slice(2)}${m}${d}`;
      expect(barcode).toHaveLength(54);
      for (const field of [
        'LASKU',
        `Laskun numero ${invoice.number}`,
        'Hyvinvointi Oy', // the seller as snapshotted at issue
        'Merivirta 5 A',
        '02320 Espoo',
        'Y-tunnus 2832233-5',
        'Yritys Oy', // the buyer
        'Tie 1',
        '00100 Helsinki',
        'Y-tunnus 0112038-9',
        'Hieronta 60 min',
        'Kuntosalikäynti',
        'ALV 25,5 %', // VAT per rate
        'ALV 10 %',
        '15,30 €',
        '3,00 €',
        'Veroton yhteensä 90,00 €',
        'ALV yhteensä 18,30 €',
        'Yhteensä (EUR) 108,30 €',
        `Eräpäivä ${Number(d)}.${Number(m)}.${y}`,
        'FI49 5000 9420 0287 30',
        `BIC ${BIC}`,
        invoice.referenceNumber.replace(/(?=(\d{5})+$)/g, ' ').trim(),
        invoice.rfReference.replace(/(.{4})(?=.)/g, '$1 '),
        barcode.replace(/(.{6})(?=.)/g, '$1 '),
      ]) {
        expect(text).toContain(field);
      }
    });

    it('is English on request (and for a buyer abroad), with the RF reference in a version 5 barcode', async () => {
      const invoice = await issued(personId, [massage]);
      const text = await pdfText((await pdf(owner, `${t}/invoices/${invoice.id}/pdf?lang=en`).expect(200)).body);
      const rf = invoice.rfReference as string;
      const [y, m, d] = invoice.dueDate.split('-');
      const barcode = `5${'4950009420028730'}${String(7530).padStart(8, '0')}${rf.slice(2, 4)}${rf.slice(4).padStart(21, '0')}${y.slice(2)}${m}${d}`;
      for (const field of ['INVOICE', 'Pekka Puupää', 'Kuja 2', 'VAT 25.5 %', 'Total (EUR) €75.30', `Due date ${invoice.dueDate}`, 'Business ID 2832233-5', barcode.replace(/(.{6})(?=.)/g, '$1 ')]) {
        expect(text).toContain(field);
      }
      problemOf(await owner.get(`${t}/invoices/${invoice.id}/pdf?lang=sv`).expect(400));
    });

    it('prints names beyond Latin-1', async () => {
      const customer = await ctx.newCustomer(tenant, { contactName: 'Łukasz Wiśniewski', streetAddress: 'Świętokrzyska 3', postalCode: '00100', city: 'Helsinki' });
      const invoice = await issued(customer.id, [massage]);
      const text = await pdfText((await pdf(staff, `${t}/invoices/${invoice.id}/pdf`).expect(200)).body);
      expect(text).toContain('Łukasz Wiśniewski');
      expect(text).toContain('Świętokrzyska 3');
    });

    it('a paid invoice has no barcode; a draft has no document', async () => {
      const invoice = await issued(personId, [massage]);
      await staff.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: 7530, paidOn: invoice.issueDate }).expect(201);
      const text = await pdfText((await pdf(staff, `${t}/invoices/${invoice.id}/pdf`).expect(200)).body);
      expect(text).toContain('Ei maksettavaa.');
      expect(text).not.toContain('Virtuaaliviivakoodi');
      const draft = (await staff.post(`${t}/invoices`).send({ customerId: personId, lines: [massage] }).expect(201)).body;
      expect(problemOf(await staff.get(`${t}/invoices/${draft.id}/pdf`).expect(409)).type).toMatch(/invoice-not-issued$/);
    });
  });

  describe('Finvoice 3.0', () => {
    it('has the mandatory parts for a company customer: transmission, seller, buyer, details, status, rows with VAT, EPI', async () => {
      const invoice = await issued(companyId);
      const res = await staff.get(`${t}/invoices/${invoice.id}/finvoice`).buffer(true).parse(textBody).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      const xml = res.body as string;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed message is walked by element names
      const doc = create(xml).end({ format: 'object' }) as unknown as { Finvoice: Record<string, any> };
      const f = doc.Finvoice;
      expect(f['@Version']).toBe('3.0');
      // The order the schema requires.
      const order = Object.keys(f).filter((k) => !k.startsWith('@'));
      expect(order).toEqual(['MessageTransmissionDetails', 'SellerPartyDetails', 'SellerInformationDetails', 'BuyerPartyDetails', 'InvoiceDetails', 'PaymentStatusDetails', 'VirtualBankBarcode', 'InvoiceRow', 'EpiDetails']);
      expect(f.MessageTransmissionDetails.MessageReceiverDetails.ToIdentifier).toBe('003701120389');
      expect(f.SellerPartyDetails).toMatchObject({ SellerPartyIdentifier: '2832233-5', SellerOrganisationName: 'Hyvinvointi Oy', SellerOrganisationTaxCode: 'FI28322335' });
      expect(f.BuyerPartyDetails).toMatchObject({ BuyerPartyIdentifier: '0112038-9', BuyerOrganisationName: 'Yritys Oy' });
      expect(f.InvoiceDetails).toMatchObject({ InvoiceTypeCode: 'INV01', InvoiceNumber: String(invoice.number), InvoiceDate: { '@Format': 'CCYYMMDD', '#': invoice.issueDate.replace(/-/g, '') } });
      expect(f.InvoiceDetails.InvoiceTotalVatIncludedAmount).toEqual({ '@AmountCurrencyIdentifier': 'EUR', '#': '108,30' });
      expect(f.InvoiceDetails.VatSpecificationDetails).toEqual([
        { VatBaseAmount: { '@AmountCurrencyIdentifier': 'EUR', '#': '60,00' }, VatRatePercent: '25,5', VatRateAmount: { '@AmountCurrencyIdentifier': 'EUR', '#': '15,30' } },
        { VatBaseAmount: { '@AmountCurrencyIdentifier': 'EUR', '#': '30,00' }, VatRatePercent: '10', VatRateAmount: { '@AmountCurrencyIdentifier': 'EUR', '#': '3,00' } },
      ]);
      expect(f.PaymentStatusDetails.PaymentStatusCode).toBe('NOTPAID');
      expect(f.InvoiceRow).toHaveLength(2);
      expect(f.InvoiceRow[1]).toMatchObject({ ArticleName: 'Kuntosalikäynti', RowVatRatePercent: '10', RowVatExcludedAmount: { '#': '30,00' }, RowAmount: { '#': '33,00' } });
      const epi = f.EpiDetails;
      expect(epi.EpiPartyDetails.EpiBfiPartyDetails.EpiBfiIdentifier).toEqual({ '@IdentificationSchemeName': 'BIC', '#': BIC });
      expect(epi.EpiPartyDetails.EpiBeneficiaryPartyDetails.EpiAccountID).toEqual({ '@IdentificationSchemeName': 'IBAN', '#': 'FI4950009420028730' });
      expect(epi.EpiPaymentInstructionDetails).toMatchObject({
        EpiRemittanceInfoIdentifier: { '@IdentificationSchemeName': 'SPY', '#': invoice.referenceNumber },
        EpiInstructedAmount: { '#': '108,30' },
        EpiDateOptionDate: { '#': invoice.dueDate.replace(/-/g, '') },
      });
    });

    it('is refused for a private customer (422)', async () => {
      const invoice = await issued(personId, [massage]);
      expect(problemOf(await staff.get(`${t}/invoices/${invoice.id}/finvoice`).expect(422)).type).toMatch(/not-a-company-customer$/);
    });
  });

  describe('sending', () => {
    it("e-mails the PDF to the customer through the outbox, audited", async () => {
      const invoice = await issued(personId, [massage]);
      const sent = (await staff.post(`${t}/invoices/${invoice.id}/send`).send({}).expect(202)).body;
      expect(sent).toMatchObject({ to: 'pekka@puupaa.test' });
      await ctx.mailMatching('pekka@puupaa.test', new RegExp(`(lasku-${invoice.number}\\.pdf)`));
      // The .eml as written: find the attachment and read its text back.
      const dir = join(ctx.config.dataDir, 'mail');
      const eml = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).find((m) => m.includes(`lasku-${invoice.number}.pdf`))!;
      expect(eml).toContain(`Subject: Lasku ${invoice.number} / Hyvinvointi Oy`);
      const part = eml.split(/\r?\n--/).find((p) => p.includes(`filename=lasku-${invoice.number}.pdf`))!;
      expect(part).toMatch(/Content-Type: application\/pdf/);
      const attachment = Buffer.from(part.split(/\r?\n\r?\n/)[1].replace(/\s/g, ''), 'base64');
      const text = await pdfText(attachment);
      expect(text).toContain('Pekka Puupää');
      expect(text).toContain(`Laskun numero ${invoice.number}`);
      const events = await ctx.sql<{ action: string }>(`select action from "${tenant.schema}".audit_event where action = 'invoice.sent' and subject_id = ?`, [invoice.id]);
      expect(events).toHaveLength(1);
    });

    it('refuses a customer with no e-mail address, queueing nothing', async () => {
      const invoice = await issued(quietId, [massage]);
      const before = (await ctx.sql<{ n: string }>(`select count(*) as n from platform.outbox_message`))[0].n;
      expect(problemOf(await staff.post(`${t}/invoices/${invoice.id}/send`).send({}).expect(409)).type).toMatch(/customer-has-no-email$/);
      expect((await ctx.sql<{ n: string }>(`select count(*) as n from platform.outbox_message`))[0].n).toBe(before);
    });
  });

  it('keeps tenants apart and closed to callers without a staff role', async () => {
    const mine = await issued(companyId);
    const other = await ctx.newTenant();
    const otherOwner = await ctx.loginTenant(other, other.owner);
    for (const path of ['pdf', 'finvoice']) {
      problemOf(await otherOwner.get(`/api/t/${other.slug}/invoices/${mine.id}/${path}`).expect(404));
      problemOf(await otherOwner.get(`/api/t/${tenant.slug}/invoices/${mine.id}/${path}`).expect(404));
      problemOf(await ctx.agent().get(`${t}/invoices/${mine.id}/${path}`).expect(401));
    }
    problemOf(await otherOwner.post(`/api/t/${other.slug}/invoices/${mine.id}/send`).send({}).expect(404));
    problemOf(await otherOwner.post(`/api/t/${tenant.slug}/invoices/${mine.id}/send`).send({}).expect(404));
    problemOf(await otherOwner.put(`/api/t/${tenant.slug}/seller`).send({}).expect(404));
    // The other tenant's seller is its own, untouched by ours.
    expect((await otherOwner.get(`/api/t/${other.slug}/seller`).expect(200)).body).toMatchObject({ iban: null, bic: null });
    const portal = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant, { contactName: 'Portaali', email: 'portaali@x.test' }));
    for (const path of ['pdf', 'finvoice']) expect([401, 403, 404]).toContain((await portal.get(`${t}/invoices/${mine.id}/${path}`)).status);
    expect([401, 403, 404]).toContain((await portal.post(`${t}/invoices/${mine.id}/send`).send({})).status);
  });
});
