// The names of what a column can fill, from the catalogs (the customer's own field names where they exist).
import type { MessageId } from '../../i18n/use-t';

export const FIELD_LABELS: Record<string, MessageId> = {
  businessId: 'customer.field.businessId',
  companyName: 'customer.field.companyName',
  contactName: 'customer.field.contactName',
  email: 'customer.field.email',
  phone: 'customer.field.phone',
  streetAddress: 'customer.field.streetAddress',
  postalCode: 'customer.field.postalCode',
  city: 'customer.field.city',
  country: 'customer.field.country',
  billingFirstName: 'customer.field.billingFirstName',
  billingLastName: 'customer.field.billingLastName',
  marketingEmailConsent: 'import.field.marketingEmailConsent',
  marketingSmsConsent: 'import.field.marketingSmsConsent',
  name: 'import.field.name',
};

export const ACTION_LABELS: Record<string, MessageId> = {
  create: 'import.action.create',
  update: 'import.action.update',
  skip: 'import.action.skip',
  error: 'import.action.error',
};

/** A field error of the API (`mapping.Sähköposti`) as the column it belongs to. */
export function mappingErrorsByColumn(errors: { field: string; message: string }[] | undefined): { byColumn: Map<string, string[]>; general: string[] } {
  const byColumn = new Map<string, string[]>();
  const general: string[] = [];
  for (const error of errors ?? []) {
    if (error.field.startsWith('mapping.')) {
      const column = error.field.slice('mapping.'.length);
      byColumn.set(column, [...(byColumn.get(column) ?? []), error.message]);
    } else general.push(error.message);
  }
  return { byColumn, general };
}

const ROW_ERROR_MESSAGES: Record<string, MessageId> = {
  email: 'customer.error.email',
  phone: 'customer.error.phone',
  businessId: 'customer.error.businessId',
  postalCode: 'customer.error.postalCode',
  country: 'customer.error.country',
  name: 'customer.error.nameRequired',
  marketingEmailConsent: 'import.error.consent',
  marketingSmsConsent: 'import.error.consent',
};

/** A row's error in the user's language: the customer form's own message for the field where there is one. */
export function rowErrorMessage(error: { field: string; message: string }): MessageId | null {
  if (/two different customers/.test(error.message)) return 'import.error.twoCustomers';
  if (/five digits/.test(error.message)) return 'import.error.postalCodeFi';
  return ROW_ERROR_MESSAGES[error.field] ?? null;
}
