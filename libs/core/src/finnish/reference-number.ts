// Finnish creditor reference (viitenumero, weights 7-3-1 from the right) and its international
// RF form (ISO 11649, mod 97): what a payer types into the bank so the payment finds its invoice.

const WEIGHTS = [7, 3, 1];

/** The 7-3-1 check digit of a base of 3 to 19 digits. */
export function referenceCheckDigit(base: string): number {
  if (!/^\d{3,19}$/.test(base)) throw new RangeError('A reference base has 3 to 19 digits');
  const sum = [...base].reverse().reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i % 3], 0);
  return (10 - (sum % 10)) % 10;
}

/** A Finnish reference number for the base (e.g. an invoice number): base + check digit. */
export function finnishReference(base: string | number): string {
  const digits = String(base);
  return digits + referenceCheckDigit(digits);
}

export function isValidFinnishReference(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const compact = value.replace(/\s/g, '');
  if (!/^\d{4,20}$/.test(compact)) return false;
  return referenceCheckDigit(compact.slice(0, -1)) === Number(compact.slice(-1));
}

/** ISO 7064 mod 97-10 over a string of digits and letters (A = 10 ... Z = 35). */
function mod97(value: string): number {
  const numeric = [...value.toUpperCase()].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

/** The RF creditor reference (ISO 11649) of a reference: "RF" + two check digits + the reference. */
export function rfReference(reference: string): string {
  const compact = reference.replace(/\s/g, '').toUpperCase();
  if (!/^[0-9A-Z]{1,21}$/.test(compact)) throw new RangeError('An RF reference carries 1 to 21 letters or digits');
  const check = 98 - mod97(compact + 'RF00');
  return `RF${String(check).padStart(2, '0')}${compact}`;
}

export function isValidRfReference(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const compact = value.replace(/\s/g, '').toUpperCase();
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}
