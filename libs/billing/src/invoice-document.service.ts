// An issued invoice as documents: the PDF to download or e-mail (through the outbox, as an attachment) and
// the Finvoice 3.0 message for company customers. The seller's name and address are the invoice's snapshot
// (as issued); the account it is paid to is the seller's current IBAN and BIC.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock } from '@app/core';
import { AuditTrailService, TenantContext } from '@app/tenancy';
import { CustomersService } from '@app/customers';
import { OutboxService } from '@app/mail';
import { BillingService, type InvoiceDetail } from './billing.service';
import { SellerService } from './seller.service';
import { virtualBarcode, formatVirtualBarcode } from './barcode';
import { type DocumentLang, formatDate, formatEuros, groupReference, groupRf, type InvoiceDocument, renderInvoicePdf } from './invoice-pdf';
import { renderFinvoice } from './finvoice';
import { InvoiceDocumentProblem } from './invoice-document.errors';
import { BillingRepository } from './billing.repository';

export interface RenderedFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

@Injectable()
export class InvoiceDocumentService {
  constructor(
    private readonly context: TenantContext,
    private readonly billing: BillingService,
    private readonly seller: SellerService,
    private readonly customers: CustomersService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly repository: BillingRepository,
  ) {}

  /** The document's data: refuses a draft, and an invoice with money owed while the seller has no account. */
  async document(id: string, lang?: DocumentLang): Promise<InvoiceDocument> {
    const [invoice, seller] = await Promise.all([this.billing.get(id), this.seller.get()]);
    if (invoice.status === 'draft' || invoice.number === null || !invoice.issueDate || !invoice.buyer || !invoice.seller) throw InvoiceDocumentProblem.notIssued();
    const kind = invoice.kind === 'credit_note' ? 'credit_note' : 'invoice';
    const owed = kind === 'invoice' ? invoice.outstandingCents : 0;
    if (owed > 0 && !seller.iban) throw InvoiceDocumentProblem.noPaymentAccount();
    const language: DocumentLang = lang ?? (invoice.buyer.country && invoice.buyer.country !== 'FI' ? 'en' : seller.language);
    return {
      lang: language,
      kind,
      number: invoice.number,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      paymentTermDays: invoice.paymentTermDays,
      referenceNumber: invoice.referenceNumber,
      rfReference: invoice.rfReference,
      creditedInvoiceNumber: invoice.creditedInvoiceNumber,
      seller: invoice.seller,
      iban: seller.iban,
      bic: seller.bic,
      buyer: invoice.buyer,
      lines: invoice.lines,
      byRate: invoice.totals.byRate,
      netCents: invoice.totals.netCents,
      vatCents: invoice.totals.vatCents,
      grossCents: invoice.totals.grossCents,
      paidCents: invoice.paidCents,
      outstandingCents: owed,
      barcode: barcodeOf(invoice, seller.iban, owed, language),
      notes: kind === 'invoice' ? invoice.notes : null,
    };
  }

  async pdf(id: string, lang?: DocumentLang): Promise<RenderedFile> {
    const doc = await this.document(id, lang);
    return { filename: pdfName(doc), contentType: 'application/pdf', body: await renderInvoicePdf(doc) };
  }

  /** Finvoice 3.0 for a company customer (the buyer has a business ID); the EPI part needs the seller's IBAN and BIC. */
  async finvoice(id: string, lang?: DocumentLang): Promise<RenderedFile> {
    const doc = await this.document(id, lang);
    if (!doc.buyer.businessId) throw InvoiceDocumentProblem.notCompany();
    if (!doc.iban || !doc.bic) throw InvoiceDocumentProblem.noPaymentAccount();
    const xml = renderFinvoice({ ...doc, messageId: `${doc.number}-${randomUUID()}`, timestamp: this.clock.now().toISOString() });
    return { filename: `finvoice-${doc.number}.xml`, contentType: 'application/xml; charset=utf-8', body: Buffer.from(xml, 'utf8') };
  }

