import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { CustomerMergeController } from './customer-merge.controller';
import { CustomerMergeService } from './customer-merge.service';
import { CustomerMergeRepository } from './customer-merge.repository';

@Module({
  imports: [TenancyModule],
  controllers: [CustomerMergeController],
  providers: [CustomerMergeService, CustomerMergeRepository],
  exports: [CustomerMergeService],
})
export class CustomerMergeModule {}
