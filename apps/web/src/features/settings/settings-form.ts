// The register settings as a form: strings for what people type, the body of a save (only what changed), the
// checks the API would make anyway said before sending, and after a conflict the other person's changes taken in
// without losing the user's own.
import { REGISTER_DATA_CATEGORIES } from '../../api/data-categories';
import type { RegisterSettings, RegisterSettingsChanges } from './queries';

export const DATA_CATEGORIES = REGISTER_DATA_CATEGORIES;
export const MARKETING_CHANNELS = ['email', 'sms'] as const;
export const TEXT_FIELDS = ['purposes', 'dataSources', 'disclosures', 'transferSafeguards', 'securityMeasures', 'cookies'] as const;
export const NUMBER_FIELDS = ['customerReviewAfterMonths', 'invoiceRetentionYears', 'accessRequestsPerYear', 'ipLogRetentionDays'] as const;

/** What a recipient does (RecipientRole in the API). */
export const RECIPIENT_ROLES = ['platform_operator', 'hosting', 'email', 'sms', 'accounting', 'payments', 'authority', 'other'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export interface RecipientForm {
  name: string;
  role: RecipientRole;
  /** ISO 3166-1 alpha-2, e.g. FI. */
  country: string;
  safeguard: Record<'fi' | 'en', string>;
}

export type TextField = (typeof TEXT_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type Lang = 'fi' | 'en';

/** The ranges the API accepts (UpdateRegisterSettingsDto). */
export const RANGES: Record<NumberField, { min: number; max: number }> = {
  customerReviewAfterMonths: { min: 1, max: 120 },
  invoiceRetentionYears: { min: 6, max: 20 },
  accessRequestsPerYear: { min: 1, max: 12 },
  ipLogRetentionDays: { min: 1, max: 365 },
};

export interface SettingsForm {
  /** Empty: the default name from the legal name. */
  registerName: string;
  purposes: Record<Lang, string>;
  dataSources: Record<Lang, string>;
  disclosures: Record<Lang, string>;
  transfersOutsideEea: boolean;
  transferSafeguards: Record<Lang, string>;
  securityMeasures: Record<Lang, string>;
  cookies: Record<Lang, string>;
  dataCategories: string[];
  marketingChannels: string[];
  customerReviewAfterMonths: string;
  invoiceRetentionYears: string;
  accessRequestsPerYear: string;
  ipLogRetentionDays: string;
  /** True: requests go to the business's own contact person. */
  ownContact: boolean;
  contactName: string;
  contactEmail: string;
  recipients: RecipientForm[];
}

/** The API's field names: what a save sends, what a conflict compares, what errors name. */
export const SETTINGS_FIELDS = ['registerName', 'purposes', 'dataSources', 'disclosures', 'transfersOutsideEea', 'transferSafeguards', 'dataCategories', 'customerReviewAfterMonths', 'invoiceRetentionYears', 'accessRequestsPerYear', 'ipLogRetentionDays', 'marketingChannels', 'securityMeasures', 'cookies', 'requestContact', 'recipients'] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

const text = (value: { fi: string; en: string } | null | undefined) => ({ fi: value?.fi ?? '', en: value?.en ?? '' });

export function formOf(settings: RegisterSettings): SettingsForm {
  return {
    registerName: settings.registerName ?? '',
    purposes: text(settings.purposes),
    dataSources: text(settings.dataSources),
    disclosures: text(settings.disclosures),
    transfersOutsideEea: settings.transfersOutsideEea,
    transferSafeguards: text(settings.transferSafeguards),
    securityMeasures: text(settings.securityMeasures),
    cookies: text(settings.cookies),
    dataCategories: [...settings.dataCategories],
    marketingChannels: [...settings.marketingChannels],
    customerReviewAfterMonths: String(settings.customerReviewAfterMonths),
    invoiceRetentionYears: String(settings.invoiceRetentionYears),
    accessRequestsPerYear: String(settings.accessRequestsPerYear),
    ipLogRetentionDays: String(settings.ipLogRetentionDays),
    ownContact: settings.requestContact === null,
    contactName: settings.requestContact?.name ?? '',
    contactEmail: settings.requestContact?.email ?? '',
    recipients: settings.recipients.map((r) => ({ name: r.name, role: r.role as RecipientRole, country: r.country, safeguard: text(r.safeguard) })),
  };
}

/** What each API field would be saved as, from the form. */
function apiValues(form: SettingsForm): Record<SettingsField, unknown> {
  const trimmed = (v: Record<Lang, string>) => ({ fi: v.fi.trim(), en: v.en.trim() });
  const safeguards = trimmed(form.transferSafeguards);
  return {
    registerName: form.registerName.trim() || null,
    purposes: trimmed(form.purposes),
    dataSources: trimmed(form.dataSources),
    disclosures: trimmed(form.disclosures),
    transfersOutsideEea: form.transfersOutsideEea,
    // Safeguards left empty are no safeguards (and the API refuses a transfer without them).
    transferSafeguards: safeguards.fi || safeguards.en ? safeguards : null,
    dataCategories: DATA_CATEGORIES.filter((c) => form.dataCategories.includes(c)),
    customerReviewAfterMonths: Number(form.customerReviewAfterMonths.trim()),
    invoiceRetentionYears: Number(form.invoiceRetentionYears.trim()),
    accessRequestsPerYear: Number(form.accessRequestsPerYear.trim()),
    ipLogRetentionDays: Number(form.ipLogRetentionDays.trim()),
    marketingChannels: MARKETING_CHANNELS.filter((c) => form.marketingChannels.includes(c)),
    securityMeasures: trimmed(form.securityMeasures),
    cookies: trimmed(form.cookies),
    requestContact: form.ownContact ? null : { name: form.contactName.trim(), email: form.contactEmail.trim() },
    recipients: form.recipients.map((r) => {
      const safeguard = trimmed(r.safeguard);
      return { name: r.name.trim(), role: r.role, country: r.country.trim().toUpperCase(), safeguard: safeguard.fi || safeguard.en ? safeguard : null };
    }),
  };
}

/** The fields whose saved value would differ between two forms. */
export function changedFields(from: SettingsForm, to: SettingsForm): SettingsField[] {
  const a = apiValues(from);
  const b = apiValues(to);
  return SETTINGS_FIELDS.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

/** A save: the version read and the fields the user changed, nothing else. */
export function saveBody(base: SettingsForm, form: SettingsForm, version: number): RegisterSettingsChanges {
  const values = apiValues(form);
  const body: Record<string, unknown> = { version };
  for (const field of changedFields(base, form)) body[field] = values[field];
  return body as unknown as RegisterSettingsChanges;
}

/** The changed fields of an edit, for the statement preview: null when nothing changed or the form has errors. */
export function draftBody(base: SettingsForm, form: SettingsForm): Omit<RegisterSettingsChanges, 'version'> | null {
  if (Object.keys(validate(form)).length) return null;
  const { version: _version, ...changes } = saveBody(base, form, 0);
  return Object.keys(changes).length ? changes : null;
}

/** An error in the console's words: a message id and its values. */
export interface FormError {
  id: 'settings.error.required' | 'settings.error.range' | 'settings.error.email' | 'settings.error.safeguards' | 'settings.error.categories' | 'settings.error.ipLogCap' | 'settings.error.invalid' | 'settings.error.country' | 'settings.error.recipientSafeguard' | 'settings.error.transfersNeeded';
  values?: Record<string, string | number>;
}

/** Errors by input: `purposes.fi`, `ipLogRetentionDays`, `requestContact.email`, `dataCategories`. */
export type FormErrors = Record<string, FormError>;

/** What the API would refuse, said before sending (the API checks again). */
export function validate(form: SettingsForm): FormErrors {
  const errors: FormErrors = {};
  for (const field of TEXT_FIELDS) {
    if (field === 'transferSafeguards' && !form.transfersOutsideEea) continue;
    for (const lang of ['fi', 'en'] as const) if (!form[field][lang].trim()) errors[`${field}.${lang}`] = field === 'transferSafeguards' ? { id: 'settings.error.safeguards' } : { id: 'settings.error.required' };
  }
  for (const field of NUMBER_FIELDS) {
    const raw = form[field].trim();
    const value = Number(raw);
    const { min, max } = RANGES[field];
    if (!/^\d+$/.test(raw) || value < min || value > max) errors[field] = { id: 'settings.error.range', values: { min, max } };
  }
  form.recipients.forEach((r, i) => {
    if (!r.name.trim()) errors[`recipients.${i}.name`] = { id: 'settings.error.required' };
    if (!/^[A-Za-z]{2}$/.test(r.country.trim())) errors[`recipients.${i}.country`] = { id: 'settings.error.country' };
  });
  if (!form.ownContact) {
    if (!form.contactName.trim()) errors['requestContact.name'] = { id: 'settings.error.required' };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.contactEmail.trim())) errors['requestContact.email'] = { id: 'settings.error.email' };
  }
  return errors;
}

/** The API's field errors (problem+json `errors`) as the console says them, beside the input they name. */
export function apiErrors(errors: { field: string; message: string }[]): FormErrors {
  const out: FormErrors = {};
  for (const { field, message } of errors) {
    const key = inputOf(field);
    if (out[key]) continue;
    if (field === 'ipLogRetentionDays' && /at most (\d+) days/.test(message)) out[key] = { id: 'settings.error.ipLogCap', values: { days: Number(/at most (\d+) days/.exec(message)![1]) } };
    else if (field === 'dataCategories' && message.includes(': ')) out[key] = { id: 'settings.error.categories', values: { categories: message.split(': ').pop()! } };
    else if (field === 'transferSafeguards' || field.startsWith('transferSafeguards.')) out[key] = { id: 'settings.error.safeguards' };
    else if (/^recipients\.\d+\.safeguard$/.test(field)) out[key] = { id: 'settings.error.recipientSafeguard' };
    else if (/^recipients\.\d+\.country$/.test(field)) out[key] = { id: 'settings.error.country' };
    else if (field === 'transfersOutsideEea') out[key] = { id: 'settings.error.transfersNeeded' };
    else if ((NUMBER_FIELDS as readonly string[]).includes(field)) out[key] = { id: 'settings.error.range', values: RANGES[field as NumberField] };
    else out[key] = { id: 'settings.error.invalid' };
  }
  return out;
}

/** The input an API field names: `purposes.fi` as it is, `purposes` at its Finnish text, `requestContact` at the name. */
function inputOf(field: string): string {
  if ((TEXT_FIELDS as readonly string[]).includes(field)) return `${field}.fi`;
  if (field === 'requestContact') return 'requestContact.name';
  if (/^recipients\.\d+\.safeguard$/.test(field)) return `${field}.fi`;
  return field;
}

/**
 * After a conflict: the latest saved settings, with the user's own changes (since `base`) laid over them.
 * `theirs` names what the other person changed; `both` what both changed (the user's value is kept: check it).
 */
export function rebase(base: SettingsForm, mine: SettingsForm, latest: SettingsForm): { form: SettingsForm; theirs: SettingsField[]; both: SettingsField[] } {
  const mineChanged = new Set(changedFields(base, mine));
  const theirs = changedFields(base, latest);
  const form: SettingsForm = { ...latest };
  for (const field of mineChanged) copyField(mine, form, field);
  return { form, theirs, both: theirs.filter((f) => mineChanged.has(f)) };
}

function copyField(from: SettingsForm, to: SettingsForm, field: SettingsField): void {
  if (field === 'requestContact') {
    Object.assign(to, { ownContact: from.ownContact, contactName: from.contactName, contactEmail: from.contactEmail });
  } else {
    Object.assign(to, { [field]: from[field] });
  }
}
