// On a Citus cluster (TEST_DATABASE_URL at a coordinator: .ci/run starts one with scripts/citus-cluster.sh):
// tenants spread over the workers, the platform stays on the coordinator, a migration failing on one worker leaves
// the tenants of the other migrated, and a tenant moves to another worker while it serves. Skipped on plain PostgreSQL.
import { Client } from 'pg';
import type { SchemaMigration } from '@app/database';
import { tenantMigrations } from '@migrations/tenant';
import { TenancyService, TenantPlacementService } from '@app/tenancy';
import { TestContext, type TestTenant } from '@app/testing';

const describeOnCitus = process.env.REKISTERI_TEST_CITUS ? describe : describe.skip;

describeOnCitus('on a Citus cluster', () => {
  let ctx: TestContext;
  let placement: TenantPlacementService;
  let tenants: TestTenant[];

  beforeAll(async () => {
    ctx = await TestContext.create();
    placement = ctx.get(TenantPlacementService);
    tenants = [];
    for (let i = 0; i < 4; i++) tenants.push(await ctx.newTenant());
  }, 180_000);
  afterAll(() => ctx?.close());

  /** A direct connection to a worker's copy of this test's database. */
  const onWorker = async (node: string) => {
    const url = new URL(ctx.databaseUrl);
    [url.hostname, url.port] = node.split(':');
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('set citus.override_table_visibility = off'); // Citus hides shards from catalog queries otherwise
    return client;
  };

  it('puts each tenant schema on a worker, spread over both, and keeps the platform and the job queue on the coordinator', async () => {
    const workers = (await placement.workers()).map((w) => `${w.host}:${w.port}`);
    expect(workers).toHaveLength(2);
    const nodes = await Promise.all(tenants.map((t) => placement.nodeOf(t.schema)));
    for (const node of nodes) expect(workers).toContain(node);
    expect(new Set(nodes).size).toBe(2);

    const distributed = await ctx.sql<{ schema_name: string }>(`select schema_name::text from citus_schemas`);
    expect(distributed.map((r) => r.schema_name).sort()).toEqual(tenants.map((t) => t.schema).sort());
    const platformTables = await ctx.sql<{ n: string }>(`select count(*) as n from pg_dist_partition where logicalrelid::text ~ '^(platform|pgboss)\\.'`);
    expect(Number(platformTables[0].n)).toBe(0);

    // Platform admins see the node; a tenant's data is really on that worker, not on the other.
    const admin = await ctx.newPlatformAdminAgent();
    const res = await admin.get(`/api/platform/tenants/${tenants[0].slug}`).expect(200);
    expect(res.body.node).toBe(nodes[0]);
    for (const worker of workers) {
      const client = await onWorker(worker);
      try {
        // Shards are named table_shardid; every node also has the shell tables (`customer_import` too), so match shards only.
        const { rows } = await client.query(`select 1 from pg_tables where schemaname = $1 and tablename ~ '^customer_[0-9]+$'`, [tenants[0].schema]);
        expect(rows.length > 0).toBe(worker === nodes[0]);
      } finally {
        await client.end();
      }
    }
  });

  it('keeps the consent ledger append-only on the worker', async () => {
    const tenant = tenants[1];
    const customer = await ctx.newCustomer(tenant);
    await ctx.sql(
      `insert into "${tenant.schema}".consent_event (customer_id, purpose, action, channel, actor, notice_version, source) values (?, 'marketing_email', 'granted', 'portal', 'test', 1, 'portal')`,
      [customer.id],
    );
    await expect(ctx.sql(`update "${tenant.schema}".consent_event set action = 'withdrawn'`)).rejects.toThrow(/append-only/);
  });

  it('isolates a migration that fails on one worker: the tenants of the other are migrated, a rerun completes', async () => {
    const nodes = new Map(await Promise.all(tenants.map(async (t) => [t.schema, (await placement.nodeOf(t.schema))!] as const)));
    const failing = nodes.get(tenants[0].schema)!;
    const onFailing = tenants.filter((t) => nodes.get(t.schema) === failing);
    const elsewhere = tenants.filter((t) => nodes.get(t.schema) !== failing);
    const next: SchemaMigration = { name: '9000-loyalty', up: async (db) => void (await db.execute('create table loyalty_card (id uuid primary key)')) };

    // The failure comes from the worker itself: a trigger there, on the schema_migrations shards of its tenants,
    // refuses the migration's record, so those migrations fail on the worker and roll back (their table too).
    // (Not a held lock: the coordinator's lock_timeout does not reach the workers' sessions; the README says so.)
    const worker = await onWorker(failing);
    try {
      await worker.query('set citus.enable_manual_changes_to_shards = on');
      await worker.query('set citus.enable_ddl_propagation = off');
      await worker.query(`create function public.refuse_migration() returns trigger language plpgsql as $$ begin raise exception 'this worker refuses migrations'; end $$`);
      const shards = await worker.query<{ name: string }>(
        `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = any($1) and tablename like 'schema\\_migrations\\_%'`,
        [onFailing.map((t) => t.schema)],
      );
      expect(shards.rows).toHaveLength(onFailing.length);
      for (const { name } of shards.rows) await worker.query(`create trigger refuse before insert on ${name} for each row execute function public.refuse_migration()`);
      const first = await ctx.get(TenancyService).migrateAll(undefined, [...tenantMigrations, next]);
      expect(first.failed.map((f) => f.slug).sort()).toEqual(onFailing.map((t) => t.slug).sort());
      for (const failure of first.failed) expect(failure.error).toMatch(/this worker refuses migrations/);
      expect(first.migrated.map((m) => m.slug).sort()).toEqual(elsewhere.map((t) => t.slug).sort());
    } finally {
      await worker.query('drop function public.refuse_migration() cascade');
      await worker.end();
    }
    const hasLoyalty = async (t: TestTenant) => (await ctx.sql(`select 1 from pg_tables where schemaname = ? and tablename = 'loyalty_card'`, [t.schema])).length > 0;
    for (const t of elsewhere) expect(await hasLoyalty(t)).toBe(true);
    for (const t of onFailing) expect(await hasLoyalty(t)).toBe(false);

    const second = await ctx.get(TenancyService).migrateAll(undefined, [...tenantMigrations, next]);
    expect(second.failed).toEqual([]);
    for (const t of tenants) expect(await hasLoyalty(t)).toBe(true);
  }, 120_000);

  it('moves a tenant to the other worker while a client keeps reading and writing: every request answered, nothing lost', async () => {
    const tenant = tenants[2];
    const from = (await placement.nodeOf(tenant.schema))!;
    const to = (await placement.workers()).map((w) => `${w.host}:${w.port}`).find((n) => n !== from)!;
    const staff = await ctx.loginTenant(tenant, tenant.owner);
    const base = `/api/t/${tenant.slug}/customers`;
    for (let i = 0; i < 50; i++) await staff.post(base).send({ contactName: `Ennen Siirtoa ${i}`, city: 'Espoo' }).expect(201);
    const checksum = async (where = 'true') =>
      (await ctx.sql<{ n: string; sum: string }>(`select count(*) as n, md5(string_agg(id::text || coalesce(contact_name, '') || version, ',' order by id)) as sum from "${tenant.schema}".customer where ${where}`))[0];
    const before = await checksum();

    let moving = true;
    const statuses: number[] = [];
    const created: string[] = [];
    const client = (async () => {
      for (let i = 0; moving; i++) {
        const write = await staff.post(base).send({ contactName: `Siirron Aikana ${i}` });
        statuses.push(write.status);
        if (write.status === 201) created.push(write.body.id as string);
        const read = await staff.get(`${base}?limit=20`);
        statuses.push(read.status);
      }
    })();
    const moved = await placement.move(tenant.slug, to).finally(() => (moving = false));
    await client;

    expect(moved).toMatchObject({ from, to });
    expect(await placement.nodeOf(tenant.schema)).toBe(to);
    expect(statuses.length).toBeGreaterThan(2);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
    // Nothing lost: the rows from before are the same rows, and every write that was answered 201 is there.
    expect(await checksum(`contact_name like 'Ennen Siirtoa %'`)).toEqual(before);
    expect(Number((await checksum()).n)).toBe(Number(before.n) + created.length);
    // And the API lists them (a page holds at most 200).
    const list = await staff.get(`${base}?limit=200`).expect(200);
    expect(list.body.items.length).toBe(Math.min(200, Number(before.n) + created.length));
  }, 180_000);
});
