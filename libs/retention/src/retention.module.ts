import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { BillingModule } from '@app/billing';
import { BankImportModule } from '@app/bank-import';
import { PrivacyNoticeModule } from '@app/privacy-notice';
import { BackupModule } from '@app/backup';
import { RequestsModule } from '@app/requests';
import { ScheduledJobs } from './scheduled-jobs';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';
import { LeavingController } from './leaving.controller';
import { LeavingService } from './leaving.service';
import { RetentionRepository } from './retention.repository';
import { LeavingRepository } from './leaving.repository';
import { DatabaseModule } from '@app/database';

/**
 * Scheduled retention over the tenants' registers: expired invoices purged, long-inactive customers flagged;
 * and leaving the platform (the whole-register archive, the request, the nightly drop and the invoice archive).
 */
@Module({
  imports: [DatabaseModule, AuthModule, TenancyModule, CustomersModule, BillingModule, BankImportModule, PrivacyNoticeModule, BackupModule, RequestsModule],
  controllers: [RetentionController, LeavingController],
  providers: [RetentionRepository, LeavingRepository, RetentionService, ScheduledJobs, LeavingService],
  exports: [RetentionService, ScheduledJobs, LeavingService],
})
export class RetentionModule {}
