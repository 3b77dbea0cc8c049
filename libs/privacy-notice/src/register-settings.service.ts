// The tenant's register settings: what the privacy statement says and what the system enforces are read
// from here, so the two cannot drift. Other modules (consent, requests, retention jobs) ask this service.
import { Injectable } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/postgresql';
import { AppConfig, ForbiddenProblem, type Principal, principalKey, ValidationProblem, type FieldError } from '@app/core';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import { RegisterSettings, SETTINGS_ID } from './register-settings.entity';
import {
  type ControllerDetails,
  type DataCategory,
  effectiveIpLogRetentionDays,
  effectiveSettings,
  type MarketingChannel,
  type RegisterSettingsSnapshot,
  type RegisterSettingsView,
  STORED_DATA_CATEGORIES,
} from './register-settings.types';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';
import type { UpdateRegisterSettingsDto } from './dto/register-settings.dto';

type Editable = Omit<RegisterSettingsSnapshot, 'noticeVersion' | 'updatedAt' | 'version'>;
const EDITABLE: readonly (keyof Editable)[] = [
  'registerName',
  'purposes',
  'dataCategories',
  'dataSources',
  'disclosures',
  'transfersOutsideEea',
  'transferSafeguards',
  'customerReviewAfterMonths',
  'invoiceRetentionYears',
  'accessRequestsPerYear',
  'ipLogRetentionDays',
  'marketingChannels',
  'securityMeasures',
  'cookies',
  'requestContact',
];

