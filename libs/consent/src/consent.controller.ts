// Tenant staff record consent (on the customer's written request) and read who may be contacted.
import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, type Principal, TenantStaffAccess } from '@app/core';
import { ConsentService } from './consent.service';
import { AudienceQuery, PurposePipe, StaffSetConsentDto } from './dto/consent.dto';
import type { Purpose } from './consent.entity';
import { AudienceMemberDto, ConsentStateDto, ConsentWithHistoryDto, UnsubscribeLinkDto } from './dto/consent-view.dto';

@ApiTags('tenant: consent')
@Controller('t/:tenant')
@TenantStaffAccess('owner', 'staff')
export class ConsentController {
  constructor(private readonly consent: ConsentService) {}

  @Get('customers/:id/consents/:purpose')
  @ApiOkResponse({ type: ConsentWithHistoryDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Param('purpose', PurposePipe) purpose: Purpose) {
    return this.consent.currentFor(id, purpose);
  }

  @Put('customers/:id/consents/:purpose')
  @ApiOkResponse({ type: ConsentStateDto })
  @ApiProblems(409)
  set(@Param('id', new ParseUUIDPipe()) id: string, @Param('purpose', PurposePipe) purpose: Purpose, @Body() dto: StaffSetConsentDto, @CurrentPrincipal() actor: Principal) {
    return this.consent.recordWritten(actor, id, purpose, dto);
  }

  @Get('customers/:id/consents/:purpose/unsubscribe-link')
  @ApiOkResponse({ type: UnsubscribeLinkDto })
  async unsubscribeLink(@Param('id', new ParseUUIDPipe()) id: string, @Param('purpose', PurposePipe) purpose: Purpose) {
    return this.consent.unsubscribeLink(id, purpose);
  }

  @Get('consents/audience')
  @ApiOkResponse({ type: PageOf(AudienceMemberDto), description: 'Customers whose consent holds now (given under the current purposes) and who have not objected; only for a channel the register settings list.' })
  @ApiProblems(409)
  audience(@Query() query: AudienceQuery) {
    return this.consent.audience(query.purpose, query);
  }
}
