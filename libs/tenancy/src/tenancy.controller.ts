// Platform admins onboard and maintain tenants.
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PlatformAccess, type Principal, principalKey } from '@app/core';
import { TenancyService } from './tenancy.service';
import { OnboardTenantDto, UpdateTenantDto } from './dto/onboard-tenant.dto';
import { ListTenantsQuery } from './dto/list-tenants.query';

@ApiTags('platform: tenants')
@Controller('platform/tenants')
export class TenancyController {
  constructor(private readonly tenancy: TenancyService) {}

  @Post()
  @PlatformAccess('platform_admin')
  @HttpCode(201)
  onboard(@Body() dto: OnboardTenantDto, @CurrentPrincipal() actor: Principal) {
    return this.tenancy.onboard(dto, principalKey(actor));
  }

  @Get()
  @PlatformAccess('platform_admin')
  list(@Query() query: ListTenantsQuery) {
    return this.tenancy.list({ limit: query.limit ?? 50, after: query.cursor });
  }

  @Get(':slug')
  @PlatformAccess('platform_admin')
  get(@Param('slug') slug: string) {
    return this.tenancy.get(slug);
  }

  @Patch(':slug')
  @PlatformAccess('platform_admin')
  update(@Param('slug') slug: string, @Body() dto: UpdateTenantDto) {
    return this.tenancy.update(slug, dto);
  }
}
