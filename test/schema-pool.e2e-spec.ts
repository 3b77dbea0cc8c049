// Spare tenant schemas (issue 18): a schema claimed from the pool is indistinguishable from one made for the tenant,
// two onboardings never share a spare, an empty pool falls back, the job tops the pool up, migrateAll keeps spares current.
import { systemActor } from '@app/core';
import type { SchemaMigration } from '@app/database';
import { JobsService } from '@app/jobs';
import { tenantMigrations } from '@migrations/tenant';
import { SchemaPoolService, SPARE_SCHEMAS_JOB, TenancyService, tenantSchemaName } from '@app/tenancy';
import { TestContext } from '@app/testing';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)/g;

describe('spare tenant schemas', () => {
  let ctx: TestContext;
  let pool: SchemaPoolService;
  let n = 0;

  beforeAll(async () => {
    // Workers off: the test drives the refill job itself.
    ctx = await TestContext.create({ jobsEnabled: false, spareTenantSchemas: 2 });
    pool = ctx.get(SchemaPoolService);
  });
  afterAll(() => ctx.close());

  const onboard = (migrations?: readonly SchemaMigration[]) =>
    ctx.get(TenancyService).onboard(
      systemActor('test'),
      // The same people in every tenant, so only ids, secrets and times differ between two schemas.
      { slug: `pool-${++n}`, legalName: 'Allas Oy', businessId: '2832233-5', streetAddress: 'Merivirta 5A', postalCode: '02320', city: 'Espoo', contactEmail: 'owner@allas.test', contactPerson: 'Olli Omistaja' },
      migrations,
    );
  const schemaOid = async (schema: string) => (await ctx.sql<{ oid: number }>('select oid::int as oid from pg_namespace where nspname = ?', [schema]))[0]?.oid;
  const dbNow = async () => new Date((await ctx.sql<{ now: string }>('select now() as now'))[0].now);
  const applied = async (schema: string) => (await ctx.sql<{ name: string }>(`select name from "${schema}".schema_migrations order by name`)).map((r) => r.name);

  /** Everything a schema defines, with its own name replaced, so two schemas compare. */
  async function catalog(schema: string) {
    const rel = (text: string) => text.replaceAll(schema, '<schema>');
    const q = async (sql: string) => (await ctx.sql<Record<string, unknown>>(sql, [schema])).map((r) => rel(JSON.stringify(r)));
    return {
      relations: await q(`select c.relname, c.relkind, c.relpersistence from pg_class c where c.relnamespace = ?::regnamespace order by 1`),
      columns: await q(
        `select table_name, column_name, ordinal_position, data_type, column_default, is_nullable, is_identity, is_generated, generation_expression
           from information_schema.columns where table_schema = ? order by 1, 3`,
      ),
      constraints: await q(`select conrelid::regclass::text as rel, conname, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = ?::regnamespace order by 1, 2`),
      indexes: await q(`select indexname, indexdef from pg_indexes where schemaname = ? order by 1`),
      triggers: await q(
        `select tgname, pg_get_triggerdef(t.oid) as def, t.tgenabled from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = ?::regnamespace and not t.tgisinternal order by 1`,
      ),
      sequences: await q(`select sequencename, start_value, increment_by, last_value from pg_sequences where schemaname = ? order by 1`),
      functions: await q(`select proname, pg_get_functiondef(oid) as def, proconfig from pg_proc where pronamespace = ?::regnamespace order by 1`),
      migrations: await applied(schema),
    };
  }

  /** Every row of every table, its ids, secrets and times masked; the times are returned apart, per table. */
  async function rows(schema: string) {
    const tables = (await ctx.sql<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' order by 1`, [schema])).map((t) => t.table_name);
    const content: Record<string, string[]> = {};
    const times: Record<string, Date[]> = {};
    for (const table of tables) {
      const all = await ctx.sql<{ row: Record<string, unknown> }>(`select to_jsonb(t) as row from "${schema}"."${table}" t`);
      times[table] = all.flatMap((r) => (JSON.stringify(r.row).match(TIMESTAMP) ?? []).map((s) => new Date(s)));
      content[table] = all
        .map((r) => JSON.stringify(r.row, (key, value: unknown) => (/hash|token/.test(key) && typeof value === 'string' ? '<secret>' : value)))
        .map((text) => text.replace(TIMESTAMP, '<time>').replace(UUID, '<uuid>'))
        .sort();
    }
    return { content, times };
  }

  it('hands a tenant a claimed spare that is indistinguishable from a schema made for it', async () => {
    expect(await pool.refill(1)).toEqual({ created: 1, dropped: 0 });
    const [spare] = await pool.spares();
    const spareOid = await schemaOid(spare);
    // The spare is older than the onboarding: its seeded rows must not say so.
    await new Promise((r) => setTimeout(r, 50));
    const started = await dbNow();

    const queued = await ctx.sql<{ n: number }>(`select count(*)::int as n from pgboss.job where name = ?`, [SPARE_SCHEMAS_JOB]);
    const claimed = await onboard();
    await new Promise((r) => setTimeout(r, 100)); // the refill is queued after the response
    expect(await ctx.sql(`select count(*)::int as n from pgboss.job where name = ?`, [SPARE_SCHEMAS_JOB])).toEqual([{ n: queued[0].n + 1 }]);
    const claimedSchema = tenantSchemaName(claimed.tenant.id);
    expect(await schemaOid(claimedSchema)).toBe(spareOid); // renamed, not made again
    expect(await schemaOid(spare)).toBeUndefined();
    expect(await pool.spares()).toEqual([]);
    expect(await ctx.sql('select schema_name from platform.tenant where id = ?', [claimed.tenant.id])).toEqual([{ schema_name: claimedSchema }]);

    const fresh = await onboard(); // the pool is empty: made and migrated as before
    const freshSchema = tenantSchemaName(fresh.tenant.id);
    expect(await schemaOid(freshSchema)).not.toBe(spareOid);

    expect(await catalog(claimedSchema)).toEqual(await catalog(freshSchema));
    expect(await applied(claimedSchema)).toEqual(tenantMigrations.map((m) => m.name).sort());
    const [a, b] = [await rows(claimedSchema), await rows(freshSchema)];
    expect(a.content).toEqual(b.content);
    // Every time in the claimed schema is the onboarding's or later, but when its migrations ran.
    for (const [table, times] of Object.entries(a.times)) {
      if (table === 'schema_migrations') continue;
      for (const time of times) expect({ table, late: time.getTime() >= started.getTime() - 1 }).toEqual({ table, late: true });
    }
    // And the statement dates from the onboarding.
    const [settings] = await ctx.sql<{ updated_at: string; recorded_at: string }>(
      `select s.updated_at, v.recorded_at from "${claimedSchema}".register_settings s join "${claimedSchema}".register_settings_version v using (notice_version)`,
    );
    expect(new Date(settings.updated_at).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1);
    expect(new Date(settings.recorded_at)).toEqual(new Date(settings.updated_at));
  });

  it('never gives one spare to two onboardings at once, and one without a spare makes its own', async () => {
    await pool.refill(2);
    const oids = await Promise.all((await pool.spares()).map(schemaOid));
    const results = await Promise.all([onboard(), onboard(), onboard()]);
    const got = await Promise.all(results.map((r) => schemaOid(tenantSchemaName(r.tenant.id))));
    expect(new Set(got).size).toBe(3);
    expect(got.filter((oid) => oids.includes(oid)).sort()).toEqual([...oids].sort());
    expect(await pool.spares()).toEqual([]);
  });

  it('catches up a spare that is behind when it is claimed', async () => {
    const latest = [...tenantMigrations].sort((x, y) => x.name.localeCompare(y.name)).at(-1)!;
    await pool.refill(1, tenantMigrations.filter((m) => m !== latest));
    const [spare] = await pool.spares();
    expect(await applied(spare)).not.toContain(latest.name);
    const result = await onboard();
    expect(await applied(tenantSchemaName(result.tenant.id))).toContain(latest.name);
    expect(await pool.spares()).toEqual([]);
  });

  it('keeps the spare in the pool when an onboarding fails', async () => {
    await pool.refill(1);
    const before = await pool.spares();
    const broken: SchemaMigration = { name: '9999-broken', up: (db) => db.execute('create table broken (id uuid references nowhere (id))').then(() => undefined) };
    await expect(onboard([...tenantMigrations, broken])).rejects.toThrow();
    expect(await pool.spares()).toEqual(before);
    expect(await applied(before[0])).not.toContain('9999-broken');
    await pool.refill(0);
  });

  it('tops the pool up from the job queue, and drops spares above the target', async () => {
    const jobs = ctx.get(JobsService);
    await pool.refill(0);
    await jobs.send(SPARE_SCHEMAS_JOB, {});
    // The claims above queued their own refills too: the first makes the spares, the others find the pool full.
    expect(await jobs.runPending(SPARE_SCHEMAS_JOB)).toBeGreaterThanOrEqual(1);
    const spares = await pool.spares();
    expect(spares).toHaveLength(2); // spareTenantSchemas
    for (const spare of spares) expect(await applied(spare)).toEqual(tenantMigrations.map((m) => m.name).sort());
    expect(await pool.refill()).toEqual({ created: 0, dropped: 0 });
    expect(await pool.refill(1)).toEqual({ created: 0, dropped: 1 });
    const [kept] = await pool.spares();
    expect(await ctx.sql(`select nspname from pg_namespace where nspname like 'spare\\_%'`)).toEqual([{ nspname: kept }]);
    await pool.refill(0);
  });

  it('two refills at once never overshoot the target', async () => {
    await Promise.all([pool.refill(2), pool.refill(2)]);
    expect(await pool.spares()).toHaveLength(2);
    await pool.refill(0);
  });

  it('migrates the spares with the tenants, so a claimed one is never behind', async () => {
    await pool.refill(1);
    const [spare] = await pool.spares();
    const next: SchemaMigration = { name: '9000-loyalty', up: (db) => db.execute('create table loyalty_card (id uuid primary key)').then(() => undefined) };
    const report = await ctx.get(TenancyService).migrateAll(undefined, [...tenantMigrations, next]);
    expect(report.spares).toEqual({ migrated: 1, failed: [] });
    expect(await applied(spare)).toContain('9000-loyalty');
    const result = await onboard([...tenantMigrations, next]);
    expect(await applied(tenantSchemaName(result.tenant.id))).toContain('9000-loyalty');
    expect(await pool.spares()).toEqual([]);
  });
});
