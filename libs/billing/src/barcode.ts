// The Finnish bank barcode (pankkiviivakoodi) and its 54-digit text form (virtuaaliviivakoodi), as Finanssiala's
// "Pankkiviivakoodi-opas" defines them: version 4 carries a national reference number, version 5 an RF
// creditor reference (ISO 11649). A payer's bank reads the account, amount, reference and due date from it.
import { isValidIBAN } from 'ibantools';

export interface BarcodeInput {
  /** A Finnish IBAN (FI…), spaces allowed. */
  iban: string;
  /** The amount to pay in cents; at or over one million euros the code carries no amount (zeros), as the guide says. */
  amountCents: number;
  /** A national reference number (version 4) or an RF creditor reference with digits only after RF (version 5). */
  reference: string;
  /** YYYY-MM-DD, or null: the code then carries no due date (000000). */
  dueDate: string | null;
}

const compact = (value: string) => value.replace(/\s/g, '').toUpperCase();

/** The 54 digits, version 5 when the reference is an RF reference, else version 4. Throws RangeError on what the code cannot carry. */
export function virtualBarcode(input: BarcodeInput): string {
  const iban = compact(input.iban);
  if (!/^FI\d{16}$/.test(iban) || !isValidIBAN(iban)) throw new RangeError('The bank barcode carries a Finnish IBAN only');
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0) throw new RangeError('The amount must be whole cents, not negative');
  const amount = input.amountCents >= 100_000_000 ? '0'.repeat(8) : String(input.amountCents).padStart(8, '0');
  const due = input.dueDate ? dueDigits(input.dueDate) : '000000';
  const reference = compact(input.reference);
  const account = iban.slice(2);
  if (reference.startsWith('RF')) {
    // Version 5: the RF check digits, then the reference part padded to 21 digits.
    if (!/^RF\d{2}\d{1,21}$/.test(reference)) throw new RangeError('Version 5 carries an RF reference of digits only');
    return `5${account}${amount}${reference.slice(2, 4)}${reference.slice(4).padStart(21, '0')}${due}`;
  }
  if (!/^\d{4,20}$/.test(reference)) throw new RangeError('Version 4 carries a national reference number of 4 to 20 digits');
  return `4${account}${amount}000${reference.padStart(20, '0')}${due}`;
}

function dueDigits(date: string): string {
  const m = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError('The due date must be YYYY-MM-DD');
  return `${m[2]}${m[3]}${m[4]}`;
}

/** The code in groups of six for reading aloud or typing (the guide shows it unbroken; banks accept either). */
export function formatVirtualBarcode(code: string): string {
  return code.replace(/(.{6})(?=.)/g, '$1 ');
}
