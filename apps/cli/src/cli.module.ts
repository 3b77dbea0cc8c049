// Wiring for operations: the same modules as the API, without HTTP.
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { MailModule } from '@app/mail';
import { JobsModule } from '@app/jobs';
import { IncidentsModule } from '@app/incidents';
import { TenancyModule } from '@app/tenancy';
import { AuthModule } from '@app/auth';
import { AccessLogModule } from '@app/access-log';
import { BackupModule } from '@app/backup';
import { RetentionModule } from '@app/retention';
import { ENTITIES } from '@app/entities';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      // IncidentsModule for its outbox listener: `jobs work` sends incident notices and must record their delivery.
      imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ url: databaseUrl, entities: ENTITIES, poolSize: 4, statementTimeoutMs: 0, lockTimeoutMs: 0, acquireTimeoutMs: 30_000 }), JobsModule.forRoot({ autoStart: false }), MailModule, TenancyModule, AuthModule, AccessLogModule.forRoot({ scheduleMaintenance: false }), IncidentsModule, BackupModule, RetentionModule],
    };
  }
}
