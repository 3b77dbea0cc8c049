import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { CustomersModule } from '@app/customers';
import { TenancyModule } from '@app/tenancy';
import { BillingModule } from '@app/billing';
import { ConsentModule } from '@app/consent';
import { RequestsModule } from '@app/requests';
import { PortalAccountsService } from './portal-accounts.service';
import { PortalRepository } from './portal.repository';
import { PortalController } from './portal.controller';
import { PortalInvitationsController } from './portal-invitations.controller';
import { CustomerAccounts } from './customer.realm';
import { PortalService } from './portal.service';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule, AuthModule, TenancyModule, CustomersModule, BillingModule, ConsentModule, RequestsModule],
  controllers: [PortalController, PortalInvitationsController],
  providers: [PortalAccountsService, PortalService, CustomerAccounts, PortalRepository],
  exports: [PortalService, PortalAccountsService],
})
export class PortalModule {}
