// Invoices of the tenant in scope: drafts, issuing (gapless numbers, reference numbers, snapshots),
// payments, credit notes, and each customer's history and balance.
import { Injectable } from '@nestjs/common';
import { type Actor, actorKey, Clock, decodeCursor, finnishReference, helsinkiDate, NotFoundProblem, type Page, requireAccess, rfReference, toPage, ValidationProblem } from '@app/core';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import { assertUnrestricted, CustomersService, displayName, type CustomerView } from '@app/customers';
import type { Invoice, PartySnapshot } from './invoice.entity';
import { BillingRepository, type InvoiceArchiveRow } from './billing.repository';

export type { InvoiceArchiveRow } from './billing.repository';
import { BillingErrorCode, BillingException } from './billing.errors';
import { lineNetCents, percentToBasisPoints, totals, type LineAmounts } from './money';
import { addDays, retainUntil } from './dates';
import { VatRatesService } from './vat-rates.service';
import type { CreateInvoiceDto, CreditInvoiceDto, InvoiceLineDto, IssueInvoiceDto, ListAllInvoicesQuery, PriceInvoiceDto, RecordPaymentDto, ReversePaymentDto, UpdateDraftDto } from './dto/invoice.dto';
import { invoiceRowView, toInvoiceView, totalsView, type InvoiceView } from './invoice.view';

/** Kirjanpitolaki 2:10: accounting records are kept six years after the end of the financial year. */
export const LEGAL_RETENTION_YEARS = 6;
const OPEN = ['issued', 'partially_paid'];

export interface UnpaidInvoice {
  id: string;
  number: number;
  dueDate: string;
  outstandingCents: number;
  overdue: boolean;
}

export interface CreditNoteRef {
  id: string;
  number: number;
  issueDate: string;
  grossCents: number;
  reason: string | null;
}

/** One invoice with what its page needs besides: the credit notes against it, or the invoice a note credits. */
export type InvoiceDetail = InvoiceView & { creditNotes: CreditNoteRef[]; creditedInvoiceNumber: number | null; reminderCount: number; lastReminderAt: string | null };

export interface CustomerBalance {
  customerId: string;
  currency: 'EUR';
  invoicedCents: number;
  paidCents: number;
  balanceCents: number;
  hasUnpaid: boolean;
  unpaidInvoices: UnpaidInvoice[];
}

export interface InvoiceSummary {
  id: string;
  kind: string;
  number: number | null;
  status: string;
  overdue: boolean;
  customerId: string | null;
  customerName: string | null;
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  referenceNumber: string | null;
  grossCents: number;
  paidCents: number;
  outstandingCents: number;
  reminderCount: number;
  lastReminderAt: string | null;
}

/** An invoice as a bank payment's reference finds it (see `invoicesByReference`). */
export interface InvoiceByReference {
  id: string;
  kind: string;
  number: number;
  status: string;
  referenceNumber: string;
  issueDate: string;
  /** An issued invoice with money still owed: a payment can be recorded on it. */
  payable: boolean;
  outstandingCents: number;
}

export interface InvoiceList {
  items: InvoiceSummary[];
  sums: { count: number; grossCents: number; outstandingCents: number; overdueCents: number };
  nextOffset: number | null;
}

/** An invoice priced and ready to be issued inside a caller's transaction (see `prepareIssue`). */
export interface PreparedInvoice {
  customerId: string;
  notes: string | null;
  lines: (LineAmounts & { description: string; netCents: number })[];
  seller: PartySnapshot;
  now: Date;
}

export interface IssuedRef {
  id: string;
  grossCents: number;
  number: number | null;
  dueDate: string | null;
}

@Injectable()
export class BillingService {
  constructor(
    private readonly context: TenantContext,
    private readonly customers: CustomersService,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditTrailService,
    private readonly vat: VatRatesService,
    private readonly clock: Clock,
    private readonly repository: BillingRepository,
  ) {}

  async createDraft(actor: Actor, dto: CreateInvoiceDto): Promise<InvoiceDetail> {
    // Lookups outside the transaction: a transaction must not wait for a second pooled connection.
    const now = this.clock.now();
    const lines = await this.priceLines(dto.lines, helsinkiDate(now));
    const id = await this.context.transaction(async () => {
      // Shares the customer row lock with other invoice writes; an erasure holds it exclusively.
      assertUnrestricted(await this.customers.lockForInvoicing(dto.customerId), 'A new invoice');
      // Made by the app's clock: the issue date is bounded by it.
      const invoice = this.repository.createInvoice(
        { customerId: dto.customerId, paymentTermDays: dto.paymentTermDays ?? 14, notes: dto.notes ?? null, ...this.sums(lines), createdAt: now, updatedAt: now },
        lines,
      );
      this.audit.record({ actor: actorKey(actor), action: 'invoice.drafted', subjectType: 'invoice', subjectId: invoice.id, fields: ['customerId', 'lines'] });
      await this.repository.flush();
      return invoice.id;
    });
    return this.get(id);
  }

