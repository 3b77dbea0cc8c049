// The rules of a customer's fields as one pure check, for callers that hold many records at once (a CSV import):
// the same class-validator rules as the API's CreateCustomerDto (every cell is a string: no transformation needed), then the service's normalisation (phone to E.164,
// e-mail in lower case, country in upper case) and its record rules (a name; a Finnish postal code has five digits).
import { validateSync } from 'class-validator';
import type { FieldError } from '@app/core';
import { CreateCustomerDto } from './dto/customer.dto';
import { toE164 } from './phone';

export const CUSTOMER_FIELDS = ['businessId', 'companyName', 'contactName', 'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country', 'billingFirstName', 'billingLastName'] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export type CustomerFields = Partial<Record<CustomerField, string>>;

/**
 * Checks and normalises the given fields (absent ones are left out). `asNew`: the record must name someone
 * (a new customer; an update keeps the name it has).
 */
export function checkCustomerFields(input: CustomerFields, options: { asNew: boolean }): { data: CustomerFields; errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const error of validateSync(Object.assign(new CreateCustomerDto(), input), { whitelist: true, forbidUnknownValues: true, validationError: { target: false, value: false } })) {
    for (const message of Object.values(error.constraints ?? {})) errors.push({ field: error.property, message });
  }
  const data: CustomerFields = {};
  for (const key of CUSTOMER_FIELDS) {
    const value = input[key]?.trim();
    if (value) data[key] = value;
  }
  if (data.phone && !errors.some((e) => e.field === 'phone')) data.phone = toE164(data.phone) ?? data.phone;
  if (data.email) data.email = data.email.toLowerCase();
  if (data.country) data.country = data.country.toUpperCase();
  if (options.asNew && !data.companyName && !data.contactName && !data.billingFirstName && !data.billingLastName) {
    errors.push({ field: 'name', message: 'a customer needs a name: company, contact person, or billing name' });
  }
  if ((data.country ?? 'FI') === 'FI' && data.postalCode && !/^\d{5}$/.test(data.postalCode) && !errors.some((e) => e.field === 'postalCode')) {
    errors.push({ field: 'postalCode', message: 'a Finnish postal code has five digits' });
  }
  return { data, errors };
}
