// The tenant's privacy statement, public: for the tenant bound from the path, built from its controller details,
// its register settings and the running configuration.
import { Injectable } from '@nestjs/common';
import { AppConfig, NotFoundProblem } from '@app/core';
import { TenancyService, TenantContext } from '@app/tenancy';
import { buildPrivacyNotice, type PrivacyNotice } from './privacy-notice.document';
import { RegisterSettingsService } from './register-settings.service';
import type { Lang, RegisterSettingsSnapshot } from './register-settings.types';
import { systemFacts } from './processing-record.service';

@Injectable()
export class PrivacyNoticeService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly context: TenantContext,
    private readonly settings: RegisterSettingsService,
    private readonly config: AppConfig,
  ) {}

  /** The statement of the tenant the guard bound (active only) in `lang` (default: the tenant's language); 404 without one. */
  async notice(lang?: Lang): Promise<PrivacyNotice> {
    const scope = this.context.tenantIfBound;
    if (!scope) throw new NotFoundProblem('privacy notice');
    const [controller, settings] = await Promise.all([this.tenancy.get(scope.slug), this.settings.current()]);
    return buildPrivacyNotice({ slug: scope.slug, controller, settings, system: systemFacts(this.config) }, lang ?? (controller.language === 'en' ? 'en' : 'fi'));
  }

  /** The statement in both languages as `settings` would make it (a preview): for the tenant in scope. */
  async render(settings: RegisterSettingsSnapshot): Promise<Record<Lang, PrivacyNotice>> {
    const controller = await this.tenancy.get(this.context.tenant.slug);
    const input = { slug: this.context.tenant.slug, controller, settings, system: systemFacts(this.config) };
    return { fi: buildPrivacyNotice(input, 'fi'), en: buildPrivacyNotice(input, 'en') };
  }
}
