import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { AuthModule } from '@app/auth';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { BillingModule } from '@app/billing';
import { ConsentModule } from '@app/consent';
import { PrivacyNoticeModule } from '@app/privacy-notice';
import { BackupModule } from '@app/backup';
import { BankImportModule } from '@app/bank-import';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';
import { ExportService } from './export.service';
import { VerificationService } from './verification.service';
import { VerifyController } from './verify.controller';
import { CustomerErasure } from './erasure';
import { RestrictionController } from './restriction.controller';
import { RequestNoticesService } from './request-notices.service';
import { ExportLinksService } from './export-links.service';
import { ExportLinkController } from './export-link.controller';
import { RequestsRepository } from './requests.repository';

@Module({
  imports: [DatabaseModule, AuthModule, TenancyModule, CustomersModule, BillingModule, ConsentModule, PrivacyNoticeModule, BackupModule, BankImportModule],
  controllers: [RequestsController, VerifyController, RestrictionController, ExportLinkController],
  providers: [RequestsRepository, RequestsService, ExportService, VerificationService, CustomerErasure, RequestNoticesService, ExportLinksService],
  exports: [RequestsService, ExportService, RequestNoticesService],
})
export class RequestsModule {}
