import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { TenancyModule } from '@app/tenancy';
import { CustomersModule } from '@app/customers';
import { PrivacyNoticeModule } from '@app/privacy-notice';
import { ConsentController } from './consent.controller';
import { ConsentService } from './consent.service';
import { ConsentRepository } from './consent.repository';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({
  imports: [DatabaseModule, TenancyModule, CustomersModule, PrivacyNoticeModule],
  controllers: [ConsentController, UnsubscribeController],
  providers: [ConsentService, ConsentRepository],
  exports: [ConsentService],
})
export class ConsentModule {}
