// Retention runs: invoices past their period are purged (with lines and payments) and nothing younger; customers
// without an invoice or a login for the review period are flagged, and unflagged when active again; each tenant
// runs in its own transaction; owners alone see their own tenant's review list.
import { systemActor } from '@app/core';
import { RetentionService, type RetentionReport } from '@app/retention';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const massage = { description: 'Hieronta', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };

describe('retention', () => {
  let ctx: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let ownerA: Agent;
  let staffA: Agent;
  let ownerB: Agent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    a = await ctx.newTenant();
    b = await ctx.newTenant();
    ownerA = await ctx.loginTenant(a, a.owner);
    staffA = await ctx.loginTenant(a, await ctx.newTenantStaff(a, 'staff'));
    ownerB = await ctx.loginTenant(b, b.owner);
  });
  afterAll(() => ctx.close());

  const run = () => ctx.get(RetentionService).runAll(systemActor('test'));
  const reportOf = (report: RetentionReport, tenant: TestTenant) => report.tenants.find((t) => t.tenant === tenant.slug)!;

  async function newCustomer(tenant: TestTenant, name: string) {
    return ctx.newCustomer(tenant, { contactName: name, streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' });
  }

  async function issued(agent: Agent, tenant: TestTenant, customerId: string, paid = false) {
    const t = `/api/t/${tenant.slug}`;
    const draft = (await agent.post(`${t}/invoices`).send({ customerId, lines: [massage] }).expect(201)).body;
    const invoice = (await agent.post(`${t}/invoices/${draft.id}/issue`).send({}).expect(200)).body;
    if (paid) await agent.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: invoice.totals.grossCents, paidOn: invoice.issueDate }).expect(201);
    return invoice as { id: string };
  }

  /** As if issued on `issueDate`, with the legal hold the billing module stamped then. */
  async function backdate(tenant: TestTenant, invoiceId: string, issueDate: string) {
    const year = Number(issueDate.slice(0, 4));
    await ctx.sql(`update "${tenant.schema}".invoice set issue_date = ?, retain_until = ?, created_at = ?::date where id = ?`, [issueDate, `${year + 6}-12-31`, issueDate, invoiceId]);
  }

  const exists = async (tenant: TestTenant, table: string, column: string, id: string) =>
    (await ctx.sql(`select 1 from "${tenant.schema}".${table} where ${column} = ?`, [id])).length > 0;

  async function setSetting(owner: Agent, tenant: TestTenant, changes: Record<string, unknown>) {
    const current = (await owner.get(`/api/t/${tenant.slug}/register`).expect(200)).body;
    await owner.put(`/api/t/${tenant.slug}/register`).send({ ...changes, version: current.version }).expect(200);
  }

  it('purges issued invoices past their period with their lines and payments, and nothing else', async () => {
    // The periods below end on fixed dates, so the run happens on a fixed day whatever day the test runs.
    ctx.clock.set('2026-12-01T10:00:00Z');
    // The statement promises seven years here: an invoice of 2019 is kept until the end of 2026, although
    // the legal hold stamped on it (six years) ended with 2025.
    await setSetting(ownerA, a, { invoiceRetentionYears: 7 });
    const c = await newCustomer(a, 'Vanha Laskutettava');
    const expired = await issued(staffA, a, c.id, true);
    await backdate(a, expired.id, '2018-05-02');
    const heldBySetting = await issued(staffA, a, c.id);
    await backdate(a, heldBySetting.id, '2019-06-01');
    const recent = await issued(staffA, a, c.id);
    await backdate(a, recent.id, '2024-02-01');
    // An expired invoice that a credit note still within its period refers to waits for the note.
    const creditedOld = await issued(staffA, a, c.id);
    const note = (await staffA.post(`/api/t/${a.slug}/invoices/${creditedOld.id}/credit`).send({ reason: 'Virhe' }).expect(201)).body;
    await backdate(a, creditedOld.id, '2017-03-01');
    // Both expired: both go.
    const pairOriginal = await issued(staffA, a, c.id);
    const pairNote = (await staffA.post(`/api/t/${a.slug}/invoices/${pairOriginal.id}/credit`).send({ reason: 'Virhe' }).expect(201)).body;
    await backdate(a, pairOriginal.id, '2016-01-10');
    await backdate(a, pairNote.id, '2016-01-20');
    // A draft is no accounting record and has no period; retention leaves it to staff.
    const draft = (await staffA.post(`/api/t/${a.slug}/invoices`).send({ customerId: c.id, lines: [massage] }).expect(201)).body;
    await ctx.sql(`update "${a.schema}".invoice set created_at = now() - interval '10 years' where id = ?`, [draft.id]);
    // The other tenant's invoice of the same age is its own business, in its own run, and must not vanish with A's.
    const cb = await newCustomer(b, 'Toisen Asiakas');
    const ownerBInvoice = await issued(ownerB, b, cb.id);
    await backdate(b, ownerBInvoice.id, '2024-01-05');

    const report = await run();
    expect(reportOf(report, a)).toMatchObject({ invoicesPurged: 3, linesPurged: 3, paymentsPurged: 1 });

    for (const gone of [expired.id, pairOriginal.id, pairNote.id]) {
      expect(await exists(a, 'invoice', 'id', gone)).toBe(false);
      expect(await exists(a, 'invoice_line', 'invoice_id', gone)).toBe(false);
      expect(await exists(a, 'payment', 'invoice_id', gone)).toBe(false);
    }
    for (const kept of [heldBySetting.id, recent.id, creditedOld.id, note.id, draft.id]) expect(await exists(a, 'invoice', 'id', kept)).toBe(true);
    expect(await exists(b, 'invoice', 'id', ownerBInvoice.id)).toBe(true);
    const audit = await ctx.sql<{ subject_id: string; actor: string }>(`select subject_id, actor from "${a.schema}".audit_event where action = 'invoice.purged' order by subject_id`);
    expect(audit).toEqual([expired.id, pairOriginal.id, pairNote.id].sort().map((id) => ({ subject_id: id, actor: 'test' })));
    await staffA.get(`/api/t/${a.slug}/invoices/${expired.id}`).expect(404);

    // Once the credit note's own period is over, the original goes with it.
    await backdate(a, note.id, '2017-03-02');
    expect(reportOf(await run(), a)).toMatchObject({ invoicesPurged: 2 });
    expect(await exists(a, 'invoice', 'id', creditedOld.id)).toBe(false);

    // A year on, the invoice the setting kept until the end of 2026 goes too.
    ctx.clock.set('2027-01-01T10:00:00Z');
    expect(reportOf(await run(), a)).toMatchObject({ invoicesPurged: 1 });
    expect(await exists(a, 'invoice', 'id', heldBySetting.id)).toBe(false);
    ctx.clock.reset();
    await setSetting(ownerA, a, { invoiceRetentionYears: 6 });
  });

  it('flags customers without an invoice or a login for the review period, and unflags them when active again', async () => {
    const ago = async (id: string, column: 'created_at' | 'last_login_at', interval: string) =>
      ctx.sql(`update "${a.schema}".customer set ${column} = now() - ?::interval where id = ?`, [interval, id]);
    const quiet = await newCustomer(a, 'Hiljainen Asiakas');
    await ago(quiet.id, 'created_at', '4 years');
    const loggedIn = await newCustomer(a, 'Kirjautunut Asiakas');
    await ago(loggedIn.id, 'created_at', '4 years');
    await ago(loggedIn.id, 'last_login_at', '2 months');
    const invoicedLately = await newCustomer(a, 'Laskutettu Asiakas');
    await ago(invoicedLately.id, 'created_at', '4 years');
    await staffA.post(`/api/t/${a.slug}/invoices`).send({ customerId: invoicedLately.id, lines: [massage] }).expect(201);
    const invoicedLongAgo = await newCustomer(a, 'Kauan Sitten Laskutettu');
    await ago(invoicedLongAgo.id, 'created_at', '6 years');
    const old = await issued(staffA, a, invoicedLongAgo.id, true);
    await ctx.sql(`update "${a.schema}".invoice set issue_date = (now() - interval '4 years')::date, created_at = now() - interval '4 years' where id = ?`, [old.id]);
    const newcomer = await newCustomer(a, 'Uusi Asiakas');
    // Inactive as long, but the person asked for the data to be kept (Art. 18): never offered for deletion.
    const restricted = await newCustomer(a, 'Rajoitettu Asiakas');
    await ago(restricted.id, 'created_at', '5 years');
    await ctx.sql(`update "${a.schema}".customer set restricted_at = now() - interval '1 year', restriction_reason = 'Oikeusvaade' where id = ?`, [restricted.id]);

    const first = reportOf(await run(), a);
    const listed = async () => (await ownerA.get(`/api/t/${a.slug}/retention/review?limit=200`).expect(200)).body.items as { customerId: string; name: string; reviewAfterMonths: number; lastActivityAt: string }[];
    let ids = (await listed()).map((i) => i.customerId);
    expect(ids).toEqual(expect.arrayContaining([quiet.id, invoicedLongAgo.id]));
    for (const notFlagged of [loggedIn.id, invoicedLately.id, newcomer.id, restricted.id]) expect(ids).not.toContain(notFlagged);
    expect(first.customersFlagged).toBeGreaterThanOrEqual(2);
    const item = (await listed()).find((i) => i.customerId === quiet.id)!;
    expect(item).toMatchObject({ name: 'Hiljainen Asiakas', reviewAfterMonths: 36 });
    expect(Date.now() - new Date(item.lastActivityAt).getTime()).toBeGreaterThan(3.9 * 365 * 86_400_000);

    // A second run flags no one twice.
    expect(reportOf(await run(), a)).toMatchObject({ customersFlagged: 0, flagsCleared: 0, underReview: first.underReview });

    // The customer signs in again: the flag goes. The period comes from the register settings.
    await ago(quiet.id, 'last_login_at', '1 day');
    await setSetting(ownerA, a, { customerReviewAfterMonths: 60 });
    try {
      const again = reportOf(await run(), a);
      expect(again.flagsCleared).toBeGreaterThanOrEqual(2);
      ids = (await listed()).map((i) => i.customerId);
      expect(ids).not.toContain(quiet.id);
      expect(ids).not.toContain(invoicedLongAgo.id);
    } finally {
      await setSetting(ownerA, a, { customerReviewAfterMonths: 36 });
    }
  });

  it('pages the review list with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await newCustomer(a, `Sivutettava ${i}`);
      await ctx.sql(`update "${a.schema}".customer set created_at = now() - interval '5 years' where id = ?`, [c.id]);
    }
    await run();
    const all = (await ownerA.get(`/api/t/${a.slug}/retention/review?limit=200`).expect(200)).body.items.map((i: { customerId: string }) => i.customerId);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { customerId: string }[]; nextCursor: string | null } } = await ownerA.get(`/api/t/${a.slug}/retention/review`).query({ limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      paged.push(...res.body.items.map((i) => i.customerId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(3);
    problemOf(await ownerA.get(`/api/t/${a.slug}/retention/review?limit=500`).expect(400));
    problemOf(await ownerA.get(`/api/t/${a.slug}/retention/review?cursor=nonsense`).expect(400));
  });

  it('shows the review list to owners only, each their own tenant', async () => {
    const flaggedA = await newCustomer(a, 'A:n Hiljainen');
    const flaggedB = await newCustomer(b, 'B:n Hiljainen');
    await ctx.sql(`update "${a.schema}".customer set created_at = now() - interval '5 years' where id = ?`, [flaggedA.id]);
    await ctx.sql(`update "${b.schema}".customer set created_at = now() - interval '5 years' where id = ?`, [flaggedB.id]);
    await run();

    const listA = (await ownerA.get(`/api/t/${a.slug}/retention/review?limit=200`).expect(200)).body.items.map((i: { customerId: string }) => i.customerId);
    const listB = (await ownerB.get(`/api/t/${b.slug}/retention/review?limit=200`).expect(200)).body.items.map((i: { customerId: string }) => i.customerId);
    expect(listA).toContain(flaggedA.id);
    expect(listA).not.toContain(flaggedB.id);
    expect(listB).toEqual([flaggedB.id]);

    problemOf(await staffA.get(`/api/t/${a.slug}/retention/review`).expect(403));
    problemOf(await ownerB.get(`/api/t/${a.slug}/retention/review`).expect(404));
    problemOf(await ctx.http().get(`/api/t/${a.slug}/retention/review`).expect(401));
    const portal = await ctx.loginPortal(a, await ctx.newPortalCustomer(a));
    problemOf(await portal.get(`/api/t/${a.slug}/retention/review`).expect(404));
    const admin = await ctx.newPlatformAdminAgent();
    problemOf(await admin.get(`/api/t/${a.slug}/retention/review`).expect(404));
    // The flag goes with the record when the customer is erased (or deleted).
    await ctx.sql(`delete from "${b.schema}".customer where id = ?`, [flaggedB.id]);
    expect((await ownerB.get(`/api/t/${b.slug}/retention/review`).expect(200)).body.items).toEqual([]);
  });

  it('runs each tenant in its own transaction: one failing leaves itself untouched and the others done', async () => {
    const broken = await ctx.newTenant();
    const owner = await ctx.loginTenant(broken, broken.owner);
    const c = await newCustomer(broken, 'Rikkinäisen Asiakas');
    const expired = await issued(owner, broken, c.id);
    await backdate(broken, expired.id, '2015-01-01');
    const cA = await newCustomer(a, 'Toimivan Asiakas');
    const expiredA = await issued(staffA, a, cA.id);
    await backdate(a, expiredA.id, '2015-01-01');
    await ctx.sql(`alter table "${broken.schema}".retention_review rename to retention_review_away`);
    try {
      const report = await run();
      expect(report.failed.map((f) => f.tenant)).toEqual([broken.slug]);
      expect(reportOf(report, a).invoicesPurged).toBe(1);
      expect(await exists(broken, 'invoice', 'id', expired.id)).toBe(true);
      expect(await exists(a, 'invoice', 'id', expiredA.id)).toBe(false);
    } finally {
      await ctx.sql(`alter table "${broken.schema}".retention_review_away rename to retention_review`);
    }
    expect(reportOf(await run(), broken)).toMatchObject({ invoicesPurged: 1 });
  });
});
