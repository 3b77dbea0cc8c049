// ISO 20022 camt.054 (BankToCustomerDebitCreditNotification), as Finnish banks send reference payments:
// each credit entry (Ntry) holds one or more transactions (TxDtls), each with its own AcctSvcrRef, amount,
// debtor and creditor reference (RmtInf/Strd/CdtrRefInf/Ref). Versions 02 to 08 differ in where the debtor's
// name and the status sit; both places are read.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BankFileError, isoDate, type ParsedEntry, type ParsedFile } from './bank-entry';

type Node = Record<string, unknown>;

const ARRAYS = new Set(['Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Strd', 'Ustrd']);
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
/** Where the element starts in the text (the parser's metadata). */
const startOf = (n: Node): number | undefined => (n as unknown as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex;

export function looksLikeXml(text: string): boolean {
  return text.trimStart().startsWith('<');
}

function lineAt(text: string): (index: number | undefined) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (index) => {
    if (index === undefined) return 1;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const text = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return text((value as Node)['#text']);
  const s = String(value).trim();
  return s === '' ? null : s;
};
const node = (value: unknown): Node => (value && typeof value === 'object' ? (value as Node) : {});
const list = (value: unknown): Node[] => (Array.isArray(value) ? value.map(node) : value === undefined ? [] : [node(value)]);

function cents(amount: unknown, line: number): { cents: number; currency: string } {
  const value = text(amount);
  const currency = text(node(amount)['@Ccy']) ?? '';
  if (!value || !/^\d{1,15}(\.\d{1,2})?$/.test(value)) throw new BankFileError(line, `the amount "${value ?? ''}" is not a positive decimal with at most two decimals`);
  const [whole, fraction = ''] = value.split('.');
  return { cents: Number(whole) * 100 + Number(fraction.padEnd(2, '0')), currency };
}

function bookingDate(entry: Node, line: number): string {
  const booked = node(entry.BookgDt);
  const raw = text(booked.Dt) ?? text(booked.DtTm)?.slice(0, 10) ?? null;
  const match = raw && /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match && isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!date) throw new BankFileError(line, `the booking date (BookgDt) "${raw ?? ''}" is missing or not a date`);
  return date;
}

function creditorReference(tx: Node): string | null {
  for (const strd of list(node(tx.RmtInf).Strd)) {
    const ref = text(node(strd.CdtrRefInf).Ref);
    if (ref) return ref;
  }
  return null;
}

function debtorName(tx: Node): string | null {
  const debtor = node(node(tx.RltdPties).Dbtr);
  return text(debtor.Nm) ?? text(node(debtor.Pty).Nm);
}

export function parseCamt054(xml: string): ParsedFile {
  if (/<!DOCTYPE/i.test(xml)) throw new BankFileError(lineAt(xml)(xml.search(/<!DOCTYPE/i)), 'a bank file has no DOCTYPE (entities are not read)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new BankFileError(valid.err.line, valid.err.msg, valid.err.col);
  const parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    captureMetaData: true,
    processEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const root = node(node(parser.parse(xml)).Document);
  const notification = root.BkToCstmrDbtCdtNtfctn;
  if (!notification) return unknown(root);
  const lineOf = lineAt(xml);
  const entries: ParsedEntry[] = [];
  let skipped = 0;
  for (const ntfctn of list(node(notification).Ntfctn)) {
    for (const ntry of list(ntfctn.Ntry)) {
      const line = lineOf(startOf(ntry));
      const status = text(ntry.Sts) ?? text(node(ntry.Sts).Cd);
      if (text(ntry.CdtDbtInd) !== 'CRDT' || (status !== null && status !== 'BOOK')) {
        skipped += 1;
        continue;
      }
      const bookedOn = bookingDate(ntry, line);
      const reversal = text(ntry.RvslInd) === 'true';
      const txs = list(node(list(ntry.NtryDtls)[0]).TxDtls);
      const entryRef = text(ntry.AcctSvcrRef) ?? text(ntry.NtryRef);
      if (txs.length === 0) {
        if (!entryRef) throw new BankFileError(line, 'the entry has no AcctSvcrRef or NtryRef to tell it apart');
        const amount = cents(ntry.Amt, line);
        entries.push({ line, archiveId: entryRef, amountCents: amount.cents, currency: amount.currency, bookedOn, reference: null, payerName: null, correction: reversal });
        continue;
      }
      txs.forEach((tx, i) => {
        const txLine = lineOf(startOf(tx));
        const archiveId = text(node(tx.Refs).AcctSvcrRef) ?? (entryRef && (txs.length === 1 ? entryRef : `${entryRef}/${i + 1}`));
        if (!archiveId) throw new BankFileError(txLine, 'the transaction has no AcctSvcrRef to tell it apart');
        const amount = cents(tx.Amt ?? node(node(tx.AmtDtls).TxAmt).Amt ?? (txs.length === 1 ? ntry.Amt : undefined), txLine);
        entries.push({ line: txLine, archiveId, amountCents: amount.cents, currency: amount.currency, bookedOn, reference: creditorReference(tx), payerName: debtorName(tx), correction: reversal });
      });
    }
  }
  return { format: 'camt054', entries, skipped };
}

function unknown(root: Node): never {
  const found = Object.keys(root).find((k) => !k.startsWith('@'));
  throw new UnknownFormat(found ? `an ISO 20022 document of kind ${found}, not BkToCstmrDbtCdtNtfctn (camt.054)` : 'XML that is not an ISO 20022 Document');
}

/** Raised when the file is none of the formats read here; the caller refuses the whole file. */
export class UnknownFormat extends Error {}
