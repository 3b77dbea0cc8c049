// CSV as Finnish Excel opens it: `;` between cells (the comma is the decimal separator here), CRLF between rows,
// a UTF-8 byte order mark first (without it Excel reads the file as Windows-1252 and mangles "ä").
import { csvCell } from '@app/core';

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

export function csvRow(values: readonly (string | number | Date | null | undefined)[]): string {
  return values.map(csvCell).join(CSV_SEPARATOR) + '\r\n';
}
