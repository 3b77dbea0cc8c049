// Today as a Finnish calendar date (YYYY-MM-DD): the business dates of invoices are Finnish dates.
const HELSINKI = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInFinland(now: Date = new Date()): string {
  return HELSINKI.format(now);
}
