import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { ConsentModule } from '@app/consent';
import { CustomerImportController } from './customer-import.controller';
import { CustomerImportService } from './customer-import.service';
import { CustomerImportRepository } from './customer-import.repository';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule, TenancyModule, CustomersModule, ConsentModule],
  controllers: [CustomerImportController],
  providers: [CustomerImportService, CustomerImportRepository],
  exports: [CustomerImportService],
})
export class CustomerImportModule {}
