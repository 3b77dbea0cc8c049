// The single-use link to an access export, as the person opens it from the mail: GET shows the page (spends
// nothing), POST downloads once. The token in the path stays out of the access log (it logs route templates).
import { Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, PublicTenant } from '@app/core';
import { ExportLinksService } from './export-links.service';
import { EXPORT_CONTENT } from './export.service';
import { ExportQuery } from './dto/request.dto';

/** The page has a form and nothing else: no script, no style, posting only to itself. */
const PAGE_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

@ApiTags('public: export links')
@Controller('t/:tenant/export-links')
export class ExportLinkController {
  constructor(private readonly links: ExportLinksService) {}

  @Get(':token')
  @PublicTenant()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PAGE_CSP)
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A page naming the controller and the expiry, with a download button per format. Spends nothing.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiProblems(404, 410, 429)
  page(@Param('token') token: string, @Req() req: Request) {
    return this.links.page(token, req.ip ?? 'unknown');
  }

  @Post(':token')
  @PublicTenant()
  @HttpCode(200)
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ description: 'The export, once: the link is spent by this download (audited).', content: EXPORT_CONTENT })
  @ApiProblems(404, 410, 429)
  download(@Param('token') token: string, @Query() query: ExportQuery, @Req() req: Request) {
    return this.links.download(token, query.format ?? 'json', req.ip ?? 'unknown');
  }
}
