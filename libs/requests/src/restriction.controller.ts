// The owner lifts a restriction of processing (GDPR Art. 18(3)); the person is told first, with the reason.
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { CustomerDto } from '@app/customers';
import { RequestsService } from './requests.service';
import { LiftRestrictionDto } from './dto/request.dto';

@ApiTags('tenant: data-subject requests')
@Controller('t/:tenant/customers/:id/restriction')
export class RestrictionController {
  constructor(private readonly requests: RequestsService) {}

  @Post('lift')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({
    type: CustomerDto,
    description: 'Lifts the restriction (set by completing a restriction request). The person is told first, with the reason, by e-mail in the tenant\'s language (queued in the same transaction); recorded in the audit trail.',
  })
  @ApiProblems(400, 409)
  lift(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: LiftRestrictionDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.liftRestriction(actor, id, dto);
  }
}
