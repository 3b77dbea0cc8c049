// Reads a bank file of any supported format; anything else is refused whole.
import { BankFileError, type ParsedFile } from './bank-entry';
import { looksLikeXml, parseCamt054, UnknownFormat } from './camt054';
import { looksLikeKtl, parseKtl } from './ktl';

export * from './bank-entry';
export { UnknownFormat } from './camt054';

/**
 * The bytes as text: UTF-8 when they are valid UTF-8 (XML, newer files), else ISO-8859-1, in which the
 * banks' fixed-width files have long been written (payers' names with ä and ö).
 */
export function decodeBankFile(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

export function parseBankFile(bytes: Buffer): ParsedFile {
  const text = decodeBankFile(bytes);
  if (looksLikeXml(text)) return parseCamt054(text);
  if (looksLikeKtl(text)) return parseKtl(text);
  throw new UnknownFormat('neither ISO 20022 camt.054 XML nor a Finnish reference payment file (its first record, a batch header, starts with 0)');
}

export { BankFileError };
