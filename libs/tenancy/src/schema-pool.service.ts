// Tenant schemas made ahead of need (issue 18): a few migrated, empty schemas wait in platform.spare_schema; onboarding
// claims one inside its own transaction and renames it to the tenant's derived name (ALTER SCHEMA ... RENAME is a
// catalog update, constant-time), so the DDL of a whole tenant schema is no longer paid while the admin waits.
// A renamed schema keeps everything it holds: its schema_migrations table (the record of its migrations lives in
// the schema), and objects named relative to it; on Citus a distributed schema keeps its placement (README, Citus).
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/core';
import { JobsService } from '@app/jobs';
import { assertSchemaName, type SchemaMigration } from '@app/database';
import { tenantMigrations } from '@migrations/tenant';
import { TenancyRepository } from './tenancy.repository';

export interface SpareMigrationReport {
  migrated: number;
  failed: { schema: string; error: string }[];
}

/** The job that tops the pool up: every few minutes, after each start, and after each claim. */
export const SPARE_SCHEMAS_JOB = 'tenants.spare-schemas';

export const spareSchemaName = () => assertSchemaName(`spare_${randomUUID().replace(/-/g, '')}`);

@Injectable()
export class SchemaPoolService implements OnModuleInit {
  private readonly logger = new Logger(SchemaPoolService.name);

  constructor(
    private readonly repository: TenancyRepository,
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
   * Inside the onboarding transaction (the new tenant's scope bound): takes a spare (one no other onboarding holds),
   * renames it to the tenant's schema and brings it up to `migrations` (a spare made by an older instance during a
   * deploy may be behind); its seeded rows are stamped again, so a claimed schema reads like a fresh one. Under a
   * savepoint: when anything fails, the spare stays in the pool and the caller creates the schema as before.
   * False: no spare.
   */
  async claim(migrations: readonly SchemaMigration[]): Promise<boolean> {
    try {
      return await this.repository.claimSpare(migrations);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not claim a spare schema; creating one');
      return false;
    }
  }

  /**
   * Tops the pool up to `target` spares (or drops the extra ones), one schema per transaction: the job's way, and
   * after each start. Returns how many were made and dropped.
   */
  async refill(target = this.config.spareTenantSchemas, migrations: readonly SchemaMigration[] = tenantMigrations): Promise<{ created: number; dropped: number }> {
    let created = 0;
    let dropped = 0;
    for (;;) {
      const step = await this.repository.refillStep(target, spareSchemaName(), migrations);
      if (step === 'done') break;
      if (step === 'created') created++;
      else dropped++;
    }
    if (created || dropped) this.logger.log({ created, dropped, target }, 'spare tenant schemas refilled');
    return { created, dropped };
  }

  /** Brings every spare up to `migrations` (each in its own transaction), so a claimed spare is never behind. */
  async migrateSpares(migrations: readonly SchemaMigration[] = tenantMigrations): Promise<SpareMigrationReport> {
    const spares = await this.repository.spareSchemas('name');
    const report: SpareMigrationReport = { migrated: 0, failed: [] };
    for (const schema of spares) {
      try {
        // Waits for an onboarding that is claiming it; a claimed one is gone (migrating it would make it again).
        const migrated = await this.repository.migrateSpare(schema, migrations);
        if (migrated) report.migrated++;
      } catch (error) {
        report.failed.push({ schema, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return report;
  }

  /** The spares waiting, oldest first. */
  async spares(): Promise<string[]> {
    return this.repository.spareSchemas('age');
  }
}
