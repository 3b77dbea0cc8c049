// One-click unsubscribe (RFC 8058): GET shows what the link withdraws, POST withdraws it. No session needed:
// the signed token names the tenant, the customer and the purpose, and expires.
import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CsrfExempt, Public } from '@app/core';
import { ConsentService } from './consent.service';
import { ConsentStateDto, UnsubscribeDescriptionDto } from './dto/consent-view.dto';

@ApiTags('public: unsubscribe')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly consent: ConsentService) {}

  @Get(':token')
  @Public()
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOkResponse({ type: UnsubscribeDescriptionDto })
  @ApiProblems(400, 404)
  show(@Param('token') token: string) {
    return this.consent.describeUnsubscribe(token);
  }

  @Post(':token')
  @Public()
  @CsrfExempt('signed-token')
  @HttpCode(200)
  @ApiOkResponse({ type: ConsentStateDto, description: 'Withdrawn (RFC 8058 one-click).' })
  @ApiProblems(400, 404)
  unsubscribe(@Param('token') token: string) {
    return this.consent.unsubscribe(token);
  }
}
