import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { BillingController } from './billing.controller';
import { BillingService } from './billing.service';
import { VatRatesService } from './vat-rates.service';
import { SellerController } from './seller.controller';
import { SellerService } from './seller.service';
import { InvoiceDocumentController } from './invoice-document.controller';
import { InvoiceDocumentService } from './invoice-document.service';

@Module({
  imports: [TenancyModule, CustomersModule],
  controllers: [BillingController, SellerController, InvoiceDocumentController],
  providers: [BillingService, VatRatesService, SellerService, InvoiceDocumentService],
  exports: [BillingService],
})
export class BillingModule {}
