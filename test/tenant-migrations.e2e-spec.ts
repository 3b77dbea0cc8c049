// A tenant migration that fails on one schema leaves that schema untouched and the others migrated; a rerun completes.
import type { SchemaMigration } from '@app/database';
import { tenantMigrations } from '@migrations/tenant';
import { SchemaPoolService, TenancyService, TenantContext } from '@app/tenancy';
import { TestContext, type TestTenant } from '@app/testing';

describe('tenant migrations', () => {
  let ctx: TestContext;
  let tenants: TestTenant[];

  beforeAll(async () => {
    // One spare, as the test below keeps: a scheduled refill meanwhile would otherwise drop it.
    ctx = await TestContext.create({ spareTenantSchemas: 1 });
    tenants = [await ctx.newTenant(), await ctx.newTenant(), await ctx.newTenant()];
  });
  afterAll(() => ctx.close());

  const hasTable = async (schema: string, table: string) =>
    (await ctx.sql(`select 1 from information_schema.tables where table_schema = ? and table_name = ?`, [schema, table])).length > 0;
  const applied = async (schema: string) => (await ctx.sql<{ name: string }>(`select name from "${schema}".schema_migrations order by name`)).map((r) => r.name);

  it('isolates a failure to its tenant and completes on a rerun', async () => {
    const victim = tenants[1];
    let broken = true;
    // Two statements, so a half-applied migration would show: the first one must be rolled back too.
    const next: SchemaMigration = {
      name: '9000-loyalty',
      async up(db) {
        await db.execute('create table loyalty_card (id uuid primary key)');
        const [{ schema }] = (await db.execute('select current_schema() as schema')) as { schema: string }[];
        if (broken && schema === victim.schema) throw new Error('simulated failure');
        await db.execute('create index loyalty_card_idx on loyalty_card (id)');
      },
    };
    const progress: string[] = [];
    const first = await ctx.get(TenancyService).migrateAll((done, total, slug, outcome) => progress.push(`${done}/${total} ${slug} ${outcome}`), [...tenantMigrations, next]);
    expect(first.failed).toEqual([{ slug: victim.slug, error: 'simulated failure' }]);
    expect(progress).toHaveLength(tenants.length);
    for (const t of tenants.filter((t) => t !== victim)) {
      expect(await hasTable(t.schema, 'loyalty_card')).toBe(true);
      expect(await applied(t.schema)).toContain('9000-loyalty');
    }
    expect(await hasTable(victim.schema, 'loyalty_card')).toBe(false);
    expect(await applied(victim.schema)).not.toContain('9000-loyalty');

    // The untouched tenant still works.
    const scope = (await ctx.get(TenancyService).findScope(victim.slug))!;
    await ctx.get(TenantContext).run(scope, async () => expect(await ctx.get(TenancyService).findScope(victim.slug)).not.toBeNull());
    await ctx.loginTenant(victim, victim.owner);

    broken = false;
    const second = await ctx.get(TenancyService).migrateAll(undefined, [...tenantMigrations, next]);
    expect(second.failed).toEqual([]);
    expect(second.migrated.find((m) => m.slug === victim.slug)?.applied).toEqual(['9000-loyalty']);
    expect(second.migrated.filter((m) => m.slug !== victim.slug).every((m) => m.applied.length === 0)).toBe(true);
    expect(await hasTable(victim.schema, 'loyalty_card')).toBe(true);
  });

  it('migrates the spare schemas onboarding claims, so a spare is never behind', async () => {
    const pool = ctx.get(SchemaPoolService);
    await pool.refill(1);
    const [spare] = await pool.spares();
    const next: SchemaMigration = { name: '9001-gift-card', up: (db) => db.execute('create table gift_card (id uuid primary key)').then(() => undefined) };
    const report = await ctx.get(TenancyService).migrateAll(undefined, [...tenantMigrations, next]);
    expect(report.spares).toEqual({ migrated: 1, failed: [] });
    expect(await applied(spare)).toContain('9001-gift-card');
    expect(await hasTable(spare, 'gift_card')).toBe(true);
  });

  it('leaves the search_path of pooled connections alone', async () => {
    await ctx.get(TenancyService).migrateAll();
    const rows = await Promise.all(Array.from({ length: 8 }, () => ctx.sql<{ search_path: string }>('show search_path')));
    for (const [row] of rows) expect(row.search_path).toBe('"$user", public');
  });
});
