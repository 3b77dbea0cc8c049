import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { BillingModule } from '@app/billing';
import { BankImportModule } from '@app/bank-import';
import { PrivacyNoticeModule } from '@app/privacy-notice';
import { BackupModule } from '@app/backup';
import { RequestsModule } from '@app/requests';
import { ScheduledJobs } from './scheduled-jobs';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

/** Scheduled retention over the tenants' registers: expired invoices purged, long-inactive customers flagged. */
@Module({
  imports: [TenancyModule, BillingModule, BankImportModule, PrivacyNoticeModule, BackupModule, RequestsModule],
  controllers: [RetentionController],
  providers: [RetentionService, ScheduledJobs],
  exports: [RetentionService, ScheduledJobs],
})
export class RetentionModule {}
