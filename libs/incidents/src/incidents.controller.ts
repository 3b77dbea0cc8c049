// Platform admins open incidents, notify the affected people, and send the follow-up.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, PageQuery, PlatformAccess, type Principal } from '@app/core';
import { IncidentsService } from './incidents.service';
import { CreateIncidentDto, FollowUpDto } from './dto/incident.dto';
import { IncidentDto } from './dto/incident-view.dto';

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

  @Post(':id/notify')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDto })
  @ApiProblems(404, 409)
  notify(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    return this.incidents.notify(actor, id);
  }

  @Post(':id/follow-up')
  @PlatformAccess('platform_admin')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentDto })
  @ApiProblems(404, 409)
  followUp(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: FollowUpDto, @CurrentPrincipal() actor: Principal) {
    return this.incidents.followUp(actor, id, dto);
  }
}
