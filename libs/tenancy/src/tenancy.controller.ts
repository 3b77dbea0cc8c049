// Platform admins onboard and maintain tenants.
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PlatformAccess, type Principal } from '@app/core';
import { TenancyService } from './tenancy.service';
import { OnboardTenantDto, UpdateTenantDto } from './dto/onboard-tenant.dto';
import { ListTenantsQuery } from './dto/list-tenants.query';
import { OnboardingResultDto, TenantDetailDto, TenantDto } from './dto/tenant-view.dto';
import { TenantPlacementService } from './tenant-placement.service';
import { tenantSchemaName } from './tenant-context';

@ApiTags('platform: tenants')
@Controller('platform/tenants')
export class TenancyController {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly placement: TenantPlacementService,
  ) {}

  @Post()
  @PlatformAccess('platform_admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: OnboardingResultDto, description: 'The tenant, and its owner\'s invitation (also e-mailed).' })
  @ApiProblems(409)
  onboard(@Body() dto: OnboardTenantDto, @CurrentPrincipal() actor: Principal) {
    return this.tenancy.onboard(actor, dto);
  }

  @Get()
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: [TenantDto], description: 'Ordered by slug; pass the last slug as `cursor` for the next page.' })
  list(@Query() query: ListTenantsQuery) {
    return this.tenancy.list({ limit: query.limit ?? 50, after: query.cursor, q: query.q, status: query.status });
  }

  @Get(':slug')
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: TenantDetailDto })
  @ApiProblems(404)
  async get(@Param('slug') slug: string) {
    const tenant = await this.tenancy.get(slug);
    const node = await this.placement.nodeOf(tenantSchemaName(tenant.id));
    return node ? { ...tenant, node } : tenant;
  }

  @Patch(':slug')
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: TenantDto })
  @ApiProblems(404, 409)
  update(@Param('slug') slug: string, @Body() dto: UpdateTenantDto) {
    return this.tenancy.update(slug, dto);
  }

  @Post(':slug/suspend')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: TenantDto, description: "Suspended: its staff and customers cannot sign in and their sessions stop; nothing is deleted." })
  @ApiProblems(404)
  suspend(@Param('slug') slug: string) {
    return this.tenancy.setStatus(slug, 'suspended');
  }

  @Post(':slug/resume')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: TenantDto, description: 'Active again: its staff and customers can sign in.' })
  @ApiProblems(404)
  resume(@Param('slug') slug: string) {
    return this.tenancy.setStatus(slug, 'active');
  }
}
