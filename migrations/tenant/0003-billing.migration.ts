// Billing: invoices with lines, gapless per-tenant numbers, payments and credit notes (never deletes).
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantBilling: SchemaMigration = {
  name: '0003-billing',
  async up(db: MigrationContext) {
    // One row; issuing takes its lock, so numbers are gapless and in issue order.
    await db.execute(`create table invoice_counter (singleton boolean primary key default true check (singleton), last_number bigint not null default 0)`);
    await db.execute(`insert into invoice_counter default values`);
    await db.execute(`
      create table invoice (
        id uuid primary key,
        kind text not null default 'invoice' check (kind in ('invoice', 'credit_note')),
        customer_id uuid references customer (id) on delete set null,
        credited_invoice_id uuid references invoice (id),
        status text not null default 'draft' check (status in ('draft', 'issued', 'partially_paid', 'paid', 'credited')),
        number bigint unique,
        currency char(3) not null default 'EUR',
        issue_date date,
        due_date date,
        payment_term_days integer not null default 14 check (payment_term_days between 0 and 365),
        reference_number text,
        rf_reference text,
        buyer jsonb,
        seller jsonb,
        net_cents bigint not null default 0,
        vat_cents bigint not null default 0,
        gross_cents bigint not null default 0,
        paid_cents bigint not null default 0,
        retain_until date,
        notes text,
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        version integer not null default 1,
        check ((status = 'draft') = (number is null))
      )`);
    await db.execute(`create index invoice_customer_idx on invoice (customer_id, created_at desc, id desc)`);
    await db.execute(`create index invoice_open_idx on invoice (due_date) where status in ('issued', 'partially_paid')`);
    await db.execute(`
      create table invoice_line (
        id uuid primary key,
        invoice_id uuid not null references invoice (id) on delete cascade,
        position integer not null,
        description text not null,
        quantity_milli bigint not null,
        unit_price_cents bigint not null,
        vat_rate_bp integer not null,
        net_cents bigint not null,
        unique (invoice_id, position)
      )`);
    await db.execute(`
      create table payment (
        id uuid primary key,
        invoice_id uuid not null references invoice (id),
        amount_cents bigint not null check (amount_cents > 0),
        paid_on date not null,
        reference text,
        recorded_by text not null,
        created_at timestamptz(3) not null default now()
      )`);
    await db.execute(`create index payment_invoice_idx on payment (invoice_id)`);
  },
};
