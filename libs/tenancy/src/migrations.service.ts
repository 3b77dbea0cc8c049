// Migrates the platform schema, then every tenant schema (each in its own transaction).
import { Injectable } from '@nestjs/common';
import { TenancyService, TenantMigrationReport } from './tenancy.service';
import { TenancyRepository } from './tenancy.repository';

export type MigrationProgress = (done: number, total: number, slug: string, outcome: 'ok' | 'failed') => void;

@Injectable()
export class MigrationsService {
  constructor(
    private readonly repository: TenancyRepository,
    private readonly tenancy: TenancyService,
  ) {}

  async migratePlatform(): Promise<string[]> {
    return this.repository.migratePlatform();
  }

  async migrateAll(onProgress?: MigrationProgress): Promise<{ platform: string[] } & TenantMigrationReport> {
    const platform = await this.migratePlatform();
    const tenants = await this.tenancy.migrateAll(onProgress);
    return { platform, ...tenants };
  }
}
