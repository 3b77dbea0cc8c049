// Per-tenant backup and restore: a round trip brings everything back and touches no other tenant; an erasure
// made after the backup survives the restore; a backup of another tenant, from newer migrations, or damaged in
// any way is refused and changes nothing; a backup from older migrations is migrated forward.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { systemActor } from '@app/core';
import { BackupService, ErasureLedgerService, type RestoreReport } from '@app/backup';
import { TenancyService, TenantContext } from '@app/tenancy';
import { CustomersService } from '@app/customers';
import { tenantMigrations } from '@migrations/tenant';
import { TestContext, type Agent, type TestTenant } from '@app/testing';

const massage = { description: 'Hieronta', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 };

describe('tenant backup and restore', () => {
  let ctx: TestContext;
  let dir: string;
  let files = 0;
  let a: TestTenant;
  let b: TestTenant;
  let ownerA: Agent;
  let staffA: Agent;
  let staffB: Agent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    dir = mkdtempSync(join(tmpdir(), 'rekisteri-backups-'));
    a = await ctx.newTenant();
    b = await ctx.newTenant();
    ownerA = await ctx.loginTenant(a, a.owner);
    staffA = await ctx.loginTenant(a, await ctx.newTenantStaff(a, 'staff'));
    staffB = await ctx.loginTenant(b, await ctx.newTenantStaff(b, 'staff'));
    // The other tenant has a register of its own that no restore of A may touch.
    const other = await newCustomer(staffB, b, 'Toisen Asiakas');
    await staffB.put(`/api/t/${b.slug}/customers/${other.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    await issued(staffB, b, other.id);
  });
  afterAll(() => ctx.close());

  const service = () => ctx.get(BackupService);
  const test = systemActor('test');
  const nextFile = () => join(dir, `backup-${files++}.gz`);
  const backup = async (tenant: TestTenant) => (await service().backup(test, tenant.slug, { out: nextFile() })).file;

  async function newCustomer(agent: Agent, tenant: TestTenant, name: string): Promise<{ id: string; email: string }> {
    const email = `${name.toLowerCase().replace(/\W/g, '')}.${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.fi`;
    const res = await agent.post(`/api/t/${tenant.slug}/customers`).send({ contactName: name, email, streetAddress: 'Katu 1', postalCode: '02320', city: 'Espoo' }).expect(201);
    return res.body;
  }

  async function issued(agent: Agent, tenant: TestTenant, customerId: string, paid = false) {
    const t = `/api/t/${tenant.slug}`;
    const draft = (await agent.post(`${t}/invoices`).send({ customerId, lines: [massage] }).expect(201)).body;
    const invoice = (await agent.post(`${t}/invoices/${draft.id}/issue`).send({}).expect(200)).body;
    if (paid) await agent.post(`${t}/invoices/${invoice.id}/payments`).send({ amountCents: invoice.totals.grossCents, paidOn: invoice.issueDate }).expect(201);
    return invoice as { id: string; number: number };
  }

  /** Every row of every table of the schema, as text, sorted. Operations' own audit lines can be left out. */
  async function dump(schema: string, options: { withoutOperations?: boolean } = {}): Promise<Record<string, string[]>> {
    const tables = await ctx.sql<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('r', 'p') order by 1`,
      [schema],
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const columns = name === 'schema_migrations' ? 'name' : '*';
      const where = name === 'audit_event' && options.withoutOperations ? ` where action not in ('tenant.backed_up', 'tenant.restored')` : '';
      const rows = await ctx.sql<{ r: string }>(`select row_to_json(t)::text as r from (select ${columns} from "${schema}"."${name}"${where}) t order by 1`);
      out[name] = rows.map((r) => r.r);
    }
    return out;
  }

  async function expectRefused(promise: Promise<unknown>, code: string | RegExp) {
    const error = (await promise.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string } | undefined;
    expect(error).toBeDefined();
    expect(error?.code).toMatch(code);
  }

  it('brings back customers, invoices, consents, requests, staff and settings, and touches no other tenant', async () => {
    const t = `/api/t/${a.slug}`;
    const kept = await newCustomer(staffA, a, 'Alkuperäinen Asiakas');
    await staffA.put(`${t}/customers/${kept.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    await staffA.put(`${t}/customers/${kept.id}/consents/marketing_sms`).send({ granted: true }).expect(200);
    const invoice = await issued(staffA, a, kept.id, true);
    const credited = await issued(staffA, a, kept.id);
    const creditNote = (await staffA.post(`${t}/invoices/${credited.id}/credit`).send({ reason: 'Peruttu' }).expect(201)).body;
    const request = (await staffA.post(`${t}/requests`).send({ customerId: kept.id, type: 'rectification', channel: 'email', details: 'Osoite muuttui' }).expect(201)).body;
    const settings = (await ownerA.get(`${t}/register`).expect(200)).body;
    await ownerA.put(`${t}/register`).send({ accessRequestsPerYear: 2, version: settings.version }).expect(200);
    const portal = await ctx.newPortalCustomer(a, { contactName: 'Portaalin Käyttäjä' });
    const before = await dump(a.schema, { withoutOperations: true });
    const otherBefore = await dump(b.schema);

    const progress: string[] = [];
    const written = await service().backup(test, a.slug, { out: nextFile(), onProgress: (p) => progress.push(`${p.table}:${p.rows}`) });
    expect(written.tables.find((x) => x.name === 'customer')?.rows).toBe(2);
    expect(progress).toEqual(expect.arrayContaining(['customer:2', 'consent_event:2', 'invoice:3', 'invoice_line:3', 'payment:1', 'register_settings:1']));
    expect(written.tables.map((x) => x.name).indexOf('customer')).toBeLessThan(written.tables.map((x) => x.name).indexOf('invoice'));
    const header = JSON.parse(gunzipSync(readFileSync(written.file)).toString('utf8').split('\n')[0]);
    expect(header).toMatchObject({ format: 'rekisteri-tenant-backup', formatVersion: 1, tenant: { id: a.id, slug: a.slug }, schema: a.schema });
    expect(header.migrations).toEqual(tenantMigrations.map((m) => m.name).sort());
    // Generated columns are computed again on restore, not carried.
    expect(header.tables.find((x: { name: string }) => x.name === 'customer').columns).not.toContain('search_text');

    // Life goes on after the backup: all of this must go (withdrawn consent excepted: it is re-applied, see below).
    const later = await newCustomer(staffA, a, 'Myöhempi Asiakas');
    await staffA.patch(`${t}/customers/${kept.id}`).send({ contactName: 'Muutettu Nimi', version: 1 }).expect(200);
    await issued(staffA, a, later.id);

    const report = await service().restore(test, a.slug, written.file);
    expect(report).toMatchObject({ tenant: a.slug, migrationsApplied: [], erasuresReapplied: [] });
    expect(await dump(a.schema, { withoutOperations: true })).toEqual(before);
    expect(await dump(b.schema)).toEqual(otherBefore);

    // Through the API, with the sessions that were open all along.
    expect((await staffA.get(`${t}/customers/${kept.id}`).expect(200)).body).toMatchObject({ contactName: 'Alkuperäinen Asiakas', version: 1 });
    await staffA.get(`${t}/customers/${later.id}`).expect(404);
    expect((await staffA.get(`${t}/customers?q=alkuper`).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([kept.id]);
    expect((await staffA.get(`${t}/customers/${kept.id}/consents/marketing_email`).expect(200)).body).toMatchObject({ granted: true });
    expect((await staffA.get(`${t}/invoices/${invoice.id}`).expect(200)).body).toMatchObject({ status: 'paid', number: invoice.number });
    expect((await staffA.get(`${t}/invoices/${creditNote.id}`).expect(200)).body).toMatchObject({ kind: 'credit_note' });
    expect((await staffA.get(`${t}/requests/${request.id}`).expect(200)).body).toMatchObject({ details: 'Osoite muuttui', state: 'received' });
    expect((await ownerA.get(`${t}/register`).expect(200)).body.accessRequestsPerYear).toBe(2);
    await ctx.loginPortal(a, portal);
    // Identity sequences and the invoice counter continue after the restored rows.
    await staffA.put(`${t}/customers/${kept.id}/consents/marketing_sms`).send({ granted: false }).expect(200);
    expect((await issued(staffA, a, kept.id)).number).toBe(creditNote.number + 1);
    const [restored] = await ctx.sql<{ actor: string }>(`select actor from "${a.schema}".audit_event where action = 'tenant.restored'`);
    expect(restored).toEqual({ actor: 'test' });
  });

  it('keeps withdrawn whatever consent was withdrawn after the backup, and suppressed whoever objected', async () => {
    const t = `/api/t/${a.slug}`;
    const withdrawer = await newCustomer(staffA, a, 'Peruuttaja');
    const objector = await newCustomer(staffA, a, 'Vastustaja');
    for (const c of [withdrawer, objector]) await staffA.put(`${t}/customers/${c.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    const file = await backup(a);
    await staffA.put(`${t}/customers/${withdrawer.id}/consents/marketing_email`).send({ granted: false }).expect(200);
    await staffA.post(`${t}/requests`).send({ customerId: objector.id, type: 'objection', channel: 'letter' }).expect(201);

    await service().restore(test, a.slug, file);
    for (const c of [withdrawer, objector]) {
      expect((await staffA.get(`${t}/customers/${c.id}/consents/marketing_email`).expect(200)).body.granted).toBe(false);
    }
    const audience = (await staffA.get(`${t}/consents/audience?purpose=marketing_email&limit=200`).expect(200)).body.items.map((m: { customerId: string }) => m.customerId);
    expect(audience).not.toContain(withdrawer.id);
    expect(audience).not.toContain(objector.id);
    expect(await ctx.sql(`select 1 from "${a.schema}".suppression`)).not.toEqual([]);
  });

  it('keeps erased whoever was erased after the backup; their issued invoice stays detached', async () => {
    const t = `/api/t/${a.slug}`;
    const erased = await newCustomer(staffA, a, 'Poistettava Henkilö');
    const stays = await newCustomer(staffA, a, 'Pysyvä Henkilö');
    await staffA.put(`${t}/customers/${erased.id}/consents/marketing_email`).send({ granted: true }).expect(200);
    await ctx.sql(`insert into "${a.schema}".portal_account (customer_id) values (?)`, [erased.id]);
    const invoice = await issued(staffA, a, erased.id, true);
    const draft = (await staffA.post(`${t}/invoices`).send({ customerId: erased.id, lines: [massage] }).expect(201)).body;
    const request = (await staffA.post(`${t}/requests`).send({ customerId: erased.id, type: 'erasure', channel: 'email', details: `Poistakaa ${erased.email}` }).expect(201)).body;
    await staffA.post(`${t}/requests/${request.id}/verify`).send({ method: 'signed_letter_matching_register' }).expect(200);
    const file = await backup(a);

    await ownerA.post(`${t}/requests/${request.id}/complete`).send({}).expect(200);
    const ledger = await ctx.get(ErasureLedgerService).entries(a.id);
    expect(ledger).toEqual(expect.arrayContaining([expect.objectContaining({ customerId: erased.id, requestId: request.id })]));

    const report: RestoreReport = await service().restore(test, a.slug, file);
    expect(report.erasuresReapplied).toEqual([erased.id]);

    await staffA.get(`${t}/customers/${erased.id}`).expect(404);
    await staffA.get(`${t}/customers/${stays.id}`).expect(200);
    expect(await ctx.sql(`select 1 from "${a.schema}".customer where id = ?`, [erased.id])).toEqual([]);
    expect(await ctx.sql(`select 1 from "${a.schema}".consent_event where customer_id = ?`, [erased.id])).toEqual([]);
    expect(await ctx.sql(`select 1 from "${a.schema}".portal_account where customer_id = ?`, [erased.id])).toEqual([]);
    expect(await ctx.sql(`select 1 from "${a.schema}".invoice where id = ?`, [draft.id])).toEqual([]);
    const kept = (await staffA.get(`${t}/invoices/${invoice.id}`).expect(200)).body;
    expect(kept).toMatchObject({ customerId: null, status: 'paid', buyer: expect.objectContaining({ name: 'Poistettava Henkilö' }) });
    expect(JSON.stringify(await dump(a.schema))).not.toContain(erased.email);
    expect(await ctx.sql(`select invoices_retained from "${a.schema}".erasure_ledger where customer_id = ?`, [erased.id])).toEqual([{ invoices_retained: 1 }]);
    // The request the backup still showed open is done, without the free text that named the person.
    expect((await staffA.get(`${t}/requests/${request.id}`).expect(200)).body).toMatchObject({ state: 'completed', customerId: null, details: null });
    expect(await ctx.sql(`select actor from "${a.schema}".audit_event where action = 'customer.erasure_reapplied' and subject_id = ?`, [erased.id])).toEqual([{ actor: 'test' }]);

    // A second restore of the same backup does the same again.
    expect((await service().restore(test, a.slug, file)).erasuresReapplied).toEqual([erased.id]);
    await staffA.get(`${t}/customers/${erased.id}`).expect(404);
  });

  describe('refuses, changing nothing,', () => {
    let before: Record<string, string[]>;
    let otherBefore: Record<string, string[]>;
    let file: string;

    beforeAll(async () => {
      await newCustomer(staffA, a, 'Ennen Varmuuskopiota');
      file = await backup(a);
      // After the backup, so that a restore that went through would show.
      await newCustomer(staffA, a, 'Jälkeen Varmuuskopion');
    });
    // Taking a backup adds an audit line to the tenant backed up; everything else must stay as it was.
    beforeEach(async () => {
      before = await dump(a.schema, { withoutOperations: true });
      otherBefore = await dump(b.schema, { withoutOperations: true });
    });
    afterEach(async () => {
      expect(await dump(a.schema, { withoutOperations: true })).toEqual(before);
      expect(await dump(b.schema, { withoutOperations: true })).toEqual(otherBefore);
    });

    it('a backup of another tenant', async () => {
      const otherFile = await backup(b);
      await expectRefused(service().restore(test, a.slug, otherFile), 'backup-of-another-tenant');
    });

    it('a backup from a newer migration set', async () => {
      await ctx.sql(`insert into "${a.schema}".schema_migrations (name) values ('9999-from-the-future')`);
      const newer = await backup(a);
      await ctx.sql(`delete from "${a.schema}".schema_migrations where name = '9999-from-the-future'`);
      await expectRefused(service().restore(test, a.slug, newer), 'backup-from-newer-migrations');
    });

    it('an unknown tenant or a missing file', async () => {
      await expectRefused(service().restore(test, 'no-such-tenant', file), 'unknown-tenant');
      await expectRefused(service().restore(test, a.slug, join(dir, 'missing.gz')), 'not-a-backup');
    });

    it('a file that is not a backup', async () => {
      const text = nextFile();
      writeFileSync(text, 'customer_id\tname\n');
      await expectRefused(service().restore(test, a.slug, text), 'not-a-backup');
      const json = nextFile();
      writeFileSync(json, gzipSync('{"hello":"world"}\n'));
      await expectRefused(service().restore(test, a.slug, json), 'not-a-backup');
    });

    it('a file cut short', async () => {
      const bytes = readFileSync(file);
      const cut = nextFile();
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      await expectRefused(service().restore(test, a.slug, cut), 'backup-corrupt');
      // Cut at a line, then compressed properly: gzip is whole, the trailer is missing.
      const text = gunzipSync(bytes).toString('utf8');
      const lineCut = nextFile();
      writeFileSync(lineCut, gzipSync(text.slice(0, text.lastIndexOf('\\.\n') + 3)));
      await expectRefused(service().restore(test, a.slug, lineCut), 'backup-corrupt');
    });

    it('a file with damaged compressed bytes', async () => {
      const bytes = Buffer.from(readFileSync(file));
      const damaged = nextFile();
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      writeFileSync(damaged, bytes);
      await expect(service().restore(test, a.slug, damaged)).rejects.toThrow();
    });

    it('a file whose rows were edited (the checksum no longer matches)', async () => {
      const text = gunzipSync(readFileSync(file)).toString('utf8');
      expect(text).toContain('Ennen Varmuuskopiota');
      const edited = nextFile();
      writeFileSync(edited, gzipSync(text.replace('Ennen Varmuuskopiota', 'Väärennetty Nimi')));
      await expectRefused(service().restore(test, a.slug, edited), 'backup-corrupt');
      const appended = nextFile();
      writeFileSync(appended, gzipSync(text + 'one more line\n'));
      await expectRefused(service().restore(test, a.slug, appended), 'backup-corrupt');
    });
  });

  it('migrates a backup from an older migration set forward after loading it', async () => {
    const older = tenantMigrations.slice(0, -1);
    const onboarded = await ctx.get(TenancyService).onboard(
      test,
      { slug: `old-${Date.now().toString(36)}`, legalName: 'Vanha Oy', businessId: '2832233-5', streetAddress: 'Katu 2', postalCode: '00100', city: 'Helsinki', contactEmail: 'owner@old.test', contactPerson: 'Olli Vanha' },
      older,
    );
    const scope = (await ctx.get(TenancyService).findScope(onboarded.tenant.slug))!;
    const customer = await ctx.get(TenantContext).run(scope, () => ctx.get(CustomersService).create(systemActor('test'), { contactName: 'Vanhan Asiakas', email: 'vanha@example.fi' }));
    const file = (await service().backup(test, scope.slug, { out: nextFile() })).file;
    const report = await service().restore(test, scope.slug, file);
    expect(report.migrationsApplied).toEqual([tenantMigrations[tenantMigrations.length - 1].name]);
    expect(await ctx.sql(`select contact_name from "${scope.schema}".customer where id = ?`, [customer.id])).toEqual([{ contact_name: 'Vanhan Asiakas' }]);
    expect((await ctx.sql<{ name: string }>(`select name from "${scope.schema}".schema_migrations order by name`)).map((r) => r.name)).toEqual(tenantMigrations.map((m) => m.name).sort());
  });

  it('never overwrites an existing file', async () => {
    const file = await backup(a);
    const before = readFileSync(file);
    await expectRefused(service().backup(test, a.slug, { out: file }), 'backup-file-exists');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
