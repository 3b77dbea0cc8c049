// The tenant's register settings: what the privacy statement says and what the system enforces are read
// from here, so the two cannot drift. Other modules (consent, requests, retention jobs) ask this service.
import { Injectable } from '@nestjs/common';
import { type Actor, actorKey, AppConfig, Clock, requireAccess, ValidationProblem, type FieldError } from '@app/core';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import type { RegisterSettings } from './register-settings.entity';
import { PrivacyNoticeRepository } from './privacy-notice.repository';
import {
  type ControllerDetails,
  type DataCategory,
  effectiveIpLogRetentionDays,
  effectiveSettings,
  isOutsideEea,
  type MarketingChannel,
  type RegisterSettingsSnapshot,
  type RegisterSettingsView,
  STORED_DATA_CATEGORIES,
} from './register-settings.types';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';
import { settingsWarnings } from './settings-warnings';
import { recipientViews } from './privacy-notice.document';
import type { UpdateRegisterSettingsDto } from './dto/register-settings.dto';

type Editable = Omit<RegisterSettingsSnapshot, 'noticeVersion' | 'updatedAt' | 'version'>;
type Changes = Omit<UpdateRegisterSettingsDto, 'version'>;
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
  'recipients',
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
    recipients: (row.recipients ?? []).map((r) => ({ name: r.name, role: r.role, country: r.country, safeguard: r.safeguard ?? null })),
    noticeVersion: row.noticeVersion,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** A kept version (the row as `to_jsonb` wrote it, column names as keys) as settings. */
export function fromStoredRow(j: Record<string, unknown>): RegisterSettingsSnapshot {
  const t = (key: string) => j[key] as string;
  const row = {
    registerName: j.register_name as string | null,
    purposesFi: t('purposes_fi'),
    purposesEn: t('purposes_en'),
    dataCategories: j.data_categories as string[],
    dataSourcesFi: t('data_sources_fi'),
    dataSourcesEn: t('data_sources_en'),
    disclosuresFi: t('disclosures_fi'),
    disclosuresEn: t('disclosures_en'),
    transfersOutsideEea: j.transfers_outside_eea as boolean,
    transferSafeguardsFi: j.transfer_safeguards_fi as string | null,
    transferSafeguardsEn: j.transfer_safeguards_en as string | null,
    customerReviewAfterMonths: j.customer_review_after_months as number,
    invoiceRetentionYears: j.invoice_retention_years as number,
    accessRequestsPerYear: j.access_requests_per_year as number,
    ipLogRetentionDays: j.ip_log_retention_days as number,
    marketingChannels: j.marketing_channels as string[],
    securityMeasuresFi: t('security_measures_fi'),
    securityMeasuresEn: t('security_measures_en'),
    cookiesFi: t('cookies_fi'),
    cookiesEn: t('cookies_en'),
    requestContactName: j.request_contact_name as string | null,
    requestContactEmail: j.request_contact_email as string | null,
    recipients: (j.recipients as RegisterSettings['recipients'] | undefined) ?? [],
    noticeVersion: j.notice_version as number,
    updatedAt: new Date(t('updated_at')),
    version: j.version as number,
  } as RegisterSettings;
  return toSnapshot(row);
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
    recipients: s.recipients.map((r) => ({ name: r.name, role: r.role, country: r.country.toUpperCase(), safeguard: r.safeguard ?? null })),
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
  next.recipients.forEach((r, i) => {
    if (isOutsideEea(r.country) && !r.safeguard) errors.push({ field: `recipients.${i}.safeguard`, message: `${r.name} processes data outside the EU/EEA (${r.country}): describe the transfer's safeguard` });
  });
  const abroad = next.recipients.filter((r) => isOutsideEea(r.country));
  if (abroad.length && !next.transfersOutsideEea) {
    errors.push({ field: 'transfersOutsideEea', message: `recipients outside the EU/EEA are listed (${abroad.map((r) => r.name).join(', ')}), so the statement must say data is transferred there` });
  }
  return errors;
}

