// Calendar dates as the business sees them: Finnish local dates, as YYYY-MM-DD strings (today's comes from
// the injectable Clock).
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Accounting records are kept six years after the end of the financial year (Kirjanpitolaki 2:10). */
export function retainUntil(issueDate: string, years: number): string {
  return `${Number(issueDate.slice(0, 4)) + years}-12-31`;
}
