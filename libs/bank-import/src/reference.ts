// The form references are matched in: a Finnish reference number's digits without spaces or leading zeros.
// An RF creditor reference (ISO 11649) carries the national one after its check digits: RF33 2348 236 is 2348236.
import { isValidRfReference } from '@app/core';

export function matchKey(reference: string | null): string | null {
  if (!reference) return null;
  const compact = reference.replace(/\s/g, '').toUpperCase();
  let digits: string;
  if (compact.startsWith('RF')) {
    if (!isValidRfReference(compact)) return null;
    digits = compact.slice(4);
  } else {
    digits = compact;
  }
  if (!/^\d+$/.test(digits)) return null;
  return digits.replace(/^0+/, '') || null;
}
