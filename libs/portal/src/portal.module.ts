import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
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
import { PortalLocalStrategy } from './portal-login';
import { PortalService } from './portal.service';
import { DatabaseModule } from '@app/database';

@Module({
  imports: [DatabaseModule, PassportModule.register({ session: true }), AuthModule, TenancyModule, CustomersModule, BillingModule, ConsentModule, RequestsModule],
  controllers: [PortalController, PortalInvitationsController],
  providers: [PortalAccountsService, PortalService, PortalLocalStrategy, PortalRepository],
  exports: [PortalService, PortalAccountsService],
})
export class PortalModule {}
