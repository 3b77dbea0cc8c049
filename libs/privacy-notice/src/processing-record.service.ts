// The records of processing activities (GDPR Art. 30): a tenant's, generated from a kept version of its
// register settings; and the platform's own as a processor, generated from the tenants it serves.
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, NotFoundProblem } from '@app/core';
import { TenancyService, TenantContext } from '@app/tenancy';
import { buildControllerRecord, buildProcessorRecord, type ProcessingRecord, type ProcessorClient } from './processing-record.document';
import type { SystemFacts } from './privacy-notice.texts';
import { RegisterSettingsService } from './register-settings.service';
import { DEFAULT_RECIPIENTS, type Lang } from './register-settings.types';

/** The running configuration the statement and the records describe. */
export function systemFacts(config: AppConfig): SystemFacts {
  return {
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionAbsoluteHours: config.sessionAbsoluteHours,
    accessLogRetentionDays: config.accessLogRetentionDays,
  };
}

@Injectable()
export class ProcessingRecordService {
  constructor(
    private readonly context: TenantContext,
    private readonly tenancy: TenancyService,
    private readonly settings: RegisterSettingsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Art. 30(1) for the tenant in scope: from settings version `noticeVersion` (default: the current one); 404 for a version never saved. */
  async controllerRecord(lang: Lang | undefined, noticeVersion?: number): Promise<ProcessingRecord> {
    const controller = await this.tenancy.get(this.context.tenant.slug);
    const settings = noticeVersion === undefined ? await this.settings.current() : await this.settings.atVersion(noticeVersion);
    if (!settings) throw new NotFoundProblem('register settings version');
    const language = lang ?? (controller.language === 'en' ? 'en' : 'fi');
    return buildControllerRecord({ slug: this.context.tenant.slug, controller, settings, system: systemFacts(this.config) }, language);
  }

  /** Art. 30(2): the platform as a processor for every tenant it serves. */
  async processorRecord(lang: Lang = 'fi'): Promise<ProcessingRecord> {
    const controllers: ProcessorClient[] = [];
    for (let after: string | undefined; ; ) {
      const page = await this.tenancy.list({ limit: 200, after });
      controllers.push(...page.map((t) => ({ legalName: t.legalName, businessId: t.businessId, contactEmail: t.contactEmail, status: t.status })));
      if (page.length < 200) break;
      after = page[page.length - 1].slug;
    }
    return buildProcessorRecord({ platform: DEFAULT_RECIPIENTS, controllers, system: systemFacts(this.config), generatedAt: this.clock.now() }, lang);
  }
}
