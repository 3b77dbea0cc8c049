// One-click unsubscribe (RFC 8058): GET shows what the link withdraws, POST withdraws it. No session needed:
// the signed token names the tenant, the customer and the purpose, and expires.
import { Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiResponse({ status: 303, description: 'A browser (asking for HTML first) is sent to the page `/unsubscribe/:token`, which asks before it withdraws.' })
  @ApiProblems(400, 404)
  async show(@Param('token') token: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.vary('Accept');
    // A person who opens the API's address (an older message, a mail client that shows the header's link)
    // gets the page, never JSON; a GET withdraws nothing either way.
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.redirect(303, `/unsubscribe/${encodeURIComponent(token)}`);
      return;
    }
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
