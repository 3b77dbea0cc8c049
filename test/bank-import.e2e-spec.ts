// Payments from the bank: camt.054 and the Finnish reference payment file matched to invoices by reference,
// booked once, the rest listed for a person to resolve; bad files refused whole; owner only; tenants apart.
import { rfReference, systemActor } from '@app/core';
import { RetentionService } from '@app/retention';
import { problemOf, TestContext, textBody, type Agent, type TestTenant } from '@app/testing';
import { camt054, ktl } from './fixtures/bank-files';

/** A date relative to today in Finland, so the test does not age. */
const daysFromToday = (days: number) => {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const massage = { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }; // 75.30 with VAT

describe('bank import', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let owner: Agent;
  let t: string;
  let customerId: string;
  const yesterday = daysFromToday(-1);

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    t = `/api/t/${tenant.slug}`;
    customerId = (await ctx.newCustomer(tenant, { billingFirstName: 'Pekka', billingLastName: 'Puupää', streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo' })).id;
  });
  afterAll(() => ctx.close());

  /** An invoice of 75.30 issued five days ago. */
  const invoice = async (agent = owner, path = t, customer = customerId): Promise<{ id: string; number: number; referenceNumber: string }> => {
    const issueDate = daysFromToday(-5);
    const draft = await ctx.at(`${issueDate}T09:00:00Z`, async () => (await agent.post(`${path}/invoices`).send({ customerId: customer, lines: [massage] }).expect(201)).body);
    return (await agent.post(`${path}/invoices/${draft.id}/issue`).send({ issueDate }).expect(200)).body;
  };
  const getInvoice = async (id: string) => (await owner.get(`${t}/invoices/${id}`).expect(200)).body;
  const upload = (content: string | Buffer, fileName = 'statement.xml', agent = owner, path = t) => agent.post(`${path}/bank-imports`).send({ fileName, contentBase64: b64(content) });
  const count = async (table: string) => Number((await ctx.sql<{ n: string }>(`select count(*) as n from "${tenant.schema}".${table}`))[0].n);
  const spaced = (reference: string) => reference.replace(/(\d{1,5})(?=(\d{5})+$)/g, '$1 ');

  describe('a camt.054 notification', () => {
    let a: { id: string; referenceNumber: string };
    let b: { id: string; referenceNumber: string };
    let c: { id: string; referenceNumber: string };
    let file: string;
    let result: { id: string; summary: Record<string, number>; entries: Record<string, unknown>[] };

    beforeAll(async () => {
      [a, b, c] = [await invoice(), await invoice(), await invoice()];
      await owner.post(`${t}/invoices/${c.id}/payments`).send({ amountCents: 7530, paidOn: yesterday }).expect(201);
      file = camt054([
        {
          bookedOn: yesterday,
          txs: [
            { archiveId: '20261201AA000001', amount: '75.30', reference: rfReference(a.referenceNumber), payer: 'Pekka Puupää' },
            { archiveId: '20261201AA000002', amount: '100.00', reference: spaced(b.referenceNumber.padStart(12, '0')), payer: 'Pekka Puupää' },
            { archiveId: '20261201AA000003', amount: '12.00', reference: '9999999999995', payer: 'Tuntematon Maksaja' },
            { archiveId: '20261201AA000004', amount: '8.50', payer: 'Ilman Viitettä' },
            { archiveId: '20261201AA000001', amount: '75.30', reference: rfReference(a.referenceNumber), payer: 'Pekka Puupää' },
            { archiveId: '20261201AA000005', amount: '75.30', reference: c.referenceNumber, payer: 'Maksoi Kahdesti' },
          ],
        },
        { bookedOn: yesterday, credit: false, txs: [{ archiveId: '20261201DB000001', amount: '30.00' }] },
      ]);
      const payments = await count('payment');
      const res = await upload(file, 'camt054-1.xml').expect(201);
      result = res.body;
      expect(await count('payment')).toBe(payments + 2);
    });

    it('books matched payments through billing and lists the rest with their reasons', () => {
      expect(result.summary).toEqual({ total: 6, matched: 1, overpaid: 2, unmatched: 2, duplicate: 1, open: 4, bookedCents: 7530 + 7530, openCents: 2470 + 1200 + 850 + 7530 });
      const byArchive = result.entries.map((e) => [e.archiveId, e.status, e.reason, e.bookedCents, e.openCents]);
      expect(byArchive).toEqual([
        ['20261201AA000001', 'matched', null, 7530, 0],
        ['20261201AA000002', 'overpaid', 'overpaid', 7530, 2470],
        ['20261201AA000003', 'unmatched', 'unknown_reference', 0, 1200],
        ['20261201AA000004', 'unmatched', 'no_reference', 0, 850],
        ['20261201AA000001', 'duplicate', 'repeated_in_file', 0, 0],
        ['20261201AA000005', 'overpaid', 'overpaid', 0, 7530],
      ]);
      expect(result.entries[0]).toMatchObject({ payerName: 'Pekka Puupää', bookedOn: yesterday, invoice: { id: a.id }, open: false });
      expect(result.entries[4]).toMatchObject({ duplicateOf: { entryId: result.entries[0].id, importId: result.id } });
      // Each entry names the line of the file where it is.
      const lines = file.split('\n');
      expect(lines[(result.entries[2].line as number) - 1]).toContain('<TxDtls>');
      expect(lines.slice((result.entries[2].line as number) - 1).join('\n')).toMatch(/^\s*<TxDtls>\s*<Refs><AcctSvcrRef>20261201AA000003/);
    });

    it('leaves the invoices paid, with the bank archive id and the booking date on the payment', async () => {
      const paidA = await getInvoice(a.id);
      expect(paidA).toMatchObject({ status: 'paid', paidCents: 7530 });
      expect(paidA.payments).toEqual([expect.objectContaining({ amountCents: 7530, paidOn: yesterday, reference: '20261201AA000001' })]);
      expect(await getInvoice(b.id)).toMatchObject({ status: 'paid', paidCents: 7530 });
      expect((await getInvoice(c.id)).payments).toHaveLength(1);
    });

    it('answers a re-import of the same file with 409 naming the earlier import, and books nothing', async () => {
      const before = [await count('payment'), await count('bank_entry'), await count('bank_import')];
      const problem = problemOf(await upload(file, 'again.xml').expect(409));
      expect(problem).toMatchObject({ type: expect.stringContaining('bank-file-already-imported'), earlierImport: { id: result.id, fileName: 'camt054-1.xml' } });
      expect([await count('payment'), await count('bank_entry'), await count('bank_import')]).toEqual(before);
    });

    it('books one of two imports of the same file sent at once, and answers the other 409', async () => {
      const i = await invoice();
      const once = camt054([{ bookedOn: yesterday, txs: [{ archiveId: 'RACE-1', amount: '75.30', reference: i.referenceNumber }] }], 'RACE');
      const answers = await Promise.all([upload(once, 'race-a.xml'), upload(once, 'race-b.xml')]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      expect((await getInvoice(i.id)).payments).toHaveLength(1);
    });

    it('books a payment of another file once: an archive id seen before is a duplicate', async () => {
      const d = await invoice();
      const next = camt054(
        [
          {
            bookedOn: yesterday,
            txs: [
              { archiveId: '20261201AA000001', amount: '75.30', reference: a.referenceNumber },
              { archiveId: '20261202AA000001', amount: '75.30', reference: d.referenceNumber },
            ],
          },
        ],
        'MSG-2',
      );
      const res = (await upload(next, 'camt054-2.xml').expect(201)).body;
      expect(res.entries.map((e: { status: string; reason: string | null }) => [e.status, e.reason])).toEqual([
        ['duplicate', 'already_imported'],
        ['matched', null],
      ]);
      expect(res.entries[0].duplicateOf).toEqual({ entryId: result.entries[0].id, importId: result.id, fileName: 'camt054-1.xml' });
      expect((await getInvoice(a.id)).payments).toHaveLength(1);
      expect(await getInvoice(d.id)).toMatchObject({ status: 'paid' });
    });

    it('lists the open entries for a person, and resolves them by assigning to an invoice or with a note', async () => {
      const open = (await owner.get(`${t}/bank-entries`).expect(200)).body.items as { id: string; archiveId: string; openCents: number }[];
      expect(open.map((e) => e.archiveId).sort()).toEqual(['20261201AA000002', '20261201AA000003', '20261201AA000004', '20261201AA000005']);

      // The 24.70 paid too much on B goes to another invoice of the customer.
      const e = await invoice();
      const overpaid = open.find((x) => x.archiveId === '20261201AA000002')!;
      const assigned = (await owner.post(`${t}/bank-entries/${overpaid.id}/assign`).send({ invoiceId: e.id }).expect(200)).body;
      expect(assigned).toMatchObject({ open: false, openCents: 0, bookedCents: 7530 + 2470, resolution: { kind: 'assigned', invoice: { id: e.id } } });
      expect(await getInvoice(e.id)).toMatchObject({ status: 'partially_paid', paidCents: 2470 });
      problemOf(await owner.post(`${t}/bank-entries/${overpaid.id}/assign`).send({ invoiceId: e.id }).expect(409));

      // More than is outstanding: billing refuses, nothing changes.
      const twice = open.find((x) => x.archiveId === '20261201AA000005')!;
      const paidInvoice = await invoice();
      await owner.post(`${t}/invoices/${paidInvoice.id}/payments`).send({ amountCents: 7000, paidOn: yesterday }).expect(201);
      problemOf(await owner.post(`${t}/bank-entries/${twice.id}/assign`).send({ invoiceId: paidInvoice.id }).expect(409));
      expect((await owner.get(`${t}/bank-entries`).expect(200)).body.items.map((x: { id: string }) => x.id)).toContain(twice.id);

      const noted = (await owner.post(`${t}/bank-entries/${twice.id}/resolve`).send({ note: 'Palautettu maksajalle' }).expect(200)).body;
      expect(noted).toMatchObject({ open: false, resolution: { kind: 'noted', note: 'Palautettu maksajalle', invoice: null } });
      problemOf(await owner.post(`${t}/bank-entries/${twice.id}/resolve`).send({ note: 'Again' }).expect(409));
      problemOf(await owner.post(`${t}/bank-entries/${twice.id}/resolve`).send({ note: '' }).expect(400));

      const left = (await owner.get(`${t}/bank-entries`).expect(200)).body.items.map((x: { archiveId: string }) => x.archiveId);
      expect(left.sort()).toEqual(['20261201AA000003', '20261201AA000004']);
      expect((await owner.get(`${t}/bank-imports/${result.id}`).expect(200)).body.summary).toMatchObject({ open: 2, openCents: 1200 + 850 });
    });

    it('records the import and the resolutions in the audit trail', async () => {
      const actions = (await ctx.sql<{ action: string }>(`select action from "${tenant.schema}".audit_event where subject_type in ('bank_import', 'bank_entry') order by occurred_at`)).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['bank_import.imported', 'bank_entry.assigned', 'bank_entry.resolved']));
      const paid = await ctx.sql(`select 1 from "${tenant.schema}".audit_event where action = 'invoice.payment_recorded' and subject_id = ?`, [a.id]);
      expect(paid).toHaveLength(1);
    });
  });

  describe('a reference payment file (KTL)', () => {
    it('books reference payments, reads the payer in ISO-8859-1 and lists a correction for a person', async () => {
      const f = await invoice();
      const g = await invoice();
      const text = ktl([
        { archiveId: '1201KTL000000001', cents: 7530, reference: f.referenceNumber, payer: 'MÄKINEN MATT', bookedOn: yesterday },
        { archiveId: '1201KTL000000002', cents: 2000, reference: g.referenceNumber, payer: 'ÖSTERBERG', bookedOn: yesterday },
        { archiveId: '1201KTL000000003', cents: 500, reference: g.referenceNumber, payer: 'ÖSTERBERG', bookedOn: yesterday, correction: true },
      ]);
      const res = (await upload(Buffer.from(text, 'latin1'), 'viitesiirto.txt').expect(201)).body;
      expect(res.format).toBe('ktl');
      expect(res.entries.map((e: Record<string, unknown>) => [e.line, e.status, e.reason, e.payerName, e.amountCents])).toEqual([
        [2, 'matched', null, 'MÄKINEN MATT', 7530],
        [3, 'matched', null, 'ÖSTERBERG', 2000],
        [4, 'unmatched', 'correction', 'ÖSTERBERG', 500],
      ]);
      expect(await getInvoice(f.id)).toMatchObject({ status: 'paid' });
      expect(await getInvoice(g.id)).toMatchObject({ status: 'partially_paid', paidCents: 2000 });
      problemOf(await upload(Buffer.from(text, 'latin1'), 'viitesiirto-again.txt').expect(409));
    });

    it('names the line of a malformed record and books nothing', async () => {
      const h = await invoice();
      const good = ktl([{ archiveId: '1201KTL000000009', cents: 7530, reference: h.referenceNumber, payer: 'X', bookedOn: yesterday }]);
      const lines = good.split('\r\n');
      lines[1] = lines[1].slice(0, 77) + '00000X7530' + lines[1].slice(87);
      const before = await count('payment');
      const problem = problemOf(await upload(lines.join('\r\n'), 'bad.txt').expect(422));
      expect(problem).toMatchObject({ type: expect.stringContaining('bank-file-malformed'), line: 2, column: 78 });
      expect(problem.errors).toEqual([{ field: 'content', message: expect.stringMatching(/^Line 2, column 78: /) }]);

      const wrongSum = good.replace(/^9(\d{6})(\d{11})/m, (_m, n) => `9${n}${'00000009999'}`);
      expect(problemOf(await upload(wrongSum, 'sum.txt').expect(422)).detail).toMatch(/^Line 3: the trailer says 1 payments of 9999 cents/);
      expect(await count('payment')).toBe(before);
      expect(await getInvoice(h.id)).toMatchObject({ status: 'issued' });
    });
  });

  describe('refusing a file whole', () => {
    it('refuses an unknown format with a clear 422 and books nothing', async () => {
      const before = [await count('bank_import'), await count('payment')];
      const csv = problemOf(await upload('date;amount;reference\n2026-12-01;75,30;0013\n', 'export.csv').expect(422));
      expect(csv).toMatchObject({ type: expect.stringContaining('bank-file-unknown-format'), errors: [{ field: 'content', message: expect.stringContaining('camt.054') }] });
      const statement = problemOf(await upload('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>').expect(422));
      expect(statement.detail).toContain('BkToCstmrStmt');
      expect([await count('bank_import'), await count('payment')]).toEqual(before);
    });

    it('names the line of XML that is not well-formed, and refuses a DOCTYPE', async () => {
      const broken = camt054([{ bookedOn: yesterday, txs: [{ archiveId: 'X1', amount: '1.00' }] }]).replace('</Refs>', '</Ref>');
      const res = await upload(broken).expect(422);
      problemOf(res);
      expect(res.body.line).toBe(broken.split('\n').findIndex((l) => l.includes('</Ref>')) + 1);
      problemOf(await upload('<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x "y">]>\n<Document/>').expect(422));
    });

    it('refuses a payment dated in the future (by the clock) and books nothing', async () => {
      const i = await invoice();
      const future = camt054([{ bookedOn: daysFromToday(1), txs: [{ archiveId: 'FUT-1', amount: '75.30', reference: i.referenceNumber }] }], 'FUT');
      const problem = problemOf(await upload(future).expect(422));
      expect(problem).toMatchObject({ type: expect.stringContaining('bank-file-future-date') });
      expect(await getInvoice(i.id)).toMatchObject({ status: 'issued' });
      // The same file once the day has come.
      await ctx.at(new Date(Date.now() + 86_400_000), async () => {
        expect((await upload(future).expect(201)).body.summary).toMatchObject({ matched: 1 });
      });
    });

    it('refuses bad request bodies with 400', async () => {
      problemOf(await owner.post(`${t}/bank-imports`).send({ fileName: 'x', contentBase64: 'not base64!' }).expect(400));
      problemOf(await owner.post(`${t}/bank-imports`).send({ fileName: 'x', contentBase64: b64('x'), tenantId: 'other' }).expect(400));
      problemOf(await owner.post(`${t}/bank-imports`).send({ contentBase64: b64('x') }).expect(400));
      problemOf(await owner.post(`${t}/bank-entries/not-a-uuid/resolve`).send({ note: 'abc' }).expect(400));
    });
  });

  describe('who may', () => {
    it('keeps staff out: importing a statement and resolving its entries is for the owner', async () => {
      const staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
      const anImport = (await owner.get(`${t}/bank-imports`).expect(200)).body.items[0];
      const anEntry = (await owner.get(`${t}/bank-entries`).expect(200)).body.items[0];
      problemOf(await upload(camt054([{ bookedOn: yesterday, txs: [{ archiveId: 'ST-1', amount: '1.00' }] }]), 's.xml', staff).expect(403));
      await staff.get(`${t}/bank-imports`).expect(403);
      await staff.get(`${t}/bank-imports/${anImport.id}`).expect(403);
      await staff.get(`${t}/bank-entries`).expect(403);
      await staff.post(`${t}/bank-entries/${anEntry.id}/resolve`).send({ note: 'not mine' }).expect(403);
      await staff.post(`${t}/bank-entries/${anEntry.id}/assign`).send({ invoiceId: anEntry.id }).expect(403);
      await ctx.agent().get(`${t}/bank-imports`).expect(401);
      const portal = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant));
      expect([401, 403, 404]).toContain((await portal.get(`${t}/bank-imports`)).status);
    });

    it("keeps tenants apart: another tenant's owner sees none of it and books nothing with its references", async () => {
      const other = await ctx.newTenant();
      const otherOwner = await ctx.loginTenant(other, other.owner);
      const o = `/api/t/${other.slug}`;
      const anImport = (await owner.get(`${t}/bank-imports`).expect(200)).body.items[0];
      const anEntry = (await owner.get(`${t}/bank-entries`).expect(200)).body.items[0];
      expect((await otherOwner.get(`${o}/bank-imports`).expect(200)).body.items).toEqual([]);
      expect((await otherOwner.get(`${o}/bank-entries`).expect(200)).body.items).toEqual([]);
      await otherOwner.get(`${o}/bank-imports/${anImport.id}`).expect(404);
      await otherOwner.post(`${o}/bank-entries/${anEntry.id}/resolve`).send({ note: 'not ours' }).expect(404);
      await otherOwner.get(`${t}/bank-imports`).expect(404);
      await otherOwner.post(`${t}/bank-entries/${anEntry.id}/resolve`).send({ note: 'not ours' }).expect(404);

      // A reference of this tenant's invoice, paid into the other tenant's account, finds nothing there.
      const mine = await invoice();
      const otherCustomer = (await ctx.newCustomer(other, { contactName: 'Muu', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki' })).id;
      await invoice(otherOwner, o, otherCustomer);
      const res = (await upload(camt054([{ bookedOn: yesterday, txs: [{ archiveId: 'ISO-1', amount: '75.30', reference: rfReference(mine.referenceNumber) }] }], 'ISO'), 'x.xml', otherOwner, o).expect(201)).body;
      expect(res.entries[0]).toMatchObject({ status: 'unmatched', reason: 'unknown_reference' });
      expect(await getInvoice(mine.id)).toMatchObject({ status: 'issued' });
      // The same file is this tenant's own to import: the other tenant's import does not block it.
      const same = camt054([{ bookedOn: yesterday, txs: [{ archiveId: 'ISO-1', amount: '75.30', reference: rfReference(mine.referenceNumber) }] }], 'ISO');
      expect((await upload(same, 'x.xml').expect(201)).body.entries[0]).toMatchObject({ status: 'matched' });
    });
  });
  describe('the person and the legal period', () => {
    it("shows the bank's record of a payment in the payer's access export", async () => {
      const paid = await invoice();
      await upload(camt054([{ bookedOn: yesterday, txs: [{ archiveId: 'EXPORT-1', amount: '75.30', reference: paid.referenceNumber, payer: 'Pekka Puupää' }] }]), 'export.xml').expect(201);
      const request = (await owner.post(`${t}/requests`).send({ customerId, type: 'access', channel: 'email' }).expect(201)).body;
      await owner.post(`${t}/requests/${request.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
      await owner.post(`${t}/requests/${request.id}/complete`).send({}).expect(200);
      const exported = JSON.parse((await owner.get(`${t}/requests/${request.id}/export?format=json`).buffer(true).parse(textBody).expect(200)).body as string);
      expect(exported.bankPayments).toContainEqual({ bookedOn: yesterday, amountCents: 7530, currency: 'EUR', payerName: 'Pekka Puupää', reference: paid.referenceNumber, archiveId: 'EXPORT-1', invoiceNumber: paid.number });
      // Another customer's export holds none of it.
      const stranger = (await ctx.newCustomer(tenant, { contactName: 'Vieras' })).id;
      const theirs = (await owner.post(`${t}/requests`).send({ customerId: stranger, type: 'access', channel: 'email' }).expect(201)).body;
      await owner.post(`${t}/requests/${theirs.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
      await owner.post(`${t}/requests/${theirs.id}/complete`).send({}).expect(200);
      expect(JSON.parse((await owner.get(`${t}/requests/${theirs.id}/export?format=json`).buffer(true).parse(textBody).expect(200)).body as string).bankPayments).toEqual([]);
    });

    it("deletes the bank's records with their payer names once their accounting period is over, and nothing younger", async () => {
      ctx.clock.set('2026-12-01T10:00:00Z');
      try {
        const old = (await upload(camt054([{ bookedOn: '2026-11-02', txs: [{ archiveId: 'OLD-1', amount: '5.00', payer: 'Vanha Maksaja' }] }]), 'old.xml').expect(201)).body;
        const young = (await upload(camt054([{ bookedOn: '2026-11-03', txs: [{ archiveId: 'YOUNG-1', amount: '6.00', payer: 'Nuori Maksaja' }] }]), 'young.xml').expect(201)).body;
        // As if booked and imported in 2019: six years from the end of 2019 ended with 2025.
        await ctx.sql(`update "${tenant.schema}".bank_entry set booked_on = '2019-06-03' where import_id = ?`, [old.id]);
        await ctx.sql(`update "${tenant.schema}".bank_import set imported_at = '2019-06-04T10:00:00Z' where id = ?`, [old.id]);
        await ctx.sql(`update "${tenant.schema}".bank_entry set booked_on = '2020-06-03' where import_id = ?`, [young.id]);

        const report = await ctx.get(RetentionService).runAll(systemActor('test'));
        expect(report.tenants.find((r) => r.tenant === tenant.slug)).toMatchObject({ bankEntriesPurged: 1 });
        expect(await ctx.sql(`select 1 from "${tenant.schema}".bank_entry where payer_name = 'Vanha Maksaja'`)).toEqual([]);
        expect(await ctx.sql(`select 1 from "${tenant.schema}".bank_import where id = ?`, [old.id])).toEqual([]);
        expect(await ctx.sql(`select 1 from "${tenant.schema}".bank_entry where payer_name = 'Nuori Maksaja'`)).toHaveLength(1);
        await owner.get(`${t}/bank-imports/${young.id}`).expect(200);
        await owner.get(`${t}/bank-imports/${old.id}`).expect(404);
        expect(await ctx.sql(`select actor from "${tenant.schema}".audit_event where action = 'bank_import.purged' and subject_id = ?`, [old.id])).toEqual([{ actor: 'test' }]);
      } finally {
        ctx.clock.reset();
      }
    });
  });
});
