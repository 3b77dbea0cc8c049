// What the API answers about invoices (InvoiceView, CustomerBalance), for the OpenAPI document and the console.
import { ApiProperty } from '@nestjs/swagger';

const STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'credited'];

export class PartyDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) businessId: string | null;
  @ApiProperty({ type: String, nullable: true }) streetAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
}

export class InvoiceLineViewDto {
  @ApiProperty() description: string;
  @ApiProperty({ example: 1.5 }) quantity: number;
  @ApiProperty() unitPriceCents: number;
  @ApiProperty({ example: 25.5, description: 'Percent.' }) vatRate: number;
  @ApiProperty() netCents: number;
}

export class RateTotalDto {
  @ApiProperty({ example: 25.5 }) vatRate: number;
  @ApiProperty() netCents: number;
  @ApiProperty() vatCents: number;
  @ApiProperty() grossCents: number;
}

export class InvoiceTotalsDto {
  @ApiProperty() netCents: number;
  @ApiProperty() vatCents: number;
  @ApiProperty() grossCents: number;
  @ApiProperty({ type: [RateTotalDto], description: 'VAT per rate, as the invoice shows it.' }) byRate: RateTotalDto[];
}

export class PaymentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ format: 'date' }) paidOn: string;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when the payment was reversed (recorded by mistake): it no longer counts.' }) reversedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reversalReason: string | null;
}

export class InvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['invoice', 'credit_note'] }) kind: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Gapless per tenant, assigned at issue.' }) number: number | null;
  @ApiProperty({ enum: STATUSES, description: '`overdue` is derived from the due date.' }) status: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) creditedInvoiceId: string | null;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) issueDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty() paymentTermDays: number;
  @ApiProperty({ type: String, nullable: true, description: 'Finnish reference number (viitenumero).' }) referenceNumber: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The RF creditor reference form.' }) rfReference: string | null;
  @ApiProperty({ type: PartyDto, nullable: true, description: 'As issued.' }) buyer: PartyDto | null;
  @ApiProperty({ type: PartyDto, nullable: true, description: 'As issued.' }) seller: PartyDto | null;
  @ApiProperty({ type: [InvoiceLineViewDto] }) lines: InvoiceLineViewDto[];
  @ApiProperty({ type: InvoiceTotalsDto }) totals: InvoiceTotalsDto;
  @ApiProperty() paidCents: number;
  @ApiProperty() outstandingCents: number;
  @ApiProperty({ type: [PaymentViewDto] }) payments: PaymentViewDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Kept until (the Accounting Act).' }) retainUntil: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class UnpaidInvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() outstandingCents: number;
  @ApiProperty() overdue: boolean;
}

export class CustomerBalanceDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ['EUR'] }) currency: 'EUR';
  @ApiProperty() invoicedCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() balanceCents: number;
  @ApiProperty() hasUnpaid: boolean;
  @ApiProperty({ type: [UnpaidInvoiceDto] }) unpaidInvoices: UnpaidInvoiceDto[];
}

export class CreditNoteRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ description: 'Negative: what the note takes off.' }) grossCents: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the invoice was credited.' }) reason: string | null;
}

/** One invoice as its page shows it: the invoice, the credit notes that cancel it, and the invoice a note cancels. */
export class InvoiceDetailDto extends InvoiceDto {
  @ApiProperty({ type: [CreditNoteRefDto], description: 'Credit notes issued against this invoice.' }) creditNotes: CreditNoteRefDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'For a credit note: the number of the invoice it credits.' }) creditedInvoiceNumber: number | null;
  @ApiProperty({ description: 'Payment reminders sent of it.' }) reminderCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the last reminder was sent.' }) lastReminderAt: string | null;
}

export class PricedLineDto {
  @ApiProperty() netCents: number;
}

export class InvoicePriceDto {
  @ApiProperty({ format: 'date', description: 'The date whose VAT rates priced the lines (today in Finland).' }) on: string;
  @ApiProperty({ type: [PricedLineDto], description: 'Each line\'s net, in the order given.' }) lines: PricedLineDto[];
  @ApiProperty({ type: InvoiceTotalsDto }) totals: InvoiceTotalsDto;
}

export class VatRateDto {
  @ApiProperty({ example: 25.5, description: 'Percent.' }) vatRate: number;
  @ApiProperty({ example: 'general rate' }) description: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo: string | null;
}

export class VatRatesDto {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [VatRateDto], description: 'Highest first.' }) rates: VatRateDto[];
}

/** One row of the invoice list across customers: what the list shows, no lines or payments. */
export class InvoiceSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['invoice', 'credit_note'] }) kind: string;
  @ApiProperty({ type: Number, nullable: true }) number: number | null;
  @ApiProperty({ enum: STATUSES, description: '`overdue` is derived from the due date.' }) status: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) customerId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The buyer as issued, else the customer as registered now; null once erased.' }) customerName: string | null;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) issueDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty({ type: String, nullable: true }) referenceNumber: string | null;
  @ApiProperty() grossCents: number;
  @ApiProperty() paidCents: number;
  @ApiProperty() outstandingCents: number;
  @ApiProperty({ description: 'Payment reminders sent of it.' }) reminderCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the last reminder was sent.' }) lastReminderAt: string | null;
}

export class InvoiceSumsDto {
  @ApiProperty({ description: 'Invoices matching the filters (all pages).' }) count: number;
  @ApiProperty({ description: 'Sum of their totals with VAT (drafts excluded; credit notes count negative).' }) grossCents: number;
  @ApiProperty({ description: 'Open balance: what is still owed on the issued ones.' }) outstandingCents: number;
  @ApiProperty({ description: 'The part of the open balance that is overdue.' }) overdueCents: number;
}

export class InvoiceListDto {
  @ApiProperty({ type: [InvoiceSummaryDto], description: 'Overdue first (oldest due date first), then by due date, newest drafts last.' }) items: InvoiceSummaryDto[];
  @ApiProperty({ type: InvoiceSumsDto }) sums: InvoiceSumsDto;
  @ApiProperty({ type: Number, nullable: true, description: 'The offset of the next page; null on the last.' }) nextOffset: number | null;
}
