// The invoice as a Finvoice 3.0 message (Finanssiala's Finnish e-invoice format) for company customers: the
// transmission details, seller and buyer, invoice details with VAT per rate, the payment status, each row
// with its VAT, the bank barcode, and the EPI payment details (reference, IBAN, BIC, due date, amount).
// Amounts use a decimal comma and dates CCYYMMDD, as Finvoice writes them. Pure: data in, XML out.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { PDF_TEXTS, type InvoiceDocument } from './invoice-pdf';

/** 12345 cents as "123,45"; negative for credit notes. */
export const finvoiceAmount = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const finvoiceNumber = (n: number) => String(n).replace('.', ',');
const ccyymmdd = (date: string) => date.replace(/-/g, '');
/** The OVT code of a Finnish business ID (0037 + its eight digits): the default e-invoice address of a company. */
export const ovtCode = (businessId: string) => `0037${businessId.replace('-', '')}`;
/** The VAT number of a Finnish business ID (FI + its eight digits). */
export const vatNumber = (businessId: string) => `FI${businessId.replace('-', '')}`;

export interface FinvoiceInput extends InvoiceDocument {
  messageId: string;
  /** When the message is made (ISO 8601). */
  timestamp: string;
}

export function renderFinvoice(d: FinvoiceInput): string {
  if (!d.buyer.businessId) throw new RangeError('Finvoice is for company customers: the buyer has no business ID');
  const t = PDF_TEXTS[d.lang];
  const eur = (node: XMLBuilder, name: string, cents: number) => node.ele(name, { AmountCurrencyIdentifier: 'EUR' }).txt(finvoiceAmount(cents));
  const date = (node: XMLBuilder, name: string, value: string) => node.ele(name, { Format: 'CCYYMMDD' }).txt(ccyymmdd(value));
  const address = (node: XMLBuilder, prefix: 'Seller' | 'Buyer', p: InvoiceDocument['seller']) => {
    const a = node.ele(`${prefix}PostalAddressDetails`);
    a.ele(`${prefix}StreetName`).txt(p.streetAddress ?? '');
    a.ele(`${prefix}TownName`).txt(p.city ?? '');
    a.ele(`${prefix}PostCodeIdentifier`).txt(p.postalCode ?? '');
    a.ele('CountryCode').txt(p.country ?? 'FI');
  };

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('Finvoice', {
    Version: '3.0',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:noNamespaceSchemaLocation': 'Finvoice3.0.xsd',
  });

  const transmission = root.ele('MessageTransmissionDetails');
  const sender = transmission.ele('MessageSenderDetails');
  sender.ele('FromIdentifier').txt(d.seller.businessId ? ovtCode(d.seller.businessId) : '');
  // A bank-operated e-invoice: the intermediator is the seller's bank, named by its BIC.
  sender.ele('FromIntermediator').txt(d.bic ?? '');
  const receiver = transmission.ele('MessageReceiverDetails');
  receiver.ele('ToIdentifier').txt(ovtCode(d.buyer.businessId));
  const details = transmission.ele('MessageDetails');
  details.ele('MessageIdentifier').txt(d.messageId);
  details.ele('MessageTimeStamp').txt(d.timestamp);

  const seller = root.ele('SellerPartyDetails');
  if (d.seller.businessId) seller.ele('SellerPartyIdentifier').txt(d.seller.businessId);
  seller.ele('SellerOrganisationName').txt(d.seller.name);
  if (d.seller.businessId) seller.ele('SellerOrganisationTaxCode').txt(vatNumber(d.seller.businessId));
  address(seller, 'Seller', d.seller);
  if (d.iban) {
    const account = root.ele('SellerInformationDetails').ele('SellerAccountDetails');
    account.ele('SellerAccountID', { IdentificationSchemeName: 'IBAN' }).txt(d.iban);
    if (d.bic) account.ele('SellerBic', { IdentificationSchemeName: 'BIC' }).txt(d.bic);
  }

  const buyer = root.ele('BuyerPartyDetails');
  buyer.ele('BuyerPartyIdentifier').txt(d.buyer.businessId);
  buyer.ele('BuyerOrganisationName').txt(d.buyer.name);
  buyer.ele('BuyerOrganisationTaxCode').txt(vatNumber(d.buyer.businessId));
  address(buyer, 'Buyer', d.buyer);

  const invoice = root.ele('InvoiceDetails');
  invoice.ele('InvoiceTypeCode').txt(d.kind === 'invoice' ? 'INV01' : 'INV02');
  invoice.ele('InvoiceTypeText').txt(d.kind === 'invoice' ? t.invoice : t.creditNote);
  invoice.ele('OriginCode').txt('Original');
  invoice.ele('InvoiceNumber').txt(String(d.number));
  date(invoice, 'InvoiceDate', d.issueDate);
  if (d.creditedInvoiceNumber !== null) invoice.ele('OriginalInvoiceNumber').txt(String(d.creditedInvoiceNumber));
  eur(invoice, 'InvoiceTotalVatExcludedAmount', d.netCents);
  eur(invoice, 'InvoiceTotalVatAmount', d.vatCents);
  eur(invoice, 'InvoiceTotalVatIncludedAmount', d.grossCents);
  for (const rate of d.byRate) {
    const vat = invoice.ele('VatSpecificationDetails');
    eur(vat, 'VatBaseAmount', rate.netCents);
    vat.ele('VatRatePercent').txt(finvoiceNumber(rate.vatRate));
    eur(vat, 'VatRateAmount', rate.vatCents);
  }
  if (d.notes) invoice.ele('InvoiceFreeText').txt(d.notes.slice(0, 512));
  const terms = invoice.ele('PaymentTermsDetails');
  terms.ele('PaymentTermsFreeText').txt(t.terms(d.paymentTermDays));
  if (d.dueDate) date(terms, 'InvoiceDueDate', d.dueDate);

  const status = root.ele('PaymentStatusDetails');
  status.ele('PaymentStatusCode').txt(d.kind === 'invoice' && d.outstandingCents > 0 ? (d.paidCents > 0 ? 'PARTLYPAID' : 'NOTPAID') : 'PAID');
  if (d.barcode) root.ele('VirtualBankBarcode').txt(d.barcode);

  for (const line of d.lines) {
    const row = root.ele('InvoiceRow');
    row.ele('ArticleName').txt(line.description.slice(0, 100));
    row.ele('DeliveredQuantity', { QuantityUnitCode: 'kpl' }).txt(finvoiceNumber(line.quantity));
    eur(row, 'UnitPriceAmount', line.unitPriceCents);
    if (line.description.length > 100) row.ele('RowFreeText').txt(line.description.slice(0, 512));
    row.ele('RowVatRatePercent').txt(finvoiceNumber(line.vatRate));
    const vatCents = Math.round((line.netCents * line.vatRate) / 100);
    eur(row, 'RowVatAmount', vatCents);
    eur(row, 'RowVatExcludedAmount', line.netCents);
    eur(row, 'RowAmount', line.netCents + vatCents);
  }

  const epi = root.ele('EpiDetails');
  const identification = epi.ele('EpiIdentificationDetails');
  date(identification, 'EpiDate', d.issueDate);
  identification.ele('EpiReference').txt(String(d.number));
  const parties = epi.ele('EpiPartyDetails');
  parties.ele('EpiBfiPartyDetails').ele('EpiBfiIdentifier', { IdentificationSchemeName: 'BIC' }).txt(d.bic ?? '');
  const beneficiary = parties.ele('EpiBeneficiaryPartyDetails');
  beneficiary.ele('EpiNameAddressDetails').txt(d.seller.name.slice(0, 35));
  if (d.seller.businessId) beneficiary.ele('EpiBei').txt(d.seller.businessId);
  beneficiary.ele('EpiAccountID', { IdentificationSchemeName: 'IBAN' }).txt(d.iban ?? '');
  const instruction = epi.ele('EpiPaymentInstructionDetails');
  // SPY: the Finnish national reference number (the RF form is on the barcode and the PDF).
  instruction.ele('EpiRemittanceInfoIdentifier', { IdentificationSchemeName: 'SPY' }).txt(d.referenceNumber ?? '');
  eur(instruction, 'EpiInstructedAmount', d.kind === 'invoice' ? d.outstandingCents : d.grossCents);
  instruction.ele('EpiCharge', { ChargeOption: 'SHA' }).txt('SHA');
  date(instruction, 'EpiDateOptionDate', d.dueDate ?? d.issueDate);

  return root.end({ prettyPrint: true });
}
