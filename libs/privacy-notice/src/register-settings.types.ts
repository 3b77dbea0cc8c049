// The register settings as the rest of the system sees them, and the vocabularies they draw from.

export const LANGUAGES = ['fi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type LocalizedText = Record<Lang, string>;

/** The categories of personal data the register can hold: the statement's section 5 lists them. */
export const DATA_CATEGORIES = [
  'business_id',
  'company_name',
  'contact_name',
  'email',
  'postal_address',
  'phone',
  'billing_name',
  'last_login',
  'billing_history',
  'marketing_consents',
  'data_subject_requests',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * What the system stores of every customer (the customer record and its invoices): the statement may
 * never leave one out, or it would promise less than the system does.
 */
export const STORED_DATA_CATEGORIES: readonly DataCategory[] = [
  'business_id',
  'company_name',
  'contact_name',
  'email',
  'postal_address',
  'phone',
  'billing_name',
  'last_login',
  'billing_history',
  // The consent ledger and the data-subject requests are kept for every customer who has any (libs/consent, libs/requests).
  'marketing_consents',
  'data_subject_requests',
];

/** Marketing is opt-in per channel; these match the consent purposes marketing_email and marketing_sms. */
export const MARKETING_CHANNELS = ['email', 'sms'] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

/** What a recipient of the register's data does (GDPR Art. 13(1)(e), Art. 30(1)(d)). */
export const RECIPIENT_ROLES = ['platform_operator', 'hosting', 'email', 'sms', 'accounting', 'payments', 'authority', 'other'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/** The EU member states and Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2): transfers elsewhere need a safeguard. */
export const EEA_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
];

export function isOutsideEea(country: string): boolean {
  return !EEA_COUNTRIES.includes(country.toUpperCase());
}

/** A recipient or processor of the register's data, as the owner lists it. */
export interface Recipient {
  name: string;
  role: RecipientRole;
  /** ISO 3166-1 alpha-2 code of the country where the data is processed. */
  country: string;
  /** How a transfer outside the EU/EEA is protected (e.g. standard contractual clauses); null inside the EEA. */
  safeguard: LocalizedText | null;
}

/** The platform's own processors: what a new tenant's settings list (the tenant migration's default). */
export const DEFAULT_RECIPIENTS: readonly Recipient[] = [
  { name: 'Rekisteri', role: 'platform_operator', country: 'FI', safeguard: null },
  { name: 'UpCloud Oy (Helsinki)', role: 'hosting', country: 'FI', safeguard: null },
  { name: 'Rekisteri (SMTP)', role: 'email', country: 'FI', safeguard: null },
];

export interface RequestContact {
  name: string;
  email: string;
}

export interface RegisterSettingsSnapshot {
  /** Null: derived from the controller's legal name. */
  registerName: string | null;
  purposes: LocalizedText;
  dataCategories: DataCategory[];
  dataSources: LocalizedText;
  disclosures: LocalizedText;
  transfersOutsideEea: boolean;
  transferSafeguards: LocalizedText | null;
  customerReviewAfterMonths: number;
  invoiceRetentionYears: number;
  accessRequestsPerYear: number;
  ipLogRetentionDays: number;
  marketingChannels: MarketingChannel[];
  securityMeasures: LocalizedText;
  cookies: LocalizedText;
  /** Null: the controller's contact person and e-mail. */
  requestContact: RequestContact | null;
  recipients: Recipient[];
  noticeVersion: number;
  updatedAt: Date;
  version: number;
}

export interface EffectiveSettings {
  registerName: LocalizedText;
  requestContact: RequestContact;
  /** The tenant's setting, capped by how long the platform keeps the access log at all. */
  ipLogRetentionDays: number;
}

/** Something the owner should look at: the settings are valid, but a free text may say what the system does not do. */
export interface SettingsWarning {
  code: 'cookies-contradiction';
  /** The field the text is in, e.g. `cookies.fi`. */
  field: string;
  /** The words that were found, as written. */
  terms: string[];
  message: string;
}

export interface RegisterSettingsView extends RegisterSettingsSnapshot {
  /** What the statement prints and the system enforces where a setting falls back to, or is capped by, something else. */
  effective: EffectiveSettings;
  warnings: SettingsWarning[];
}

/** The controller details of the statement's sections 1 and 2 (held by tenancy). */
export interface ControllerDetails {
  legalName: string;
  businessId: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  contactEmail: string;
  contactPerson: string;
}

export function defaultRegisterName(legalName: string): LocalizedText {
  return { fi: `${legalName} asiakasrekisteri`, en: `${legalName} customer register` };
}

export function effectiveIpLogRetentionDays(settings: Pick<RegisterSettingsSnapshot, 'ipLogRetentionDays'>, platformAccessLogDays: number): number {
  return Math.min(settings.ipLogRetentionDays, platformAccessLogDays);
}

export function effectiveSettings(settings: RegisterSettingsSnapshot, controller: ControllerDetails, platformAccessLogDays: number): EffectiveSettings {
  return {
    registerName: settings.registerName ? { fi: settings.registerName, en: settings.registerName } : defaultRegisterName(controller.legalName),
    requestContact: settings.requestContact ?? { name: controller.contactPerson, email: controller.contactEmail },
    ipLogRetentionDays: effectiveIpLogRetentionDays(settings, platformAccessLogDays),
  };
}
