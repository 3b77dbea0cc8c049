import { create } from 'xmlbuilder2';
import { finvoiceAmount, ovtCode, renderFinvoice, type FinvoiceInput, vatNumber } from './finvoice';

const seller = { name: 'Hyvinvointi Oy', businessId: '2832233-5', streetAddress: 'Merivirta 5 A', postalCode: '02320', city: 'Espoo', country: 'FI' };
const buyer = { name: 'Yritys Oy', businessId: '0112038-9', streetAddress: 'Tie 1', postalCode: '00100', city: 'Helsinki', country: 'FI' };
const creditNote: FinvoiceInput = {
  lang: 'fi',
  kind: 'credit_note',
  number: 12,
  issueDate: '2026-12-02',
  dueDate: null,
  paymentTermDays: 0,
  referenceNumber: null,
  rfReference: null,
  creditedInvoiceNumber: 11,
  seller,
  iban: 'FI4950009420028730',
  bic: 'OKOYFIHH',
  buyer,
  lines: [{ description: 'Hieronta 60 min', quantity: -1, unitPriceCents: 6000, vatRate: 25.5, netCents: -6000 }],
  byRate: [{ vatRate: 25.5, netCents: -6000, vatCents: -1530, grossCents: -7530 }],
  netCents: -6000,
  vatCents: -1530,
  grossCents: -7530,
  paidCents: 0,
  outstandingCents: 0,
  barcode: null,
  notes: null,
  messageId: 'm-1',
  timestamp: '2026-12-02T10:00:00.000Z',
};

describe('Finvoice 3.0', () => {
  it('writes amounts with a decimal comma, negatives for credit', () => {
    expect(finvoiceAmount(10830)).toBe('108,30');
    expect(finvoiceAmount(5)).toBe('0,05');
    expect(finvoiceAmount(-7530)).toBe('-75,30');
  });

  it('derives the OVT code and VAT number from a business ID', () => {
    expect(ovtCode('0112038-9')).toBe('003701120389');
    expect(vatNumber('2832233-5')).toBe('FI28322335');
  });

  it('marks a credit note as INV02 naming the invoice it credits, with negative totals and no barcode', () => {
    const f = (create(renderFinvoice(creditNote)).end({ format: 'object' }) as unknown as { Finvoice: Record<string, Record<string, unknown>> }).Finvoice;
    expect(f.InvoiceDetails).toMatchObject({ InvoiceTypeCode: 'INV02', InvoiceTypeText: 'HYVITYSLASKU', OriginalInvoiceNumber: '11' });
    expect(f.InvoiceDetails.InvoiceTotalVatIncludedAmount).toEqual({ '@AmountCurrencyIdentifier': 'EUR', '#': '-75,30' });
    expect(f.PaymentStatusDetails).toEqual({ PaymentStatusCode: 'PAID' });
    expect(f.VirtualBankBarcode).toBeUndefined();
  });

  it('refuses a buyer without a business ID', () => {
    expect(() => renderFinvoice({ ...creditNote, buyer: { ...buyer, businessId: null } })).toThrow(RangeError);
  });
});
