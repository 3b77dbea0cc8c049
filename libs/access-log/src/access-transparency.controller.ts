// A tenant's owners see when platform staff looked at the tenant's traffic, and why.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageOf, PageQuery, TenantStaffAccess } from '@app/core';
import { AccessLogSearchService } from './access-log-search.service';
import { TransparencyEntryDto } from './dto/search-access-log.dto';

@ApiTags('tenant: access transparency')
@Controller('t/:tenant/access-transparency')
export class AccessTransparencyController {
  constructor(private readonly searches: AccessLogSearchService) {}

  @Get()
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: PageOf(TransparencyEntryDto), description: 'Newest first.' })
  list(@Query() query: PageQuery) {
    return this.searches.transparency(query);
  }
}
