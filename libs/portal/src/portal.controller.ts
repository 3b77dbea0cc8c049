// The customer portal: login, logout, accepting an invitation, and the customer's own profile.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { PurposePipe, type Purpose, SetConsentDto } from '@app/consent';
import { EXPORT_CONTENT, ExportQuery, PortalRequestDto } from '@app/requests';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, CurrentPrincipal, CustomerAccess, type Principal, PublicTenant } from '@app/core';
import { AcceptInvitationDto, AuthService, CompletePasswordResetDto, LoginBodyGuard, LoginDto, PasswordResetCompleteRoute, PasswordResetRequestRoute, PasswordResetService, RequestPasswordResetDto, SessionsService } from '@app/auth';
import { PortalService } from './portal.service';
import { PortalLoginGuard } from './portal-login';
import { RectifyProfileDto } from './dto/portal.dto';
import { PortalMeDto } from './dto/portal.dto';
import { CustomerPrincipalDto, EndedSessionsDto } from '@app/auth';
import { CustomerDto } from '@app/customers';
import { ConsentStateDto } from '@app/consent';
import { DataSubjectRequestDto } from '@app/requests';

@ApiTags('portal')
@Controller('t/:tenant/portal')
export class PortalController {
  constructor(
    private readonly portal: PortalService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly resets: PasswordResetService,
  ) {}

  @Post('login')
  @PublicTenant()
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @UseGuards(LoginBodyGuard, PortalLoginGuard)
  @ApiOkResponse({ type: CustomerPrincipalDto, description: 'Signed in; the session cookie is set.' })
  @ApiProblems(400, 401, 404, 429)
  login(@Req() req: Request) {
    return req.user;
  }

  @Post('logout')
  @CustomerAccess()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out.' })
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.sessions.logout(req, res);
  }

  @Post('sessions/end-others')
  @CustomerAccess()
  @HttpCode(200)
  @ApiOkResponse({ type: EndedSessionsDto })
  async endOtherSessions(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return { ended: await this.auth.endOtherSessions(principal, req.sessionID) };
  }

  @Post('invitations/accept')
  @PublicTenant()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set.' })
  @ApiProblems(400, 404)
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.portal.acceptInvitation(dto.token, dto.password);
  }

  @PasswordResetRequestRoute('tenant')
  requestPasswordReset(@Param('tenant') tenant: string, @Body() dto: RequestPasswordResetDto, @Req() req: Request) {
    return this.resets.request('customer', tenant, dto.email, req.ip ?? 'unknown');
  }

  @PasswordResetCompleteRoute('tenant')
  completePasswordReset(@Body() dto: CompletePasswordResetDto) {
    return this.resets.complete('customer', dto.token, dto.password);
  }

  @Get('me')
  @CustomerAccess()
  @ApiOkResponse({ type: PortalMeDto })
  me(@CurrentPrincipal() principal: Principal) {
    return this.portal.me(principal);
  }

  @Patch('me')
  @CustomerAccess()
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(409)
  rectify(@CurrentPrincipal() principal: Principal, @Body() dto: RectifyProfileDto) {
    return this.portal.rectify(principal, dto);
  }

  @Put('me/consents/:purpose')
  @CustomerAccess()
  @ApiOkResponse({ type: ConsentStateDto })
  setConsent(@CurrentPrincipal() principal: Principal, @Param('purpose', PurposePipe) purpose: Purpose, @Body() dto: SetConsentDto) {
    return this.portal.setConsent(principal, purpose, dto.granted, dto.lang);
  }

  @Post('requests')
  @CustomerAccess()
  @HttpCode(201)
  @ApiCreatedResponse({ type: DataSubjectRequestDto })
  @ApiProblems(409)
  submitRequest(@CurrentPrincipal() principal: Principal, @Body() dto: PortalRequestDto) {
    return this.portal.submitRequest(principal, dto);
  }

  @Get('requests')
  @CustomerAccess()
  @ApiOkResponse({ type: [DataSubjectRequestDto] })
  listRequests(@CurrentPrincipal() principal: Principal) {
    return this.portal.listRequests(principal);
  }

  @Get('requests/:id/export')
  @CustomerAccess()
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ description: 'Everything held on me, as a download: JSON, CSV or HTML.', content: EXPORT_CONTENT })
  export(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: ExportQuery) {
    return this.portal.export(principal, id, query.format ?? 'json');
  }
}
