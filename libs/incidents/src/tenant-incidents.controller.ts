// A tenant's owners see the incidents that concern their register.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PageQuery, TenantStaffAccess } from '@app/core';
import { IncidentsService } from './incidents.service';

@ApiTags('tenant: incidents')
@Controller('t/:tenant/incidents')
export class TenantIncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @TenantStaffAccess('owner')
  list(@Query() query: PageQuery) {
    return this.incidents.forTenant(query);
  }
}
