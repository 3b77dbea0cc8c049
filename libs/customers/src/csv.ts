// CSV as Finnish Excel opens it: `;` between cells (the comma is the decimal separator here), CRLF between rows,
// a UTF-8 byte order mark first (without it Excel reads the file as Windows-1252 and mangles "ä").
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

/**
 * One cell. A text a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return
 * that hides one) gets a leading apostrophe (OWASP's CSV injection guard); a cell with the separator, a quote or
 * a line break is quoted, its quotes doubled.
 */
export function csvCell(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | Date | null | undefined)[]): string {
  return values.map(csvCell).join(CSV_SEPARATOR) + '\r\n';
}
