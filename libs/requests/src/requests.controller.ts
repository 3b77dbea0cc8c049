// Tenant staff record data-subject requests; owners decide them.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, type Principal, principalKey, TenantStaffAccess } from '@app/core';
import { RequestsService } from './requests.service';
import { ExportService } from './export.service';
import { CompleteRequestDto, ExportQuery, ListRequestsQuery, ReasonDto, RecordRequestDto, VerifyRequestDto } from './dto/request.dto';
import { DataSubjectRequestDto } from './dto/request-view.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('tenant: data-subject requests')
@Controller('t/:tenant/requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: PageOf(DataSubjectRequestDto) })
  list(@Query() query: ListRequestsQuery) {
    return this.requests.list(query);
  }

  @Post()
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(201)
  @ApiCreatedResponse({ type: DataSubjectRequestDto })
  @ApiProblems(409)
  record(@Body() dto: RecordRequestDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.record({ ...dto, receivedAt: dto.receivedAt ? new Date(dto.receivedAt) : undefined }, principalKey(actor));
  }

  @Get(':id')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: DataSubjectRequestDto })
  get(@Param('id', uuid) id: string) {
    return this.requests.get(id);
  }

  @Post(':id/verify')
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto })
  @ApiProblems(409)
  verify(@Param('id', uuid) id: string, @Body() dto: VerifyRequestDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.verify(id, dto.method, principalKey(actor));
  }

  @Post(':id/complete')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto, description: 'Done: an access export is ready, an erasure has run.' })
  @ApiProblems(409)
  complete(@Param('id', uuid) id: string, @Body() dto: CompleteRequestDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.complete(id, dto.overrideReason, actor);
  }

  @Post(':id/reject')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto })
  @ApiProblems(409)
  reject(@Param('id', uuid) id: string, @Body() dto: ReasonDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.reject(id, dto.reason, principalKey(actor));
  }

  @Post(':id/extend')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto })
  @ApiProblems(409)
  extend(@Param('id', uuid) id: string, @Body() dto: ReasonDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.extend(id, dto.reason, principalKey(actor));
  }

  @Get(':id/export')
  @TenantStaffAccess('owner', 'staff')
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ description: 'Everything held on the person, as a download: JSON (machine-readable) or HTML.', content: { 'application/json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } } })
  async export(@Param('id', uuid) id: string, @Query() query: ExportQuery) {
    return this.exports.stream(await this.requests.exportable(id), query.format ?? 'json');
  }
}
