// A tenant's owners see when platform staff looked at the tenant's traffic, and why.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PageQuery, TenantStaffAccess } from '@app/core';
import { AccessLogSearchService } from './access-log-search.service';

@ApiTags('tenant: access transparency')
@Controller('t/:tenant/access-transparency')
export class AccessTransparencyController {
  constructor(private readonly searches: AccessLogSearchService) {}

  @Get()
  @TenantStaffAccess('owner')
  list(@Query() query: PageQuery) {
    return this.searches.transparency(query);
  }
}
