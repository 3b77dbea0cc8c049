// The platform's tenant registry (platform.tenant), the spare schemas (platform.spare_schema), the schemas'
// migrations and their placement on a Citus cluster: the lib's platform-side tables, no tenant bound. Statements
// run on a fork of the ORM's manager or on the plain pool (the hot reads: a public route's tenant, the staff
// principal re-read), or in the transaction of the tenant being onboarded (TenantContext carries it).
import { Inject, Injectable } from '@nestjs/common';
import { type FilterQuery, MikroORM, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { EntityData } from '@mikro-orm/core';
import type { Pool } from 'pg';
import { assertSchemaName, boundSql, migrateSchemaInTransaction, PG_POOL, quoteIdent, type SchemaMigration } from '@app/database';
import { PLATFORM_SCHEMA, platformMigrations } from '@migrations/platform';
import { Tenant } from './tenant.entity';
import { TenantContext } from './tenant-context';
import { TenancyErrorCode, TenancyException } from './tenancy.errors';
import { STAFF_COLUMNS, type StaffRow } from './tenant-staff.repository';

/** Refills of one instance and another wait for each other here, so together they never overshoot the target. */
const REFILL_LOCK = 'platform.spare_schema';

export interface TenantFilter {
  limit: number;
  after?: string;
  q?: string;
  status?: string;
}

@Injectable()
export class TenancyRepository {
  constructor(
    private readonly orm: MikroORM,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly context: TenantContext,
  ) {}

  // --- migrations ---

  migratePlatform(): Promise<string[]> {
    return this.orm.em.fork().transactional((em) => migrateSchemaInTransaction(em, PLATFORM_SCHEMA, platformMigrations, { onCoordinator: true }));
  }

  /** Migrates one schema in a transaction of its own. */
  migrateSchema(schema: string, migrations: readonly SchemaMigration[]): Promise<string[]> {
    return this.orm.em.fork().transactional((em) => migrateSchemaInTransaction(em, schema, migrations));
  }

  /** Creates and migrates the bound tenant's schema in the open transaction (onboarding). */
  migrateBoundSchema(migrations: readonly SchemaMigration[]): Promise<string[]> {
    return migrateSchemaInTransaction(this.context.em(), this.context.tenant.schema, migrations);
  }

  // --- the registry ---

  /**
   * The row of the tenant being onboarded, in the open transaction of its (bound) scope. A slug already taken
   * (seen first, or by the unique index when two onboardings race) is refused.
   */
  async createTenant(data: EntityData<Tenant>): Promise<Tenant> {
    const em = this.context.em();
    if (await em.count(Tenant, { slug: data.slug })) throw new TenancyException(TenancyErrorCode.SlugTaken);
    const tenant = em.create(Tenant, data as Tenant);
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new TenancyException(TenancyErrorCode.SlugTaken);
      throw error;
    }
    return tenant;
  }

  /**
   * The tenant's registry row in the API's shape (no schema name), by slug, as one plain statement on the pool: the
   * portal's "my data" and the consent states read it on every visit. Outside any transaction, as
   * the registry's other reads.
   */
  async viewRow<T extends object>(slug: string): Promise<T | null> {
    const { rows } = await this.pool.query<T>(
      `select id, slug, legal_name as "legalName", business_id as "businessId", street_address as "streetAddress", postal_code as "postalCode",
              city, contact_email as "contactEmail", contact_person as "contactPerson", language, status,
              created_at as "createdAt", updated_at as "updatedAt", version
         from platform.tenant where slug = $1`,
      [slug],
    );
    return rows[0] ?? null;
  }

  async legalName(id: string): Promise<string> {
    const tenant = await this.orm.em.fork().findOneOrFail(Tenant, { id }, { fields: ['legalName'] });
    return tenant.legalName;
  }

  /**
   * Loads a tenant, lets `change` change it (it may throw), and writes what changed; null when there is no such
   * tenant. A version changed meanwhile (optimistic lock) is a stale version.
   */
  async changeTenant(slug: string, change: (tenant: Tenant) => void): Promise<Tenant | null> {
    const em = this.orm.em.fork();
    const tenant = await em.findOne(Tenant, { slug });
    if (!tenant) return null;
    change(tenant);
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) throw new TenancyException(TenancyErrorCode.StaleVersion);
      throw error;
    }
    return tenant;
  }

  /** Tenants by slug; `q` matches the slug, legal name or business ID (any part, any case), `status` one status. */
  listTenants(options: TenantFilter): Promise<Tenant[]> {
    const where: FilterQuery<Tenant> = {};
    if (options.after) where.slug = { $gt: options.after };
    if (options.status) where.status = options.status;
    const q = options.q?.trim();
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ slug: { $ilike: like } }, { legalName: { $ilike: like } }, { businessId: { $ilike: like } }];
    }
    return this.orm.em.fork().find(Tenant, where, { orderBy: { slug: 'asc' }, limit: options.limit });
  }

  findTenants(by: { slugs?: string[]; ids?: string[] }): Promise<Tenant[]> {
    return this.orm.em.fork().find(Tenant, { $or: [{ slug: { $in: by.slugs ?? [] } }, { id: { $in: by.ids ?? [] } }] }, { orderBy: { slug: 'asc' } });
  }

  /** Tenants that have a schema (not left), by slug. */
  tenantsWithSchemas(): Promise<Pick<Tenant, 'id' | 'slug' | 'schemaName'>[]> {
    return this.orm.em.fork().find(Tenant, { status: { $ne: 'left' } }, { orderBy: { slug: 'asc' }, fields: ['id', 'slug', 'schemaName'] });
  }

  findActiveTenantById(id: string): Promise<Pick<Tenant, 'id' | 'slug' | 'schemaName'> | null> {
    return this.orm.em.fork().findOne(Tenant, { id, status: 'active' }, { fields: ['id', 'slug', 'schemaName'] });
  }

  /** A tenant of one of these statuses by slug: one plain statement on the pool (every public tenant route). */
  async scopeRow(slug: string, statuses: string[]): Promise<{ id: string; slug: string; schema_name: string; status: string } | null> {
    const { rows } = await this.pool.query<{ id: string; slug: string; schema_name: string; status: string }>(
      `select id, slug, schema_name, status from platform.tenant where slug = $1 and status = any($2)`,
      [slug, statuses],
    );
    return rows[0] ?? null;
  }

  /**
   * An active member of staff of an active tenant, in one statement: the session's principal is re-read on every
   * request, so this is on the hot path. The schema derives from the tenant id; the join reads the registry row.
   */
  async activeStaffRow(tenantId: string, schema: string, staffId: string): Promise<(StaffRow & { slug: string }) | null> {
    // Every staff request runs this: one parameterised statement on the plain pool, no ORM (bench/README.md).
    const { rows } = await this.pool.query<StaffRow & { slug: string }>(
      `select ${STAFF_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')}, t.slug
         from ${quoteIdent(schema)}.staff_user s
         join platform.tenant t on t.id = $1 and t.status = 'active' and t.schema_name = $2
        where s.id = $3 and s.disabled_at is null`,
      [tenantId, schema, staffId],
    );
    return rows[0] ?? null;
  }

  // --- spare schemas ---

  /**
   * In the open onboarding transaction (the bound scope's): takes a spare (one no other onboarding holds), renames
   * it to the bound tenant's schema and brings it up to `migrations`. Under a savepoint: on failure everything since
   * is rolled back and the error thrown. False: no spare.
   */
  async claimSpare(migrations: readonly SchemaMigration[]): Promise<boolean> {
    const sql = <T = Record<string, unknown>>(text: string, values?: unknown[]) => this.context.sql<T>(text, values);
    const schema = this.context.tenant.schema;
    await sql('savepoint claim_spare_schema');
    try {
      const [spare] = await sql<{ schema_name: string }>(
        `delete from platform.spare_schema
          where schema_name = (select schema_name from platform.spare_schema order by created_at, schema_name limit 1 for update skip locked)
          returning schema_name`,
      );
      if (!spare) {
        await sql('release savepoint claim_spare_schema');
        return false;
      }
      await sql(`alter schema ${quoteIdent(assertSchemaName(spare.schema_name))} rename to ${quoteIdent(assertSchemaName(schema))}`);
      await migrateSchemaInTransaction(this.context.em(), schema, migrations);
      await this.restampSeedRows(schema);
      await sql('release savepoint claim_spare_schema');
      return true;
    } catch (error) {
      await sql('rollback to savepoint claim_spare_schema');
      throw error;
    }
  }

  /**
   * The rows tenant migrations write carry the time the spare was made; a fresh schema's carry its onboarding time
   * (the statement's version date is read from them). Stamped again with this transaction's time, so a claimed
   * schema reads like a fresh one. test/schema-pool.e2e-spec.ts walks every table, so a new seeded row is not forgotten.
   * schema_migrations.applied_at is left as it is: it tells when each migration really ran.
   */
  private async restampSeedRows(schema: string): Promise<void> {
    const sql = <T = Record<string, unknown>>(text: string, values?: unknown[]) => this.context.sql<T>(text, values);
    const s = quoteIdent(schema);
    // Writes privacy-notice's tables (register_settings, its versions) and billing's (reminder_settings) here on
    // purpose: tenancy is the lowest lib (PrivacyNoticeModule and BillingModule import TenancyModule), so it cannot
    // ask their services without a circular import; and these are the seed rows of a schema nobody has used yet,
    // restamped in the claim's transaction. test/schema-pool.e2e-spec.ts checks every seeded table.
    // The version trigger writes no row for this update: notice_version is unchanged.
    await sql(`update ${s}.register_settings set updated_at = now()`);
    await sql(`update ${s}.reminder_settings set updated_at = now()`);
    // The kept versions are append-only for everyone else; this copy was never seen by anyone.
    await sql(`alter table ${s}.register_settings_version disable trigger register_settings_version_append_only`);
    // The stamp read first and sent back as values: Citus refuses a stable function (to_jsonb of a time) over columns in an UPDATE.
    const [{ stamp }] = await sql<{ stamp: string }>(`select to_jsonb(updated_at) #>> '{}' as stamp from ${s}.register_settings`);
    await sql(`update ${s}.register_settings_version set recorded_at = $1::timestamptz, settings = jsonb_set(settings, '{updated_at}', $2::jsonb)`, [
      stamp,
      JSON.stringify(stamp),
    ]);
    await sql(`alter table ${s}.register_settings_version enable trigger register_settings_version_append_only`);
  }

  /**
   * One step towards `target` spares, in a transaction of its own under the refill lock: makes one (named `schema`),
   * drops one, or finds the pool at its target (or the extra ones being claimed).
   */
  refillStep(target: number, schema: string, migrations: readonly SchemaMigration[]): Promise<'created' | 'dropped' | 'done'> {
    return this.orm.em.fork().transactional(async (em) => {
      const sql = boundSql(em);
      await sql('select pg_advisory_xact_lock(hashtext($1))', [REFILL_LOCK]);
      const [{ spares }] = await sql<{ spares: number }>('select count(*)::int as spares from platform.spare_schema');
      if (spares < target) {
        await sql('insert into platform.spare_schema (schema_name) values ($1)', [schema]);
        await migrateSchemaInTransaction(em, schema, migrations);
        return 'created';
      }
      if (spares > target) {
        const [spare] = await sql<{ schema_name: string }>(
          `delete from platform.spare_schema
            where schema_name = (select schema_name from platform.spare_schema order by created_at desc limit 1 for update skip locked)
            returning schema_name`,
        );
        if (!spare) return 'done'; // the rest are being claimed
        await sql(`drop schema if exists ${quoteIdent(assertSchemaName(spare.schema_name))} cascade`);
        return 'dropped';
      }
      return 'done';
    });
  }

  /** Migrates one spare in a transaction of its own; false when it was claimed meanwhile. */
  migrateSpare(schema: string, migrations: readonly SchemaMigration[]): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      // Waits for an onboarding that is claiming it; a claimed one is gone (migrating it would make it again).
      const [held] = await boundSql(em)('select 1 from platform.spare_schema where schema_name = $1 for update', [schema]);
      if (!held) return false;
      await migrateSchemaInTransaction(em, schema, migrations);
      return true;
    });
  }

  async spareSchemas(order: 'name' | 'age'): Promise<string[]> {
    const rows = await boundSql(this.orm.em.fork())<{ schema_name: string }>(
      `select schema_name from platform.spare_schema order by ${order === 'name' ? 'schema_name' : 'created_at, schema_name'}`,
    );
    return rows.map((r) => r.schema_name);
  }

  // --- placement on a Citus cluster ---

  async citusInstalled(): Promise<boolean> {
    const { rows } = await this.pool.query<{ citus: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as citus`);
    return rows[0].citus;
  }

  async workerNodes(): Promise<{ nodename: string; nodeport: number }[]> {
    const { rows } = await this.pool.query<{ nodename: string; nodeport: number }>(
      `select nodename, nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary' and isactive and shouldhaveshards order by nodename, nodeport`,
    );
    return rows;
  }

  /** The node holding a schema's tables (every tenant schema has schema_migrations; all its tables sit together). */
  async nodeOfSchema(schema: string): Promise<{ nodename: string; nodeport: number } | null> {
    const { rows } = await this.pool.query<{ nodename: string; nodeport: number }>(
      `select n.nodename, n.nodeport
         from pg_dist_shard s join pg_dist_placement p using (shardid) join pg_dist_node n on n.groupid = p.groupid
        where s.logicalrelid = to_regclass($1)
        limit 1`,
      [`${quoteIdent(assertSchemaName(schema))}.schema_migrations`],
    );
    return rows[0] ?? null;
  }

  async moveSchema(schema: string, host: string, port: number): Promise<void> {
    // 'auto': logical replication for tables with a replica identity (every tenant table has a primary key).
    await this.pool.query(`select citus_schema_move($1::regnamespace, $2, $3, shard_transfer_mode => 'auto')`, [schema, host, port]);
  }

  async rebalance(): Promise<void> {
    await this.pool.query(`select citus_rebalance_start(shard_transfer_mode => 'auto')`).catch((error: Error) => {
      if (!/No moves available/i.test(error.message)) throw error;
    });
    await this.pool.query(`select citus_rebalance_wait()`);
  }

  async schemaPlacements(): Promise<{ schema: string; nodename: string; nodeport: number }[]> {
    const { rows } = await this.pool.query<{ schema: string; nodename: string; nodeport: number }>(
      `select distinct on (ds.schemaid) ds.schemaid::regnamespace::text as schema, n.nodename, n.nodeport
         from pg_dist_schema ds
         join pg_dist_partition dp on dp.colocationid = ds.colocationid
         join pg_dist_shard s on s.logicalrelid = dp.logicalrelid
         join pg_dist_placement p on p.shardid = s.shardid
         join pg_dist_node n on n.groupid = p.groupid
        order by ds.schemaid`,
    );
    return rows;
  }

  async schemaOfSlug(slug: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ schema_name: string }>(`select schema_name from platform.tenant where slug = $1`, [slug]);
    return rows[0] ? assertSchemaName(rows[0].schema_name) : null;
  }

  // --- the bound tenant as the seller on its invoices (billing asks TenancyService) ---

  /** The bound tenant's seller details, in the open transaction of its scope if there is one. */
  async sellerDetails(): Promise<SellerDetailsRow | null> {
    const [row] = await this.context.sql<SellerDetailsRow>(`select ${SELLER_COLUMNS} from platform.tenant where id = $1`, [this.context.tenant.tenantId]);
    return row ?? null;
  }

  /** Null when `version` is stale (nothing changed); in the open transaction of the bound tenant's scope. */
  async updateSellerDetails(s: SellerDetailsUpdate): Promise<SellerDetailsRow | null> {
    const [row] = await this.context.sql<SellerDetailsRow>(
      `update platform.tenant set legal_name = $1, business_id = $2, street_address = $3, postal_code = $4, city = $5, iban = $6, bic = $7,
         version = version + 1, updated_at = now()
       where id = $8 and version = $9 returning ${SELLER_COLUMNS}`,
      [s.legalName, s.businessId, s.streetAddress, s.postalCode, s.city, s.iban, s.bic, this.context.tenant.tenantId, s.version],
    );
    return row ?? null;
  }

  // --- leaving the platform (retention's LeavingService asks TenancyService) ---

  /** The tenant's row with its leaving columns, on the pool (no transaction). */
  async leavingRow(tenantId: string): Promise<LeavingTenantRow | null> {
    const { rows } = await this.pool.query<LeavingTenantRow>(`select ${LEAVING_COLUMNS} from platform.tenant where id = $1`, [tenantId]);
    return rows[0] ?? null;
  }

  /** Records the request to leave in the open transaction; false when it was already requested or the tenant has left. */
  async requestLeave(tenantId: string, input: { requestedAt: Date; leaveAfter: Date; requestedBy: string; reason: string | null }): Promise<boolean> {
    const updated = await this.context.sql(
      `update platform.tenant set leaving_requested_at = $1, leave_after = $2, leaving_requested_by = $3, leave_reason = $4
        where id = $5 and status <> 'left' and leaving_requested_at is null returning id`,
      [input.requestedAt, input.leaveAfter, input.requestedBy, input.reason, tenantId],
    );
    return updated.length > 0;
  }

  /** Cancels the request to leave in the open transaction; false when none was pending. */
  async cancelLeave(tenantId: string): Promise<boolean> {
    const updated = await this.context.sql(
      `update platform.tenant set leaving_requested_at = null, leave_after = null, leaving_requested_by = null, leave_reason = null
        where id = $1 and status <> 'left' and leaving_requested_at is not null returning id`,
      [tenantId],
    );
    return updated.length > 0;
  }

  /** Tenants whose grace period is over by `now`, on the pool. */
  async dueToLeave(now: Date): Promise<{ id: string; slug: string; schema_name: string }[]> {
    const { rows } = await this.pool.query<{ id: string; slug: string; schema_name: string }>(
      `select id, slug, schema_name from platform.tenant where status <> 'left' and leave_after is not null and leave_after <= $1 order by leave_after, slug`,
      [now],
    );
    return rows;
  }

  /** The bound tenant's row, locked for update in the open transaction. */
  async lockForLeaving(tenantId: string): Promise<LeavingTenantRow | null> {
    const [tenant] = await this.context.sql<LeavingTenantRow>(`select ${LEAVING_COLUMNS} from platform.tenant where id = $1 for update`, [tenantId]);
    return tenant ?? null;
  }

  async markLeft(tenantId: string, at: Date): Promise<void> {
    await this.context.sql(`update platform.tenant set status = 'left', left_at = $1 where id = $2`, [at, tenantId]);
  }
}

/** The tenant's row as the seller on its invoices (billing's SellerService reads and changes it). */
export interface SellerDetailsRow {
  legal_name: string;
  business_id: string;
  street_address: string;
  postal_code: string;
  city: string;
  iban: string | null;
  bic: string | null;
  language: 'fi' | 'en';
  version: number;
}

export interface SellerDetailsUpdate {
  legalName: string;
  businessId: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  iban: string | null;
  bic: string | null;
  version: number;
}

const SELLER_COLUMNS = 'legal_name, business_id, street_address, postal_code, city, iban, bic, language, version';

/** The tenant's row as leaving the platform reads it (retention's LeavingService). */
export interface LeavingTenantRow {
  id: string;
  slug: string;
  schema_name: string;
  legal_name: string;
  status: string;
  leaving_requested_at: Date | null;
  leave_after: Date | null;
  leaving_requested_by: string | null;
  leave_reason: string | null;
}

const LEAVING_COLUMNS = 'id, slug, schema_name, legal_name, status, leaving_requested_at, leave_after, leaving_requested_by, leave_reason';
