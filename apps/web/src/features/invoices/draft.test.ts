import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { draftErrorsFrom, type DraftLine, linesBody, toDraftBody, valuesOf } from './draft';

const line = (fields: Partial<DraftLine> = {}): DraftLine => ({ key: 'k', description: 'Hieronta 60 min', quantity: '1', unitPrice: '60,00', vatRate: '25.5', ...fields });

describe('the draft body', () => {
  it('reads Finnish amounts into cents and quantities, trimming text', () => {
    const result = toDraftBody({ lines: [line(), line({ description: ' Kuntosali ', quantity: '3', unitPrice: '12,90', vatRate: '14' })], paymentTermDays: '14', notes: '  ' });
    expect(result.body).toEqual({
      lines: [
        { description: 'Hieronta 60 min', quantity: 1, unitPriceCents: 6000, vatRate: 25.5 },
        { description: 'Kuntosali', quantity: 3, unitPriceCents: 1290, vatRate: 14 },
      ],
      paymentTermDays: 14,
      notes: null,
    });
  });

  it('names each field it cannot read, line by line, and sends nothing', () => {
    const result = toDraftBody({ lines: [line(), line({ description: '', quantity: 'kolme', unitPrice: '12,345', vatRate: '' })], paymentTermDays: 'x', notes: '' });
    expect(result.body).toBeNull();
    expect(result.errors).toEqual({
      lines: [{}, { description: 'invoices.error.descriptionMissing', quantity: 'invoices.error.quantityFormat', unitPrice: 'invoices.error.unitPriceFormat', vatRate: 'invoices.error.vatRateMissing' }],
      fields: { paymentTermDays: 'invoices.error.paymentTermDays' },
      form: [],
    });
  });

  it('leaves ranges to the server: a zero quantity is sent', () => {
    expect(linesBody([line({ quantity: '0' })])).toEqual([{ description: 'Hieronta 60 min', quantity: 0, unitPriceCents: 6000, vatRate: 25.5 }]);
    expect(linesBody([line({ unitPrice: '' })])).toBeNull();
  });

  it('turns a saved draft back into what the editor shows', () => {
    const values = valuesOf({ lines: [{ description: 'Öljy', quantity: 1.5, unitPriceCents: 1290, vatRate: 14 }], paymentTermDays: 7, notes: null }, 'fi');
    expect(values).toMatchObject({ lines: [{ description: 'Öljy', quantity: '1,5', unitPrice: '12,90', vatRate: '14' }], paymentTermDays: '7', notes: '' });
  });
});

describe("the API's field errors", () => {
  const problem = (errors: { field: string; message: string }[]) =>
    new ApiError('validation', 400, { type: 'https://rekisteri.dev/problems/validation', title: 'The request is not valid', status: 400, errors });

  it('go beside the field of the line they name', () => {
    const errors = draftErrorsFrom(
      problem([
        { field: 'lines.1.quantity', message: 'quantity must not be less than 0.001' },
        { field: 'lines.1.quantity', message: 'quantity must be a number' },
        { field: 'lines.0.unitPriceCents', message: 'unitPriceCents must not be greater than 100000000' },
        { field: 'lines.2.vatRate', message: '24 % is not a Finnish VAT rate on 2026-12-01.' },
        { field: 'paymentTermDays', message: 'paymentTermDays must not be greater than 365' },
        { field: 'lines', message: 'lines must contain at least 1 elements' },
      ]),
    );
    expect(errors.lines[1]).toEqual({ quantity: 'invoices.error.quantity' });
    expect(errors.lines[0]).toEqual({ unitPrice: 'invoices.error.unitPrice' });
    expect(errors.lines[2]).toEqual({ vatRate: 'invoices.error.vatRate' });
    expect(errors.fields).toEqual({ paymentTermDays: 'invoices.error.paymentTermDays' });
    expect(errors.form).toEqual(['lines must contain at least 1 elements']);
  });

  it('are none for other failures', () => {
    expect(draftErrorsFrom(new ApiError('network', 0, null))).toEqual({ lines: [], fields: {}, form: [] });
    expect(draftErrorsFrom(new Error('x'))).toEqual({ lines: [], fields: {}, form: [] });
  });
});
