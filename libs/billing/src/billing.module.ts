import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { BillingController } from './billing.controller';
import { BillingService } from './billing.service';
import { VatRatesService } from './vat-rates.service';

@Module({
  imports: [TenancyModule, CustomersModule],
  controllers: [BillingController],
  providers: [BillingService, VatRatesService],
  exports: [BillingService],
})
export class BillingModule {}
