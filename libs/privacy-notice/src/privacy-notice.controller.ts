// The public privacy statement of a tenant: HTML for people, JSON for programs (by Accept).
import { Controller, Get, type PipeTransform, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, PublicTenant, ValidationProblem } from '@app/core';
import { PrivacyNoticeService } from './privacy-notice.service';
import { renderPrivacyNoticeHtml } from './privacy-notice.html';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';
import { LANGUAGES, type Lang } from './register-settings.types';
import { PrivacyNoticeDto } from './dto/privacy-notice-view.dto';


/** `lang` alone is validated; other query parameters (tracking tags on a shared link) are ignored. */
export class LangPipe implements PipeTransform<unknown, Lang | undefined> {
  transform(value: unknown): Lang | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)) return value as Lang;
    throw new ValidationProblem([{ field: 'lang', message: `lang must be one of: ${LANGUAGES.join(', ')}` }]);
  }
}

/** `version`: a positive integer, or absent. */
export class VersionPipe implements PipeTransform<unknown, number | undefined> {
  transform(value: unknown): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value)) return Number(value);
    throw new ValidationProblem([{ field: 'version', message: 'version must be a positive integer' }]);
  }
}

@ApiTags('public: privacy notice')
@Controller('t/:tenant/privacy-notice')
export class PrivacyNoticeController {
  constructor(private readonly notices: PrivacyNoticeService) {}

  @Get()
  @PublicTenant()
  @ApiQuery({ name: 'lang', enum: LANGUAGES, required: false, description: "Default: the tenant's language." })
  @ApiProduces('text/html', 'application/json')
  @ApiExtraModels(PrivacyNoticeDto)
  @ApiOkResponse({ description: "The tenant's privacy statement: numbered sections of blocks (JSON) or a printable page (HTML), by `Accept`.", content: { 'application/json': { schema: { $ref: getSchemaPath(PrivacyNoticeDto) } }, 'text/html': { schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  async get(@Query('lang', new LangPipe()) lang: Lang | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.vary('Accept');
    // Without a preference (or */*) JSON, like the rest of the API; a browser asks for text/html first.
    const format = req.accepts(['application/json', 'text/html']);
    if (!format) throw new PrivacyNoticeException(PrivacyNoticeErrorCode.NotAcceptable);
    const notice = await this.notices.notice(lang);
    res.setHeader('Content-Language', notice.language);
    if (format === 'application/json') return notice;
    res.type('html');
    return renderPrivacyNoticeHtml(notice);
  }
}
