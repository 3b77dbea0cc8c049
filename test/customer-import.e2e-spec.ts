// Importing customers from CSV: encodings, separators, every problem kind in one file, duplicates (skip or
// update), all-or-nothing, consent with channel "import", the remembered mapping, the export re-imported,
// a malformed file, roles and tenant isolation.
import { problemOf, TestContext, textBody, type Agent, type TestTenant } from '@app/testing';

/** Bytes as old Finnish Excel writes them (Windows-1252): å ä ö and their capitals are one byte each. */
const WIN1252: Record<string, number> = { ä: 0xe4, ö: 0xf6, å: 0xe5, Ä: 0xc4, Ö: 0xd6, Å: 0xc5 };
const win1252 = (text: string) => Buffer.from([...text].map((c) => WIN1252[c] ?? c.charCodeAt(0)));
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

// Every problem kind in one file, in Windows-1252 with `;`, CRLF as Excel ends its lines.
const PROBLEMS = [
  'Nimi;Sähköposti;Puhelin;Y-tunnus;Postinumero;Markkinointilupa',
  'Mäkinen Matti;matti@example.fi;040 123 4567;;02320;kyllä', // 2 created, consent
  'Bad Email;not-an-email;;;;', // 3 bad e-mail
  'Bad Phone;bp@example.fi;12;;;', // 4 bad phone
  'Bad Business;bb@example.fi;;2832233-4;;', // 5 bad business ID (check digit)
  'In Register;existing@example.fi;;;;', // 6 duplicate of a customer of the register (e-mail)
  'Twice In File;MATTI@example.fi;;;;', // 7 duplicate of line 2 (e-mail, case-insensitive)
  'Same Phone;samephone@example.fi;+358 40 123 4567;;;', // 8 duplicate of line 2 (phone, any format)
  'Åström Anna;anna@example.fi;050 765 4321;2832233-5;00100;ei', // 9 created, no consent
  ';noname@example.fi;;;;', // 10 no name
  'Bad Consent;bc@example.fi;;;;maybe', // 11 consent neither yes nor no
  'Two Customers;existing@example.fi;040 999 8888;;;', // 12 e-mail one customer's, phone another's
  'Bad Postcode;pc@example.fi;;;123;', // 13 Finnish postal code
].join('\r\n') + '\r\n';

