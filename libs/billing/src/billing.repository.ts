// Billing's tables in the tenant's schema (invoice, invoice_line, payment, invoice_counter, invoice_reminder,
// reminder_settings) and the platform's VAT rates. Writes go through the transaction the service opened with
// `TenantContext.transaction()`; raw SQL names its schema and binds its values ($1, $2, ...).
import { Inject, Injectable } from '@nestjs/common';
import { IsolationLevel, LockMode, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { boundSql, PG_POOL, withDates } from '@app/database';
import { type CustomerErasureStep, TenantContext, type TenantTransaction } from '@app/tenancy';
import { Invoice, InvoiceLine, Payment } from './invoice.entity';
import type { InvoiceRow } from './invoice.view';

export interface NewInvoice {
  kind?: 'invoice' | 'credit_note';
  customerId: string | null;
  creditedInvoiceId?: string;
  paymentTermDays: number;
  notes: string | null;
  netCents: number;
  vatCents: number;
  grossCents: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface NewLine {
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  vatRateBp: number;
  netCents: number;
}

export interface InvoiceListRow {
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

export interface InvoiceListFilter {
  today: string;
  status?: string;
  overdue?: boolean;
  from?: string;
  to?: string;
  customerId?: string;
  limit: number;
  offset: number;
}

export interface ReferenceRow {
  id: string;
  kind: string;
  number: string;
  status: string;
  reference_number: string;
  issue_date: string;
  gross_cents: string;
  paid_cents: string;
}

export interface ReminderRow {
  id: string;
  ordinal: number;
  kind: 'manual' | 'automatic';
  sent_at: Date;
  actor: string;
  lang: 'fi' | 'en';
  message_id: string;
}

export interface ReminderSettingsRow {
  enabled: boolean;
  days_after_due: number;
  max_reminders: number;
  min_interval_days: number;
  updated_at: Date;
  updated_by: string | null;
  version: number;
}

const SETTINGS_COLUMNS = 'enabled, days_after_due, max_reminders, min_interval_days, updated_at, updated_by, version';

/**
 * Billing's part of an erasure (libs/requests/src/erasure.ts lists the steps in order): drafts are no accounting
 * records and go; issued invoices and credit notes are kept for their legal period with the buyer snapshot taken
 * at issue, no longer linked to the person. It runs on the erasure's `TenantTransaction`, not the tenant context:
 * a restore re-applies erasures on its own connection, with no tenant bound.
 */
export const billingErasure: CustomerErasureStep & { retainedInvoices(tx: TenantTransaction, customerIds: string[]): Promise<Map<string, number>> } = {
  does: 'draft invoices deleted; issued invoices and credit notes kept under legal hold with their buyer snapshot, unlinked',

  /** How many issued invoices of each customer the erasure keeps (read before the step unlinks them). */
  async retainedInvoices({ execute, schema }, customerIds) {
    const rows = await execute<{ customer_id: string; n: number }>(
      `select customer_id, count(*)::int as n from ${schema}.invoice where customer_id = any($1::uuid[]) and status <> 'draft' group by customer_id`,
      [customerIds],
    );
    return new Map(rows.map((r) => [r.customer_id, r.n]));
  },

  async eraseCustomers({ execute, schema }, customerIds) {
    await execute(`delete from ${schema}.invoice_line where invoice_id in (select id from ${schema}.invoice where customer_id = any($1::uuid[]) and status = 'draft')`, [customerIds]);
    await execute(`delete from ${schema}.invoice where customer_id = any($1::uuid[]) and status = 'draft'`, [customerIds]);
    await execute(`update ${schema}.invoice set customer_id = null where customer_id = any($1::uuid[])`, [customerIds]);
  },
};

/** An issued invoice or credit note as leaving the platform archives it (BillingService.archiveDocuments). */
export interface InvoiceArchiveRow {
  invoice_id: string;
  kind: string;
  invoice_number: string | null;
  issue_date: string;
  keep_until: string;
  document: unknown;
}

@Injectable()
export class BillingRepository {
  constructor(
    private readonly context: TenantContext,
    private readonly orm: MikroORM,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  private t(name: string): string {
    return this.context.table(name);
  }

  /** Writes what the unit of work holds now (inside the open transaction): a nested caller reads it next. */
  async flush(): Promise<void> {
    await this.context.em().flush();
  }

  // ---- invoices

  /** A new invoice with its lines, written at the next flush. */
  createInvoice(values: NewInvoice, lines: NewLine[]): Invoice {
    const em = this.context.em();
    const invoice = em.create(Invoice, { id: randomUUID(), ...values });
    lines.forEach((line, position) => em.create(InvoiceLine, { id: randomUUID(), invoice, position, ...line }));
    return invoice;
  }

  /** Replaces all lines of a draft. */
  async replaceLines(invoice: Invoice, lines: NewLine[]): Promise<void> {
    const em = this.context.em();
    await em.nativeDelete(InvoiceLine, { invoice: invoice.id });
    lines.forEach((line, position) => em.create(InvoiceLine, { id: randomUUID(), invoice, position, ...line }));
  }

  /** The invoice with its lines, held for update until the transaction ends. */
  async lockInvoice(id: string): Promise<Invoice | null> {
    const em = this.context.em();
    const invoice = await em.findOne(Invoice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (invoice) await em.populate(invoice, ['lines']);
    return invoice;
  }

  addPayment(invoice: Invoice, values: { amountCents: number; paidOn: string; reference: string | null; recordedBy: string }): Payment {
    return this.context.em().create(Payment, { id: randomUUID(), invoice, ...values });
  }

  findPayment(invoiceId: string, paymentId: string): Promise<Payment | null> {
    return this.context.em().findOne(Payment, { id: paymentId, invoice: invoiceId });
  }

  /** The tenant's next invoice number under the counter's row lock: gapless, in issue order. */
  async nextNumber(): Promise<number> {
    const [{ last_number }] = await this.context.sql<{ last_number: string }>(`update ${this.t('invoice_counter')} set last_number = last_number + 1 returning last_number`);
    return Number(last_number);
  }

  /** One invoice as its page shows it: lines, payments, its credit notes, the invoice it credits, its reminders. */
  async detail(id: string): Promise<{ invoice: Invoice; notes: Invoice[]; creditedNumber: number | null; reminders: { count: number; last: Date | null } } | null> {
    const em = this.context.em();
    const invoice = await em.findOne(Invoice, { id }, { populate: ['lines', 'payments'], refresh: true });
    if (!invoice) return null;
    const notes = invoice.kind === 'invoice' ? await em.find(Invoice, { creditedInvoiceId: id }, { orderBy: { number: 'asc' } }) : [];
    const credited = invoice.creditedInvoiceId ? await em.findOne(Invoice, { id: invoice.creditedInvoiceId }, { fields: ['number'] }) : null;
    const [reminders] = await this.context.sql<{ count: number; last: Date | null }>(
      `select count(*)::int as count, max(sent_at) as last from ${this.t('invoice_reminder')} where invoice_id = $1`,
      [id],
    );
    return { invoice, notes, creditedNumber: credited?.number ?? null, reminders };
  }

  /**
   * A page of the customer's invoices, newest first, after the keyset cursor; one more than `limit` tells of a next
   * page. Plain rows, with their lines and payments, built as one JSON value by one parameterised statement on the
   * plain pool: the portal's "my data" reads it on every visit, and hydrating entities with their collections cost
   * the API more than PostgreSQL's answer. Read only, outside any transaction (a route's read).
   */
  async pageOfCustomer(customerId: string, after: { at: Date; id: string } | undefined, limit: number): Promise<InvoiceRow[]> {
    const params: unknown[] = [customerId];
    const keyset = after ? ` and (i.created_at, i.id) < ($${params.push(after.at)}, $${params.push(after.id)})` : '';
    const { rows } = await this.pool.query<{ page: InvoiceRow[] }>(
      `select coalesce(json_agg(x order by x."createdAt" desc, x.id desc), '[]') as page from (
         select i.id, i.kind, i.customer_id as "customerId", i.credited_invoice_id as "creditedInvoiceId", i.status, i.number, i.currency,
                i.issue_date as "issueDate", i.due_date as "dueDate", i.payment_term_days as "paymentTermDays", i.reference_number as "referenceNumber",
                i.rf_reference as "rfReference", i.buyer, i.seller, i.net_cents as "netCents", i.vat_cents as "vatCents", i.gross_cents as "grossCents",
                i.paid_cents as "paidCents", i.retain_until as "retainUntil", i.notes, i.created_at as "createdAt", i.updated_at as "updatedAt", i.version,
                coalesce((select json_agg(json_build_object('description', l.description, 'quantityMilli', l.quantity_milli, 'unitPriceCents', l.unit_price_cents,
                                                            'vatRateBp', l.vat_rate_bp, 'netCents', l.net_cents) order by l.position)
                            from ${this.t('invoice_line')} l where l.invoice_id = i.id), '[]') as lines,
                coalesce((select json_agg(json_build_object('id', p.id, 'amountCents', p.amount_cents, 'paidOn', p.paid_on, 'reference', p.reference,
                                                            'createdAt', p.created_at, 'reversedAt', p.reversed_at, 'reversalReason', p.reversal_reason)
                                          order by p.paid_on, p.created_at)
                            from ${this.t('payment')} p where p.invoice_id = i.id), '[]') as payments
           from ${this.t('invoice')} i
          where i.customer_id = $1${keyset}
          order by i.created_at desc, i.id desc
          limit $${params.push(limit + 1)}) x`,
      params,
    );
    // JSON carries timestamps as text.
    return rows[0].page.map((invoice) => ({
      ...withDates(invoice, ['createdAt', 'updatedAt']),
      payments: invoice.payments.map((p) => withDates(p, ['createdAt', 'reversedAt'])),
    }));
  }

  /** Filtered invoices across customers, overdue first, and the sums of all that match. */
  // Reads customers' table (customer: its name columns only, when the invoice has no buyer snapshot) in this one
  // statement on purpose: a deliberate read-only join. The invoice list is a hot, benchmarked page; asking
  // CustomersService for the names would cost a second round trip per page for what the join gives for free.
  async list(filter: InvoiceListFilter): Promise<{ rows: InvoiceListRow[]; sums: { count: string; gross: string; outstanding: string; overdue: string } }> {
    const overdue = `(i.kind = 'invoice' and i.status in ('issued', 'partially_paid') and i.due_date < $1::date)`;
    const where: string[] = [];
    const params: unknown[] = [filter.today];
    const and = (clause: (param: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.status) and((p) => `i.status = ${p}`, filter.status);
    if (filter.overdue !== undefined) where.push(filter.overdue ? overdue : `not ${overdue}`);
    if (filter.from) and((p) => `i.issue_date >= ${p}::date`, filter.from);
    if (filter.to) and((p) => `i.issue_date <= ${p}::date`, filter.to);
    if (filter.customerId) and((p) => `i.customer_id = ${p}`, filter.customerId);
    const clause = where.length ? ` where ${where.join(' and ')}` : '';
    const n = params.length;
    const [rows, [sums]] = await Promise.all([
      this.context.sql<InvoiceListRow>(
        `select i.id, i.kind, i.number, i.status, i.customer_id, i.currency, i.issue_date::text as issue_date, i.due_date::text as due_date,
           i.reference_number, i.gross_cents, i.paid_cents, ${overdue} as overdue,
           coalesce(i.buyer->>'name', c.company_name, nullif(btrim(coalesce(c.billing_first_name, '') || ' ' || coalesce(c.billing_last_name, '')), ''), c.contact_name) as customer_name,
           coalesce(r.count, 0) as reminder_count, r.last as last_reminder_at
         from ${this.t('invoice')} i left join ${this.t('customer')} c on c.id = i.customer_id
           left join lateral (select count(*)::int as count, max(sent_at) as last from ${this.t('invoice_reminder')} where invoice_id = i.id) r on true${clause}
         order by ${overdue} desc, i.due_date asc nulls last, i.created_at desc, i.id limit $${n + 1} offset $${n + 2}`,
        [...params, filter.limit + 1, filter.offset],
      ),
      this.context.sql<{ count: string; gross: string; outstanding: string; overdue: string }>(
        `select count(*) as count, coalesce(sum(i.gross_cents) filter (where i.status <> 'draft'), 0) as gross,
           coalesce(sum(i.gross_cents - i.paid_cents) filter (where i.kind = 'invoice' and i.status in ('issued', 'partially_paid')), 0) as outstanding,
           coalesce(sum(i.gross_cents - i.paid_cents) filter (where ${overdue}), 0) as overdue
         from ${this.t('invoice')} i${clause}`,
        params,
      ),
    ]);
    return { rows, sums };
  }

  async idsOfCustomer(customerId: string): Promise<string[]> {
    const invoices = await this.context.em().find(Invoice, { customerId }, { fields: ['id'], disableIdentityMap: true });
    return invoices.map((i) => i.id);
  }

  /** The customer's issued invoices and credit notes (not drafts): what was invoiced and paid. */
  issuedOf(customerId: string): Promise<Pick<Invoice, 'grossCents' | 'paidCents'>[]> {
    return this.context.em().find(Invoice, { customerId, status: { $ne: 'draft' } }, { fields: ['grossCents', 'paidCents'] });
  }

  /** The customer's invoices with one of these statuses, earliest due first. */
  openOf(customerId: string, statuses: string[]): Promise<Invoice[]> {
    return this.context.em().find(Invoice, { customerId, kind: 'invoice', status: { $in: statuses } }, { orderBy: { dueDate: 'asc' } });
  }

  /** Invoices and credit notes whose reference number without leading zeros is one of `keys`; with `lock`, held for update. */
  byReference(keys: string[], lock: boolean): Promise<ReferenceRow[]> {
    return this.context.sql<ReferenceRow>(
      `select id, kind, number, status, reference_number, issue_date::text as issue_date, gross_cents, paid_cents
         from ${this.t('invoice')} where ltrim(reference_number, '0') in (select jsonb_array_elements_text($1::jsonb)) order by number${lock ? ' for update' : ''}`,
      [JSON.stringify(keys)],
    );
  }

  /**
   * Deletes issued invoices and credit notes whose period is over, with their lines and payments (see
   * BillingService.purgeExpired for the rule, which audits each). Returns the counts and the deleted invoices' ids.
   */
  async purgeExpired(today: string, retentionYears: number): Promise<{ invoiceIds: string[]; lines: number; payments: number }> {
    const invoice = this.t('invoice');
    const due = `select id from ${invoice} where status <> 'draft' and retain_until is not null
      and greatest(retain_until, make_date(extract(year from issue_date)::int + $1::int, 12, 31)) < $2::date`;
    const purge = `select d.id from (${due}) d where not exists (
      select 1 from ${invoice} n where n.credited_invoice_id = d.id and n.id not in (${due}))`;
    const params = [retentionYears, today];
    // Locked first: a credit or a payment on one of them waits, and then finds it gone.
    const locked = await this.context.sql<{ id: string }>(`select id from ${invoice} where id in (${purge}) for update`, params);
    if (locked.length === 0) return { invoiceIds: [], lines: 0, payments: 0 };
    const count = async (sql: string) => Number((await this.context.sql<{ n: string }>(`with gone as (${sql} returning 1) select count(*) as n from gone`, params))[0].n);
    const payments = await count(`delete from ${this.t('payment')} where invoice_id in (${purge})`);
    const lines = await count(`delete from ${this.t('invoice_line')} where invoice_id in (${purge})`);
    const deleted = await this.context.sql<{ id: string }>(`delete from ${invoice} where id in (${purge}) returning id`, params);
    return { invoiceIds: deleted.map((r) => r.id), lines, payments };
  }

  /**
   * A customer's invoices page by page from one read-only snapshot on one connection, taken now. `close`
   * (idempotent; also run when the pages end) gives the connection back.
   */
  async snapshotOfCustomer(customerId: string, batch: number): Promise<{ pages: AsyncIterable<Invoice[]>; close: () => Promise<void> }> {
    const em = this.context.em();
    const connection = em.getConnection();
    const snapshot = await connection.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
    let open = true;
    const close = async () => {
      if (!open) return;
      open = false;
      await connection.rollback(snapshot).catch(() => undefined);
    };
    async function* pages(): AsyncGenerator<Invoice[]> {
      try {
        let after: { createdAt: Date; id: string } | undefined;
        for (;;) {
          const where = after ? { customerId, $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }] } : { customerId };
          const fork = em.fork({ clear: true });
          fork.setTransactionContext(snapshot);
          const page = await fork.find(Invoice, where, { populate: ['lines', 'payments'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: batch });
          yield page;
          if (page.length < batch) return;
          const last = page[page.length - 1];
          after = { createdAt: last.createdAt, id: last.id };
        }
      } finally {
        await close();
      }
    }
    return { pages: pages(), close };
  }

  // ---- reminders

  async invoiceExists(id: string): Promise<boolean> {
    return (await this.context.sql(`select id from ${this.t('invoice')} where id = $1`, [id])).length > 0;
  }

  remindersOf(invoiceId: string): Promise<ReminderRow[]> {
    return this.context.sql<ReminderRow>(`select id, ordinal, kind, sent_at, actor, lang, message_id from ${this.t('invoice_reminder')} where invoice_id = $1 order by ordinal`, [invoiceId]);
  }

  /** How many reminders the invoice has had and when the last was sent. */
  async reminderCount(invoiceId: string): Promise<{ count: number; last: Date | null }> {
    const [row] = await this.context.sql<{ count: number; last: Date | null }>(`select count(*)::int as count, max(sent_at) as last from ${this.t('invoice_reminder')} where invoice_id = $1`, [invoiceId]);
    return row;
  }

  async insertReminder(r: { id: string; invoiceId: string; ordinal: number; kind: string; sentAt: Date; actor: string; messageId: string; lang: string }): Promise<void> {
    await this.context.sql(`insert into ${this.t('invoice_reminder')} (id, invoice_id, ordinal, kind, sent_at, actor, message_id, lang) values ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      r.id,
      r.invoiceId,
      r.ordinal,
      r.kind,
      r.sentAt,
      r.actor,
      r.messageId,
      r.lang,
    ]);
  }

  /** The invoice's status and what is open of it, held for update; null when it is gone. */
  async lockOpenAmount(id: string): Promise<{ status: string; open: string } | null> {
    const [row] = await this.context.sql<{ status: string; open: string }>(`select status, gross_cents - paid_cents as open from ${this.t('invoice')} where id = $1 for update`, [id]);
    return row ?? null;
  }

  async reminderSettings(): Promise<ReminderSettingsRow> {
    const [row] = await this.context.sql<ReminderSettingsRow>(`select ${SETTINGS_COLUMNS} from ${this.t('reminder_settings')} where id = 1`);
    return row;
  }

  /** Null when `version` is stale (nothing changed). */
  async updateReminderSettings(s: { enabled: boolean; daysAfterDue: number; maxReminders: number; minIntervalDays: number; at: Date; actor: string; version: number }): Promise<ReminderSettingsRow | null> {
    const [row] = await this.context.sql<ReminderSettingsRow>(
      `update ${this.t('reminder_settings')} set enabled = $1, days_after_due = $2, max_reminders = $3, min_interval_days = $4, updated_at = $5, updated_by = $6, version = version + 1
       where id = 1 and version = $7 returning ${SETTINGS_COLUMNS}`,
      [s.enabled, s.daysAfterDue, s.maxReminders, s.minIntervalDays, s.at, s.actor, s.version],
    );
    return row ?? null;
  }

  /**
   * Open invoices due by `dueBy` with fewer than `maxReminders` reminders, none sent after `intervalFrom` (a
   * Finnish calendar date), with whether their customer may not be reminded (erased, restricted, or with an
   * erasure or restriction request open).
   */
  // Reads customers' table (customer.restricted_at) and requests' (data_subject_request: open erasure and
  // restriction requests) in this one statement on purpose: a deliberate read-only join. RequestsModule imports
  // BillingModule, so billing cannot ask RequestsService (a circular import); and deciding per invoice in the
  // service would cost a round trip per candidate in the reminder job.
  reminderCandidates(dueBy: string, maxReminders: number, intervalFrom: string): Promise<{ id: string; restricted: boolean }[]> {
    const reminder = this.t('invoice_reminder');
    return this.context.sql<{ id: string; restricted: boolean }>(
      `select i.id,
         (i.customer_id is null or c.id is null or c.restricted_at is not null or exists (
            select 1 from ${this.t('data_subject_request')} r where r.customer_id = i.customer_id
              and r.type in ('restriction', 'erasure') and r.state in ('received', 'verified', 'in_progress'))) as restricted
       from ${this.t('invoice')} i left join ${this.t('customer')} c on c.id = i.customer_id
       where i.kind = 'invoice' and i.status in ('issued', 'partially_paid') and i.due_date <= $1::date
         and (select count(*) from ${reminder} r where r.invoice_id = i.id) < $2
         and not exists (select 1 from ${reminder} r where r.invoice_id = i.id and (r.sent_at at time zone 'Europe/Helsinki')::date > $3::date)
       order by i.due_date, i.number`,
      [dueBy, maxReminders, intervalFrom],
    );
  }

  // ---- VAT rates (the seller, the tenant's row of the platform registry, is TenancyService's)

  /** The Finnish VAT rates in force on `date` (platform.vat_rate; no tenant needed), highest first. */
  vatRatesOn(date: string): Promise<{ rate_bp: number; description: string; valid_from: string; valid_to: string | null }[]> {
    return boundSql(this.orm.em.fork())(
      `select rate_bp, description, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to
         from platform.vat_rate where country = 'FI' and valid_from <= $1::date and (valid_to is null or valid_to >= $1::date)
         order by rate_bp desc`,
      [date],
    );
  }

  /**
   * The bound tenant's issued invoices and credit notes, each with its lines and payments as one JSON document, and
   * the date it is kept until (the later of its legal hold and the end of its issue year plus `legalRetentionYears`).
   */
  archiveDocuments(legalRetentionYears: number): Promise<InvoiceArchiveRow[]> {
    return this.context.sql<InvoiceArchiveRow>(
      `select i.id as invoice_id, i.kind, i.number as invoice_number, i.issue_date::text as issue_date,
              greatest(i.retain_until, make_date(extract(year from i.issue_date)::int + $1::int, 12, 31))::text as keep_until,
              jsonb_build_object(
                'invoice', to_jsonb(i),
                'lines', coalesce((select jsonb_agg(to_jsonb(l) order by l.position) from ${this.t('invoice_line')} l where l.invoice_id = i.id), '[]'::jsonb),
                'payments', coalesce((select jsonb_agg(to_jsonb(p) order by p.paid_on, p.created_at) from ${this.t('payment')} p where p.invoice_id = i.id), '[]'::jsonb)
              ) as document
         from ${this.t('invoice')} i
        where i.status <> 'draft' and i.issue_date is not null
        order by i.issue_date, i.number`,
      [legalRetentionYears],
    );
  }
}
