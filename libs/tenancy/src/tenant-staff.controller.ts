// A tenant's owners manage its staff.
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, principalKey, TenantStaffAccess } from '@app/core';
import { TenantMembersService } from './tenant-members.service';
import { TenancyService } from './tenancy.service';
import { InvitedStaffMemberDto, InviteStaffDto, StaffMemberDto } from './dto/staff.dto';

@ApiTags('tenant: staff')
@Controller('t/:tenant/staff')
export class TenantStaffController {
  constructor(
    private readonly members: TenantMembersService,
    private readonly tenancy: TenancyService,
  ) {}

  @Get()
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: [StaffMemberDto] })
  list() {
    return this.members.list();
  }

  @Post()
  @TenantStaffAccess('owner')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InvitedStaffMemberDto })
  @ApiProblems(409)
  invite(@Body() dto: InviteStaffDto, @CurrentPrincipal() actor: Principal) {
    return this.tenancy.inviteStaff(dto, principalKey(actor));
  }
}
