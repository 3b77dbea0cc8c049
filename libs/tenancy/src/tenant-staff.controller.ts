// A tenant's owners manage its staff.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { TenantMembersService } from './tenant-members.service';
import { ChangeRoleDto, InvitedStaffMemberDto, InviteStaffDto, StaffMemberDto } from './dto/staff.dto';

@ApiTags('tenant: staff')
@Controller('t/:tenant/staff')
export class TenantStaffController {
  constructor(private readonly members: TenantMembersService) {}

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
    return this.members.invite(actor, dto);
  }

  @Put(':id/role')
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: StaffMemberDto, description: 'The role applies from the member\'s next request; the change is in the audit trail.' })
  @ApiProblems(404, 409)
  changeRole(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ChangeRoleDto, @CurrentPrincipal() actor: Principal) {
    return this.members.changeRole(actor, id, dto.role);
  }
}