@Injectable()
export class RegisterSettingsService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: PrivacyNoticeRepository,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditTrailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The settings of the tenant in scope, read fresh from the database. */
  async current(): Promise<RegisterSettingsSnapshot> {
    return fromStoredRow(await this.repository.currentRow());
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

  /** The settings with what their null fields fall back to (the controller details), and what the owner should look at. */
  async get(): Promise<RegisterSettingsView> {
    return this.view(await this.current());
  }

  /** The settings of an earlier (or the current) statement version; null when there is no such version. */
  async atVersion(noticeVersion: number): Promise<RegisterSettingsSnapshot | null> {
    const stored = await this.repository.storedVersion(noticeVersion);
    return stored ? fromStoredRow(stored) : null;
  }

  /** Every kept version of the settings, newest first: the statement and the record can be read as they were. */
  async versions(): Promise<{ noticeVersion: number; recordedAt: string; updatedBy: string | null }[]> {
    const rows = await this.repository.versions();
    return rows.map((r) => ({ noticeVersion: r.notice_version, recordedAt: new Date(r.recorded_at).toISOString(), updatedBy: r.updated_by }));
  }

  /**
   * Owner only. The settings as an update would make them, validated exactly as the update validates them,
   * with nothing stored: what the statement preview is rendered from. The version is the next one when anything changes.
   */
  async preview(actor: Actor, changes: Changes): Promise<RegisterSettingsView> {
    requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId });
    const current = await this.current();
    const { next, changed } = this.apply(current, changes);
    if (changed.length === 0) return this.view(current);
    return this.view({ ...current, ...next, noticeVersion: current.noticeVersion + 1, updatedAt: this.clock.now(), version: current.version });
  }

  /** Owner only. Every change raises the notice version; a stale `version` answers 409. */
  async update(actor: Actor, dto: UpdateRegisterSettingsDto): Promise<RegisterSettingsView> {
    requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId });
    const { version, ...changes } = dto;
    const row = await this.repository.settingsForUpdate();
    if (row.version !== version) throw new PrivacyNoticeException(PrivacyNoticeErrorCode.StaleVersion);
    const { next, changed } = this.apply(toSnapshot(row), changes);
    if (changed.length === 0) return this.get();

    const by = actorKey(actor);
    this.repository.assign(row, { ...toColumns(next), noticeVersion: row.noticeVersion + 1, updatedBy: by });
    this.audit.record({ actor: by, action: 'register_settings.updated', subjectType: 'register_settings', subjectId: null, fields: [...changed] });
    await this.repository.flush();
    return this.get();
  }

  /** The settings after `changes`, and which fields changed; 400 when the result breaks a rule across fields. */
  private apply(current: RegisterSettingsSnapshot, changes: Changes): { next: Editable; changed: (keyof Editable)[] } {
    const next = { ...current } as Editable;
    for (const key of EDITABLE) {
      if (changes[key] !== undefined) (next as Record<string, unknown>)[key] = JSON.parse(plain(changes[key]));
    }
    next.recipients = next.recipients.map((r) => ({ name: r.name, role: r.role, country: r.country, safeguard: r.safeguard ?? null }));
    const changed = EDITABLE.filter((key) => plain(next[key]) !== plain(current[key]));
    if (changed.length === 0) return { next, changed };
    const errors = check(next, changed, this.config.accessLogRetentionDays);
    if (errors.length) throw new ValidationProblem(errors);
    return { next, changed };
  }

  private async view(settings: RegisterSettingsSnapshot): Promise<RegisterSettingsView> {
    const controller = await this.controller();
    return {
      ...settings,
      recipients: recipientViews(settings.recipients),
      effective: effectiveSettings(settings, controller, this.config.accessLogRetentionDays),
      warnings: settingsWarnings(settings),
    };
  }

  /** The controller details of the tenant in scope (held by tenancy). */
  async controllerDetails(): Promise<ControllerDetails> {
    return this.controller();
  }

  private async controller(): Promise<ControllerDetails> {
    return this.tenancy.get(this.context.tenant.slug);
  }
}