describe('customer import', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: Agent;
  let staff: Agent;
  let base: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    other = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    base = `/api/t/${tenant.slug}/customer-imports`;
  });
  afterAll(() => ctx.close());

  const customers = async (t: TestTenant) =>
    ctx.sql<Record<string, unknown>>(
      `select business_id, company_name, contact_name, email, phone, street_address, postal_code, city, country, billing_first_name, billing_last_name from "${t.schema}".customer order by email, contact_name, company_name`,
    );
  const upload = (agent: Agent, content: Buffer | string, fileName = 'asiakkaat.csv', path = base) => agent.post(path).send({ fileName, content: b64(content) });

  describe('a file with every problem kind', () => {
    let existing: { id: string };
    let otherExisting: { id: string };
    let id: string;
    let mapping: Record<string, string | null>;

    beforeAll(async () => {
      existing = await ctx.newCustomer(tenant, { contactName: 'Existing One', email: 'existing@example.fi' });
      otherExisting = await ctx.newCustomer(tenant, { contactName: 'Existing Two', email: 'two@example.fi', phone: '040 999 8888' });
      const res = await upload(staff, win1252(PROBLEMS)).expect(201);
      id = res.body.id;
      mapping = res.body.mapping;
      expect(res.body).toMatchObject({ encoding: 'windows-1252', separator: ';', rowCount: 12, state: 'uploaded', processed: 0, result: null });
      expect(res.body.header).toEqual(['Nimi', 'Sähköposti', 'Puhelin', 'Y-tunnus', 'Postinumero', 'Markkinointilupa']);
      expect(res.body.sample[0]).toEqual(['Mäkinen Matti', 'matti@example.fi', '040 123 4567', '', '02320', 'kyllä']);
    });

    it('suggests a mapping from the Finnish column names', () => {
      expect(mapping).toEqual({ Nimi: 'contactName', Sähköposti: 'email', Puhelin: 'phone', 'Y-tunnus': 'businessId', Postinumero: 'postalCode', Markkinointilupa: 'marketingEmailConsent' });
    });

    it('previews each row: its errors by field, its duplicates in the register and earlier in the file; nothing written', async () => {
      const before = await customers(tenant);
      const res = await staff.post(`${base}/${id}/preview`).send({ mapping, duplicates: 'skip' }).expect(200);
      expect(res.body).toMatchObject({ total: 12, create: 2, update: 0, skip: 3, error: 7 });
      const byLine = Object.fromEntries(res.body.rows.map((r: { line: number }) => [r.line, r]));
      expect(Object.fromEntries(res.body.rows.map((r: { line: number; action: string; errors: { field: string }[] }) => [r.line, [r.action, ...r.errors.map((e) => e.field)]]))).toEqual({
        2: ['create'],
        3: ['error', 'email'],
        4: ['error', 'phone'],
        5: ['error', 'businessId'],
        6: ['skip'],
        7: ['skip'],
        8: ['skip'],
        9: ['create'],
        10: ['error', 'name'],
        11: ['error', 'marketingEmailConsent'],
        12: ['error', 'email'],
        13: ['error', 'postalCode'],
      });
      expect(byLine[6].duplicateOf).toEqual({ by: 'email', customerId: existing.id, line: null });
      expect(byLine[7].duplicateOf).toEqual({ by: 'email', customerId: null, line: 2 });
      expect(byLine[8].duplicateOf).toEqual({ by: 'phone', customerId: null, line: 2 });
      expect(byLine[12].errors[0].message).toMatch(/two different customers/);
      expect(byLine[2].values).toEqual({ contactName: 'Mäkinen Matti', email: 'matti@example.fi', phone: '040 123 4567', postalCode: '02320', marketingEmailConsent: 'kyllä' });
      expect(await customers(tenant)).toEqual(before);
      expect(otherExisting.id).toBeDefined();
    });

    it('all or nothing: one bad row imports nothing, with a 422 naming the lines', async () => {
      const before = await customers(tenant);
      const res = await staff.post(`${base}/${id}/commit`).send({ mapping, duplicates: 'skip', allOrNothing: true }).expect(422);
      expect(problemOf(res)).toMatchObject({ type: expect.stringMatching(/import-rows-have-errors$/), detail: expect.stringMatching(/7 of 12 rows .*line 3/) });
      expect(res.body.errors).toContainEqual({ field: 'line 4: phone', message: expect.any(String) });
      expect(await customers(tenant)).toEqual(before);
      expect((await staff.get(`${base}/${id}`).expect(200)).body.state).toBe('uploaded');
    });

    it('imports exactly the valid new rows, records consent with the channel "import", and the audit trail', async () => {
      const before = await customers(tenant);
      const res = await staff.post(`${base}/${id}/commit`).send({ mapping, duplicates: 'skip' }).expect(200);
      expect(res.body).toEqual({ created: 2, updated: 0, skipped: 3, failed: 7, consents: 1, failedLines: [3, 4, 5, 10, 11, 12, 13] });
      const after = await customers(tenant);
      expect(after.length).toBe(before.length + 2);
      const added = after.filter((c) => !before.some((b) => b.email === c.email));
      expect(added).toEqual([
        { business_id: '2832233-5', company_name: null, contact_name: 'Åström Anna', email: 'anna@example.fi', phone: '+358507654321', street_address: null, postal_code: '00100', city: null, country: 'FI', billing_first_name: null, billing_last_name: null },
        { business_id: null, company_name: null, contact_name: 'Mäkinen Matti', email: 'matti@example.fi', phone: '+358401234567', street_address: null, postal_code: '02320', city: null, country: 'FI', billing_first_name: null, billing_last_name: null },
      ]);
      const [matti] = await ctx.sql<{ id: string }>(`select id from "${tenant.schema}".customer where email = 'matti@example.fi'`);
      const consent = (await staff.get(`/api/t/${tenant.slug}/customers/${matti.id}/consents/marketing_email`).expect(200)).body;
      expect(consent).toMatchObject({ granted: true, channel: 'import', history: [{ action: 'granted', channel: 'import', actor: expect.stringMatching(/^tenant-staff:/) }] });
      const audit = (await owner.get(`/api/t/${tenant.slug}/customers/${matti.id}/audit`).expect(200)).body;
      expect(audit).toEqual([expect.objectContaining({ action: 'customer.imported', fields: ['contactName', 'email', 'phone', 'postalCode'], actorName: 'Test staff' })]);

      const done = (await staff.get(`${base}/${id}`).expect(200)).body;
      expect(done).toMatchObject({ state: 'imported', processed: 2, result: res.body });
      // The file's text is personal data with no purpose left once imported.
      expect(await ctx.sql(`select content from "${tenant.schema}".customer_import where id = ?`, [id])).toEqual([{ content: null }]);
      problemOf(await staff.post(`${base}/${id}/commit`).send({ mapping, duplicates: 'skip' }).expect(409));
    });
  });

  it('writes duplicates over the records when asked: UTF-8 with BOM, commas, later lines winning', async () => {
    const kept = await ctx.newCustomer(tenant, { contactName: 'Update Me', email: 'update.me@example.fi', city: 'Espoo' });
    const file = '\uFEFFname,email,phone,city,marketing sms\r\n' +
      'Update Me,UPDATE.ME@example.fi,0401231231,Vantaa,1\r\n' +
      '"Päivi, uusi",new.one@example.fi,,Turku,0\r\n' +
      'Päivi Uusi,new.one@example.fi,,Oulu,\r\n';
    const up = (await upload(staff, Buffer.from(file, 'utf8'), 'export.csv').expect(201)).body;
    expect(up).toMatchObject({ encoding: 'utf-8', separator: ',', rowCount: 3 });
    expect(up.mapping).toEqual({ name: 'contactName', email: 'email', phone: 'phone', city: 'city', 'marketing sms': 'marketingSmsConsent' });
    const preview = (await staff.post(`${base}/${up.id}/preview`).send({ mapping: up.mapping, duplicates: 'update' }).expect(200)).body;
    expect(preview).toMatchObject({ create: 1, update: 2, skip: 0, error: 0 });
    const result = (await staff.post(`${base}/${up.id}/commit`).send({ mapping: up.mapping, duplicates: 'update' }).expect(200)).body;
    expect(result).toMatchObject({ created: 1, updated: 1, skipped: 0, failed: 0, consents: 1 });
    const read = (await staff.get(`/api/t/${tenant.slug}/customers/${kept.id}`).expect(200)).body;
    expect(read).toMatchObject({ contactName: 'Update Me', email: 'update.me@example.fi', phone: '+358401231231', city: 'Vantaa', version: kept.version + 1 });
    const [created] = await ctx.sql(`select contact_name, city from "${tenant.schema}".customer where email = 'new.one@example.fi'`);
    expect(created).toEqual({ contact_name: 'Päivi Uusi', city: 'Oulu' });
    const audit = (await owner.get(`/api/t/${tenant.slug}/customers/${kept.id}/audit`).expect(200)).body;
    expect(audit.at(-1)).toMatchObject({ action: 'customer.updated_by_import', fields: ['city', 'phone'] });
    expect((await staff.get(`/api/t/${tenant.slug}/customers/${kept.id}/consents/marketing_sms`).expect(200)).body).toMatchObject({ granted: true, channel: 'import' });
  });

  it('remembers the mapping chosen, for the next file with those column names', async () => {
    const first = (await upload(staff, 'Asiakas;Muistiinpano\nKalle;vip\n').expect(201)).body;
    expect(first.mapping).toEqual({ Asiakas: 'contactName', Muistiinpano: null });
    await staff.post(`${base}/${first.id}/preview`).send({ mapping: { Asiakas: 'companyName', Muistiinpano: null }, duplicates: 'skip' }).expect(200);
    const second = (await upload(staff, 'Asiakas;Muistiinpano;Kaupunki\nOy Ab;x;Espoo\n').expect(201)).body;
    expect(second.mapping).toEqual({ Asiakas: 'companyName', Muistiinpano: null, Kaupunki: 'city' });
    // Another tenant's memory is its own.
    const elsewhere = await ctx.loginTenant(other, other.owner);
    expect((await upload(elsewhere, 'Asiakas;Muistiinpano\nKalle;vip\n', 'a.csv', `/api/t/${other.slug}/customer-imports`).expect(201)).body.mapping.Asiakas).toBe('contactName');
  });

  it('refuses a bad mapping field by field', async () => {
    const up = (await upload(staff, 'A;B\nx;y\n').expect(201)).body;
    const res = await staff.post(`${base}/${up.id}/preview`).send({ mapping: { A: 'email', B: 'email', C: 'city' }, duplicates: 'skip' }).expect(400);
    expect(problemOf(res).errors!.map((e) => e.field).sort()).toEqual(['mapping', 'mapping.B', 'mapping.C']);
    problemOf(await staff.post(`${base}/${up.id}/preview`).send({ mapping: { A: 'contactName' }, duplicates: 'maybe' }).expect(400));
  });

  it.each([
    ['a row with a cell too many', 'Nimi;Sähköposti\nA;a@example.fi\nB;b@example.fi;extra\n', 3, 3],
    ['an unclosed quote', 'Nimi;Sähköposti\n"A;a@example.fi\n', 2, 1],
    ['a stray quote', 'Nimi;Sähköposti\nA;a"b@example.fi\n', 2, 2],
    ['a nameless column', 'Nimi;;Puhelin\nA;x;0401234567\n', 1, 2],
  ])('refuses a malformed file (%s) with 400 naming the line and column, storing nothing', async (_, file, line, column) => {
    const before = await ctx.sql(`select count(*)::int as n from "${tenant.schema}".customer_import`);
    const res = await upload(staff, file).expect(400);
    expect(problemOf(res)).toMatchObject({ type: expect.stringMatching(/import-file-unreadable$/), line, column, detail: expect.stringContaining(`line ${line}, column ${column}: `) });
    expect(res.body.errors).toEqual([{ field: 'content', message: res.body.detail }]);
    expect(await ctx.sql(`select count(*)::int as n from "${tenant.schema}".customer_import`)).toEqual(before);
  });

  it('refuses what is not a file: an empty one, bad base64, unknown fields', async () => {
    problemOf(await upload(staff, '').expect(400));
    problemOf(await staff.post(base).send({ fileName: 'a.csv', content: '!!not base64!!' }).expect(400));
    problemOf(await staff.post(base).send({ fileName: 'a.csv', content: b64('a\nb\n'), tenantId: other.id }).expect(400));
  });

  it('re-imports the CSV export to the same register', async () => {
    const source = await ctx.newTenant();
    const target = await ctx.newTenant();
    const sourceOwner = await ctx.loginTenant(source, source.owner);
    await ctx.newCustomer(source, { companyName: 'Kovács; "Quoted" Oy', businessId: '2832233-5', contactName: 'Zoltán Kovács', email: 'zoltan@example.fi', phone: '+358 40 111 2222', streetAddress: 'Merivirta 5A', postalCode: '02320', city: 'Espoo', billingFirstName: 'Zoltán', billingLastName: 'Kovács' });
    await ctx.newCustomer(source, { contactName: '=HYPERLINK("x")', email: 'formula@example.fi', country: 'SE', postalCode: '111 22', city: 'Stockholm' });
    await ctx.newCustomer(source, { billingFirstName: 'Liisa', billingLastName: 'Line\nBreak', phone: '09 3104 0000' });
    const exported = (await sourceOwner.get(`/api/t/${source.slug}/customers/export`).buffer(true).parse(textBody).expect(200)).body as string;
    const targetOwner = await ctx.loginTenant(target, target.owner);
    const path = `/api/t/${target.slug}/customer-imports`;
    const up = (await targetOwner.post(path).send({ fileName: 'export.csv', content: b64(Buffer.from(exported, 'utf8')) }).expect(201)).body;
    expect(up).toMatchObject({ encoding: 'utf-8', separator: ';', rowCount: 3 });
    // The export's columns are the API's field names: mapped as they are; its id and times are the source's own.
    expect(up.mapping).toMatchObject({ id: null, createdAt: null, updatedAt: null, businessId: 'businessId', phone: 'phone', billingLastName: 'billingLastName' });
    const result = (await targetOwner.post(`${path}/${up.id}/commit`).send({ mapping: up.mapping, duplicates: 'skip', allOrNothing: true }).expect(200)).body;
    expect(result).toMatchObject({ created: 3, failed: 0 });
    expect(await customers(target)).toEqual(await customers(source));

    // Into the register it came from: every row is already there, nothing changes.
    const again = (await sourceOwner.post(`/api/t/${source.slug}/customer-imports`).send({ fileName: 'export.csv', content: b64(Buffer.from(exported, 'utf8')) }).expect(201)).body;
    const before = await customers(source);
    expect((await sourceOwner.post(`/api/t/${source.slug}/customer-imports/${again.id}/commit`).send({ mapping: again.mapping, duplicates: 'skip' }).expect(200)).body).toMatchObject({ created: 0, skipped: 3 });
    expect(await customers(source)).toEqual(before);
  });

  describe('roles and tenants', () => {
    let id: string;
    beforeAll(async () => {
      id = (await upload(owner, 'Nimi\nIsolated Isto\n').expect(201)).body.id;
    });

    it('needs a signed-in member of the tenant (owner or staff)', async () => {
      problemOf(await ctx.http().post(base).send({ fileName: 'a.csv', content: b64('Nimi\nA\n') }).expect(401));
      problemOf(await ctx.http().get(`${base}/${id}`).expect(401));
      await staff.get(`${base}/${id}`).expect(200);
      const portal = await ctx.loginPortal(tenant, await ctx.newPortalCustomer(tenant));
      problemOf(await portal.post(base).send({ fileName: 'a.csv', content: b64('Nimi\nA\n') }).expect((r) => expect([401, 403, 404]).toContain(r.status)));
    });

    it("answers 404 for another tenant's import, through either path, and changes nothing there", async () => {
      const elsewhere = await ctx.loginTenant(other, other.owner);
      const otherBase = `/api/t/${other.slug}/customer-imports`;
      problemOf(await elsewhere.get(`${otherBase}/${id}`).expect(404));
      problemOf(await elsewhere.post(`${otherBase}/${id}/preview`).send({ mapping: { Nimi: 'contactName' }, duplicates: 'skip' }).expect(404));
      problemOf(await elsewhere.post(`${otherBase}/${id}/commit`).send({ mapping: { Nimi: 'contactName' }, duplicates: 'skip' }).expect(404));
      problemOf(await elsewhere.get(`${base}/${id}`).expect(404));
      problemOf(await elsewhere.post(base).send({ fileName: 'a.csv', content: b64('Nimi\nA\n') }).expect(404));
      expect((await staff.get(`${base}/${id}`).expect(200)).body.state).toBe('uploaded');
      expect(await ctx.sql(`select count(*)::int as n from "${other.schema}".customer where contact_name = 'Isolated Isto'`)).toEqual([{ n: 0 }]);
    });
  });
});
