// A tenant's register settings: staff read them, the owner changes them, previews the statement they would
// make, and reads the record of processing activities (GDPR Art. 30(1)) generated from any kept version.
import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, CurrentPrincipal, PlatformAccess, type Principal, TenantStaffAccess } from '@app/core';
import { RegisterSettingsService } from './register-settings.service';
import { PreviewRegisterSettingsDto, UpdateRegisterSettingsDto } from './dto/register-settings.dto';
import { RegisterSettingsDto, RegisterSettingsPreviewDto, SettingsVersionDto } from './dto/register-settings-view.dto';
import { ProcessingRecordDto } from './dto/processing-record-view.dto';
import { ProcessingRecordService } from './processing-record.service';
import { PrivacyNoticeService } from './privacy-notice.service';
import { LangPipe, VersionPipe } from './privacy-notice.controller';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';
import { PROCESSING_RECORD_CSP, renderProcessingRecordHtml } from './processing-record.html';
import type { ProcessingRecord } from './processing-record.document';
import { LANGUAGES, type Lang } from './register-settings.types';

const RECORD_RESPONSE = {
  content: { 'application/json': { schema: { $ref: getSchemaPath(ProcessingRecordDto) } }, 'text/html': { schema: { type: 'string' } } },
};

/** JSON, or the printable page when HTML is preferred (with the CSP that allows its own style sheet only). */
function sendRecord(record: ProcessingRecord, req: Request, res: Response): ProcessingRecord | string {
  res.vary('Accept');
  const format = req.accepts(['application/json', 'text/html']);
  if (!format) throw new PrivacyNoticeException(PrivacyNoticeErrorCode.NotAcceptable);
  res.setHeader('Content-Language', record.language);
  if (format === 'application/json') return record;
  res.setHeader('Content-Security-Policy', PROCESSING_RECORD_CSP);
  res.type('html');
  return renderProcessingRecordHtml(record, new URL(req.originalUrl, 'http://x').search);
}

@ApiTags('tenant: register settings')
@Controller('t/:tenant/register')
export class RegisterSettingsController {
  constructor(
    private readonly settings: RegisterSettingsService,
    private readonly records: ProcessingRecordService,
  ) {}

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

  @Get('versions')
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: [SettingsVersionDto], description: 'Every saved version of the settings, newest first; each has its statement and its record.' })
  versions() {
    return this.settings.versions();
  }

  @Get('record')
  @TenantStaffAccess('owner')
  @ApiQuery({ name: 'lang', enum: LANGUAGES, required: false, description: "Default: the tenant's language." })
  @ApiQuery({ name: 'version', type: Number, required: false, description: 'The settings version to generate it from; default: the current one.' })
  @ApiProduces('text/html', 'application/json')
  @ApiExtraModels(ProcessingRecordDto)
  @ApiOkResponse({ description: "The controller's record of processing activities (GDPR Art. 30(1)), from the register settings of that version.", ...RECORD_RESPONSE })
  async record(
    @Query('lang', new LangPipe()) lang: Lang | undefined,
    @Query('version', new VersionPipe()) version: number | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendRecord(await this.records.controllerRecord(lang, version), req, res);
  }
}

@ApiTags('tenant: register settings')
@Controller('t/:tenant/privacy-notice')
export class PrivacyNoticePreviewController {
  constructor(
    private readonly settings: RegisterSettingsService,
    private readonly notices: PrivacyNoticeService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @TenantStaffAccess('owner')
  @ApiOkResponse({ type: RegisterSettingsPreviewDto, description: 'The statement in Finnish and English as the change would make it; validated like a save, nothing stored.' })
  async preview(@Body() dto: PreviewRegisterSettingsDto, @CurrentPrincipal() actor: Principal) {
    const settings = await this.settings.preview(actor, dto);
    return { settings, ...(await this.notices.render(settings)) };
  }
}

@ApiTags('platform: processing record')
@Controller('platform/processing-record')
export class PlatformProcessingRecordController {
  constructor(private readonly records: ProcessingRecordService) {}

  @Get()
  @PlatformAccess('platform_admin')
  @ApiQuery({ name: 'lang', enum: LANGUAGES, required: false, description: 'Default: fi.' })
  @ApiProduces('text/html', 'application/json')
  @ApiExtraModels(ProcessingRecordDto)
  @ApiOkResponse({ description: "The platform's record of processing activities as a processor (GDPR Art. 30(2)).", ...RECORD_RESPONSE })
  @ApiProblems(406)
  async record(@Query('lang', new LangPipe()) lang: Lang | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return sendRecord(await this.records.processorRecord(lang), req, res);
  }
}
