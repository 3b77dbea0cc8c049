// Reading an uploaded CSV file as people's spreadsheets write it: UTF-8 with or without a byte order mark, or
// Windows-1252 (what older Finnish Excel saves as "CSV (semicolon separated)"); `;` or `,` between cells.
// The parsing itself is csv-parse's: quotes, doubled quotes and line breaks inside quoted cells.
import { CsvError, parse } from 'csv-parse/sync';

export type CsvEncoding = 'utf-8' | 'windows-1252';
export type CsvSeparator = ';' | ',';

export interface CsvFile {
  encoding: CsvEncoding;
  separator: CsvSeparator;
  header: string[];
  /** The data rows, each with the line of the file it ends on (the header is line 1). */
  rows: { line: number; cells: string[] }[];
}

/** A file that cannot be read as CSV: where (1-based line and column) and why. */
export class CsvFileError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(reason);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The text of the file and the encoding it was in: UTF-8 when its bytes are valid UTF-8, else Windows-1252. */
export function decode(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(hasBom ? bytes.subarray(3) : bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: every byte is a character in Windows-1252 (a superset of Latin-1's printable range), so this cannot fail.
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The separator of the header line: the one of `;` and `,` it has more of outside quotes (`;` on a tie). */
export function detectSeparator(text: string): CsvSeparator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

export function readCsv(bytes: Uint8Array): CsvFile {
  const { text, encoding } = decode(bytes);
  if (text.trim() === '') throw new CsvFileError('the file is empty', 1, 1);
  if (text.includes('\u0000')) throw new CsvFileError('the file is not text (it has NUL characters): is it an Excel workbook rather than CSV?');
  const separator = detectSeparator(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: separator, info: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024 }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw fromCsvError(error);
    throw error;
  }
  const [head, ...data] = records;
  const header = head.record.map((name) => name.trim());
  if (header.every((name) => name === '')) throw new CsvFileError('the first line must name the columns', 1, 1);
  const blank = header.findIndex((name) => name === '');
  if (blank >= 0) throw new CsvFileError('every column needs a name in the first line', 1, blank + 1);
  const seen = new Set<string>();
  for (const [index, name] of header.entries()) {
    if (seen.has(name.toLowerCase())) throw new CsvFileError(`the column name "${name}" appears twice`, 1, index + 1);
    seen.add(name.toLowerCase());
  }
  for (const { record, info } of data) {
    if (record.length !== header.length) {
      throw new CsvFileError(`the line has ${record.length} cells where the first line has ${header.length}`, info.lines, Math.min(record.length, header.length) + 1);
    }
  }
  return { encoding, separator, header, rows: data.map(({ record, info }) => ({ line: info.lines, cells: record })) };
}

function fromCsvError(error: CsvError): CsvFileError {
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  const field = typeof error.column === 'number' ? error.column : undefined;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvFileError('a quoted cell is never closed (a " without its closing ")', line, field !== undefined ? field + 1 : undefined);
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new CsvFileError('a quote (") in the middle of a cell: quote the whole cell and double the quotes inside it', line, field !== undefined ? field + 1 : undefined);
    case 'CSV_MAX_RECORD_SIZE':
      return new CsvFileError('a line is longer than 64 KiB', line, field !== undefined ? field + 1 : undefined);
    default:
      return new CsvFileError('the file is not valid CSV', line, field !== undefined ? field + 1 : undefined);
  }
}
