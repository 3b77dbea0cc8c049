// Platform investigators search the IP access log; investigators and admins read the audit of searches.
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PageOf, PageQuery, PlatformAccess, type Principal } from '@app/core';
import { AccessLogSearchService } from './access-log-search.service';
import { SearchAccessLogDto } from './dto/search-access-log.dto';
import { SearchAuditEntryDto, SearchResultDto } from './dto/search-access-log.dto';

@ApiTags('platform: access log')
@Controller('platform/access-log')
export class AccessLogController {
  constructor(private readonly searches: AccessLogSearchService) {}

  @Post('searches')
  @PlatformAccess('access_log_investigator')
  @HttpCode(201)
  @ApiCreatedResponse({ type: SearchResultDto, description: 'The search, recorded with its justification, and what it found.' })
  search(@Body() dto: SearchAccessLogDto, @CurrentPrincipal() actor: Principal) {
    return this.searches.search(actor, dto);
  }

  @Get('audit')
  @PlatformAccess('access_log_investigator', 'platform_admin')
  @ApiOkResponse({ type: PageOf(SearchAuditEntryDto), description: 'Newest first.' })
  audit(@Query() query: PageQuery, @CurrentPrincipal() actor: Principal) {
    return this.searches.audit(actor, query);
  }
}
