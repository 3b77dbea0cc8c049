// Tenant schemas made ahead of need (issue 18): a few migrated, empty schemas wait in platform.spare_schema; onboarding
// claims one inside its own transaction and renames it to the tenant's derived name (ALTER SCHEMA ... RENAME is a
// catalog update, constant-time), so the DDL of a whole tenant schema is no longer paid while the admin waits.
// A renamed schema keeps everything it holds: its schema_migrations table (the record of its migrations lives in
// the schema), and objects named relative to it; on Citus a distributed schema keeps its placement (README, Citus).
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/core';
import { JobsService } from '@app/jobs';
import { assertSchemaName, migrateSchemaInTransaction, quoteIdent, type SchemaMigration } from '@app/database';
import { tenantMigrations } from '@migrations/tenant';

export interface SpareMigrationReport {
  migrated: number;
  failed: { schema: string; error: string }[];
}

/** Refills of one instance and another wait for each other here, so together they never overshoot the target. */
const REFILL_LOCK = 'platform.spare_schema';

/** The job that tops the pool up: every few minutes, after each start, and after each claim. */
export const SPARE_SCHEMAS_JOB = 'tenants.spare-schemas';

export const spareSchemaName = () => assertSchemaName(`spare_${randomUUID().replace(/-/g, '')}`);

@Injectable()
export class SchemaPoolService implements OnModuleInit {
  private readonly logger = new Logger(SchemaPoolService.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.work(SPARE_SCHEMAS_JOB, async () => void (await this.refill()));
    // Cheap when the pool is full (one count); the claims queue their own refill, this catches what they missed.
    this.jobs.schedule(SPARE_SCHEMAS_JOB, '*/5 * * * *');
  }

  /** Queues a refill (any instance's worker makes the spares); failing to queue one costs only a slower onboarding later. */
  async refillSoon(): Promise<void> {
    await this.jobs.send(SPARE_SCHEMAS_JOB, {}).catch((error: unknown) => this.logger.warn({ code: (error as { code?: string }).code }, 'could not queue a refill of spare schemas'));
  }

  /**
   * Inside the onboarding transaction: takes a spare (one no other onboarding holds), renames it to `schema` and
   * brings it up to `migrations` (a spare made by an older instance during a deploy may be behind). Under a savepoint:
   * when anything fails, the spare stays in the pool and the caller creates the schema as before. False: no spare.
   */
  async claim(em: EntityManager, schema: string, migrations: readonly SchemaMigration[]): Promise<boolean> {
    await em.execute('savepoint claim_spare_schema');
    try {
      const [spare] = await em.execute<{ schema_name: string }[]>(
        `delete from platform.spare_schema
          where schema_name = (select schema_name from platform.spare_schema order by created_at, schema_name limit 1 for update skip locked)
          returning schema_name`,
      );
      if (!spare) {
        await em.execute('release savepoint claim_spare_schema');
        return false;
      }
      await em.execute(`alter schema ${quoteIdent(assertSchemaName(spare.schema_name))} rename to ${quoteIdent(assertSchemaName(schema))}`);
      await migrateSchemaInTransaction(em, schema, migrations);
      await this.restampSeedRows(em, schema);
      await em.execute('release savepoint claim_spare_schema');
      return true;
    } catch (error) {
      await em.execute('rollback to savepoint claim_spare_schema');
      this.logger.warn({ code: (error as { code?: string }).code, message: (error as Error).message }, 'could not claim a spare schema; creating one');
      return false;
    }
  }

