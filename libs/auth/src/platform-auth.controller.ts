// Platform staff: the realm's account routes (login, logout, who am I, invitations, reset, disable) and the
// staff and their roles (a role grant needs a second admin's approval).
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, PageQuery, PlatformAccess, type Principal } from '@app/core';
import { accountController, type AccountRoutes } from './account.controller';
import { PlatformStaffService } from './platform-staff.service';
import { InvitePlatformStaffDto, SetRolesDto } from './dto/login.dto';
import { InvitedPlatformStaffMemberDto, PlatformPrincipalDto, PlatformStaffListItemDto, PlatformStaffMemberDto, PlatformStaffRolesDto } from './dto/principal.dto';

export const PLATFORM_ROUTES: AccountRoutes = {
  realm: 'platform',
  path: 'platform',
  tag: 'platform: auth and staff',
  principal: PlatformPrincipalDto,
  disable: { access: PlatformAccess('platform_admin'), response: PlatformStaffMemberDto },
};

/** The account routes (accountController's), and the staff and their roles. */
@Controller(PLATFORM_ROUTES.path)
export class PlatformAuthController extends accountController(PLATFORM_ROUTES) {
  constructor(private readonly staff: PlatformStaffService) {
    super();
  }

  @Get('staff')
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: PageOf(PlatformStaffListItemDto) })
  list(@Query() query: PageQuery) {
    return this.staff.list(query);
  }

  @Post('staff')
  @PlatformAccess('platform_admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: InvitedPlatformStaffMemberDto })
  @ApiProblems(409)
  invite(@Body() dto: InvitePlatformStaffDto, @CurrentPrincipal() actor: Principal) {
    return this.staff.invite(actor, dto);
  }

  @Put('staff/:id/roles')
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: PlatformStaffRolesDto, description: 'Roles removed at once; an added role waits as a pending grant for a second admin.' })
  @ApiProblems(403)
  setRoles(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SetRolesDto, @CurrentPrincipal() actor: Principal) {
    return this.staff.setRoles(actor, id, dto.roles);
  }

  @Post('staff/:id/role-grants/:grantId/approve')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PlatformStaffRolesDto })
  @ApiProblems(403, 404, 409)
  approveGrant(@Param('id', new ParseUUIDPipe()) id: string, @Param('grantId', new ParseUUIDPipe()) grantId: string, @CurrentPrincipal() actor: Principal) {
    return this.staff.approveGrant(actor, id, grantId);
  }
}
