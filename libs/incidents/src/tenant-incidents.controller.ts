// A tenant's owners see the incidents that concern their register.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageOf, PageQuery, TenantStaffAccess } from '@app/core';
import { IncidentsService } from './incidents.service';
import { TenantIncidentDto } from './dto/incident-view.dto';

@ApiTags('tenant: incidents')
@Controller('t/:tenant/incidents')
export class TenantIncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: PageOf(TenantIncidentDto) })
  list(@Query() query: PageQuery) {
    return this.incidents.forTenant(query);
  }
}
