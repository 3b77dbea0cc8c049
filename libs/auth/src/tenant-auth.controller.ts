// Tenant staff: login, logout, who am I, and accepting an invitation (the first password).
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StaffMemberDto } from '@app/tenancy';
import type { Request, Response } from 'express';
import { ApiProblems, CurrentPrincipal, type Principal, PublicTenant, TenantStaffAccess } from '@app/core';
import { AuthService } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordResetCompleteRoute, PasswordResetRequestRoute } from './password-reset.routes';
import { SessionsService } from './sessions.service';
import { LoginBodyGuard, TenantLoginGuard } from './login.guards';
import { AcceptInvitationDto, CompletePasswordResetDto, LoginDto, RequestPasswordResetDto } from './dto/login.dto';
import { EndedSessionsDto, SessionStatusDto, TenantStaffPrincipalDto } from './dto/principal.dto';

@ApiTags('tenant: auth')
@Controller('t/:tenant')
export class TenantAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly resets: PasswordResetService,
  ) {}

  @Post('login')
  // Suspended too: its staff, with the right password, are told why they cannot sign in.
  @PublicTenant({ orSuspended: true })
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TenantStaffPrincipalDto, description: 'Signed in; the session cookie is set.' })
  @ApiProblems(400, 401, 404, 429)
  @UseGuards(LoginBodyGuard, TenantLoginGuard)
  login(@Req() req: Request) {
    return req.user;
  }

  @Post('logout')
  @TenantStaffAccess()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out; the session is destroyed.' })
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.sessions.logout(req, res);
  }

  @Get('me')
  @TenantStaffAccess()
  @ApiOkResponse({ type: TenantStaffPrincipalDto })
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Post('sessions/end-others')
  @TenantStaffAccess()
  @HttpCode(200)
  @ApiOkResponse({ type: EndedSessionsDto })
  async endOtherSessions(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return { ended: await this.auth.endOtherSessions(principal, req.sessionID) };
  }

  @Get('sessions/current')
  @TenantStaffAccess()
  @ApiOkResponse({ type: SessionStatusDto, description: 'Asking does not count as activity: the idle timeout runs on.' })
  currentSession(@Req() req: Request) {
    return this.sessions.current(req);
  }

  @Post('sessions/current/extend')
  @TenantStaffAccess()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionStatusDto, description: 'The idle timeout starts again now; the absolute lifetime does not move.' })
  extendSession(@Req() req: Request) {
    return this.sessions.extend(req);
  }

  @Post('staff/:id/disable')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffMemberDto })
  disableStaff(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.auth.disableTenantStaff(id, actor);
  }

  @Post('invitations/accept')
  @PublicTenant()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set; sign in with it.' })
  @ApiProblems(400, 404)
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.auth.acceptTenantInvitation(dto.token, dto.password);
  }

  @PasswordResetRequestRoute('tenant')
  requestPasswordReset(@Param('tenant') tenant: string, @Body() dto: RequestPasswordResetDto, @Req() req: Request) {
    return this.resets.request('tenant-staff', tenant, dto.email, req.ip ?? 'unknown');
  }

  @PasswordResetCompleteRoute('tenant')
  completePasswordReset(@Body() dto: CompletePasswordResetDto) {
    return this.resets.complete('tenant-staff', dto.token, dto.password);
  }
}
