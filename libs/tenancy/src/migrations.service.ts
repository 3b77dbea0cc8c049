// Migrates the platform schema, then every tenant schema (each in its own transaction).
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrateSchemaInTransaction } from '@app/database';
import { PLATFORM_SCHEMA, platformMigrations } from '@migrations/platform';
import { TenancyService, TenantMigrationReport } from './tenancy.service';

export type MigrationProgress = (done: number, total: number, slug: string, outcome: 'ok' | 'failed') => void;

@Injectable()
export class MigrationsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly tenancy: TenancyService,
  ) {}

  async migratePlatform(): Promise<string[]> {
    return this.orm.em.fork().transactional((em) => migrateSchemaInTransaction(em, PLATFORM_SCHEMA, platformMigrations, { onCoordinator: true }));
  }

  async migrateAll(onProgress?: MigrationProgress): Promise<{ platform: string[] } & TenantMigrationReport> {
    const platform = await this.migratePlatform();
    const tenants = await this.tenancy.migrateAll(onProgress);
    return { platform, ...tenants };
  }
}
