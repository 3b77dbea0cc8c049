// Leaving the platform (issue 14 item 12): the owner downloads the whole register as one archive and asks to
// leave; after the grace period the nightly job drops the schema and keeps the issued invoices in the
// platform's archive until their legal period ends. Role limits and tenant isolation on every route.
import type { Response } from 'supertest';
import { unzipSync } from 'fflate';
import { JobsService } from '@app/jobs';
import { OUTBOX_QUEUE } from '@app/mail';
import { LEAVE_GRACE_DAYS, LEAVING_JOB, LeavingService, ScheduledJobs, type ArchiveManifest } from '@app/retention';
import { TenancyService } from '@app/tenancy';
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const DAY = 86_400_000;

/** A CSV line split at `;` outside quotes (enough for the cells the archive writes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      out.push(cell);
      cell = '';
    }
    else cell += c;
  }
  out.push(cell);
  return out;
}

/** CSV records (a quoted cell may hold a line break). */
function records(csv: string): string[][] {
  const rows: string[] = [];
  let current = '';
  let quotes = 0;
  for (const line of csv.split('\r\n')) {
    current = current ? `${current}\r\n${line}` : line;
    quotes += (line.match(/"/g) ?? []).length;
    if (quotes % 2 === 0) {
      rows.push(current);
      current = '';
      quotes = 0;
    }
  }
  return rows.filter((r) => r !== '').map(cells);
}

describe('leaving the platform', () => {
  let ctx: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let owner: Agent;
  let staff: Agent;

  beforeAll(async () => {
    ctx = await TestContext.create({ jobsEnabled: false });
    a = await ctx.newTenant({ legalName: 'Lähtevä Hieronta Oy' });
    b = await ctx.newTenant({ legalName: 'Jäävä Oy' });
    owner = await ctx.loginTenant(a, a.owner);
    staff = await ctx.loginTenant(a, await ctx.newTenantStaff(a, 'staff'));
  });
  afterAll(() => ctx.close());

  /** The workers are off: the test sends the outbox's mail itself. */
  const deliver = () => ctx.get(JobsService).runPending(OUTBOX_QUEUE);
  const schemaExists = async (schema: string) => (await ctx.sql(`select 1 from pg_namespace where nspname = ?`, [schema])).length === 1;

  it('the archive holds every table of the register as JSON and CSV, with a manifest, and nothing of another tenant', async () => {
    await ctx.newCustomer(a, { contactName: '=HYPERLINK("http://x";"klikkaa")', email: 'kaava@a.test', streetAddress: 'Katu 1; "B"-rappu' });
    await ctx.newCustomer(a, { contactName: 'Matti Meikäläinen', email: 'matti@a.test' });
    await ctx.newCustomer(b, { contactName: 'Toisen asiakas', email: 'toinen@b.test' });

    const res = await owner.get(`/api/t/${a.slug}/register/archive`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${a.slug}-register-\\d{4}-\\d{2}-\\d{2}\\.zip"$`));
    // Read with another library than the one that wrote it.
    const files = new Map(Object.entries(unzipSync(res.body as Buffer)).map(([name, bytes]) => [name, Buffer.from(bytes)]));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as ArchiveManifest;

    // Every table the schema has: the catalog is the list, so a table a later migration adds is in it too.
    const tables = (await ctx.sql<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' order by table_name`, [a.schema])).map((t) => t.table_name);
    expect(tables.length).toBeGreaterThan(20);
    expect(manifest.tables.map((t) => t.name)).toEqual(tables);
    expect([...files.keys()].sort()).toEqual([...tables.flatMap((t) => [`tables/${t}.csv`, `tables/${t}.json`]), 'manifest.json'].sort());
    expect(manifest).toMatchObject({ format: 'rekisteri-register-archive', formatVersion: 1, tenant: { id: a.id, slug: a.slug, legalName: 'Lähtevä Hieronta Oy' } });
    const migrations = (await ctx.sql<{ name: string }>(`select name from "${a.schema}".schema_migrations order by name`)).map((m) => m.name);
    expect(manifest.migrations).toEqual(migrations);
    expect(manifest.schemaVersion).toBe(migrations.at(-1));
    expect(Date.parse(manifest.exportedAt)).not.toBeNaN();

    for (const table of manifest.tables) {
      const [{ n }] = await ctx.sql<{ n: string }>(`select count(*) as n from "${a.schema}"."${table.name}"`);
      const json = JSON.parse(files.get(table.json)!.toString('utf8')) as Record<string, unknown>[];
      expect([table.name, json.length]).toEqual([table.name, Number(n)]);
      expect([table.name, table.rows]).toEqual([table.name, Number(n)]);
      const columns = (await ctx.sql<{ column_name: string }>(`select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position`, [a.schema, table.name])).map((c) => c.column_name);
      expect(table.columns).toEqual(columns);
      const csv = files.get(table.csv)!.toString('utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const rows = records(csv.slice(1));
      expect(rows[0]).toEqual(columns);
      expect([table.name, rows.length - 1]).toEqual([table.name, Number(n)]);
      for (const row of rows) expect(row).toHaveLength(columns.length);
    }

    const customers = JSON.parse(files.get('tables/customer.json')!.toString('utf8')) as { contact_name: string; email: string; street_address: string | null }[];
    expect(customers.map((c) => c.email).sort()).toEqual(['kaava@a.test', 'matti@a.test']);
    expect(customers.find((c) => c.email === 'kaava@a.test')!.street_address).toBe('Katu 1; "B"-rappu');
    const csvRows = records(files.get('tables/customer.csv')!.toString('utf8').slice(1));
    const nameAt = csvRows[0].indexOf('contact_name');
    expect(csvRows.map((r) => r[csvRows[0].indexOf('street_address')])).toContain('Katu 1; "B"-rappu');
    // The CSV cell guard: a formula is written as text.
    expect(csvRows.map((r) => r[nameAt])).toContain(`'=HYPERLINK("http://x";"klikkaa")`);
    // Tenant isolation: nothing of b's.
    for (const [, body] of files) expect(body.toString('utf8')).not.toContain('toinen@b.test');

    expect(await ctx.sql(`select actor from "${a.schema}".audit_event where action = 'register.archived'`)).toHaveLength(1);
  });

  it("staff cannot download the archive or ask to leave; another tenant's owner cannot reach this one", async () => {
    expect(problemOf(await staff.get(`/api/t/${a.slug}/register/archive`).expect(403)).status).toBe(403);
    await staff.post(`/api/t/${a.slug}/register/leave`).send({ confirmation: 'Lähtevä Hieronta Oy' }).expect(403);
    await staff.delete(`/api/t/${a.slug}/register/leave`).expect(403);
    expect((await staff.get(`/api/t/${a.slug}/register/leave`).expect(200)).body).toMatchObject({ requestedAt: null, leaveAfter: null });
    const other = await ctx.loginTenant(b, b.owner);
    const cross = await other.get(`/api/t/${a.slug}/register/archive`);
    expect([403, 404]).toContain(cross.status);
    const crossLeave = await other.post(`/api/t/${a.slug}/register/leave`).send({ confirmation: 'Lähtevä Hieronta Oy' });
    expect([403, 404]).toContain(crossLeave.status);
    const [row] = await ctx.sql<{ leave_after: Date | null }>(`select leave_after from platform.tenant where id = ?`, [a.id]);
    expect(row.leave_after).toBeNull();
  });

  it('asks for the typed name, then records the request with its grace period and tells the owners; cancelling undoes it', async () => {
    const t = `/api/t/${a.slug}/register/leave`;
    const wrong = problemOf(await owner.post(t).send({ confirmation: 'Väärä Oy' }).expect(400));
    expect(wrong.errors).toEqual([expect.objectContaining({ field: 'confirmation' })]);
    expect(problemOf(await owner.post(t).send({}).expect(400)).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'confirmation' })]));
    expect((await ctx.sql<{ leave_after: Date | null }>(`select leave_after from platform.tenant where id = ?`, [a.id]))[0].leave_after).toBeNull();

    ctx.clock.set('2026-03-10T10:00:00Z');
    try {
      const asked = (await owner.post(t).send({ confirmation: '  lähtevä hieronta oy ', reason: 'Lopetamme toiminnan' }).expect(200)).body;
      expect(asked).toMatchObject({ requestedAt: '2026-03-10T10:00:00.000Z', leaveAfter: new Date(Date.parse('2026-03-10T10:00:00Z') + LEAVE_GRACE_DAYS * DAY).toISOString(), requestedByName: 'Owner Person', reason: 'Lopetamme toiminnan' });
      expect(problemOf(await owner.post(t).send({ confirmation: 'Lähtevä Hieronta Oy' }).expect(409)).type).toMatch(/leave-already-requested$/);
      expect((await staff.get(t).expect(200)).body.leaveAfter).toBe(asked.leaveAfter);
      // The register keeps working during the grace period.
      await staff.get(`/api/t/${a.slug}/customers`).expect(200);
      await deliver();
      await ctx.mailMatching(a.owner.email, /Rekisteri poistetaan (\S+) jälkeen/);
      expect(await ctx.sql(`select 1 from "${a.schema}".audit_event where action = 'register.leave_requested'`)).toHaveLength(1);

      const cancelled = (await owner.delete(t).expect(200)).body;
      expect(cancelled).toMatchObject({ requestedAt: null, leaveAfter: null, requestedByName: null, reason: null });
      expect(problemOf(await owner.delete(t).expect(409)).type).toMatch(/leave-not-requested$/);
      await deliver();
      await ctx.mailMatching(a.owner.email, /(has been cancelled for)/);
      expect(await ctx.sql(`select 1 from "${a.schema}".audit_event where action = 'register.leave_cancelled'`)).toHaveLength(1);
    } finally {
      ctx.clock.reset();
    }
  });

  it('leaving drops the schema after the grace period and keeps the invoices', async () => {
    ctx.clock.set('2026-03-10T10:00:00Z');
    try {
      const buyer = await ctx.newCustomer(a, { contactName: 'Laskutettava', streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' });
      const lines = [{ description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 }];
      const draft = (await owner.post(`/api/t/${a.slug}/invoices`).send({ customerId: buyer.id, lines }).expect(201)).body;
      const issued = (await owner.post(`/api/t/${a.slug}/invoices/${draft.id}/issue`).send({}).expect(200)).body;
      await owner.post(`/api/t/${a.slug}/invoices/${issued.id}/payments`).send({ amountCents: 2000, paidOn: '2026-03-10', reference: 'osamaksu' }).expect(201);
      const stillDraft = (await owner.post(`/api/t/${a.slug}/invoices`).send({ customerId: buyer.id, lines }).expect(201)).body;
      const bInvoice = (await (await ctx.loginTenant(b, b.owner)).post(`/api/t/${b.slug}/invoices`).send({ customerId: (await ctx.newCustomer(b, { contactName: 'B:n asiakas' })).id, lines }).expect(201)).body;
      await owner.post(`/api/t/${a.slug}/register/leave`).send({ confirmation: 'Lähtevä Hieronta Oy' }).expect(200);
      const customerAgent = staff;

      // Before the grace period is over: nothing happens.
      ctx.clock.set(new Date(Date.parse('2026-03-10T10:00:00Z') + (LEAVE_GRACE_DAYS - 1) * DAY));
      expect(await ctx.get(ScheduledJobs).runLeaving()).toMatchObject({ left: [], archivedInvoices: 0 });
      expect(await schemaExists(a.schema)).toBe(true);
      await customerAgent.get(`/api/t/${a.slug}/customers`).expect(200);

      // After it, through the job queue as the nightly run does.
      ctx.clock.set(new Date(Date.parse('2026-03-10T10:00:00Z') + (LEAVE_GRACE_DAYS + 1) * DAY));
      const jobs = ctx.get(JobsService);
      await jobs.send(LEAVING_JOB, {});
      expect(await jobs.runPending(LEAVING_JOB)).toBe(1);

      expect(await schemaExists(a.schema)).toBe(false);
      expect(await schemaExists(b.schema)).toBe(true);
      const [tenant] = await ctx.sql<{ status: string; left_at: Date }>(`select status, left_at from platform.tenant where id = ?`, [a.id]);
      expect(tenant.status).toBe('left');
      expect(new Date(tenant.left_at).toISOString()).toBe(new Date(Date.parse('2026-03-10T10:00:00Z') + (LEAVE_GRACE_DAYS + 1) * DAY).toISOString());

      const archived = await ctx.sql<{ tenant_id: string; invoice_id: string; invoice_number: string; issue_date: string; keep_until: string; document: { invoice: Record<string, unknown>; lines: Record<string, unknown>[]; payments: Record<string, unknown>[] } }>(
        `select tenant_id, invoice_id, invoice_number, issue_date::text, keep_until::text, document from platform.invoice_archive where tenant_id = ?`,
        [a.id],
      );
      expect(archived.map((r) => r.invoice_id)).toEqual([issued.id]);
      expect(archived.map((r) => r.invoice_id)).not.toContain(stillDraft.id);
      const [kept] = archived;
      expect(Number(kept.invoice_number)).toBe(issued.number);
      expect(kept.issue_date).toBe('2026-03-10');
      expect(kept.keep_until).toBe('2032-12-31');
      expect(kept.document.invoice).toMatchObject({ id: issued.id, status: 'partially_paid', buyer: expect.objectContaining({ name: 'Laskutettava', city: 'Espoo' }) });
      expect(kept.document.lines).toEqual([expect.objectContaining({ description: 'Hieronta 60 min', unit_price_cents: 6000 })]);
      expect(kept.document.payments).toEqual([expect.objectContaining({ amount_cents: 2000, reference: 'osamaksu' })]);
      expect(await ctx.sql(`select 1 from platform.invoice_archive where invoice_id = ?`, [bInvoice.id])).toEqual([]);

      // Logins are refused and sessions are over; the other tenant is untouched.
      // Refused as for a business that never was (login does not tell which businesses exist).
      const refused = await ctx.agent().post(`/api/t/${a.slug}/login`).send(a.owner);
      const unknown = await ctx.agent().post(`/api/t/no-such-business/login`).send(a.owner);
      expect(refused.status).toBe(401);
      expect([problemOf(refused).type, refused.status]).toEqual([problemOf(unknown).type, unknown.status]);
      expect([401, 404]).toContain((await customerAgent.get(`/api/t/${a.slug}/customers`)).status);
      expect(await ctx.sql(`select 1 from platform.session where principal like ?`, [`%:${a.id}:%`])).toEqual([]);
      await (await ctx.loginTenant(b, b.owner)).get(`/api/t/${b.slug}/customers`).expect(200);
      await deliver();
      await ctx.mailMatching(a.owner.email, /(has been deleted from the platform)/);

      // Idempotent: a second run finds nothing to do, and a left tenant cannot be resumed.
      expect(await ctx.get(LeavingService).leaveDue()).toEqual({ left: [], archivedInvoices: 0, failed: [] });
      const admin = await ctx.newPlatformAdminAgent();
      expect(problemOf(await admin.post(`/api/platform/tenants/${a.slug}/resume`).expect(409)).type).toMatch(/tenant-left$/);
      expect((await admin.get(`/api/platform/tenants/${a.slug}`).expect(200)).body.status).toBe('left');
      // Migrating every tenant does not bring an empty schema back for the one that left.
      const migrated = await ctx.get(TenancyService).migrateAll();
      expect(migrated.migrated.map((m) => m.slug)).not.toContain(a.slug);
      expect(migrated.failed).toEqual([]);
      expect(await schemaExists(a.schema)).toBe(false);
    } finally {
      ctx.clock.reset();
    }
  });

  it('deletes archived invoices once their legal period is over, and only those', async () => {
    const leaving = ctx.get(LeavingService);
    const before = await ctx.sql(`select invoice_id from platform.invoice_archive where tenant_id = ?`, [a.id]);
    expect(before).toHaveLength(1);
    expect(await leaving.purgeArchive('2032-12-31')).toBe(0);
    await ctx.sql(
      `insert into platform.invoice_archive (tenant_id, invoice_id, kind, invoice_number, issue_date, keep_until, document) values (?, gen_random_uuid(), 'invoice', 99, '2027-01-05', '2033-12-31', '{}')`,
      [a.id],
    );
    ctx.clock.set('2033-01-01T03:00:00Z');
    try {
      expect((await ctx.get(ScheduledJobs).runLeaving()).purged).toBe(1);
    } finally {
      ctx.clock.reset();
    }
    expect((await ctx.sql<{ keep_until: string }>(`select keep_until::text from platform.invoice_archive where tenant_id = ?`, [a.id])).map((r) => r.keep_until)).toEqual(['2033-12-31']);
  });
});
