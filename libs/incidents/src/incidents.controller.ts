// Platform admins record incidents, inform the controllers, and draft, submit for approval and send the notices.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, PageQuery, PlatformAccess, type Principal } from '@app/core';
import { IncidentsService } from './incidents.service';
import { CreateIncidentDto, CreateNoticeDto, SendNoticeDto, SubmitNoticeDto, UpdateNoticeDto } from './dto/incident.dto';
import { IncidentDto, NoticeDto } from './dto/incident-view.dto';

@ApiTags('platform: incidents')
@Controller('platform/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @PlatformAccess('platform_admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: IncidentDto })
  create(@Body() dto: CreateIncidentDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.create(actor, dto);
  }

  @Get()
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: PageOf(IncidentDto) })
  list(@Query() query: PageQuery, @CurrentPrincipal() actor: Principal) {
    return this.incidents.list(actor, query);
  }

  @Get(':id')
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: IncidentDto })
  @ApiProblems(404)
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.incidents.get(actor, id);
  }

  @Post(':id/inform-controllers')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDto, description: "Queues the breach notice to each affected controller not yet informed; its delivery stops that controller's 72-hour clock." })
  @ApiProblems(404)
  informControllers(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.incidents.informControllers(actor, id);
  }

  @Post(':id/notices')
  @PlatformAccess('platform_admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: NoticeDto, description: "A draft notice to one affected tenant's customers." })
  @ApiProblems(400, 404, 409)
  draftNotice(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateNoticeDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.draftNotice(actor, id, dto);
  }

  @Put(':id/notices/:noticeId')
  @PlatformAccess('platform_admin')
  @ApiOkResponse({ type: NoticeDto, description: 'Changes a draft, or redrafts a rejected notice.' })
  @ApiProblems(400, 404, 409)
  updateNotice(@Param('id', new ParseUUIDPipe()) id: string, @Param('noticeId', new ParseUUIDPipe()) noticeId: string, @Body() dto: UpdateNoticeDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.updateNotice(actor, id, noticeId, dto);
  }

  @Post(':id/notices/:noticeId/submit')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: NoticeDto, description: "Freezes the recipients and asks the tenant's owner to approve by the deadline." })
  @ApiProblems(404, 409)
  submitNotice(@Param('id', new ParseUUIDPipe()) id: string, @Param('noticeId', new ParseUUIDPipe()) noticeId: string, @Body() dto: SubmitNoticeDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.submitNotice(actor, id, noticeId, dto);
  }

  @Post(':id/notices/:noticeId/send')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: NoticeDto, description: 'Sends an approved notice; one the owner has not answered by its deadline only with a justification.' })
  @ApiProblems(400, 404, 409)
  sendNotice(@Param('id', new ParseUUIDPipe()) id: string, @Param('noticeId', new ParseUUIDPipe()) noticeId: string, @Body() dto: SendNoticeDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.sendNotice(actor, id, noticeId, dto);
  }
}
