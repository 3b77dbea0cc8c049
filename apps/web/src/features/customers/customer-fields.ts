// A customer as a form edits it: every field a string ('' for none), and the kind (private person or company).
import type { MessageId } from '../../i18n/use-t';
import type { Customer, CustomerChanges, CustomerInput } from './queries';

export const CUSTOMER_FIELDS = [
  'companyName', 'businessId', 'contactName', 'billingFirstName', 'billingLastName',
  'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export type CustomerValues = Record<CustomerField, string>;
export type CustomerKind = 'private' | 'company';

export const FIELD_LABELS: Record<CustomerField, MessageId> = {
  companyName: 'customer.field.companyName',
  businessId: 'customer.field.businessId',
  contactName: 'customer.field.contactName',
  billingFirstName: 'customer.field.billingFirstName',
  billingLastName: 'customer.field.billingLastName',
  email: 'customer.field.email',
  phone: 'customer.field.phone',
  streetAddress: 'customer.field.streetAddress',
  postalCode: 'customer.field.postalCode',
  city: 'customer.field.city',
  country: 'customer.field.country',
};

/** The fields each kind of customer shows; the rest are sent empty. */
export const FIELDS_OF: Record<CustomerKind, readonly CustomerField[]> = {
  private: ['billingFirstName', 'billingLastName', 'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country'],
  company: ['companyName', 'businessId', 'contactName', 'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country'],
};

export const EMPTY_CUSTOMER: CustomerValues = {
  companyName: '', businessId: '', contactName: '', billingFirstName: '', billingLastName: '',
  email: '', phone: '', streetAddress: '', postalCode: '', city: '', country: 'FI',
};

export function kindOf(customer: Pick<Customer, 'companyName' | 'businessId'>): CustomerKind {
  return customer.companyName || customer.businessId ? 'company' : 'private';
}

export function valuesOf(customer: Customer): CustomerValues {
  const values = { ...EMPTY_CUSTOMER };
  for (const field of CUSTOMER_FIELDS) values[field] = customer[field] ?? '';
  return values;
}

/** The body to create a customer of this kind: trimmed, empty fields left out. */
export function toCreateBody(kind: CustomerKind, values: CustomerValues): CustomerInput {
  const body: Record<string, string> = {};
  for (const field of FIELDS_OF[kind]) {
    const value = values[field].trim();
    if (value) body[field] = field === 'country' ? value.toUpperCase() : value;
  }
  return body as CustomerInput;
}

/** Only what the user changed from `base`; an emptied field becomes null (cleared). */
export function toChanges(base: CustomerValues, values: CustomerValues): Omit<CustomerChanges, 'version'> {
  const changes: Partial<Record<CustomerField, string | null>> = {};
  for (const field of CUSTOMER_FIELDS) {
    const before = base[field].trim();
    const after = values[field].trim();
    if (before !== after) changes[field] = after === '' ? (field === 'country' ? 'FI' : null) : field === 'country' ? after.toUpperCase() : after;
  }
  return changes as Omit<CustomerChanges, 'version'>;
}

/** The customer's name as a person writes it: the company, else the billing name, else the contact person. */
export function displayName(customer: Pick<Customer, 'companyName' | 'billingFirstName' | 'billingLastName' | 'contactName'>): string {
  const billing = [customer.billingFirstName, customer.billingLastName].filter(Boolean).join(' ');
  return customer.companyName || billing || customer.contactName || '';
}
