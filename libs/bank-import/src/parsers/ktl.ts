// The Finnish reference payment file ("viitesiirto", Finance Finland's "Incoming reference payments",
// formerly KTL): fixed-width records of 90 characters. Record 0 heads a batch, 3 is a reference payment,
// 5 a correction (a payment the bank takes back), 9 closes the batch with its count and sum.
import { BankFileError, isoDate, type ParsedEntry, type ParsedFile } from './bank-entry';

const RECORD = 90;

/** Whether the text looks like a reference payment file (its first record is a batch header). */
export function looksLikeKtl(text: string): boolean {
  const first = text.split(/\r?\n/, 1)[0];
  return /^0\d{10}/.test(first) && first.trimEnd().length >= 23 && first.length <= RECORD;
}

/** YYMMDD: the format's years are two digits; 80-99 are read as the 1900s, as the banks' guide says. */
function yymmdd(value: string, line: number, column: number): string {
  const date = /^\d{6}$/.test(value) ? isoDate(Number(value.slice(0, 2)) + (Number(value.slice(0, 2)) >= 80 ? 1900 : 2000), Number(value.slice(2, 4)), Number(value.slice(4, 6))) : null;
  if (!date) throw new BankFileError(line, `"${value}" is not a date (YYMMDD)`, column);
  return date;
}

function digits(value: string, what: string, line: number, column: number): number {
  if (!/^\d+$/.test(value)) throw new BankFileError(line, `${what} must be digits, not "${value.trim()}"`, column);
  return Number(value);
}

function payment(record: string, line: number): ParsedEntry {
  const code = record[0];
  // Columns as in the service description (1-based): account 2-15, booking date 16-21, payment date 22-27,
  // archive id 28-43, reference 44-63, payer 64-75, currency 76, name source 77, amount 78-87, correction 88.
  const archiveId = record.slice(27, 43).trim();
  if (!archiveId) throw new BankFileError(line, 'the archive id (columns 28-43) is empty', 28);
  const reference = record.slice(43, 63).trim().replace(/^0+/, '');
  if (reference && !/^\d+$/.test(reference)) throw new BankFileError(line, `the reference number "${reference}" must be digits`, 44);
  const currency = record[75];
  if (currency !== '1') throw new BankFileError(line, `currency code "${currency}" is not 1 (euro)`, 76);
  const amountCents = digits(record.slice(77, 87), 'The amount', line, 78);
  if (amountCents <= 0) throw new BankFileError(line, 'the amount is zero', 78);
  return {
    line,
    archiveId,
    amountCents,
    currency: 'EUR',
    bookedOn: yymmdd(record.slice(15, 21), line, 16),
    reference: reference || null,
    payerName: record.slice(63, 75).trim() || null,
    correction: code === '5' || record[87] === '1',
  };
}

export function parseKtl(text: string): ParsedFile {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const entries: ParsedEntry[] = [];
  let batch: { payments: number; paymentCents: number; corrections: number; correctionCents: number } | null = null;
  let batches = 0;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const record = raw.padEnd(RECORD, ' ');
    if (raw.length > RECORD) throw new BankFileError(line, `a record is ${RECORD} characters, this one ${raw.length}`);
    switch (record[0]) {
      case '0':
        if (batch) throw new BankFileError(line, 'a batch header before the previous batch was closed (record 9)');
        yymmdd(record.slice(1, 7), line, 2);
        batch = { payments: 0, paymentCents: 0, corrections: 0, correctionCents: 0 };
        batches += 1;
        return;
      case '3':
      case '5': {
        if (!batch) throw new BankFileError(line, 'a payment outside a batch (no record 0 before it)');
        const entry = payment(record, line);
        if (entry.correction) {
          batch.corrections += 1;
          batch.correctionCents += entry.amountCents;
        } else {
          batch.payments += 1;
          batch.paymentCents += entry.amountCents;
        }
        entries.push(entry);
        return;
      }
      case '9': {
        if (!batch) throw new BankFileError(line, 'a batch trailer without a batch header');
        const count = digits(record.slice(1, 7), 'The number of payments', line, 2);
        const sum = digits(record.slice(7, 18), 'The sum of payments', line, 8);
        if (count !== batch.payments || sum !== batch.paymentCents) {
          throw new BankFileError(line, `the trailer says ${count} payments of ${sum} cents, the batch has ${batch.payments} of ${batch.paymentCents}`);
        }
        const corrections = record.slice(18, 24).trim();
        if (corrections && Number(corrections) !== batch.corrections) {
          throw new BankFileError(line, `the trailer says ${Number(corrections)} corrections, the batch has ${batch.corrections}`, 19);
        }
        batch = null;
        return;
      }
      default:
        throw new BankFileError(line, `unknown record type "${record[0]}" (expected 0, 3, 5 or 9)`, 1);
    }
  });
  if (batch) throw new BankFileError(lines.length, 'the file ends inside a batch (no record 9)');
  if (batches === 0) throw new BankFileError(1, 'no batch header (record 0)');
  return { format: 'ktl', entries, skipped: 0 };
}
