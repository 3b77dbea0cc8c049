// Leaving the platform (owner): the whole register as one archive, and the request to leave with its grace
// period. Staff see whether leaving has been requested (the console's banner), nothing more.
import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, type Principal, TenantStaffAccess } from '@app/core';
import { LeavingService } from './leaving.service';
import { LeaveStatusDto, RequestLeaveDto } from './dto/leave.dto';

@ApiTags('tenant: leaving')
@Controller('t/:tenant/register')
export class LeavingController {
  constructor(private readonly leaving: LeavingService) {}

  @Get('archive')
  @TenantStaffAccess('owner')
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description:
      'The whole register as one ZIP, streamed: every table of the register as `tables/<name>.json` and `tables/<name>.csv` (`;`, UTF-8 with BOM, formula cells disarmed), and `manifest.json` (tables, row counts, schema version, export time). Recorded in the audit trail.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  archive(@CurrentPrincipal() actor: Principal) {
    return this.leaving.archive(actor);
  }

  @Get('leave')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: LeaveStatusDto })
  status() {
    return this.leaving.status();
  }

  @Post('leave')
  @HttpCode(200)
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: LeaveStatusDto, description: 'Leaving requested: the register is deleted after the grace period (30 days); it works as before until then. Owners are told by mail.' })
  @ApiProblems(400, 409)
  request(@Body() dto: RequestLeaveDto, @CurrentPrincipal() actor: Principal) {
    return this.leaving.requestLeave(actor, dto);
  }

  @Delete('leave')
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: LeaveStatusDto, description: 'The request cancelled during the grace period. Owners are told by mail.' })
  @ApiProblems(409)
  cancel(@CurrentPrincipal() actor: Principal) {
    return this.leaving.cancelLeave(actor);
  }
}