function toSnapshot(row: RegisterSettings): RegisterSettingsSnapshot {
  return {
    registerName: row.registerName ?? null,
    purposes: { fi: row.purposesFi, en: row.purposesEn },
    dataCategories: [...row.dataCategories] as DataCategory[],
    dataSources: { fi: row.dataSourcesFi, en: row.dataSourcesEn },
    disclosures: { fi: row.disclosuresFi, en: row.disclosuresEn },
    transfersOutsideEea: row.transfersOutsideEea,
    transferSafeguards: row.transferSafeguardsFi != null && row.transferSafeguardsEn != null ? { fi: row.transferSafeguardsFi, en: row.transferSafeguardsEn } : null,
    customerReviewAfterMonths: row.customerReviewAfterMonths,
    invoiceRetentionYears: row.invoiceRetentionYears,
    accessRequestsPerYear: row.accessRequestsPerYear,
    ipLogRetentionDays: row.ipLogRetentionDays,
    marketingChannels: [...row.marketingChannels] as MarketingChannel[],
    securityMeasures: { fi: row.securityMeasuresFi, en: row.securityMeasuresEn },
    cookies: { fi: row.cookiesFi, en: row.cookiesEn },
    requestContact: row.requestContactName != null && row.requestContactEmail != null ? { name: row.requestContactName, email: row.requestContactEmail } : null,
    noticeVersion: row.noticeVersion,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

function toColumns(s: Editable) {
  return {
    registerName: s.registerName,
    purposesFi: s.purposes.fi,
    purposesEn: s.purposes.en,
    dataCategories: [...s.dataCategories],
    dataSourcesFi: s.dataSources.fi,
    dataSourcesEn: s.dataSources.en,
    disclosuresFi: s.disclosures.fi,
    disclosuresEn: s.disclosures.en,
    transfersOutsideEea: s.transfersOutsideEea,
    transferSafeguardsFi: s.transferSafeguards?.fi ?? null,
    transferSafeguardsEn: s.transferSafeguards?.en ?? null,
    customerReviewAfterMonths: s.customerReviewAfterMonths,
    invoiceRetentionYears: s.invoiceRetentionYears,
    accessRequestsPerYear: s.accessRequestsPerYear,
    ipLogRetentionDays: s.ipLogRetentionDays,
    marketingChannels: [...s.marketingChannels],
    securityMeasuresFi: s.securityMeasures.fi,
    securityMeasuresEn: s.securityMeasures.en,
    cookiesFi: s.cookies.fi,
    cookiesEn: s.cookies.en,
    requestContactName: s.requestContact?.name ?? null,
    requestContactEmail: s.requestContact?.email ?? null,
  };
}

/** A field's value as canonical JSON (keys sorted), for comparing: DTO instances and snapshot objects differ in prototype and key order. */
const plain = (value: unknown) =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/** Rules across fields, on the settings as they would be after the update. */
function check(next: Editable, changed: readonly (keyof Editable)[], platformAccessLogDays: number): FieldError[] {
  const errors: FieldError[] = [];
  // Only when it changes: a platform that later shortens its log must not block unrelated edits (the cap applies anyway).
  if (changed.includes('ipLogRetentionDays') && next.ipLogRetentionDays > platformAccessLogDays) {
    errors.push({ field: 'ipLogRetentionDays', message: `the platform keeps the IP access log for at most ${platformAccessLogDays} days` });
  }
  const missing = STORED_DATA_CATEGORIES.filter((c) => !next.dataCategories.includes(c));
  if (missing.length) errors.push({ field: 'dataCategories', message: `the system stores these of every customer, so the statement must list them: ${missing.join(', ')}` });
  if (next.transfersOutsideEea && !next.transferSafeguards) errors.push({ field: 'transferSafeguards', message: 'transfers outside the EU/EEA need the safeguards described' });
  return errors;
}

@Injectable()
export class RegisterSettingsService {
  constructor(
    private readonly context: TenantContext,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditTrailService,
    private readonly config: AppConfig,
  ) {}

  /** The settings of the tenant in scope, read fresh from the database. */
  async current(): Promise<RegisterSettingsSnapshot> {
    const row = await this.context.em().findOneOrFail(RegisterSettings, { id: SETTINGS_ID }, { disableIdentityMap: true });
    return toSnapshot(row);
  }

  async accessRequestsPerYear(): Promise<number> {
    return (await this.current()).accessRequestsPerYear;
  }

  async customerReviewAfterMonths(): Promise<number> {
    return (await this.current()).customerReviewAfterMonths;
  }

  async invoiceRetentionYears(): Promise<number> {
    return (await this.current()).invoiceRetentionYears;
  }

  /** Days this tenant's IP access log rows are kept: its setting, within what the platform keeps at all. */
  async ipLogRetentionDays(): Promise<number> {
    return effectiveIpLogRetentionDays(await this.current(), this.config.accessLogRetentionDays);
  }

  /** The version of the statement's text: consent records keep the one the customer was shown. */
  async noticeVersion(): Promise<number> {
    return (await this.current()).noticeVersion;
  }

  /** The settings with what their null fields fall back to (the controller details). */
  async get(): Promise<RegisterSettingsView> {
    const [settings, controller] = await Promise.all([this.current(), this.controller()]);
    return { ...settings, effective: effectiveSettings(settings, controller, this.config.accessLogRetentionDays) };
  }

  /** Owner only. Every change raises the notice version; a stale `version` answers 409. */
  async update(actor: Principal, dto: UpdateRegisterSettingsDto): Promise<RegisterSettingsView> {
    if (actor.kind !== 'tenant-staff' || actor.role !== 'owner' || actor.tenantId !== this.context.tenant.tenantId) throw new ForbiddenProblem();
    const { version, ...changes } = dto;
    const em = this.context.em();
    const row = await em.findOneOrFail(RegisterSettings, { id: SETTINGS_ID });
    if (row.version !== version) throw new PrivacyNoticeException(PrivacyNoticeErrorCode.StaleVersion);
    const current = toSnapshot(row);
    const next = { ...current } as Editable;
    for (const key of EDITABLE) {
      if (changes[key] !== undefined) (next as Record<string, unknown>)[key] = JSON.parse(plain(changes[key]));
    }
    const changed = EDITABLE.filter((key) => plain(next[key]) !== plain(current[key]));
    if (changed.length === 0) return this.get();
    const errors = check(next, changed, this.config.accessLogRetentionDays);
    if (errors.length) throw new ValidationProblem(errors);

    const actorKey = principalKey(actor);
    em.assign(row, { ...toColumns(next), noticeVersion: row.noticeVersion + 1, updatedBy: actorKey });
    this.audit.record({ actor: actorKey, action: 'register_settings.updated', subjectType: 'register_settings', subjectId: null, fields: [...changed] });
    try {
      await em.flush();
    } catch (error) {
      em.clear();
      if (error instanceof OptimisticLockError) throw new PrivacyNoticeException(PrivacyNoticeErrorCode.StaleVersion);
      throw error;
    }
    return this.get();
  }

  private async controller(): Promise<ControllerDetails> {
    return this.tenancy.get(this.context.tenant.slug);
  }
}
