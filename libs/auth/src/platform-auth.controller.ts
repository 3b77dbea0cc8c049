// Platform staff: login, logout, who am I, invitations, staff and roles (a role grant needs a second admin's approval).
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, CurrentPrincipal, PageOf, PageQuery, PlatformAccess, type Principal, Public } from '@app/core';
import { AuthService } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordResetCompleteRoute, PasswordResetRequestRoute } from './password-reset.routes';
import { SessionsService } from './sessions.service';
import { PlatformStaffService } from './platform-staff.service';
import { LoginBodyGuard, PlatformLoginGuard } from './login.guards';
import { AcceptInvitationDto, CompletePasswordResetDto, InvitePlatformStaffDto, LoginDto, RequestPasswordResetDto, SetRolesDto } from './dto/login.dto';
import { EndedSessionsDto, InvitedPlatformStaffMemberDto, PlatformPrincipalDto, PlatformStaffListItemDto, PlatformStaffMemberDto, PlatformStaffRolesDto } from './dto/principal.dto';

@ApiTags('platform: auth and staff')
@Controller('platform')
export class PlatformAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly staff: PlatformStaffService,
    private readonly resets: PasswordResetService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @UseGuards(LoginBodyGuard, PlatformLoginGuard)
  @ApiOkResponse({ type: PlatformPrincipalDto, description: 'Signed in; the session cookie is set.' })
  @ApiProblems(400, 401, 429)
  login(@Req() req: Request) {
    return req.user;
  }

  @Post('logout')
  @PlatformAccess()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out.' })
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.sessions.logout(req, res);
  }

  @Get('me')
  @PlatformAccess()
  @ApiOkResponse({ type: PlatformPrincipalDto })
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Post('sessions/end-others')
  @PlatformAccess()
  @HttpCode(200)
  @ApiOkResponse({ type: EndedSessionsDto })
  async endOtherSessions(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return { ended: await this.auth.endOtherSessions(principal, req.sessionID) };
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set.' })
  @ApiProblems(400)
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.auth.acceptPlatformInvitation(dto.token, dto.password);
  }

  @PasswordResetRequestRoute('platform')
  requestPasswordReset(@Body() dto: RequestPasswordResetDto, @Req() req: Request) {
    return this.resets.request('platform', null, dto.email, req.ip ?? 'unknown');
  }

  @PasswordResetCompleteRoute('platform')
  completePasswordReset(@Body() dto: CompletePasswordResetDto) {
    return this.resets.complete('platform', dto.token, dto.password);
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
    return this.staff.invite(dto, actor.id);
  }

  @Post('staff/:id/disable')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PlatformStaffMemberDto })
  disable(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.auth.disablePlatformStaff(id, actor);
  }

  @Put('staff/:id/roles')
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: PlatformStaffRolesDto, description: 'Roles removed at once; an added role waits as a pending grant for a second admin.' })
  @ApiProblems(403)
  setRoles(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SetRolesDto, @CurrentPrincipal() actor: Principal) {
    return this.staff.setRoles(id, dto.roles, actor.id);
  }

  @Post('staff/:id/role-grants/:grantId/approve')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PlatformStaffRolesDto })
  @ApiProblems(403, 404, 409)
  approveGrant(@Param('id', new ParseUUIDPipe()) id: string, @Param('grantId', new ParseUUIDPipe()) grantId: string, @CurrentPrincipal() actor: Principal) {
    return this.staff.approveGrant(id, grantId, actor.id);
  }
}
