// The API shape of an invoice: amounts in cents, VAT as percent, status with overdue derived from the due date.
import type { Invoice, InvoiceLine, Payment } from './invoice.entity';
import { type LineAmounts, totals } from './money';

export type InvoiceView = ReturnType<typeof invoiceView>;

type LineFields = Pick<InvoiceLine, 'description' | 'quantityMilli' | 'unitPriceCents' | 'vatRateBp' | 'netCents'>;
type PaymentFields = Pick<Payment, 'id' | 'amountCents' | 'paidOn' | 'reference' | 'createdAt' | 'reversedAt' | 'reversalReason'>;

/** An invoice read as a plain row (BillingRepository.pageOfCustomerRows): its fields, its lines in order, its payments. */
export type InvoiceRow = Omit<Invoice, 'lines' | 'payments'> & { lines: LineFields[]; payments: PaymentFields[] };

export function toInvoiceView(invoice: Invoice, today: string): InvoiceView {
  return invoiceView(invoice, invoice.lines.getItems(), invoice.payments.getItems(), today);
}

export function invoiceRowView(row: InvoiceRow, today: string): InvoiceView {
  return invoiceView(row, row.lines, row.payments, today);
}

function invoiceView(invoice: Omit<Invoice, 'lines' | 'payments'>, lines: LineFields[], payments: PaymentFields[], today: string) {
  const open = invoice.kind === 'invoice' && (invoice.status === 'issued' || invoice.status === 'partially_paid');
  const overdue = open && !!invoice.dueDate && invoice.dueDate < today;
  return {
    id: invoice.id,
    kind: invoice.kind,
    number: invoice.number ?? null,
    status: overdue ? 'overdue' : invoice.status,
    overdue,
    customerId: invoice.customerId ?? null,
    creditedInvoiceId: invoice.creditedInvoiceId ?? null,
    currency: invoice.currency,
    issueDate: invoice.issueDate ?? null,
    dueDate: invoice.dueDate ?? null,
    paymentTermDays: invoice.paymentTermDays,
    referenceNumber: invoice.referenceNumber ?? null,
    rfReference: invoice.rfReference ?? null,
    buyer: invoice.buyer ?? null,
    seller: invoice.seller ?? null,
    lines: lines.map((l) => ({ description: l.description, quantity: l.quantityMilli / 1000, unitPriceCents: l.unitPriceCents, vatRate: l.vatRateBp / 100, netCents: l.netCents })),
    totals: { ...totalsView(lines), netCents: invoice.netCents, vatCents: invoice.vatCents, grossCents: invoice.grossCents },
    paidCents: invoice.paidCents,
    outstandingCents: invoice.kind === 'invoice' && invoice.status !== 'draft' && invoice.status !== 'credited' ? invoice.grossCents - invoice.paidCents : 0,
    payments: payments.map((p) => ({ id: p.id, amountCents: p.amountCents, paidOn: p.paidOn, reference: p.reference ?? null, createdAt: p.createdAt, reversedAt: p.reversedAt ?? null, reversalReason: p.reversalReason ?? null })),
    retainUntil: invoice.retainUntil ?? null,
    notes: invoice.notes ?? null,
    createdAt: invoice.createdAt,
    updatedAt: invoice.updatedAt,
    version: invoice.version,
  };
}

/** Totals as the API shows them: VAT rates in percent. */
export function totalsView(lines: LineAmounts[]) {
  const t = totals(lines);
  return { netCents: t.netCents, vatCents: t.vatCents, grossCents: t.grossCents, byRate: t.byRate.map(({ vatRateBp, ...amounts }) => ({ vatRate: vatRateBp / 100, ...amounts })) };
}
