// A tenant's controller details as the forms edit them, the API's answers as messages beside their fields,
// and what changed when someone else saved in between (409 stale-version).
import { ApiError, fieldErrors } from '../../api/problem';
import type { MessageId } from '../../i18n/use-t';
import { type Merge, mergeFields } from '../../ui/merge';
import { businessIdProblem } from './business-id';
import type { Tenant } from './queries';

export const DETAIL_FIELDS = ['legalName', 'businessId', 'streetAddress', 'postalCode', 'city', 'contactEmail', 'contactPerson', 'language'] as const;
export const ONBOARD_FIELDS = ['slug', ...DETAIL_FIELDS, 'ownerEmail', 'ownerName'] as const;
export type TenantField = (typeof ONBOARD_FIELDS)[number];
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type TenantValues = Record<TenantField, string>;

export const EMPTY_TENANT: TenantValues = {
  slug: '',
  legalName: '',
  businessId: '',
  streetAddress: '',
  postalCode: '',
  city: '',
  contactEmail: '',
  contactPerson: '',
  language: 'fi',
  ownerEmail: '',
  ownerName: '',
};

export const TENANT_LABELS: Record<TenantField, MessageId> = {
  slug: 'platform.tenant.field.slug',
  legalName: 'platform.tenant.field.legalName',
  businessId: 'platform.tenant.field.businessId',
  streetAddress: 'platform.tenant.field.streetAddress',
  postalCode: 'platform.tenant.field.postalCode',
  city: 'platform.tenant.field.city',
  contactEmail: 'platform.tenant.field.contactEmail',
  contactPerson: 'platform.tenant.field.contactPerson',
  language: 'platform.tenant.field.language',
  ownerEmail: 'platform.tenant.field.ownerEmail',
  ownerName: 'platform.tenant.field.ownerName',
};

const FIELD_MESSAGES: Partial<Record<TenantField, MessageId>> = {
  slug: 'platform.tenant.error.slug',
  businessId: 'platform.tenant.error.businessIdCheck',
  postalCode: 'platform.tenant.error.postalCode',
  contactEmail: 'platform.tenant.error.email',
  ownerEmail: 'platform.tenant.error.email',
};

export function valuesOf(tenant: Tenant): TenantValues {
  return { ...EMPTY_TENANT, ...Object.fromEntries(DETAIL_FIELDS.map((f) => [f, tenant[f] ?? ''])), slug: tenant.slug };
}

/** The slug from a business's name, as a suggestion: lower-case ASCII, digits and hyphens. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** The business ID's problem in words as the user types it: said once it is long enough, or once the field is left. */
export function businessIdMessage(value: string, left: boolean): MessageId | null {
  const trimmed = value.trim();
  if (!trimmed || (!left && trimmed.length < 9)) return null;
  const problem = businessIdProblem(trimmed);
  if (problem === 'format') return 'platform.tenant.error.businessIdFormat';
  if (problem === 'check-digit') return 'platform.tenant.error.businessIdCheck';
  return null;
}

export interface TenantFormErrors {
  byField: Partial<Record<TenantField, string>>;
  form: string[];
}

export function tenantFormErrors(error: unknown, t: (id: MessageId) => string): TenantFormErrors {
  if (!(error instanceof ApiError)) return { byField: {}, form: [] };
  if (error.code === 'tenant-slug-taken') return { byField: { slug: t('platform.tenant.error.slugTaken') }, form: [] };
  if (error.code === 'staff-email-taken') return { byField: { ownerEmail: t('platform.tenant.error.ownerTaken') }, form: [] };
  const { byField, other } = fieldErrors(error, ONBOARD_FIELDS);
  const localised: Partial<Record<TenantField, string>> = {};
  for (const field of Object.keys(byField) as TenantField[]) localised[field] = t(FIELD_MESSAGES[field] ?? 'platform.tenant.error.text');
  return { byField: localised, form: other };
}

/** What the edit sends: only the fields the user changed. */
export function detailChanges(base: TenantValues, mine: TenantValues): Partial<Record<DetailField, string>> {
  const changes: Partial<Record<DetailField, string>> = {};
  for (const field of DETAIL_FIELDS) if (mine[field].trim() !== base[field].trim()) changes[field] = mine[field].trim();
  return changes;
}

export type TenantMerge = Merge<DetailField, TenantValues>;

/** Three-way merge after a 409: their version, with the user's own edits kept where the other person left them alone. */
export function mergeTenant(base: TenantValues, mine: TenantValues, theirs: TenantValues): TenantMerge {
  return mergeFields(DETAIL_FIELDS, base, mine, theirs);
}