  /**
   * Changes a draft: its lines (all replaced), payment term or notes. The caller's `version` must be the
   * draft's: a draft edited meanwhile answers 409 rather than losing someone's lines. Lines are priced on
   * today's rates, as a new draft's are.
   */
  async updateDraft(actor: Actor, id: string, dto: UpdateDraftDto): Promise<InvoiceDetail> {
    const now = this.clock.now();
    const lines = dto.lines && (await this.priceLines(dto.lines, helsinkiDate(now)));
    await this.context.transaction(async () => {
      const invoice = await this.lockInvoice(id);
      if (invoice.status !== 'draft') throw new BillingException(BillingErrorCode.NotDraft);
      if (invoice.version !== dto.version) throw new BillingException(BillingErrorCode.StaleVersion, `The draft is at version ${invoice.version}.`, { currentVersion: invoice.version });
      // Shares the customer row lock with other invoice writes, so an erasure running now waits or wins.
      assertUnrestricted(await this.customers.lockForInvoicing(invoice.customerId!), 'Changing a draft');
      const fields: string[] = [];
      if (lines) {
        await this.repository.replaceLines(invoice, lines);
        Object.assign(invoice, this.sums(lines));
        fields.push('lines');
      }
      if (dto.paymentTermDays !== undefined) {
        invoice.paymentTermDays = dto.paymentTermDays;
        fields.push('paymentTermDays');
      }
      if (dto.notes !== undefined) {
        invoice.notes = dto.notes?.trim() || null;
        fields.push('notes');
      }
      // Always a write: the version moves on, so an editor holding the old one learns of this change.
      invoice.updatedAt = now;
      this.audit.record({ actor: actorKey(actor), action: 'invoice.draft_changed', subjectType: 'invoice', subjectId: id, fields });
      await this.repository.flush();
    });
    return this.get(id);
  }

  /** What a draft of these lines would come to today: each line's net and the totals per VAT rate. Writes nothing. */
  async price(dto: PriceInvoiceDto): Promise<{ on: string; lines: { netCents: number }[]; totals: ReturnType<typeof totalsView> }> {
    const on = this.clock.today();
    const lines = await this.priceLines(dto.lines, on);
    return { on, lines: lines.map((l) => ({ netCents: l.netCents })), totals: totalsView(lines) };
  }

  /** The Finnish VAT rates in force on a date (today in Finland by default), highest first. */
  async vatRates(on = this.clock.today()) {
    const rates = await this.vat.listOn(on);
    return { on, rates: rates.map((r) => ({ vatRate: r.rateBp / 100, description: r.description, validFrom: r.validFrom, validTo: r.validTo })) };
  }

  /**
   * Numbers and issues a draft. The issue date (a Finnish calendar date) defaults to today; an earlier one may
   * be given, but not a later one, nor one before the draft was made: an invoice is not issued before it
   * exists, and a future date would hold its due date and legal hold off.
   */
  async issue(actor: Actor, id: string, dto: IssueInvoiceDto): Promise<InvoiceDetail> {
    const today = this.clock.today();
    const issueDate = dto.issueDate ?? today;
    if (issueDate > today) throw new ValidationProblem([{ field: 'issueDate', message: `issueDate must not be after today (${today} in Finland)` }]);
    const [rates, seller] = await Promise.all([this.vat.ratesOn(issueDate), this.sellerSnapshot()]);
    await this.context.transaction(async () => {
      const invoice = await this.lockInvoice(id);
      if (invoice.status !== 'draft') throw new BillingException(BillingErrorCode.NotDraft);
      const drafted = helsinkiDate(invoice.createdAt);
      if (issueDate < drafted) throw new ValidationProblem([{ field: 'issueDate', message: `issueDate must not be before the draft was made (${drafted})` }]);
      assertRates(invoice.lines.getItems(), rates, issueDate);
      const customer = invoice.customerId ? await this.customers.lockForInvoicing(invoice.customerId) : null;
      if (customer) assertUnrestricted(customer, 'Issuing an invoice');
      const buyer = customer && buyerOf(customer);
      if (!buyer) throw new BillingException(BillingErrorCode.CustomerIncomplete);
      await this.assignNumber(invoice, issueDate, buyer, seller);
      this.audit.record({ actor: actorKey(actor), action: 'invoice.issued', subjectType: 'invoice', subjectId: id, fields: ['number', 'issueDate', 'dueDate', 'buyer', 'seller'] });
      await this.repository.flush();
    });
    return this.get(id);
  }

