// GDPR Art. 12(3): one month from receipt, extendable by two further months. "A month" ends on the same
// date of the next month, or on its last day when there is no such date (Regulation 1182/71, Art. 3).
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export const ANSWER_MONTHS = 1;
export const EXTENSION_MONTHS = 2;
export const DUE_SOON_DAYS = 7;
