// The access export (GDPR Art. 15 and 20): everything held on the person, as JSON or CSV (machine-readable)
// or as a readable HTML page.
// Invoices stream page by page, so a long billing history never sits in memory at once.
import { Injectable, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { csvCell, escapeHtml } from '@app/core';
import { TenancyService, TenantContext } from '@app/tenancy';
import { CustomersService } from '@app/customers';
import { BillingService, type InvoiceView } from '@app/billing';
import { ConsentService } from '@app/consent';
import { BankImportService } from '@app/bank-import';
import { RequestsService } from './requests.service';
import { RequestsRepository } from './requests.repository';
import type { ExportFormat } from './dto/request.dto';

const TYPES: Record<ExportFormat, string> = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', html: 'text/html; charset=utf-8' };

/** The export's media types, for the OpenAPI document. */
export const EXPORT_CONTENT = { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } };

@Injectable()
export class ExportService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: RequestsRepository,
    private readonly tenancy: TenancyService,
    private readonly customers: CustomersService,
    private readonly billing: BillingService,
    private readonly consent: ConsentService,
    private readonly requests: RequestsService,
    private readonly bank: BankImportService,
  ) {}

  /** The export as a download: JSON or CSV (machine-readable, Art. 20) or HTML (for reading). */
  async stream(request: { customerId: string }, format: ExportFormat): Promise<StreamableFile> {
    const head = await this.head(request.customerId);
    const { invoices, close } = await this.billing.invoicesForExport(request.customerId);
    const body = Readable.from({ json, csv, html }[format](head, invoices));
    // A download abandoned before its first page still gives the snapshot's connection back.
    body.once('close', () => void close());
    return new StreamableFile(body, {
      type: TYPES[format],
      disposition: `attachment; filename="export-${request.customerId}.${format}"`,
    });
  }

  /** Everything but the invoices, read now (inside the request's tenant scope). */
  async head(customerId: string) {
    const profile = await this.customers.get(customerId);
    const [consents, consentLedger, requests, tenant, invoiceIds] = await Promise.all([
      this.consent.current(customerId),
      this.consent.history(customerId),
      this.requests.forCustomer(customerId),
      this.tenancy.get(this.context.tenant.slug),
      this.billing.invoiceIdsOf(customerId),
    ]);
    // The bank's records of payments for the person's invoices: the payer's name as the bank gave it.
    const bankPayments = await this.bank.paymentsFromBank(invoiceIds);
    return {
      generatedAt: new Date().toISOString(),
      controller: { name: tenant.legalName, businessId: tenant.businessId, contactEmail: tenant.contactEmail },
      profile,
      lastLoginAt: profile.lastLoginAt,
      /** Processing restricted (Art. 18): since, reason, request; null when not. */
      restriction: profile.restriction,
      consents,
      consentLedger,
      requests,
      bankPayments,
    };
  }

}

type ExportHead = Awaited<ReturnType<ExportService['head']>>;

async function* json(head: ExportHead, invoices: AsyncIterable<InvoiceView>): AsyncGenerator<string> {
  yield JSON.stringify(head).slice(0, -1) + ',"invoices":[';
  let first = true;
  for await (const invoice of invoices) {
    yield (first ? '' : ',') + JSON.stringify(invoice);
    first = false;
  }
  yield ']}';
}

const csvRow = (...values: unknown[]) => values.map(csvCell).join(',') + '\r\n';

