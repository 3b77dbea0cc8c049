// Payment reminders for overdue invoices (issue 15): each reminder sent, manual or by the nightly job, and the
// tenant's setting for the automatic ones (off until the owner turns it on). A reminder's ordinal is unique per
// invoice: the nightly job, run twice, records (and sends) the same reminder once.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantInvoiceReminders: SchemaMigration = {
  name: '0022-invoice-reminders',
  async up(db: MigrationContext) {
    await db.execute(`
      create table invoice_reminder (
        id uuid not null,
        invoice_id uuid not null,
        ordinal integer not null,
        kind text not null,
        sent_at timestamptz(3) not null,
        actor text not null,
        -- The outbox message that carried it.
        message_id uuid not null,
        lang text not null,
        constraint invoice_reminder_pkey primary key (id),
        constraint invoice_reminder_invoice_fk foreign key (invoice_id) references invoice (id) on delete cascade,
        constraint invoice_reminder_ordinal_uq unique (invoice_id, ordinal),
        constraint invoice_reminder_ordinal_check check (ordinal >= 1),
        constraint invoice_reminder_kind_check check (kind in ('manual', 'automatic')),
        constraint invoice_reminder_lang_check check (lang in ('fi', 'en'))
      )`);
    await db.execute(`
      create table reminder_settings (
        -- Exactly one row.
        id smallint not null default 1,
        enabled boolean not null default false,
        days_after_due integer not null default 14,
        max_reminders integer not null default 2,
        min_interval_days integer not null default 14,
        updated_at timestamptz(3) not null default now(),
        updated_by text,
        version integer not null default 1,
        constraint reminder_settings_pkey primary key (id),
        constraint reminder_settings_single check (id = 1),
        constraint reminder_settings_days_check check (days_after_due between 1 and 365),
        constraint reminder_settings_max_check check (max_reminders between 1 and 10),
        constraint reminder_settings_interval_check check (min_interval_days between 14 and 365)
      )`);
    await db.execute('insert into reminder_settings default values');
  },
};
