// The customer portal: the realm's account routes (login, logout, invitation, reset), and the customer's own profile.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { PurposePipe, type Purpose, SetConsentDto } from '@app/consent';
import { EXPORT_CONTENT, ExportQuery, PortalRequestDto } from '@app/requests';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, CustomerAccess, type Principal } from '@app/core';
import { accountController, type AccountRoutes, CustomerPrincipalDto } from '@app/auth';
import { PortalService } from './portal.service';
import { RectifyProfileDto } from './dto/portal.dto';
import { PortalMeDto } from './dto/portal.dto';
import { CustomerDto } from '@app/customers';
import { ConsentStateDto } from '@app/consent';
import { DataSubjectRequestDto } from '@app/requests';

export const CUSTOMER_ROUTES: AccountRoutes = {
  realm: 'customer',
  path: 't/:tenant/portal',
  tag: 'portal',
  principal: CustomerPrincipalDto,
};

/** The realm's account routes (accountController's; `GET me` is the portal's own), and the customer's own data. */
@Controller(CUSTOMER_ROUTES.path)
export class PortalController extends accountController(CUSTOMER_ROUTES) {
  constructor(private readonly portal: PortalService) {
    super();
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