/** CSV in one table of four columns (section, item, field, value): every part of the export, invoices streamed. */
async function* csv(head: ExportHead, invoices: AsyncIterable<InvoiceView>): AsyncGenerator<string> {
  yield '\ufeff' + csvRow('section', 'item', 'field', 'value');
  yield Object.entries(head.controller).map(([k, v]) => csvRow('controller', '', k, v)).join('');
  yield csvRow('export', '', 'generatedAt', head.generatedAt);
  yield Object.entries(head.profile).flatMap(([k, v]) => (k === 'restriction' ? [] : [csvRow('profile', head.profile.id, k, v)])).join('');
  yield csvRow('restriction', '', 'restricted', head.restriction ? 'true' : 'false');
  if (head.restriction) yield Object.entries(head.restriction).map(([k, v]) => csvRow('restriction', '', k, v instanceof Date ? v.toISOString() : v)).join('');
  yield head.consents.map((c) => Object.entries(c).map(([k, v]) => csvRow('consent', c.purpose, k, v)).join('')).join('');
  yield head.consentLedger.map((c, i) => Object.entries(c).map(([k, v]) => csvRow('consent_history', i + 1, k, v)).join('')).join('');
  yield head.requests.map((r) => Object.entries(r).map(([k, v]) => csvRow('request', r.id, k, v)).join('')).join('');
  yield head.bankPayments.map((p) => Object.entries(p).map(([k, v]) => csvRow('bank_payment', p.archiveId, k, v)).join('')).join('');
  for await (const invoice of invoices) {
    yield Object.entries(invoice).map(([k, v]) => csvRow('invoice', invoice.number ?? invoice.id, k, v)).join('');
  }
}

async function* html(head: ExportHead, invoices: AsyncIterable<InvoiceView>): AsyncGenerator<string> {
  const e = (v: unknown) => escapeHtml(v === null || v === undefined ? '—' : v instanceof Date ? v.toISOString() : String(v));
  const rows = (pairs: [string, unknown][]) => pairs.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('');
  yield `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Tietosi / Your data</title></head><body>`;
  yield `<h1>Tietosi rekisterissä / Your data in the register</h1><p>${e(head.controller.name)} (${e(head.controller.businessId)}), ${e(head.generatedAt)}</p>`;
  yield `<h2>Perustiedot / Profile</h2><table>${rows(Object.entries(head.profile).filter(([k]) => k !== 'restriction'))}</table>`;
  yield `<h2>Käsittelyn rajoitus / Restriction of processing</h2>`;
  yield head.restriction
    ? `<p>Käsittelyä rajoitettu / Processing restricted</p><table>${rows([['since', head.restriction.since], ['reason', head.restriction.reason], ['requestId', head.restriction.requestId]])}</table>`
    : `<p>Ei rajoitettu / Not restricted</p>`;
  yield `<h2>Suostumukset / Consents</h2><table>${head.consents.map((c) => `<tr><th>${e(c.purpose)}</th><td>${c.granted ? 'kyllä / yes' : 'ei / no'}</td><td>${e(c.since)}</td></tr>`).join('')}</table>`;
  yield `<h3>Historia / History</h3><ul>${head.consentLedger.map((c) => `<li>${e(c.occurredAt)}: ${e(c.purpose)} ${e(c.action)} (${e(c.channel)})</li>`).join('')}</ul>`;
  yield `<h2>Pyynnöt / Requests</h2><ul>${head.requests.map((r) => `<li>${e(r.receivedAt)}: ${e(r.type)}, ${e(r.state)}</li>`).join('')}</ul>`;
  yield `<h2>Pankin maksutiedot / Payments from the bank</h2><ul>${head.bankPayments.map((p) => `<li>${e(p.bookedOn)}: ${e((p.amountCents / 100).toFixed(2))} ${e(p.currency)}, ${e(p.payerName)}, ${e(p.reference)} (#${e(p.invoiceNumber)})</li>`).join('')}</ul>`;
  yield `<h2>Laskut / Invoices</h2><table><tr><th>#</th><th>Päiväys / Date</th><th>Summa / Total</th><th>Maksettu / Paid</th><th>Tila / Status</th></tr>`;
  for await (const i of invoices) {
    yield `<tr><td>${e(i.number)}</td><td>${e(i.issueDate)}</td><td>${e((i.totals.grossCents / 100).toFixed(2))} €</td><td>${e((i.paidCents / 100).toFixed(2))} €</td><td>${e(i.status)}</td></tr>`;
  }
  yield `</table></body></html>`;
}
