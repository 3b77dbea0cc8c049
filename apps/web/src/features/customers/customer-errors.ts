// The API's answers to a customer form, as messages beside its fields in the user's language.
import { ApiError, fieldErrors } from '../../api/problem';
import type { MessageId } from '../../i18n/use-t';
import { CUSTOMER_FIELDS, type CustomerField, type CustomerKind } from './customer-fields';

const FIELD_MESSAGES: Partial<Record<CustomerField, MessageId>> = {
  email: 'customer.error.email',
  phone: 'customer.error.phone',
  businessId: 'customer.error.businessId',
  postalCode: 'customer.error.postalCode',
  country: 'customer.error.country',
};

export interface CustomerFormErrors {
  byField: Partial<Record<CustomerField, string>>;
  /** Problems no field shows (the form says them above itself). */
  form: string[];
}

export function customerFormErrors(error: unknown, kind: CustomerKind, t: (id: MessageId) => string): CustomerFormErrors {
  if (!(error instanceof ApiError)) return { byField: {}, form: [] };
  if (error.code === 'customer-email-taken') return { byField: { email: t('customer.error.emailTaken') }, form: [] };
  if (error.code === 'customer-name-required') {
    return { byField: { [kind === 'company' ? 'companyName' : 'billingFirstName']: t('customer.error.nameRequired') }, form: [] };
  }
  const { byField, other } = fieldErrors(error, CUSTOMER_FIELDS);
  const localised: Partial<Record<CustomerField, string>> = {};
  for (const field of Object.keys(byField) as CustomerField[]) localised[field] = t(FIELD_MESSAGES[field] ?? 'customer.error.text');
  return { byField: localised, form: other };
}
