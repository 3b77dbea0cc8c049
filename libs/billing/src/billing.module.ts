import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { BillingController } from './billing.controller';
import { BillingService } from './billing.service';
import { BillingRepository } from './billing.repository';
import { VatRatesService } from './vat-rates.service';
import { SellerController } from './seller.controller';
import { SellerService } from './seller.service';
import { InvoiceDocumentController } from './invoice-document.controller';
import { InvoiceDocumentService } from './invoice-document.service';
import { InvoiceRemindersController } from './reminders.controller';
import { InvoiceRemindersService } from './reminders.service';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule, TenancyModule, CustomersModule],
  controllers: [BillingController, SellerController, InvoiceDocumentController, InvoiceRemindersController],
  providers: [BillingRepository, BillingService, VatRatesService, SellerService, InvoiceDocumentService, InvoiceRemindersService],
  exports: [BillingService, InvoiceRemindersService],
})
export class BillingModule {}
