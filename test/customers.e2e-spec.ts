// The customer register: CRUD, search, pagination, optimistic concurrency, audit, isolation, roles, bad input.
import { problemOf, TestContext, type Agent, type TestTenant } from '@app/testing';

const company = {
  businessId: '2832233-5',
  companyName: 'Espoon Hyvinvointi Oy',
  contactName: 'Maija Meikäläinen',
  email: 'Maija@Example.fi',
  phone: '040 123 4567',
  streetAddress: 'Merivirta 5A',
  postalCode: '02320',
  city: 'Espoo',
  billingFirstName: 'Maija',
  billingLastName: 'Meikäläinen',
};

describe('customers', () => {
  let ctx: TestContext;
  let tenant: TestTenant;
  let other: TestTenant;
  let staff: Agent;
  let owner: Agent;
  let base: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    tenant = await ctx.newTenant();
    other = await ctx.newTenant();
    owner = await ctx.loginTenant(tenant, tenant.owner);
    staff = await ctx.loginTenant(tenant, await ctx.newTenantStaff(tenant, 'staff'));
    base = `/api/t/${tenant.slug}/customers`;
  });
  afterAll(() => ctx.close());

  const count = async (schema: string) => Number((await ctx.sql<{ n: string }>(`select count(*) as n from "${schema}".customer`))[0].n);

  it('registers a company customer with every field, normalising e-mail and phone', async () => {
    const res = await staff.post(base).send(company).expect(201);
    expect(res.body).toMatchObject({ ...company, email: 'maija@example.fi', phone: '+358401234567', country: 'FI', version: 1, lastLoginAt: null });
    const read = await staff.get(`${base}/${res.body.id}`).expect(200);
    expect(read.body).toEqual(res.body);
  });

  it('registers a private person without a business ID', async () => {
    const res = await staff.post(base).send({ billingFirstName: 'Pekka', billingLastName: 'Puupää', email: 'pekka@example.fi' }).expect(201);
    expect(res.body.businessId).toBeNull();
  });

  it('keeps e-mail addresses unique within the tenant, case-insensitively, but not across tenants', async () => {
    const res = await staff.post(base).send({ contactName: 'Dup', email: 'MAIJA@example.FI' }).expect(409);
    expect(problemOf(res).type).toMatch(/customer-email-taken$/);
    const otherOwner = await ctx.loginTenant(other, other.owner);
    await otherOwner.post(`/api/t/${other.slug}/customers`).send({ contactName: 'Same address elsewhere', email: 'maija@example.fi' }).expect(201);
  });

  it('rectifies with the current version, refuses a stale one with 409, and records the fields changed', async () => {
    const created = await staff.post(base).send({ contactName: 'Version Test', phone: '+358 50 111 2222' }).expect(201);
    const updated = await staff.patch(`${base}/${created.body.id}`).send({ phone: '050 333 4444', city: 'Vantaa', version: 1 }).expect(200);
    expect(updated.body).toMatchObject({ phone: '+358503334444', city: 'Vantaa', version: 2 });
    const stale = await staff.patch(`${base}/${created.body.id}`).send({ city: 'Turku', version: 1 }).expect(409);
    expect(problemOf(stale).type).toMatch(/stale-version$/);
    const cleared = await staff.patch(`${base}/${created.body.id}`).send({ city: null, version: 2 }).expect(200);
    expect(cleared.body.city).toBeNull();

    const audit = await owner.get(`${base}/${created.body.id}/audit`).expect(200);
    expect(audit.body.map((e: { action: string; fields: string[] }) => [e.action, e.fields])).toEqual([
      ['customer.created', ['contactName', 'phone']],
      ['customer.updated', ['city', 'phone']],
      ['customer.updated', ['city']],
    ]);
    // The trail names fields, never values.
    expect(JSON.stringify(audit.body)).not.toContain('3334444');
    problemOf(await staff.get(`${base}/${created.body.id}/audit`).expect(403));
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const created = await staff.post(base).send({ contactName: 'Race' }).expect(201);
    const [a, b] = await Promise.all([
      staff.patch(`${base}/${created.body.id}`).send({ city: 'Espoo', version: 1 }),
      owner.patch(`${base}/${created.body.id}`).send({ city: 'Kauniainen', version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [row] = await ctx.sql<{ version: number }>(`select version from "${tenant.schema}".customer where id = ?`, [created.body.id]);
    expect(row.version).toBe(2);
  });

  it('searches by name, company, e-mail and phone, and pages with a stable cursor', async () => {
    for (let i = 0; i < 7; i++) await staff.post(base).send({ contactName: `Sivutus Henkilö ${i}`, phone: `+358 40 555 000${i}` }).expect(201);
    expect((await staff.get(`${base}?q=hyvinvointi`).expect(200)).body.items.map((c: { companyName: string }) => c.companyName)).toEqual(['Espoon Hyvinvointi Oy']);
    expect((await staff.get(`${base}?q=MAIJA@EXAMPLE`).expect(200)).body.items).toHaveLength(1);
    expect((await staff.get(`${base}?q=4055500`).expect(200)).body.items).toHaveLength(7);
    // As people write a number: the national 0 and the spaces still find the stored +358 form.
    expect((await staff.get(`${base}?q=${encodeURIComponent('040 5550')}`).expect(200)).body.items).toHaveLength(7);
    expect((await staff.get(`${base}?q=${encodeURIComponent('100%')}`).expect(200)).body.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await staff.get(`${base}?q=sivutus&limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    problemOf(await staff.get(`${base}?cursor=garbage`).expect(400));
    problemOf(await staff.get(`${base}?limit=201`).expect(400));
  });

  it('pages exactly once over rows written by SQL with sub-millisecond clocks', async () => {
    // Timestamps are stored to the millisecond, as cursors carry them: rows written in one statement share times.
    await ctx.sql(
      `insert into "${tenant.schema}".customer (id, contact_name, created_at)
       select gen_random_uuid(), 'Eräajo ' || i, now() + i * interval '1 microsecond' from generate_series(1, 25) i`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await staff.get(`${base}?q=eräajo&limit=4${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it("lists each customer exactly as the customer's own route answers it", async () => {
    // The page query and the route's read are two statements: the same fields, nulls and restriction, and the same
    // times written the same way, for sub-millisecond times (the columns round them to the millisecond) in another zone.
    const [row] = await ctx.sql<{ id: string }>(
      `insert into "${tenant.schema}".customer (id, contact_name, company_name, email, phone, city, country, created_at, updated_at, last_login_at, restricted_at, restriction_reason)
       values (gen_random_uuid(), 'Listan "Vertailu" \\ Henkilö', null, 'vertailu@example.fi', '+358405550999', 'Åbo', 'FI',
               '2026-01-02 03:04:05.678999+00', '2026-02-03 04:05:06.000001+00', '2026-03-04 05:06:07.999999+02', '2026-04-05 06:07:08.5+00', 'Pyyntö 12')
       returning id`,
    );
    const plain = (await staff.post(base).send({ contactName: 'Listan Vertailu Toinen' }).expect(201)).body as { id: string };
    const listed = await staff.get(`${base}?q=${encodeURIComponent('listan')}&sort=name`).expect(200);
    expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
    const items = listed.body.items as { id: string }[];
    expect(items.map((c) => c.id)).toEqual([row.id, plain.id]);
    for (const item of items) expect(item).toStrictEqual((await staff.get(`${base}/${item.id}`).expect(200)).body);
    expect(items[0]).toMatchObject({ createdAt: '2026-01-02T03:04:05.679Z', lastLoginAt: '2026-03-04T03:06:08.000Z', restriction: { since: '2026-04-05T06:07:08.500Z', reason: 'Pyyntö 12', requestId: null } });
    expect(listed.body.nextCursor).toBeNull();
  });

  it('names the staff in the audit trail, disabled members too, and no one else', async () => {
    const member = await ctx.newTenantStaff(tenant, 'staff');
    const memberAgent = await ctx.loginTenant(tenant, member);
    const created = await memberAgent.post(base).send({ contactName: 'Nimetty Jälki' }).expect(201);
    await owner.patch(`${base}/${created.body.id}`).send({ city: 'Espoo', version: 1 }).expect(200);
    await owner.post(`/api/t/${tenant.slug}/staff/${member.id}/disable`).expect(200);
    await ctx.sql(`insert into "${tenant.schema}".audit_event (actor, action, subject_type, subject_id, fields, occurred_at) values ('system', 'customer.flagged', 'customer', ?, '{}', now() + interval '1 second')`, [created.body.id]);
    const ownerName = (await owner.get(`/api/t/${tenant.slug}/me`).expect(200)).body.name;
    const audit = (await owner.get(`${base}/${created.body.id}/audit`).expect(200)).body as { actorName: string | null; action: string }[];
    expect(audit.map((e) => [e.action, e.actorName])).toEqual([
      ['customer.created', 'Test staff'],
      ['customer.updated', ownerName],
      ['customer.flagged', null],
    ]);
  });

  describe('sorting', () => {
    type Row = { id: string; companyName: string | null; contactName: string | null; billingLastName: string | null };
    const nameOf = (c: Row) => c.companyName ?? c.billingLastName ?? c.contactName;
    const all = async (agent: Agent, query: string) => {
      const seen: Row[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Row[]; nextCursor: string | null } } = await agent.get(`${base}?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };

    it('sorts by the name as listed, both ways, page after page, with the search', async () => {
      await staff.post(base).send({ contactName: 'Lajittelu Cecilia' }).expect(201);
      await staff.post(base).send({ companyName: 'Lajittelu Alfa Oy', contactName: 'Zeta Yhteys' }).expect(201);
      await staff.post(base).send({ billingFirstName: 'Lajittelu', billingLastName: 'Bertta', contactName: 'Zorro' }).expect(201);
      await staff.post(base).send({ contactName: 'lajittelu daavid' }).expect(201);
      await staff.post(base).send({ contactName: 'Lajittelu Eero' }).expect(201);
      const names = (rows: Row[]) => rows.map((c) => nameOf(c)?.toLowerCase());
      const ascending = await all(staff, 'q=lajittelu&sort=name');
      expect(names(ascending)).toEqual(['lajittelu alfa oy', 'bertta', 'lajittelu cecilia', 'lajittelu daavid', 'lajittelu eero'].map((n) => n));
      // The billing name is listed as "first last": it sorts by that whole name, which starts "Lajittelu B".
      const descending = await all(staff, 'q=lajittelu&sort=-name');
      expect(descending.map((c) => c.id)).toEqual(ascending.map((c) => c.id).reverse());
      // Other tenants' customers never join the list.
      await (await ctx.loginTenant(other, other.owner)).post(`/api/t/${other.slug}/customers`).send({ contactName: 'Lajittelu Aaro' }).expect(201);
      expect((await all(staff, 'q=lajittelu&sort=name')).map((c) => c.id)).toEqual(ascending.map((c) => c.id));
    });

    it('sorts by registration and by last change, both ways', async () => {
      const made: string[] = [];
      for (const name of ['Muutos Yksi', 'Muutos Kaksi', 'Muutos Kolme']) made.push((await staff.post(base).send({ contactName: name }).expect(201)).body.id);
      const ids = async (sort: string) => (await all(staff, `q=muutos&sort=${sort}`)).map((c) => c.id);
      expect(await ids('created')).toEqual(made);
      expect(await ids('-created')).toEqual([...made].reverse());
      // Changing the first one makes it the most recently changed.
      const first = (await staff.get(`${base}/${made[0]}`).expect(200)).body;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await staff.patch(`${base}/${made[0]}`).send({ city: 'Espoo', version: first.version }).expect(200);
      expect((await ids('-updated'))[0]).toBe(made[0]);
      expect((await ids('updated')).at(-1)).toBe(made[0]);
    });

    it('refuses an unknown order, and a cursor replayed under another order', async () => {
      expect(problemOf(await staff.get(`${base}?sort=email`).expect(400)).errors?.map((e) => e.field)).toEqual(['sort']);
      const byName = await staff.get(`${base}?sort=name&limit=1`).expect(200);
      expect(byName.body.nextCursor).toBeTruthy();
      problemOf(await staff.get(`${base}?sort=-name&limit=1&cursor=${byName.body.nextCursor}`).expect(400));
      problemOf(await staff.get(`${base}?limit=1&cursor=${byName.body.nextCursor}`).expect(400));
      const newest = await staff.get(`${base}?limit=1`).expect(200);
      problemOf(await staff.get(`${base}?sort=updated&limit=1&cursor=${newest.body.nextCursor}`).expect(400));
    });

    it('has a keyset index for every order', async () => {
      const indexes = await ctx.sql<{ indexdef: string }>(`select indexdef from pg_indexes where schemaname = ? and tablename = 'customer'`, [tenant.schema]);
      const defs = indexes.map((i) => i.indexdef);
      expect(defs).toEqual(expect.arrayContaining([expect.stringMatching(/\(created_at DESC, id DESC\)/), expect.stringMatching(/\(sort_name, id\)/), expect.stringMatching(/\(updated_at, id\)/)]));
    });
  });

  describe('bad input answers 400 and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a wrong business ID check digit', { contactName: 'X', businessId: '2832233-4' }, 'businessId'],
      ['an invalid e-mail', { contactName: 'X', email: 'x@' }, 'email'],
      ['an invalid phone', { contactName: 'X', phone: '12' }, 'phone'],
      ['a phone as a number', { contactName: 'X', phone: 401234567 }, 'phone'],
      ['an over-long company name', { companyName: 'x'.repeat(201) }, 'companyName'],
      ['a bad country', { contactName: 'X', country: 'Finland' }, 'country'],
      ['a Finnish postal code of four digits', { contactName: 'X', postalCode: '0232' }, 'postalCode'],
      ['a server-owned field', { contactName: 'X', lastLoginAt: '2026-01-01T00:00:00Z' }, 'lastLoginAt'],
      ['an unknown field', { contactName: 'X', vip: true }, 'vip'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const before = await count(tenant.schema);
      const res = await staff.post(base).send(body).expect(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toContain(field);
      expect(await count(tenant.schema)).toBe(before);
    });

    it('a customer without any name', async () => {
      const before = await count(tenant.schema);
      expect(problemOf(await staff.post(base).send({ email: 'nameless@example.fi' }).expect(400)).type).toMatch(/customer-name-required$/);
      expect(await count(tenant.schema)).toBe(before);
    });

    it('a malformed id in the path', async () => {
      problemOf(await staff.get(`${base}/not-a-uuid`).expect(400));
    });
  });

  it("keeps tenants apart: B's customer is not found from A, by id or by search", async () => {
    const otherOwner = await ctx.loginTenant(other, other.owner);
    const theirs = await otherOwner.post(`/api/t/${other.slug}/customers`).send({ contactName: 'Salainen Asiakas' }).expect(201);
    problemOf(await staff.get(`${base}/${theirs.body.id}`).expect(404));
    problemOf(await staff.patch(`${base}/${theirs.body.id}`).send({ city: 'X', version: 1 }).expect(404));
    expect((await staff.get(`${base}?q=salainen`).expect(200)).body.items).toEqual([]);
    problemOf(await staff.get(`/api/t/${other.slug}/customers/${theirs.body.id}`).expect(404));
    const [row] = await ctx.sql<{ city: string | null }>(`select city from "${other.schema}".customer where id = ?`, [theirs.body.id]);
    expect(row.city).toBeNull();
  });

  it('is closed to anonymous callers and platform staff', async () => {
    problemOf(await ctx.http().get(base).expect(401));
    const admin = await ctx.newPlatformAdminAgent();
    problemOf(await admin.get(base).expect(404));
  });
});