  /**
   * Prices an invoice to be issued today inside a caller's transaction, and reads the seller: the lookups that
   * use other connections happen here, before that transaction opens (it must not wait for a second one).
   */
  async prepareIssue(input: { customerId: string; lines: InvoiceLineDto[]; notes?: string }): Promise<PreparedInvoice> {
    const now = this.clock.now();
    const [lines, seller] = await Promise.all([this.priceLines(input.lines, helsinkiDate(now)), this.sellerSnapshot()]);
    return { customerId: input.customerId, notes: input.notes ?? null, lines, seller, now };
  }

  /**
   * Drafts and issues a prepared invoice in the caller's transaction, so that it exists only if the caller's own
   * change commits (a fee invoice and the decision that charges it are one thing, never billed twice).
   */
  async issueWithin(actor: Actor, prepared: PreparedInvoice): Promise<IssuedRef> {
    const by = actorKey(actor);
    return this.context.transaction(async () => {
      const customer = await this.customers.lockForInvoicing(prepared.customerId);
      assertUnrestricted(customer, 'Issuing an invoice');
      const buyer = buyerOf(customer);
      if (!buyer) throw new BillingException(BillingErrorCode.CustomerIncomplete);
      const invoice = this.repository.createInvoice(
        { customerId: prepared.customerId, paymentTermDays: 14, notes: prepared.notes, ...this.sums(prepared.lines), createdAt: prepared.now, updatedAt: prepared.now },
        prepared.lines,
      );
      await this.assignNumber(invoice, helsinkiDate(prepared.now), buyer, prepared.seller);
      this.audit.record({ actor: by, action: 'invoice.drafted', subjectType: 'invoice', subjectId: invoice.id, fields: ['customerId', 'lines'] });
      this.audit.record({ actor: by, action: 'invoice.issued', subjectType: 'invoice', subjectId: invoice.id, fields: ['number', 'issueDate', 'dueDate', 'buyer', 'seller'] });
      // Written now, in the caller's transaction: what the caller does next may read these rows.
      await this.repository.flush();
      return { id: invoice.id, grossCents: invoice.grossCents, number: invoice.number ?? null, dueDate: invoice.dueDate ?? null };
    });
  }

  /** Records a payment made on `paidOn`: not after today in Finland, and not before the invoice's issue date. */
  async recordPayment(actor: Actor, id: string, dto: RecordPaymentDto): Promise<InvoiceDetail> {
    const by = actorKey(actor);
    const today = this.clock.today();
    if (dto.paidOn > today) throw new ValidationProblem([{ field: 'paidOn', message: `paidOn must not be after today (${today} in Finland)` }]);
    await this.context.transaction(async () => {
      const invoice = await this.lockInvoice(id);
      if (invoice.kind !== 'invoice' || !OPEN.includes(invoice.status)) throw new BillingException(BillingErrorCode.NotPayable);
      if (dto.paidOn < invoice.issueDate!) throw new ValidationProblem([{ field: 'paidOn', message: `paidOn must not be before the invoice's issue date (${invoice.issueDate})` }]);
      const outstanding = invoice.grossCents - invoice.paidCents;
      if (dto.amountCents > outstanding) throw new BillingException(BillingErrorCode.Overpayment, `Outstanding: ${outstanding} cents.`, { outstandingCents: outstanding });
      this.repository.addPayment(invoice, { amountCents: dto.amountCents, paidOn: dto.paidOn, reference: dto.reference ?? null, recordedBy: by });
      invoice.paidCents += dto.amountCents;
      invoice.status = invoice.paidCents === invoice.grossCents ? 'paid' : 'partially_paid';
      this.audit.record({ actor: by, action: 'invoice.payment_recorded', subjectType: 'invoice', subjectId: id, fields: ['amountCents', 'paidOn'] });
      await this.repository.flush();
    });
    return this.get(id);
  }

