// A tenant's owners see the incidents that concern their register, and approve or reject the notices to
// their customers. Staff without the owner role, platform staff and other tenants cannot.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, PageQuery, type Principal, TenantStaffAccess } from '@app/core';
import { IncidentsService } from './incidents.service';
import { ApproveNoticeDto, RejectNoticeDto } from './dto/incident.dto';
import { TenantIncidentDto, TenantNoticeDto } from './dto/incident-view.dto';

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

  @Get('notices/:noticeId')
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: TenantNoticeDto })
  @ApiProblems(404)
  notice(@Param('noticeId', new ParseUUIDPipe()) noticeId: string) {
    return this.incidents.tenantNotice(noticeId);
  }

  @Post('notices/:noticeId/approve')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: TenantNoticeDto, description: 'Approves the text and the recipients, as read (the version).' })
  @ApiProblems(404, 409)
  approve(@Param('noticeId', new ParseUUIDPipe()) noticeId: string, @Body() dto: ApproveNoticeDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.approveNotice(actor, noticeId, dto);
  }

  @Post('notices/:noticeId/reject')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: TenantNoticeDto, description: 'Rejects the notice with a reason; platform staff redraft it.' })
  @ApiProblems(400, 404, 409)
  reject(@Param('noticeId', new ParseUUIDPipe()) noticeId: string, @Body() dto: RejectNoticeDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.rejectNotice(actor, noticeId, dto);
  }
}
