import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomerBulkService } from './customer-bulk.service';
import { CustomersRepository } from './customers.repository';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule, TenancyModule],
  controllers: [CustomersController],
  providers: [CustomersService, CustomerBulkService, CustomersRepository],
  exports: [CustomersService, CustomerBulkService],
})
export class CustomersModule {}
