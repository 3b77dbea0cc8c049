// Tenant staff invite a customer to the portal.
import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { PortalAccountsService } from './portal-accounts.service';
import { PortalInvitationDto } from './dto/portal.dto';

@ApiTags('tenant: customers')
@Controller('t/:tenant/customers/:id/portal-invitation')
export class PortalInvitationsController {
  constructor(private readonly accounts: PortalAccountsService) {}

  @Post()
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(201)
  @ApiCreatedResponse({ type: PortalInvitationDto })
  @ApiProblems(409)
  invite(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.accounts.invite(actor, id);
  }
}
