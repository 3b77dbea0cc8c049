// Wiring for operations: the same modules as the API, without HTTP.
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { MailModule } from '@app/mail';
import { JobsModule } from '@app/jobs';
import { IncidentsModule } from '@app/incidents';
import { TenancyModule, tenancyEntities } from '@app/tenancy';
import { AuthModule, authEntities } from '@app/auth';
import { customersEntities } from '@app/customers';
import { AccessLogModule } from '@app/access-log';
import { billingEntities } from '@app/billing';
import { consentEntities } from '@app/consent';
import { requestsEntities } from '@app/requests';
import { privacyNoticeEntities } from '@app/privacy-notice';
import { BackupModule } from '@app/backup';
import { RetentionModule } from '@app/retention';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      // IncidentsModule for its outbox listener: `jobs work` sends incident notices and must record their delivery.
      imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ url: databaseUrl, entities: [...tenancyEntities, ...authEntities, ...customersEntities, ...billingEntities, ...consentEntities, ...requestsEntities, ...privacyNoticeEntities], poolSize: 4, statementTimeoutMs: 0, lockTimeoutMs: 0, acquireTimeoutMs: 30_000 }), JobsModule.forRoot({ autoStart: false }), MailModule, TenancyModule, AuthModule, AccessLogModule.forRoot({ scheduleMaintenance: false }), IncidentsModule, BackupModule, RetentionModule],
    };
  }
}