  /**
   * The rows tenant migrations write carry the time the spare was made; a fresh schema's carry its onboarding time
   * (the statement's version date is read from them). Stamped again with this transaction's time, so a claimed
   * schema reads like a fresh one. test/schema-pool.e2e-spec.ts walks every table, so a new seeded row is not forgotten.
   * schema_migrations.applied_at is left as it is: it tells when each migration really ran.
   */
  private async restampSeedRows(em: EntityManager, schema: string): Promise<void> {
    const s = quoteIdent(schema);
    // The version trigger writes no row for this update: notice_version is unchanged.
    await em.execute(`update ${s}.register_settings set updated_at = now()`);
    await em.execute(`update ${s}.reminder_settings set updated_at = now()`);
    // The kept versions are append-only for everyone else; this copy was never seen by anyone.
    await em.execute(`alter table ${s}.register_settings_version disable trigger register_settings_version_append_only`);
    // The stamp read first and sent back as values: Citus refuses a stable function (to_jsonb of a time) over columns in an UPDATE.
    const [{ stamp }] = await em.execute<{ stamp: string }[]>(`select to_jsonb(updated_at) #>> '{}' as stamp from ${s}.register_settings`);
    await em.execute(`update ${s}.register_settings_version set recorded_at = ?::timestamptz, settings = jsonb_set(settings, '{updated_at}', ?::jsonb)`, [
      stamp,
      JSON.stringify(stamp),
    ]);
    await em.execute(`alter table ${s}.register_settings_version enable trigger register_settings_version_append_only`);
  }

  /**
   * Tops the pool up to `target` spares (or drops the extra ones), one schema per transaction: the job's way, and
   * after each start. Returns how many were made and dropped.
   */
  async refill(target = this.config.spareTenantSchemas, migrations: readonly SchemaMigration[] = tenantMigrations): Promise<{ created: number; dropped: number }> {
    let created = 0;
    let dropped = 0;
    for (;;) {
      const step = await this.orm.em.fork().transactional(async (em) => {
        await em.execute('select pg_advisory_xact_lock(hashtext(?))', [REFILL_LOCK]);
        const [{ spares }] = await em.execute<{ spares: number }[]>('select count(*)::int as spares from platform.spare_schema');
        if (spares < target) {
          const schema = spareSchemaName();
          await em.execute('insert into platform.spare_schema (schema_name) values (?)', [schema]);
          await migrateSchemaInTransaction(em, schema, migrations);
          return 'created';
        }
        if (spares > target) {
          const [spare] = await em.execute<{ schema_name: string }[]>(
            `delete from platform.spare_schema
              where schema_name = (select schema_name from platform.spare_schema order by created_at desc limit 1 for update skip locked)
              returning schema_name`,
          );
          if (!spare) return 'done'; // the rest are being claimed
          await em.execute(`drop schema if exists ${quoteIdent(assertSchemaName(spare.schema_name))} cascade`);
          return 'dropped';
        }
        return 'done';
      });
      if (step === 'done') break;
      if (step === 'created') created++;
      else dropped++;
    }
    if (created || dropped) this.logger.log({ created, dropped, target }, 'spare tenant schemas refilled');
    return { created, dropped };
  }

  /** Brings every spare up to `migrations` (each in its own transaction), so a claimed spare is never behind. */
  async migrateSpares(migrations: readonly SchemaMigration[] = tenantMigrations): Promise<SpareMigrationReport> {
    const spares = await this.orm.em.getConnection().execute<{ schema_name: string }[]>('select schema_name from platform.spare_schema order by schema_name');
    const report: SpareMigrationReport = { migrated: 0, failed: [] };
    for (const { schema_name: schema } of spares) {
      try {
        const migrated = await this.orm.em.fork().transactional(async (em) => {
          // Waits for an onboarding that is claiming it; a claimed one is gone (migrating it would make it again).
          const [held] = await em.execute('select 1 from platform.spare_schema where schema_name = ? for update', [schema]);
          if (!held) return false;
          await migrateSchemaInTransaction(em, schema, migrations);
          return true;
        });
        if (migrated) report.migrated++;
      } catch (error) {
        report.failed.push({ schema, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return report;
  }

  /** The spares waiting, oldest first. */
  async spares(): Promise<string[]> {
    const rows = await this.orm.em.getConnection().execute<{ schema_name: string }[]>('select schema_name from platform.spare_schema order by created_at, schema_name');
    return rows.map((r) => r.schema_name);
  }
}
