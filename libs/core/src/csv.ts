// One CSV cell, for every CSV the app writes (the customer list for Finnish Excel, the data-subject export).

/**
 * One cell. Text a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return that
 * hides one) gets a leading apostrophe (OWASP's CSV injection guard); a number is written as it is, so amounts
 * such as -1500 stay numbers. A cell with a separator (`;` or `,`), a quote or a line break is quoted, its quotes
 * doubled (RFC 4180). Dates are ISO 8601; objects, JSON.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;,"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
