// Phone numbers: accepted in any common format, stored as E.164 (libphonenumber's metadata, not a regex).
import { registerDecorator, ValidationOptions } from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** E.164 form of a valid number, reading national numbers as Finnish; null when not a valid number. */
export function toE164(value: string): string | null {
  // The validator and then the normaliser ask for the same number in a row: parse it once.
  if (last?.value === value) return last.e164;
  if (value.length > 32) return null;
  const parsed = parsePhoneNumberFromString(value, 'FI');
  last = { value, e164: parsed?.isValid() ? parsed.number : null };
  return last.e164;
}

let last: { value: string; e164: string | null } | undefined;

export function IsPhoneNumber(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPhoneNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'phone must be a valid phone number (e.g. +358 40 123 4567)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && toE164(value) !== null },
    });
}

/**
 * A search typed as a phone number the way people write one ("040 123", "+358 40-123"), in the stored E.164
 * shape so that a substring search finds it: separators dropped, a national 0 or an international 00 turned
 * into the Finnish or the given country code. Null when the text is not phone-like.
 */
export function phoneSearchForm(query: string): string | null {
  if (!/^\+?[\d][\d\s().-]*$/.test(query.trim())) return null;
  const digits = query.replace(/[\s().-]/g, '');
  if (digits.replace('+', '').length < 3) return null;
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return '+' + digits.slice(2);
  if (digits.startsWith('0')) return '+358' + digits.slice(1);
  return digits;
}
