// Wiring only: which modules make up the API.
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig, Clock, CoreModule, loggerParams, ProblemFilter } from '@app/core';
import { DatabaseModule } from '@app/database';
import { MailModule } from '@app/mail';
import { JobsModule } from '@app/jobs';
import { IncidentsModule } from '@app/incidents';
import { TenancyModule } from '@app/tenancy';
import { AuthModule } from '@app/auth';
import { CustomersModule } from '@app/customers';
import { AccessLogModule } from '@app/access-log';
import { BillingModule } from '@app/billing';
import { ConsentModule } from '@app/consent';
import { RequestsModule } from '@app/requests';
import { PrivacyNoticeModule } from '@app/privacy-notice';
import { PortalModule } from '@app/portal';
import { ENTITIES } from '@app/entities';
import { RetentionModule } from '@app/retention';
import { CustomerImportModule } from '@app/customer-import';
import { CustomerMergeModule } from '@app/customer-merge';
import { BankImportModule } from '@app/bank-import';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, clock?: Clock, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, clock),
        LoggerModule.forRoot(loggerParams(config, logDestination)),
        DatabaseModule.forRoot({ url: databaseUrl, entities: ENTITIES, poolSize: config.databasePoolSize, acquireTimeoutMs: config.databaseAcquireTimeoutMs, statementTimeoutMs: config.databaseStatementTimeoutMs, lockTimeoutMs: config.databaseLockTimeoutMs }),
        JobsModule.forRoot({ autoStart: true }),
        MailModule,
        TenancyModule,
        AuthModule,
        CustomersModule,
        AccessLogModule.forRoot(),
        BillingModule,
        ConsentModule,
        RequestsModule,
        PrivacyNoticeModule,
        PortalModule,
        IncidentsModule,
        RetentionModule,
        CustomerImportModule,
        CustomerMergeModule,
        BankImportModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