  /**
   * Reverses a payment recorded by mistake (the owner's act, with a reason): the payment stays on record, marked,
   * and no longer counts; the invoice's paid sum and status follow. A payment is reversed once. A credited
   * invoice keeps its status: its payments are reversed for the books only.
   */
  async reversePayment(actor: Actor, id: string, paymentId: string, dto: ReversePaymentDto): Promise<InvoiceDetail> {
    const by = actorKey(requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId }));
    await this.context.transaction(async () => {
      const invoice = await this.lockInvoice(id);
      const payment = await this.repository.findPayment(invoice.id, paymentId);
      if (!payment) throw new NotFoundProblem('payment');
      if (payment.reversedAt) throw new BillingException(BillingErrorCode.PaymentReversed);
      Object.assign(payment, { reversedAt: this.clock.now(), reversedBy: by, reversalReason: dto.reason.trim() });
      invoice.paidCents -= payment.amountCents;
      if (invoice.status !== 'credited') invoice.status = invoice.paidCents === 0 ? 'issued' : 'partially_paid';
      this.audit.record({ actor: by, action: 'invoice.payment_reversed', subjectType: 'invoice', subjectId: id, fields: ['paidCents', 'status', 'payment'] });
      await this.repository.flush();
    });
    return this.get(id);
  }

  /** Cancels an issued invoice with a credit note: a new, numbered record with the lines negated. Nothing is deleted. */
  async credit(actor: Actor, id: string, dto: CreditInvoiceDto): Promise<InvoiceDetail> {
    const seller = await this.sellerSnapshot();
    const creditNoteId = await this.context.transaction(async () => {
      const original = await this.lockInvoice(id);
      if (original.kind !== 'invoice' || !['issued', 'partially_paid', 'paid'].includes(original.status)) throw new BillingException(BillingErrorCode.NotCreditable);
      const lines = original.lines.getItems().map((l) => ({ description: l.description, quantityMilli: -l.quantityMilli, unitPriceCents: l.unitPriceCents, vatRateBp: l.vatRateBp, netCents: -l.netCents }));
      const note = this.repository.createInvoice(
        { kind: 'credit_note', customerId: original.customerId ?? null, creditedInvoiceId: original.id, paymentTermDays: 0, notes: dto.reason, ...this.sums(lines) },
        lines,
      );
      await this.assignNumber(note, this.clock.today(), original.buyer!, seller);
      original.status = 'credited';
      this.audit.record({ actor: actorKey(actor), action: 'invoice.credited', subjectType: 'invoice', subjectId: id, fields: ['status', 'creditNote'] });
      await this.repository.flush();
      return note.id;
    });
    return this.get(creditNoteId);
  }

  async get(id: string): Promise<InvoiceDetail> {
    const found = await this.repository.detail(id);
    if (!found) throw new NotFoundProblem('invoice');
    const { invoice, notes, reminders } = found;
    return {
      ...toInvoiceView(invoice, this.clock.today()),
      creditNotes: notes.map((n) => ({ id: n.id, number: n.number!, issueDate: n.issueDate!, grossCents: n.grossCents, reason: n.notes ?? null })),
      creditedInvoiceNumber: found.creditedNumber,
      reminderCount: reminders.count,
      lastReminderAt: reminders.last ? new Date(reminders.last).toISOString() : null,
    };
  }

  async listForCustomer(customerId: string, options: { limit?: number; cursor?: string }): Promise<Page<InvoiceView>> {
    await this.customers.get(customerId);
    return this.pageOfCustomer(customerId, options);
  }

  /**
   * `listForCustomer` for a caller that knows the customer is on record (the portal's "my data", read on every
   * visit): the customer is not read again.
   */
  async pageOfCustomer(customerId: string, options: { limit?: number; cursor?: string }): Promise<Page<InvoiceView>> {
    const limit = options.limit ?? 50;
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const invoices = await this.repository.pageOfCustomer(customerId, after, limit);
    const today = this.clock.today();
    const page = toPage(invoices, limit, (i) => ({ at: i.createdAt, id: i.id }));
    return { items: page.items.map((i) => invoiceRowView(i, today)), nextCursor: page.nextCursor };
  }

  /**
   * Invoices across customers, filtered, overdue first (the oldest due date first), then by due date, drafts
   * last; with the sums of everything the filters match (not just this page). Offset paging: the list is a
   * worklist read a page or two deep, and its order (overdue moves with the date) has no stable keyset.
   */
  async listAll(query: ListAllInvoicesQuery): Promise<InvoiceList> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { rows, sums } = await this.repository.list({
      today: this.clock.today(),
      status: query.status,
      overdue: query.overdue ? query.overdue === 'true' : undefined,
      from: query.from,
      to: query.to,
      customerId: query.customerId,
      limit,
      offset,
    });
    const items = rows.slice(0, limit).map((r) => {
      const gross = Number(r.gross_cents);
      const paid = Number(r.paid_cents);
      const owed = r.kind === 'invoice' && r.status !== 'draft' && r.status !== 'credited';
      return {
        id: r.id,
        kind: r.kind,
        number: r.number === null ? null : Number(r.number),
        status: r.overdue ? 'overdue' : r.status,
        overdue: r.overdue,
        customerId: r.customer_id,
        customerName: r.customer_name,
        currency: r.currency,
        issueDate: r.issue_date,
        dueDate: r.due_date,
        referenceNumber: r.reference_number,
        grossCents: gross,
        paidCents: paid,
        outstandingCents: owed ? gross - paid : 0,
        reminderCount: Number(r.reminder_count),
        lastReminderAt: r.last_reminder_at ? new Date(r.last_reminder_at).toISOString() : null,
      };
    });
    return {
      items,
      sums: { count: Number(sums.count), grossCents: Number(sums.gross), outstandingCents: Number(sums.outstanding), overdueCents: Number(sums.overdue) },
      nextOffset: rows.length > limit ? offset + limit : null,
    };
  }

  /** The ids of every invoice of the customer (drafts too), for what other modules hold about them. */
  async invoiceIdsOf(customerId: string): Promise<string[]> {
    return this.repository.idsOfCustomer(customerId);
  }

  async balance(customerId: string): Promise<CustomerBalance> {
    await this.customers.get(customerId);
    const unpaidInvoices = await this.unpaidInvoices(customerId);
    const issued = await this.repository.issuedOf(customerId);
    const invoicedCents = issued.reduce((acc, i) => acc + i.grossCents, 0);
    const paidCents = issued.reduce((acc, i) => acc + i.paidCents, 0);
    return { customerId, currency: 'EUR', invoicedCents, paidCents, balanceCents: invoicedCents - paidCents, hasUnpaid: unpaidInvoices.length > 0, unpaidInvoices };
  }

  /** Issued invoices of the customer with money still owed (the erasure rule of the privacy statement reads this). */
  async unpaidInvoices(customerId: string): Promise<UnpaidInvoice[]> {
    const today = this.clock.today();
    const open = await this.repository.openOf(customerId, OPEN);
    return open.map((i) => ({ id: i.id, number: i.number!, dueDate: i.dueDate!, outstandingCents: i.grossCents - i.paidCents, overdue: i.dueDate! < today }));
  }

  /**
   * Invoices and credit notes whose reference number, without leading zeros, is one of `keys`: what a bank
   * payment's reference finds. With `lock`, inside the caller's transaction, the rows are held for update so
   * that what is outstanding stays true until the payment is recorded.
   */
  async invoicesByReference(keys: string[], options: { lock?: boolean } = {}): Promise<InvoiceByReference[]> {
    if (keys.length === 0) return [];
    const rows = await this.repository.byReference(keys, options.lock ?? false);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: Number(r.number),
      status: r.status,
      referenceNumber: r.reference_number,
      issueDate: r.issue_date,
      payable: r.kind === 'invoice' && OPEN.includes(r.status),
      outstandingCents: r.kind === 'invoice' && r.status !== 'credited' ? Number(r.gross_cents) - Number(r.paid_cents) : 0,
    }));
  }

  /**
   * Retention, inside the caller's transaction: deletes issued invoices and credit notes whose period is over,
   * with their lines and payments. The period ends at the later of the legal hold stamped at issue
   * (retain_until) and the end of the issue year plus the years the tenant's privacy statement promises.
   * An invoice that a credit note still within its period refers to waits for that note. Returns the counts.
   */
  async purgeExpired(actor: Actor, options: { today: string; retentionYears: number }): Promise<{ invoices: number; lines: number; payments: number }> {
    const purged = await this.repository.purgeExpired(options.today, options.retentionYears);
    await this.audit.recordMany(
      purged.invoiceIds.map((id) => ({ actor: actorKey(actor), action: 'invoice.purged', subjectType: 'invoice', subjectId: id, fields: [] })),
      this.clock.now(),
    );
    return { invoices: purged.invoiceIds.length, lines: purged.lines, payments: purged.payments };
  }

  /**
   * A customer's invoices for an export, page by page from one read-only snapshot on one connection. The
   * connection is taken now, before the caller sends anything: a busy pool answers 503 up front instead of
   * cutting a download short halfway. `close` (idempotent; also run when the pages end) gives it back.
   */
  async invoicesForExport(customerId: string, batch = 500): Promise<{ invoices: AsyncIterable<InvoiceView>; close: () => Promise<void> }> {
    const { pages, close } = await this.repository.snapshotOfCustomer(customerId, batch);
    const today = this.clock.today();
    async function* invoices(): AsyncGenerator<InvoiceView> {
      for await (const page of pages) for (const invoice of page) yield toInvoiceView(invoice, today);
    }
    return { invoices: invoices(), close };
  }

  private async lockInvoice(id: string): Promise<Invoice> {
    const invoice = await this.repository.lockInvoice(id);
    if (!invoice) throw new NotFoundProblem('invoice');
    return invoice;
  }

  /** Gives the invoice the tenant's next number under the counter's row lock: gapless, in issue order. */
  private async assignNumber(invoice: Invoice, issueDate: string, buyer: PartySnapshot, seller: PartySnapshot): Promise<void> {
    const number = await this.repository.nextNumber();
    const reference = finnishReference(String(number).padStart(3, '0'));
    Object.assign(invoice, {
      number,
      status: 'issued',
      issueDate,
      dueDate: addDays(issueDate, invoice.paymentTermDays),
      referenceNumber: reference,
      rfReference: rfReference(reference),
      buyer,
      seller,
      retainUntil: retainUntil(issueDate, LEGAL_RETENTION_YEARS),
    });
  }

  private async priceLines(lines: InvoiceLineDto[], date: string): Promise<(LineAmounts & { description: string; netCents: number })[]> {
    const priced = lines.map((line, index) => {
      const vatRateBp = percentToBasisPoints(line.vatRate);
      if (vatRateBp === null) throw unknownRate(`${line.vatRate} % is not a VAT rate.`, index);
      const amounts = { quantityMilli: Math.round(line.quantity * 1000), unitPriceCents: line.unitPriceCents, vatRateBp };
      return { description: line.description, ...amounts, netCents: lineNetCents(amounts) };
    });
    assertRates(priced, await this.vat.ratesOn(date), date);
    if (totals(priced).grossCents < 0) throw new BillingException(BillingErrorCode.NegativeTotal);
    return priced;
  }

  /** The tenant as the seller named on its invoices (its controller details, from the platform registry). */
  private async sellerSnapshot(): Promise<PartySnapshot> {
    const tenant = await this.tenancy.get(this.context.tenant.slug);
    return { name: tenant.legalName, businessId: tenant.businessId, streetAddress: tenant.streetAddress, postalCode: tenant.postalCode, city: tenant.city, country: 'FI' };
  }

  private sums(lines: LineAmounts[]) {
    const t = totals(lines);
    return { netCents: t.netCents, vatCents: t.vatCents, grossCents: t.grossCents };
  }

  /**
   * The tenant's issued invoices and credit notes as whole documents (lines and payments included) with the date
   * each is kept until: what leaving the platform copies to the platform's archive, in the open transaction.
   */
  archiveDocuments(legalRetentionYears: number): Promise<InvoiceArchiveRow[]> {
    return this.repository.archiveDocuments(legalRetentionYears);
  }
}

/** Each line's rate must be in force on the date; the first that is not is named as a field (`lines.1.vatRate`). */
function assertRates(lines: { vatRateBp: number }[], rates: Set<number>, date: string): void {
  const index = lines.findIndex((l) => !rates.has(l.vatRateBp));
  if (index >= 0) throw unknownRate(`${lines[index].vatRateBp / 100} % is not a Finnish VAT rate on ${date}.`, index);
}

function unknownRate(detail: string, index: number): BillingException {
  return new BillingException(BillingErrorCode.UnknownVatRate, detail, { errors: [{ field: `lines.${index}.vatRate`, message: detail }] });
}

/** What an invoice must say of the buyer (arvonlisäverolaki 209 e §): name and address. Null when unknown. */
function buyerOf(c: CustomerView): PartySnapshot | null {
  const name = displayName(c);
  if (!name || !c.streetAddress || !c.postalCode || !c.city) return null;
  return { name, businessId: c.businessId, streetAddress: c.streetAddress, postalCode: c.postalCode, city: c.city, country: c.country };
}
