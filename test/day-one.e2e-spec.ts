// Day one (issue 15): finding customers as people write them, the register as CSV for Excel, and invoices
// across customers with filters and sums; tenant isolation and role limits on every new route.
import type { Response } from 'supertest';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

/** The raw bytes of a response (a BOM must not be lost to a text decoder on the way). */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const names = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id).sort();

describe('day one', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let otherOwner: Agent;
  let t: string;
  let kovacs: string;
  let makinen: string;
  let company: string;
  let hostile: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    other = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    otherOwner = await ctx.loginTenant(other, other.owner);
    t = `/api/t/${tenant.slug}`;
    const create = async (fields: Record<string, unknown>) => (await staff.post(`${t}/customers`).send(fields).expect(201)).body.id as string;
    kovacs = await create({ contactName: 'Kovács Péter', phone: '040 123 4567', email: 'peter.kovacs@example.hu', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki' });
    makinen = await create({ billingFirstName: 'Äijä', billingLastName: 'Mäkinen', phone: '+358 50 765 4321', email: 'aija@example.fi', streetAddress: 'Kuja 2', postalCode: '02320', city: 'Espoo' });
    company = await create({ companyName: 'Östersundin Sähkö Oy', businessId: '0112038-9', contactName: 'Kaisa Kontakti', streetAddress: 'Katu 3', postalCode: '00200', city: 'Helsinki' });
    hostile = await create({ contactName: '=HYPERLINK("http://evil.example","x")', city: 'Tampere; "keskusta"' });
    // The other tenant has look-alikes that must never show here.
    await otherOwner.post(`/api/t/${other.slug}/customers`).send({ contactName: 'Kovács Anna', phone: '040 123 4567', businessId: '0112038-9' }).expect(201);
  }, 90_000);
  afterAll(() => ctx.close());

  describe('search finds customers as people write them', () => {
    const search = (q: string) => staff.get(`${t}/customers`).query({ q }).expect(200);

    it.each(['0401234567', '040 123 4567', '+358 40 123 4567', '+358401234567', '040-123 45', '00358 40 123', '123 4567'])('a phone typed as %s', async (q) => {
      expect(names(await search(q))).toEqual([kovacs]);
    });

    it.each(['Kovacs', 'kovacs', 'KOVÁCS', 'Kovács', 'peter', 'kovacs péter'])('a name without (or with) its accents: %s', async (q) => {
      expect(names(await search(q))).toEqual([kovacs]);
    });

    it.each(['makinen', 'Mäkinen', 'MAKINEN', 'aija makinen', 'ostersundin sahko', 'Östersundin'])('Finnish letters folded: %s', async (q) => {
      expect(names(await search(q))).toHaveLength(1);
    });

    it('an e-mail by a part', async () => {
      expect(names(await search('kovacs@example'))).toEqual([kovacs]);
      expect(names(await search('@example.fi'))).toEqual([makinen]);
    });

    it('a company by its business ID, with or without the hyphen', async () => {
      expect(names(await search('0112038-9'))).toEqual([company]);
      expect(names(await search('01120389'))).toEqual([company]);
    });

    it('still sorts and pages with a search', async () => {
      const first = await staff.get(`${t}/customers`).query({ q: '@example', sort: 'name', limit: 1 }).expect(200);
      expect(first.body.items).toHaveLength(1);
      const second = await staff.get(`${t}/customers`).query({ q: '@example', sort: 'name', limit: 1, cursor: first.body.nextCursor }).expect(200);
      expect([first.body.items[0].id, second.body.items[0].id].sort()).toEqual([kovacs, makinen].sort());
      expect(second.body.nextCursor).toBeNull();
    });

    it('treats like-wildcards as text', async () => {
      expect(names(await search('%'))).toEqual([]);
      expect(names(await search('_'))).toEqual([]);
    });

    it('uses the trigram index on the folded key', async () => {
      const plan = await ctx.orm.em.fork().transactional(async (em) => {
        // A few rows: PostgreSQL would rightly scan them; forbid that to see the index is usable at all.
        await em.execute('set local enable_seqscan = off');
        return (await em.execute(`explain select id from "${tenant.schema}".customer where search_key like "${tenant.schema}".search_fold('%kovács%')`)) as { 'QUERY PLAN': string }[];
      });
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/customer_search_key_idx/);
    });
  });

  describe('CSV export', () => {
    const download = (agent: Agent) => agent.get(`${t}/customers/export`).buffer(true).parse(binary);

    it('gives owners the whole register for Finnish Excel: BOM, semicolons, quoting, formulas disarmed', async () => {
      const res = await download(owner).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      const lines = text.split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines[0]).toBe('id;businessId;companyName;contactName;email;phone;streetAddress;postalCode;city;country;billingFirstName;billingLastName;createdAt;updatedAt');
      expect(lines).toHaveLength(1 + 4 + 1);
      const row = (id: string) => lines.find((l) => l.startsWith(id))!.split(';');
      expect(row(makinen).slice(0, 12)).toEqual([makinen, '', '', '', 'aija@example.fi', "'+358507654321", 'Kuja 2', '02320', 'Espoo', 'FI', 'Äijä', 'Mäkinen']);
      expect(row(company)[2]).toBe('Östersundin Sähkö Oy');
      // The formula starts with an apostrophe; the quotes and the semicolon are quoted.
      const hostileLine = lines.find((l) => l.startsWith(hostile))!;
      expect(hostileLine).toContain(`;"'=HYPERLINK(""http://evil.example"",""x"")";`);
      expect(hostileLine).toContain(`;"Tampere; ""keskusta""";`);
      expect(text).not.toMatch(/;=/);
    });

    it('records each export in the audit trail', async () => {
      const before = await ctx.sql<{ n: string }>(`select count(*) as n from "${tenant.schema}".audit_event where action = 'customers.exported'`);
      await download(owner).expect(200);
      const rows = await ctx.sql<{ actor: string; subject_type: string; subject_id: string | null; fields: string[] }>(
        `select actor, subject_type, subject_id, fields from "${tenant.schema}".audit_event where action = 'customers.exported' order by occurred_at desc, id desc`,
      );
      expect(rows).toHaveLength(Number(before[0].n) + 1);
      expect(rows[0]).toMatchObject({ subject_type: 'customer_list', subject_id: null });
      expect(rows[0].actor).toMatch(new RegExp(`^tenant-staff:${tenant.id}:`));
      expect(rows[0].fields).toContain('email');
    });

    it('is for owners only, and each tenant exports its own register', async () => {
      problemOf(await staff.get(`${t}/customers/export`).expect(403));
      problemOf(await otherOwner.get(`${t}/customers/export`).expect(404));
      const theirs = await otherOwner.get(`/api/t/${other.slug}/customers/export`).buffer(true).parse(binary).expect(200);
      const text = (theirs.body as Buffer).toString('utf8');
      expect(text).toContain('Kovács Anna');
      expect(text).not.toContain('Kovács Péter');
      expect(await ctx.sql(`select 1 from "${tenant.schema}".audit_event where action = 'customers.exported' and actor like ?`, [`%${other.id}%`])).toEqual([]);
    });
  });

  describe('invoices across customers', () => {
    const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const daysFromToday = (days: number) => {
      const d = new Date(`${today()}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const line = (cents: number) => ({ description: 'Palvelu', quantity: 1, unitPriceCents: cents, vatRate: 0 });
    let overdueOld: string;
    let overdueNew: string;
    let open: string;
    let paid: string;
    let draftId: string;

    beforeAll(async () => {
      const make = async (customerId: string, cents: number, issueDate: string | null, term = 14) => {
        const draft = await ctx.at(`${issueDate ?? today()}T08:00:00Z`, async () => (await staff.post(`${t}/invoices`).send({ customerId, lines: [line(cents)], paymentTermDays: term }).expect(201)).body);
        if (issueDate) await staff.post(`${t}/invoices/${draft.id}/issue`).send({ issueDate }).expect(200);
        return draft.id as string;
      };
      overdueOld = await make(kovacs, 10000, daysFromToday(-40)); // due 26 days ago
      overdueNew = await make(makinen, 2500, daysFromToday(-20)); // due 6 days ago
      await staff.post(`${t}/invoices/${overdueNew}/payments`).send({ amountCents: 500, paidOn: daysFromToday(-1) }).expect(201);
      open = await make(company, 4000, daysFromToday(-1)); // due in 13 days
      paid = await make(kovacs, 1000, daysFromToday(-3));
      await staff.post(`${t}/invoices/${paid}/payments`).send({ amountCents: 1000, paidOn: daysFromToday(-1) }).expect(201);
      draftId = await make(company, 777, null);
      // Another tenant's overdue invoice must never show here.
      const theirs = (await otherOwner.get(`/api/t/${other.slug}/customers`).expect(200)).body.items[0].id;
      const d = await ctx.at(`${daysFromToday(-40)}T08:00:00Z`, async () => (await otherOwner.post(`/api/t/${other.slug}/invoices`).send({ customerId: theirs, lines: [line(99999)] }).expect(201)).body);
      await otherOwner.patch(`/api/t/${other.slug}/customers/${theirs}`).send({ streetAddress: 'X 1', postalCode: '00100', city: 'Helsinki', version: 1 }).expect(200);
      await otherOwner.post(`/api/t/${other.slug}/invoices/${d.id}/issue`).send({ issueDate: daysFromToday(-40) }).expect(200);
    }, 60_000);

    const list = (query: Record<string, unknown> = {}, agent: Agent = staff) => agent.get(`${t}/invoices`).query(query).expect(200);

    it('lists every invoice, overdue first (oldest due first), drafts last, with names and sums of all', async () => {
      const res = await list();
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([overdueOld, overdueNew, paid, open, draftId]);
      expect(res.body.items[0]).toMatchObject({ status: 'overdue', overdue: true, customerName: 'Kovács Péter', grossCents: 10000, outstandingCents: 10000, customerId: kovacs });
      expect(res.body.items[1]).toMatchObject({ status: 'overdue', customerName: 'Äijä Mäkinen', paidCents: 500, outstandingCents: 2000 });
      expect(res.body.items[4]).toMatchObject({ status: 'draft', number: null, customerName: 'Östersundin Sähkö Oy', outstandingCents: 0 });
      expect(res.body.sums).toEqual({ count: 5, grossCents: 10000 + 2500 + 4000 + 1000, outstandingCents: 10000 + 2000 + 4000, overdueCents: 12000 });
      expect(res.body.nextOffset).toBeNull();
    });

    it('filters by overdue, status, customer and issue date, the sums following the filters', async () => {
      const overdue = await list({ overdue: 'true' });
      expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([overdueOld, overdueNew]);
      expect(overdue.body.sums).toEqual({ count: 2, grossCents: 12500, outstandingCents: 12000, overdueCents: 12000 });
      expect((await list({ overdue: 'false' })).body.items.map((i: { id: string }) => i.id)).toEqual([paid, open, draftId]);
      expect((await list({ status: 'paid' })).body.items.map((i: { id: string }) => i.id)).toEqual([paid]);
      expect((await list({ status: 'draft' })).body.sums).toEqual({ count: 1, grossCents: 0, outstandingCents: 0, overdueCents: 0 });
      expect((await list({ customerId: kovacs })).body.items.map((i: { id: string }) => i.id)).toEqual([overdueOld, paid]);
      expect((await list({ from: daysFromToday(-25), to: daysFromToday(-2) })).body.items.map((i: { id: string }) => i.id)).toEqual([overdueNew, paid]);
      expect((await list({ customerId: kovacs, overdue: 'true' })).body.sums.count).toBe(1);
    });

    it('moves an invoice into overdue as the clock passes its due date', async () => {
      const later = await ctx.at(`${daysFromToday(20)}T10:00:00Z`, () => list({ overdue: 'true' }));
      expect(later.body.items.map((i: { id: string }) => i.id)).toEqual([overdueOld, overdueNew, open]);
    });

    it('pages by offset', async () => {
      const first = await list({ limit: 2 });
      expect(first.body.nextOffset).toBe(2);
      const second = await list({ limit: 2, offset: 2 });
      const third = await list({ limit: 2, offset: 4 });
      expect(third.body.nextOffset).toBeNull();
      expect([...first.body.items, ...second.body.items, ...third.body.items].map((i: { id: string }) => i.id)).toEqual([overdueOld, overdueNew, paid, open, draftId]);
      expect(second.body.sums.count).toBe(5);
    });

    it('refuses bad filters with 400', async () => {
      for (const query of [{ status: 'overdue' }, { overdue: 'yes' }, { from: '2026-13-01' }, { customerId: 'nope' }, { limit: 0 }, { offset: -1 }]) {
        problemOf(await staff.get(`${t}/invoices`).query(query).expect(400));
      }
    });

    it("keeps tenants apart: the other tenant's list has only its own, and cannot read this one", async () => {
      const theirs = await otherOwner.get(`/api/t/${other.slug}/invoices`).expect(200);
      expect(theirs.body.sums.count).toBe(1);
      expect(theirs.body.items[0].grossCents).toBe(99999);
      expect((await list()).body.items.map((i: { grossCents: number }) => i.grossCents)).not.toContain(99999);
      problemOf(await otherOwner.get(`${t}/invoices`).expect(404));
      await otherOwner.get(`/api/t/${other.slug}/invoices`).query({ customerId: kovacs }).expect(200).expect((res) => expect(res.body.items).toEqual([]));
    });

    it('is closed to anonymous callers', async () => {
      problemOf(await ctx.http().get(`${t}/invoices`).expect(401));
      problemOf(await ctx.http().get(`${t}/customers/export`).expect(401));
    });
  });
});
