// Invoices of the tenant in scope: drafts, issuing (gapless numbers, reference numbers, snapshots),
// payments, credit notes, and each customer's history and balance.
import { Injectable } from '@nestjs/common';
import { EntityManager, IsolationLevel, LockMode } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Clock, decodeCursor, finnishReference, helsinkiDate, NotFoundProblem, type Page, rfReference, toPage, ValidationProblem } from '@app/core';
import { quoteIdent } from '@app/database';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import { assertUnrestricted, CustomersService, displayName, type CustomerView } from '@app/customers';
import { Invoice, InvoiceLine, Payment, type PartySnapshot } from './invoice.entity';
import { BillingErrorCode, BillingException } from './billing.errors';
import { lineNetCents, percentToBasisPoints, totals, type LineAmounts } from './money';
import { addDays, retainUntil } from './dates';
import { VatRatesService } from './vat-rates.service';
import type { CreateInvoiceDto, CreditInvoiceDto, InvoiceLineDto, IssueInvoiceDto, ListAllInvoicesQuery, PriceInvoiceDto, RecordPaymentDto, ReversePaymentDto, UpdateDraftDto } from './dto/invoice.dto';
import { toInvoiceView, totalsView, type InvoiceView } from './invoice.view';

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

interface InvoiceRow {
  id: string;
  kind: string;
  number: string | null;
  status: string;
  customer_id: string | null;
  currency: string;
  issue_date: string | null;
  due_date: string | null;
  reference_number: string | null;
  gross_cents: string;
  paid_cents: string;
  overdue: boolean;
  customer_name: string | null;
  reminder_count: number;
  last_reminder_at: Date | null;
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
  ) {}

  async createDraft(dto: CreateInvoiceDto, actor: string): Promise<InvoiceDetail> {
    // Lookups outside the transaction: a transaction must not wait for a second pooled connection.
    const now = this.clock.now();
    const lines = await this.priceLines(dto.lines, helsinkiDate(now));
    const id = await this.context.em().transactional(async (em) => {
      // Shares the customer row lock with other invoice writes; an erasure holds it exclusively.
      assertUnrestricted(await this.customers.lockForInvoicing(em, dto.customerId), 'A new invoice');
      // Made by the app's clock: the issue date is bounded by it.
      const invoice = em.create(Invoice, {
        id: randomUUID(),
        customerId: dto.customerId,
        paymentTermDays: dto.paymentTermDays ?? 14,
        notes: dto.notes ?? null,
        ...this.sums(lines),
        createdAt: now,
        updatedAt: now,
      });
      lines.forEach((line, position) => em.create(InvoiceLine, { id: randomUUID(), invoice, position, ...line }));
      this.audit.record({ actor, action: 'invoice.drafted', subjectType: 'invoice', subjectId: invoice.id, fields: ['customerId', 'lines'] }, em);
      return invoice.id;
    });
    return this.get(id);
  }

  /**
   * Changes a draft: its lines (all replaced), payment term or notes. The caller's `version` must be the
   * draft's: a draft edited meanwhile answers 409 rather than losing someone's lines. Lines are priced on
   * today's rates, as a new draft's are.
   */
  async updateDraft(id: string, dto: UpdateDraftDto, actor: string): Promise<InvoiceDetail> {
    const now = this.clock.now();
    const lines = dto.lines && (await this.priceLines(dto.lines, helsinkiDate(now)));
    await this.context.em().transactional(async (em) => {
      const invoice = await this.lockInvoice(em, id);
      if (invoice.status !== 'draft') throw new BillingException(BillingErrorCode.NotDraft);
      if (invoice.version !== dto.version) throw new BillingException(BillingErrorCode.StaleVersion, `The draft is at version ${invoice.version}.`, { currentVersion: invoice.version });
      // Shares the customer row lock with other invoice writes, so an erasure running now waits or wins.
      assertUnrestricted(await this.customers.lockForInvoicing(em, invoice.customerId!), 'Changing a draft');
      const fields: string[] = [];
      if (lines) {
        await em.nativeDelete(InvoiceLine, { invoice: invoice.id });
        lines.forEach((line, position) => em.create(InvoiceLine, { id: randomUUID(), invoice, position, ...line }));
        em.assign(invoice, this.sums(lines));
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
      this.audit.record({ actor, action: 'invoice.draft_changed', subjectType: 'invoice', subjectId: id, fields }, em);
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
  async issue(id: string, dto: IssueInvoiceDto, actor: string): Promise<InvoiceDetail> {
    const today = this.clock.today();
    const issueDate = dto.issueDate ?? today;
    if (issueDate > today) throw new ValidationProblem([{ field: 'issueDate', message: `issueDate must not be after today (${today} in Finland)` }]);
    const [rates, seller] = await Promise.all([this.vat.ratesOn(issueDate), this.sellerSnapshot()]);
    await this.context.em().transactional(async (em) => {
      const invoice = await this.lockInvoice(em, id);
      if (invoice.status !== 'draft') throw new BillingException(BillingErrorCode.NotDraft);
      const drafted = helsinkiDate(invoice.createdAt);
      if (issueDate < drafted) throw new ValidationProblem([{ field: 'issueDate', message: `issueDate must not be before the draft was made (${drafted})` }]);
      assertRates(invoice.lines.getItems(), rates, issueDate);
      const customer = invoice.customerId ? await this.customers.lockForInvoicing(em, invoice.customerId) : null;
      if (customer) assertUnrestricted(customer, 'Issuing an invoice');
      const buyer = customer && buyerOf(customer);
      if (!buyer) throw new BillingException(BillingErrorCode.CustomerIncomplete);
      await this.assignNumber(em, invoice, issueDate, buyer, seller);
      this.audit.record({ actor, action: 'invoice.issued', subjectType: 'invoice', subjectId: id, fields: ['number', 'issueDate', 'dueDate', 'buyer', 'seller'] }, em);
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
  async issueWithin(em: EntityManager, prepared: PreparedInvoice, actor: string): Promise<IssuedRef> {
    const customer = await this.customers.lockForInvoicing(em, prepared.customerId);
    assertUnrestricted(customer, 'Issuing an invoice');
    const buyer = buyerOf(customer);
    if (!buyer) throw new BillingException(BillingErrorCode.CustomerIncomplete);
    const invoice = em.create(Invoice, {
      id: randomUUID(),
      customerId: prepared.customerId,
      paymentTermDays: 14,
      notes: prepared.notes,
      ...this.sums(prepared.lines),
      createdAt: prepared.now,
      updatedAt: prepared.now,
    });
    prepared.lines.forEach((line, position) => em.create(InvoiceLine, { id: randomUUID(), invoice, position, ...line }));
    await this.assignNumber(em, invoice, helsinkiDate(prepared.now), buyer, prepared.seller);
    this.audit.record({ actor, action: 'invoice.drafted', subjectType: 'invoice', subjectId: invoice.id, fields: ['customerId', 'lines'] }, em);
    this.audit.record({ actor, action: 'invoice.issued', subjectType: 'invoice', subjectId: invoice.id, fields: ['number', 'issueDate', 'dueDate', 'buyer', 'seller'] }, em);
    return { id: invoice.id, grossCents: invoice.grossCents, number: invoice.number ?? null, dueDate: invoice.dueDate ?? null };
  }

  /** Records a payment made on `paidOn`: not after today in Finland, and not before the invoice's issue date. */
  async recordPayment(id: string, dto: RecordPaymentDto, actor: string): Promise<InvoiceDetail> {
    const today = this.clock.today();
    if (dto.paidOn > today) throw new ValidationProblem([{ field: 'paidOn', message: `paidOn must not be after today (${today} in Finland)` }]);
    await this.context.em().transactional(async (em) => {
      const invoice = await this.lockInvoice(em, id);
      if (invoice.kind !== 'invoice' || !OPEN.includes(invoice.status)) throw new BillingException(BillingErrorCode.NotPayable);
      if (dto.paidOn < invoice.issueDate!) throw new ValidationProblem([{ field: 'paidOn', message: `paidOn must not be before the invoice's issue date (${invoice.issueDate})` }]);
      const outstanding = invoice.grossCents - invoice.paidCents;
      if (dto.amountCents > outstanding) throw new BillingException(BillingErrorCode.Overpayment, `Outstanding: ${outstanding} cents.`, { outstandingCents: outstanding });
      em.create(Payment, { id: randomUUID(), invoice, amountCents: dto.amountCents, paidOn: dto.paidOn, reference: dto.reference ?? null, recordedBy: actor });
      invoice.paidCents += dto.amountCents;
      invoice.status = invoice.paidCents === invoice.grossCents ? 'paid' : 'partially_paid';
      this.audit.record({ actor, action: 'invoice.payment_recorded', subjectType: 'invoice', subjectId: id, fields: ['amountCents', 'paidOn'] }, em);
    });
    return this.get(id);
  }

  /**
   * Reverses a payment recorded by mistake (the owner's act, with a reason): the payment stays on record, marked,
   * and no longer counts; the invoice's paid sum and status follow. A payment is reversed once. A credited
   * invoice keeps its status: its payments are reversed for the books only.
   */
  async reversePayment(id: string, paymentId: string, dto: ReversePaymentDto, actor: string): Promise<InvoiceDetail> {
    await this.context.em().transactional(async (em) => {
      const invoice = await this.lockInvoice(em, id);
      const payment = await em.findOne(Payment, { id: paymentId, invoice: invoice.id });
      if (!payment) throw new NotFoundProblem('payment');
      if (payment.reversedAt) throw new BillingException(BillingErrorCode.PaymentReversed);
      em.assign(payment, { reversedAt: this.clock.now(), reversedBy: actor, reversalReason: dto.reason.trim() });
      invoice.paidCents -= payment.amountCents;
      if (invoice.status !== 'credited') invoice.status = invoice.paidCents === 0 ? 'issued' : 'partially_paid';
      this.audit.record({ actor, action: 'invoice.payment_reversed', subjectType: 'invoice', subjectId: id, fields: ['paidCents', 'status', 'payment'] }, em);
    });
    return this.get(id);
  }

  /** Cancels an issued invoice with a credit note: a new, numbered record with the lines negated. Nothing is deleted. */
  async credit(id: string, dto: CreditInvoiceDto, actor: string): Promise<InvoiceDetail> {
    const seller = await this.sellerSnapshot();
    const creditNoteId = await this.context.em().transactional(async (em) => {
      const original = await this.lockInvoice(em, id);
      if (original.kind !== 'invoice' || !['issued', 'partially_paid', 'paid'].includes(original.status)) throw new BillingException(BillingErrorCode.NotCreditable);
      const lines = original.lines.getItems().map((l) => ({ description: l.description, quantityMilli: -l.quantityMilli, unitPriceCents: l.unitPriceCents, vatRateBp: l.vatRateBp, netCents: -l.netCents }));
      const note = em.create(Invoice, { id: randomUUID(), kind: 'credit_note', customerId: original.customerId, creditedInvoiceId: original.id, paymentTermDays: 0, notes: dto.reason, ...this.sums(lines) });
      lines.forEach((line, position) => em.create(InvoiceLine, { id: randomUUID(), invoice: note, position, ...line }));
      await this.assignNumber(em, note, this.clock.today(), original.buyer!, seller);
      original.status = 'credited';
      this.audit.record({ actor, action: 'invoice.credited', subjectType: 'invoice', subjectId: id, fields: ['status', 'creditNote'] }, em);
      return note.id;
    });
    return this.get(creditNoteId);
  }

  async get(id: string): Promise<InvoiceDetail> {
    const em = this.context.em();
    const invoice = await em.findOne(Invoice, { id }, { populate: ['lines', 'payments'], refresh: true });
    if (!invoice) throw new NotFoundProblem('invoice');
    const notes = invoice.kind === 'invoice' ? await em.find(Invoice, { creditedInvoiceId: id }, { orderBy: { number: 'asc' } }) : [];
    const credited = invoice.creditedInvoiceId ? await em.findOne(Invoice, { id: invoice.creditedInvoiceId }, { fields: ['number'] }) : null;
    const [reminders] = (await em.execute(
      `select count(*)::int as count, max(sent_at) as last from ${quoteIdent(this.context.tenant.schema)}.invoice_reminder where invoice_id = ?`,
      [id],
    )) as { count: number; last: Date | null }[];
    return {
      ...toInvoiceView(invoice, this.clock.today()),
      creditNotes: notes.map((n) => ({ id: n.id, number: n.number!, issueDate: n.issueDate!, grossCents: n.grossCents, reason: n.notes ?? null })),
      creditedInvoiceNumber: credited?.number ?? null,
      reminderCount: reminders.count,
      lastReminderAt: reminders.last ? new Date(reminders.last).toISOString() : null,
    };
  }

  async listForCustomer(customerId: string, options: { limit?: number; cursor?: string }): Promise<Page<InvoiceView>> {
    await this.customers.get(customerId);
    const limit = options.limit ?? 50;
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const invoices = await this.context.em().find(
      Invoice,
      after ? { customerId, $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, id: { $lt: after.id } }] } : { customerId },
      { populate: ['lines', 'payments'], orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    const today = this.clock.today();
    const page = toPage(invoices, limit, (i) => ({ at: i.createdAt, id: i.id }));
    return { items: page.items.map((i) => toInvoiceView(i, today)), nextCursor: page.nextCursor };
  }

  /**
   * Invoices across customers, filtered, overdue first (the oldest due date first), then by due date, drafts
   * last; with the sums of everything the filters match (not just this page). Offset paging: the list is a
   * worklist read a page or two deep, and its order (overdue moves with the date) has no stable keyset.
   */
  async listAll(query: ListAllInvoicesQuery): Promise<InvoiceList> {
    const s = quoteIdent(this.context.tenant.schema);
    const today = this.clock.today();
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const overdue = `(i.kind = 'invoice' and i.status in ('issued', 'partially_paid') and i.due_date < ?::date)`;
    const where: string[] = [];
    const params: unknown[] = [];
    const and = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (query.status) and('i.status = ?', query.status);
    if (query.overdue) and(query.overdue === 'true' ? overdue : `not ${overdue}`, today);
    if (query.from) and('i.issue_date >= ?::date', query.from);
    if (query.to) and('i.issue_date <= ?::date', query.to);
    if (query.customerId) and('i.customer_id = ?', query.customerId);
    const filter = where.length ? ` where ${where.join(' and ')}` : '';
    const em = this.context.em();
    const [rows, [sums]] = await Promise.all([
      em.execute(
        `select i.id, i.kind, i.number, i.status, i.customer_id, i.currency, i.issue_date::text as issue_date, i.due_date::text as due_date,
           i.reference_number, i.gross_cents, i.paid_cents, ${overdue} as overdue,
           coalesce(i.buyer->>'name', c.company_name, nullif(btrim(coalesce(c.billing_first_name, '') || ' ' || coalesce(c.billing_last_name, '')), ''), c.contact_name) as customer_name,
           coalesce(r.count, 0) as reminder_count, r.last as last_reminder_at
         from ${s}.invoice i left join ${s}.customer c on c.id = i.customer_id
           left join lateral (select count(*)::int as count, max(sent_at) as last from ${s}.invoice_reminder where invoice_id = i.id) r on true${filter}
         order by ${overdue} desc, i.due_date asc nulls last, i.created_at desc, i.id limit ? offset ?`,
        [today, ...params, today, limit + 1, offset],
      ) as Promise<InvoiceRow[]>,
      em.execute(
        `select count(*) as count, coalesce(sum(i.gross_cents) filter (where i.status <> 'draft'), 0) as gross,
           coalesce(sum(i.gross_cents - i.paid_cents) filter (where i.kind = 'invoice' and i.status in ('issued', 'partially_paid')), 0) as outstanding,
           coalesce(sum(i.gross_cents - i.paid_cents) filter (where ${overdue}), 0) as overdue
         from ${s}.invoice i${filter}`,
        [today, ...params],
      ) as Promise<{ count: string; gross: string; outstanding: string; overdue: string }[]>,
    ]);
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
    const invoices = await this.context.em().find(Invoice, { customerId }, { fields: ['id'], disableIdentityMap: true });
    return invoices.map((i) => i.id);
  }

  async balance(customerId: string): Promise<CustomerBalance> {
    await this.customers.get(customerId);
    const unpaidInvoices = await this.unpaidInvoices(customerId);
    const issued = await this.context.em().find(Invoice, { customerId, status: { $ne: 'draft' } }, { fields: ['grossCents', 'paidCents'] });
    const invoicedCents = issued.reduce((acc, i) => acc + i.grossCents, 0);
    const paidCents = issued.reduce((acc, i) => acc + i.paidCents, 0);
    return { customerId, currency: 'EUR', invoicedCents, paidCents, balanceCents: invoicedCents - paidCents, hasUnpaid: unpaidInvoices.length > 0, unpaidInvoices };
  }

  /** Issued invoices of the customer with money still owed (the erasure rule of the privacy statement reads this). */
  async unpaidInvoices(customerId: string, em: EntityManager = this.context.em()): Promise<UnpaidInvoice[]> {
    const today = this.clock.today();
    const open = await em.find(Invoice, { customerId, kind: 'invoice', status: { $in: OPEN } }, { orderBy: { dueDate: 'asc' } });
    return open.map((i) => ({ id: i.id, number: i.number!, dueDate: i.dueDate!, outstandingCents: i.grossCents - i.paidCents, overdue: i.dueDate! < today }));
  }

  /**
   * Invoices and credit notes whose reference number, without leading zeros, is one of `keys`: what a bank
   * payment's reference finds. With `lock`, inside the caller's transaction, the rows are held for update so
   * that what is outstanding stays true until the payment is recorded.
   */
  async invoicesByReference(keys: string[], options: { lock?: boolean } = {}): Promise<InvoiceByReference[]> {
    if (keys.length === 0) return [];
    const s = quoteIdent(this.context.tenant.schema);
    const rows = (await this.context.em().execute(
      `select id, kind, number, status, reference_number, issue_date::text as issue_date, gross_cents, paid_cents
         from ${s}.invoice where ltrim(reference_number, '0') in (select jsonb_array_elements_text(?::jsonb)) order by number${options.lock ? ' for update' : ''}`,
      [JSON.stringify(keys)],
    )) as { id: string; kind: string; number: string; status: string; reference_number: string; issue_date: string; gross_cents: string; paid_cents: string }[];
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
  async purgeExpired(em: EntityManager, options: { today: string; retentionYears: number; actor: string }): Promise<{ invoices: number; lines: number; payments: number }> {
    const s = quoteIdent(this.context.tenant.schema);
    const due = `select id from ${s}.invoice where status <> 'draft' and retain_until is not null
      and greatest(retain_until, make_date(extract(year from issue_date)::int + ?, 12, 31)) < ?::date`;
    const purge = `select d.id from (${due}) d where not exists (
      select 1 from ${s}.invoice n where n.credited_invoice_id = d.id and n.id not in (${due}))`;
    const params = [options.retentionYears, options.today, options.retentionYears, options.today];
    // Locked first: a credit or a payment on one of them waits, and then finds it gone.
    const locked = (await em.execute(`select id from ${s}.invoice where id in (${purge}) for update`, params)) as { id: string }[];
    if (locked.length === 0) return { invoices: 0, lines: 0, payments: 0 };
    const count = async (sql: string) => Number(((await em.execute(`with gone as (${sql} returning 1) select count(*) as n from gone`, params)) as { n: string }[])[0].n);
    await em.execute(
      `insert into ${s}.audit_event (actor, action, subject_type, subject_id, fields) select ?, 'invoice.purged', 'invoice', p.id::text, '{}' from (${purge}) p`,
      [options.actor, ...params],
    );
    const payments = await count(`delete from ${s}.payment where invoice_id in (${purge})`);
    const lines = await count(`delete from ${s}.invoice_line where invoice_id in (${purge})`);
    const invoices = await count(`delete from ${s}.invoice where id in (${purge})`);
    return { invoices, lines, payments };
  }

  /**
   * A customer's invoices for an export, page by page from one read-only snapshot on one connection. The
   * connection is taken now, before the caller sends anything: a busy pool answers 503 up front instead of
   * cutting a download short halfway. `close` (idempotent; also run when the pages end) gives it back.
   */
  async invoicesForExport(customerId: string, em: EntityManager, batch = 500): Promise<{ invoices: AsyncIterable<InvoiceView>; close: () => Promise<void> }> {
    const connection = em.getConnection();
    const snapshot = await connection.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
    let open = true;
    const close = async () => {
      if (!open) return;
      open = false;
      await connection.rollback(snapshot).catch(() => undefined);
    };
    const today = this.clock.today();
    async function* pages(): AsyncGenerator<InvoiceView> {
      try {
        let after: { createdAt: Date; id: string } | undefined;
        for (;;) {
          const where = after ? { customerId, $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }] } : { customerId };
          const fork = em.fork({ clear: true });
          fork.setTransactionContext(snapshot);
          const page = await fork.find(Invoice, where, { populate: ['lines', 'payments'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: batch });
          for (const invoice of page) yield toInvoiceView(invoice, today);
          if (page.length < batch) return;
          const last = page[page.length - 1];
          after = { createdAt: last.createdAt, id: last.id };
        }
      } finally {
        await close();
      }
    }
    return { invoices: pages(), close };
  }

  private async lockInvoice(em: EntityManager, id: string): Promise<Invoice> {
    const invoice = await em.findOne(Invoice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!invoice) throw new NotFoundProblem('invoice');
    await em.populate(invoice, ['lines']);
    return invoice;
  }

  /** Gives the invoice the tenant's next number under the counter's row lock: gapless, in issue order. */
  private async assignNumber(em: EntityManager, invoice: Invoice, issueDate: string, buyer: PartySnapshot, seller: PartySnapshot): Promise<void> {
    const counter = `${quoteIdent(this.context.tenant.schema)}.invoice_counter`;
    const [{ last_number }] = (await em.execute(`update ${counter} set last_number = last_number + 1 returning last_number`)) as { last_number: string }[];
    const number = Number(last_number);
    const reference = finnishReference(String(number).padStart(3, '0'));
    em.assign(invoice, {
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
