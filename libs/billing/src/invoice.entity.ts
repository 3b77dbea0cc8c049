// Invoices, their lines and payments: accounting records once issued, kept for the legal period.
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export interface PartySnapshot {
  name: string;
  businessId: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}

export const Invoice = defineEntity({
  name: 'Invoice',
  tableName: 'invoice',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    kind: p.string().default('invoice'),
    customerId: p.uuid().nullable(),
    creditedInvoiceId: p.uuid().nullable(),
    status: p.string().default('draft'),
    number: p.bigint('number').nullable(),
    currency: p.string().default('EUR'),
    issueDate: p.string().columnType('date').nullable(),
    dueDate: p.string().columnType('date').nullable(),
    paymentTermDays: p.integer().default(14),
    referenceNumber: p.string().nullable(),
    rfReference: p.string().nullable(),
    buyer: p.json<PartySnapshot>().nullable(),
    seller: p.json<PartySnapshot>().nullable(),
    netCents: p.bigint('number').default(0),
    vatCents: p.bigint('number').default(0),
    grossCents: p.bigint('number').default(0),
    paidCents: p.bigint('number').default(0),
    retainUntil: p.string().columnType('date').nullable(),
    notes: p.text().nullable(),
    lines: () => p.oneToMany(InvoiceLine).mappedBy('invoice').orderBy({ position: 'asc' }),
    payments: () => p.oneToMany(Payment).mappedBy('invoice').orderBy({ paidOn: 'asc', createdAt: 'asc' }),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});
export type Invoice = InferEntity<typeof Invoice>;

export const InvoiceLine = defineEntity({
  name: 'InvoiceLine',
  tableName: 'invoice_line',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    invoice: () => p.manyToOne(Invoice),
    position: p.integer(),
    description: p.text(),
    quantityMilli: p.bigint('number'),
    unitPriceCents: p.bigint('number'),
    vatRateBp: p.integer(),
    netCents: p.bigint('number'),
  },
});
export type InvoiceLine = InferEntity<typeof InvoiceLine>;

export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    invoice: () => p.manyToOne(Invoice),
    amountCents: p.bigint('number'),
    paidOn: p.string().columnType('date'),
    reference: p.string().nullable(),
    recordedBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    reversedAt: p.datetime().nullable(),
    reversedBy: p.string().nullable(),
    reversalReason: p.string().nullable(),
  },
});
export type Payment = InferEntity<typeof Payment>;
