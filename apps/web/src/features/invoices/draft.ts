// The invoice editor's model: lines as typed (strings), turned into the API's body, and the API's answers
// (`lines.1.quantity`) turned back into messages beside the fields they name.
import { ApiError } from '../../api/problem';
import type { MessageId } from '../../i18n/use-t';
import type { Locale } from '../../i18n/locale';
import { centsToInput, parseEuros, parseQuantity, quantityToInput } from './amounts';

export const LINE_FIELDS = ['description', 'quantity', 'unitPrice', 'vatRate'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export interface DraftLine {
  /** Stable across edits and removals, for React and for labels. */
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
  /** The percent as the API writes it ("25.5"); the select's value. */
  vatRate: string;
}

export interface DraftValues {
  lines: DraftLine[];
  paymentTermDays: string;
  notes: string;
}

export interface LineInput {
  description: string;
  quantity: number;
  unitPriceCents: number;
  vatRate: number;
}

export interface DraftBody {
  lines: LineInput[];
  paymentTermDays: number;
  notes: string | null;
}

export type DraftField = 'paymentTermDays' | 'notes';

export interface DraftErrors {
  /** Per line (by index), a message per field. */
  lines: Partial<Record<LineField, MessageId>>[];
  fields: Partial<Record<DraftField, MessageId>>;
  /** Messages no field shows: said above the form, as the API wrote them. */
  form: string[];
}

export const NO_ERRORS: DraftErrors = { lines: [], fields: {}, form: [] };

let keys = 0;
export const newLineKey = () => `line-${++keys}`;

export function emptyLine(vatRate: string): DraftLine {
  return { key: newLineKey(), description: '', quantity: '1', unitPrice: '', vatRate };
}

/** A saved draft's values, for editing. */
export function valuesOf(invoice: { lines: { description: string; quantity: number; unitPriceCents: number; vatRate: number }[]; paymentTermDays: number; notes: string | null }, locale: Locale): DraftValues {
  return {
    lines: invoice.lines.map((line) => ({
      key: newLineKey(),
      description: line.description,
      quantity: quantityToInput(line.quantity, locale),
      unitPrice: centsToInput(line.unitPriceCents, locale),
      vatRate: String(line.vatRate),
    })),
    paymentTermDays: String(invoice.paymentTermDays),
    notes: invoice.notes ?? '',
  };
}

const LINE_MESSAGES: Record<LineField, MessageId> = {
  description: 'invoices.error.description',
  quantity: 'invoices.error.quantity',
  unitPrice: 'invoices.error.unitPrice',
  vatRate: 'invoices.error.vatRate',
};

/** The lines as the API takes them, or null when one cannot be read (the client's check, before any request). */
export function linesBody(lines: DraftLine[]): LineInput[] | null {
  const body: LineInput[] = [];
  for (const line of lines) {
    const quantity = parseQuantity(line.quantity);
    const unitPriceCents = parseEuros(line.unitPrice);
    const vatRate = line.vatRate === '' ? null : Number(line.vatRate);
    if (!line.description.trim() || quantity === null || unitPriceCents === null || vatRate === null) return null;
    body.push({ description: line.description.trim(), quantity, unitPriceCents, vatRate });
  }
  return body;
}

/**
 * Checks what the client can (something typed, numbers readable) and builds the body; the server decides the
 * rest (ranges, rates in force) and answers with field errors.
 */
export function toDraftBody(values: DraftValues): { body: DraftBody; errors: null } | { body: null; errors: DraftErrors } {
  const errors: DraftErrors = { lines: values.lines.map(() => ({})), fields: {}, form: [] };
  let failed = false;
  values.lines.forEach((line, index) => {
    const own = errors.lines[index];
    if (!line.description.trim()) own.description = 'invoices.error.descriptionMissing';
    if (parseQuantity(line.quantity) === null) own.quantity = 'invoices.error.quantityFormat';
    if (parseEuros(line.unitPrice) === null) own.unitPrice = 'invoices.error.unitPriceFormat';
    if (line.vatRate === '') own.vatRate = 'invoices.error.vatRateMissing';
    failed ||= Object.keys(own).length > 0;
  });
  const term = values.paymentTermDays.trim();
  if (!/^\d{1,3}$/.test(term)) {
    errors.fields.paymentTermDays = 'invoices.error.paymentTermDays';
    failed = true;
  }
  if (failed) return { body: null, errors };
  return { body: { lines: linesBody(values.lines)!, paymentTermDays: Number(term), notes: values.notes.trim() || null }, errors: null };
}

const API_LINE_FIELDS: Record<string, LineField> = { description: 'description', quantity: 'quantity', unitPriceCents: 'unitPrice', vatRate: 'vatRate' };

/** The API's field errors (`lines.1.quantity`, `paymentTermDays`) as messages beside the editor's fields. */
export function draftErrorsFrom(error: unknown): DraftErrors {
  if (!(error instanceof ApiError) || !error.problem?.errors) return NO_ERRORS;
  const errors: DraftErrors = { lines: [], fields: {}, form: [] };
  for (const { field, message } of error.problem.errors) {
    const line = /^lines\.(\d+)\.(\w+)$/.exec(field);
    const lineField = line && API_LINE_FIELDS[line[2]];
    if (line && lineField) {
      const index = Number(line[1]);
      errors.lines[index] ??= {};
      errors.lines[index][lineField] ??= LINE_MESSAGES[lineField];
    } else if (field === 'paymentTermDays') {
      errors.fields.paymentTermDays = 'invoices.error.paymentTermDays';
    } else if (field === 'notes') {
      errors.fields.notes = 'invoices.error.notes';
    } else {
      errors.form.push(message);
    }
  }
  return errors;
}

export function hasErrors(errors: DraftErrors): boolean {
  return errors.form.length > 0 || Object.keys(errors.fields).length > 0 || errors.lines.some((line) => line && Object.keys(line).length > 0);
}

/** Errors shown beside the lines they were found on, by line key: lines added or removed since keep theirs. */
export interface ShownErrors {
  lines: Record<string, Partial<Record<LineField, MessageId>>>;
  fields: Partial<Record<DraftField, MessageId>>;
  form: string[];
}

export const NO_SHOWN_ERRORS: ShownErrors = { lines: {}, fields: {}, form: [] };

export function byLineKey(errors: DraftErrors, lines: DraftLine[]): ShownErrors {
  const shown: ShownErrors = { lines: {}, fields: errors.fields, form: errors.form };
  errors.lines.forEach((own, index) => {
    const key = lines[index]?.key;
    if (key && own && Object.keys(own).length > 0) shown.lines[key] = own;
  });
  return shown;
}

export function hasShownErrors(errors: ShownErrors): boolean {
  return errors.form.length > 0 || Object.keys(errors.fields).length > 0 || Object.keys(errors.lines).length > 0;
}
