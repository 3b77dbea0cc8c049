// What a bank file says of one incoming payment, whatever the format it came in.

export type BankFileFormat = 'camt054' | 'ktl';

export interface ParsedEntry {
  /** The line of the file where the entry starts (1-based), for messages a person can follow. */
  line: number;
  /** The bank's own identifier of the payment (KTL archive id, camt.054 AcctSvcrRef): unique per payment. */
  archiveId: string;
  amountCents: number;
  currency: string;
  /** The booking date (YYYY-MM-DD). */
  bookedOn: string;
  /** The creditor reference as the payer gave it (national or RF), or null when there was none. */
  reference: string | null;
  payerName: string | null;
  /** A correction or reversal of an earlier payment: never booked by itself. */
  correction: boolean;
}

export interface ParsedFile {
  format: BankFileFormat;
  entries: ParsedEntry[];
  /** Debit entries and the like, which are not payments to the business. */
  skipped: number;
}

/** A file that is not what it claims to be: the line (and column, when known) says where. */
export class BankFileError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
    readonly column: number | null = null,
  ) {
    super(line === null ? message : `Line ${line}${column === null ? '' : `, column ${column}`}: ${message}`);
  }
}

/** A real calendar date in YYYY-MM-DD, or null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}
