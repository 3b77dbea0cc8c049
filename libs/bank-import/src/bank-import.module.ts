import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { BillingModule } from '@app/billing';
import { BankImportController } from './bank-import.controller';
import { BankImportRepository } from './bank-import.repository';
import { BankImportService } from './bank-import.service';

/** Payments from the bank (camt.054, the Finnish reference payment file), booked through billing. */
@Module({
  imports: [TenancyModule, BillingModule],
  controllers: [BankImportController],
  providers: [BankImportService, BankImportRepository],
  exports: [BankImportService],
})
export class BankImportModule {}
