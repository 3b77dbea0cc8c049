// Tenant staff record data-subject requests; owners decide them.
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, PageOf, type Principal, TenantStaffAccess } from '@app/core';
import { RequestsService } from './requests.service';
import { EXPORT_CONTENT, ExportService } from './export.service';
import { CodeSentDto, ExportQuery, RequestMailDto, ListRequestsQuery, ObjectionDecisionDto, ReasonDto, RecordRequestDto, RepeatAccessDecisionDto, VerifyRequestDto } from './dto/request.dto';
import { VerificationService } from './verification.service';
import { DataSubjectRequestDto } from './dto/request-view.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('tenant: data-subject requests')
@Controller('t/:tenant/requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly exports: ExportService,
    private readonly verification: VerificationService,
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
    return this.requests.record(actor, { ...dto, receivedAt: dto.receivedAt ? new Date(dto.receivedAt) : undefined });
  }

  @Get(':id')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: DataSubjectRequestDto })
  get(@Param('id', uuid) id: string) {
    return this.requests.get(id);
  }

  @Get(':id/mails')
  @TenantStaffAccess('owner', 'staff')
  @ApiOkResponse({ type: [RequestMailDto], description: 'The mails about the request: to the person and to the owners and staff, when queued and how delivery went. No addresses.' })
  mails(@Param('id', uuid) id: string) {
    return this.requests.mails(id);
  }

  @Post(':id/verify')
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto, description: 'A staff check of the identity, of a kind from the fixed list, recorded with who and when.' })
  @ApiProblems(409)
  verify(@Param('id', uuid) id: string, @Body() dto: VerifyRequestDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.verify(actor, id, dto.method, dto.note);
  }

  @Post(':id/verification-code')
  @TenantStaffAccess('owner', 'staff')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CodeSentDto, description: 'A one-time code is queued to the e-mail address on record, in the tenant\'s language; the person enters it at /t/:tenant/verify.' })
  @ApiProblems(409, 429)
  sendCode(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    return this.verification.sendCode(actor, id);
  }

  @Post(':id/complete')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto, description: 'Done: an access export is ready, an erasure has run.' })
  @ApiProblems(409)
  complete(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    return this.requests.complete(actor, id);
  }

  @Post(':id/repeat-access')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto, description: "The owner's decision on an access request beyond the free copies a year; the person is told by e-mail. A fee is issued as an invoice." })
  @ApiProblems(409)
  decideRepeatAccess(@Param('id', uuid) id: string, @Body() dto: RepeatAccessDecisionDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.decideRepeatAccess(actor, id, dto);
  }

  @Post(':id/objection-decision')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto, description: "The owner's decision on an objection to processing based on legitimate interest (Art. 21(1)); the person is told by e-mail." })
  @ApiProblems(409)
  decideObjection(@Param('id', uuid) id: string, @Body() dto: ObjectionDecisionDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.decideObjection(actor, id, dto);
  }

  @Post(':id/reject')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto })
  @ApiProblems(409)
  reject(@Param('id', uuid) id: string, @Body() dto: ReasonDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.reject(actor, id, dto.reason);
  }

  @Post(':id/extend')
  @TenantStaffAccess('owner')
  @HttpCode(200)
  @ApiOkResponse({ type: DataSubjectRequestDto })
  @ApiProblems(409)
  extend(@Param('id', uuid) id: string, @Body() dto: ReasonDto, @CurrentPrincipal() actor: Principal) {
    return this.requests.extend(actor, id, dto.reason);
  }

  @Get(':id/export')
  @TenantStaffAccess('owner', 'staff')
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ description: 'Everything held on the person, as a download: JSON or CSV (machine-readable) or HTML.', content: EXPORT_CONTENT })
  async export(@Param('id', uuid) id: string, @Query() query: ExportQuery) {
    return this.exports.stream(await this.requests.exportable(id), query.format ?? 'json');
  }
}
