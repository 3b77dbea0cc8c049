// A tenant's register settings: staff read them, the owner changes them.
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { RegisterSettingsService } from './register-settings.service';
import { UpdateRegisterSettingsDto } from './dto/register-settings.dto';
import { RegisterSettingsDto } from './dto/register-settings-view.dto';

@ApiTags('tenant: register settings')
@Controller('t/:tenant/register')
export class RegisterSettingsController {
  constructor(private readonly settings: RegisterSettingsService) {}

  @Get()
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: RegisterSettingsDto })
  get() {
    return this.settings.get();
  }

  @Put()
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: RegisterSettingsDto })
  update(@Body() dto: UpdateRegisterSettingsDto, @CurrentPrincipal() actor: Principal) {
    return this.settings.update(actor, dto);
  }
}
