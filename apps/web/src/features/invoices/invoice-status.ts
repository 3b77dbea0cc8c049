// An invoice's state in words (never colour alone): draft, open, partly paid, paid, overdue, credited; a
// credit note is named as one.
import type { MessageId } from '../../i18n/use-t';

export type StatusTone = 'draft' | 'open' | 'overdue' | 'paid' | 'closed';

export function statusOf(invoice: { kind: string; status: string }): { label: MessageId; tone: StatusTone } {
  if (invoice.kind === 'credit_note') return { label: 'invoices.status.creditNote', tone: 'closed' };
  switch (invoice.status) {
    case 'draft':
      return { label: 'invoices.status.draft', tone: 'draft' };
    case 'issued':
      return { label: 'invoices.status.issued', tone: 'open' };
    case 'partially_paid':
      return { label: 'invoices.status.partiallyPaid', tone: 'open' };
    case 'overdue':
      return { label: 'invoices.status.overdue', tone: 'overdue' };
    case 'paid':
      return { label: 'invoices.status.paid', tone: 'paid' };
    default:
      return { label: 'invoices.status.credited', tone: 'closed' };
  }
}

/** Money can still be recorded against it. */
export const isPayable = (invoice: { kind: string; status: string }) => invoice.kind === 'invoice' && ['issued', 'partially_paid', 'overdue'].includes(invoice.status);

/** It can be cancelled by a credit note. */
export const isCreditable = (invoice: { kind: string; status: string }) => invoice.kind === 'invoice' && ['issued', 'partially_paid', 'overdue', 'paid'].includes(invoice.status);

/** The invoice's name as people say it: "Lasku 12", "Hyvityslasku 13", "Luonnos". */
export function titleOf(invoice: { kind: string; number: number | null }): { id: MessageId; number?: number } {
  if (invoice.number === null) return { id: 'invoices.title.draft' };
  return { id: invoice.kind === 'credit_note' ? 'invoices.title.creditNote' : 'invoices.title.invoice', number: invoice.number };
}