  /** E-mails the PDF to the customer through the outbox; the send is audited in the same transaction. */
  async send(actor: Actor, id: string, lang?: DocumentLang): Promise<{ messageId: string; to: string }> {
    const invoice = await this.billing.get(id);
    const customer = invoice.customerId ? await this.customers.get(invoice.customerId) : null;
    if (!customer?.email) throw InvoiceDocumentProblem.noEmail();
    const doc = await this.document(id, lang);
    const pdf = await renderInvoicePdf(doc);
    const message = {
      to: customer.email,
      subject: mailSubject(doc),
      text: mailText(doc),
      attachments: [{ filename: pdfName(doc), contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
    };
    const messageId = randomUUID();
    await this.context.transaction(async () => {
      this.audit.record({ actor: actorKey(actor), action: 'invoice.sent', subjectType: 'invoice', subjectId: id, fields: ['email', 'pdf'] });
      await this.outbox.enqueue(message, { topic: 'invoice-document', ref: id, id: messageId });
    });
    return { messageId, to: customer.email };
  }
}

/** Version 4 (national reference) in Finnish, version 5 (RF) in English; none when nothing is owed or the account is not Finnish. */
function barcodeOf(invoice: InvoiceDetail, iban: string | null, owed: number, lang: DocumentLang): string | null {
  if (owed <= 0 || !iban?.startsWith('FI')) return null;
  const reference = lang === 'en' ? invoice.rfReference : invoice.referenceNumber;
  if (!reference) return null;
  return virtualBarcode({ iban, amountCents: owed, reference, dueDate: invoice.dueDate });
}

export const pdfName = (d: InvoiceDocument) => `${d.lang === 'fi' ? (d.kind === 'invoice' ? 'lasku' : 'hyvityslasku') : d.kind === 'invoice' ? 'invoice' : 'credit-note'}-${d.number}.pdf`;

function mailSubject(d: InvoiceDocument): string {
  if (d.lang === 'fi') return `${d.kind === 'invoice' ? 'Lasku' : 'Hyvityslasku'} ${d.number} / ${d.seller.name}`;
  return `${d.kind === 'invoice' ? 'Invoice' : 'Credit note'} ${d.number} from ${d.seller.name}`;
}

function mailText(d: InvoiceDocument): string {
  const euros = (c: number) => formatEuros(c, d.lang);
  const pay = d.kind === 'invoice' && d.outstandingCents > 0;
  if (d.lang === 'fi') {
    return [
      'Hei,',
      '',
      `liitteenä ${d.kind === 'invoice' ? 'lasku' : 'hyvityslasku'} ${d.number} (${d.seller.name}).`,
      '',
      ...(pay
        ? [
            `Maksettava: ${euros(d.outstandingCents)}`,
            `Eräpäivä: ${d.dueDate ? formatDate(d.dueDate, 'fi') : '-'}`,
            `Saajan tilinumero: ${d.iban ?? '-'}${d.bic ? ` (BIC ${d.bic})` : ''}`,
            `Viitenumero: ${d.referenceNumber ? groupReference(d.referenceNumber) : '-'}`,
            ...(d.barcode ? [`Virtuaaliviivakoodi: ${formatVirtualBarcode(d.barcode)}`] : []),
            '',
          ]
        : []),
      'Ystävällisin terveisin',
      d.seller.name,
    ].join('\n');
  }
  return [
    'Hello,',
    '',
    `please find attached ${d.kind === 'invoice' ? 'invoice' : 'credit note'} ${d.number} from ${d.seller.name}.`,
    '',
    ...(pay
      ? [
          `Amount due: ${euros(d.outstandingCents)}`,
          `Due date: ${d.dueDate ?? '-'}`,
          `Payee's account: ${d.iban ?? '-'}${d.bic ? ` (BIC ${d.bic})` : ''}`,
          `Reference: ${d.rfReference ? groupRf(d.rfReference) : '-'}`,
          ...(d.barcode ? [`Virtual bank barcode: ${formatVirtualBarcode(d.barcode)}`] : []),
          '',
        ]
      : []),
    'Kind regards',
    d.seller.name,
  ].join('\n');
}
