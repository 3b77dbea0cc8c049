import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { BillingModule } from '@app/billing';
import { PrivacyNoticeModule } from '@app/privacy-notice';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

/** Scheduled retention over the tenants' registers: expired invoices purged, long-inactive customers flagged. */
@Module({
  imports: [TenancyModule, BillingModule, PrivacyNoticeModule],
  controllers: [RetentionController],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
