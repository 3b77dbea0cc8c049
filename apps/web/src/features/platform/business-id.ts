// The Finnish business ID (Y-tunnus) as the API checks it (libs/core/src/finnish/business-id.ts): seven digits,
// a hyphen and a check digit (weights 7-9-10-5-8-4-2, modulo 11). Checked as typed, so a slip shows at once.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];
const FORMAT = /^(\d{7})-(\d)$/;

/** The check digit for seven digits, or null when no valid business ID can have them (remainder 1). */
export function businessIdCheckDigit(sevenDigits: string): number | null {
  const sum = [...sevenDigits].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

export type BusinessIdProblem = 'format' | 'check-digit' | null;

/** What is wrong with a business ID as typed (surrounding spaces ignored), or null when it is valid. */
export function businessIdProblem(value: string): BusinessIdProblem {
  const match = FORMAT.exec(value.trim());
  if (!match) return 'format';
  return businessIdCheckDigit(match[1]) === Number(match[2]) ? null : 'check-digit';
}
