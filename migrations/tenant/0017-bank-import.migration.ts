// Payments from the bank: imported statement files and their entries. A file is booked once (its hash is
// unique), and so is a payment (the bank's archive id is unique among the entries that were not duplicates).
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantBankImport: SchemaMigration = {
  name: '0017-bank-import',
  async up(db: MigrationContext) {
    await db.execute(`
      create table bank_import (
        id uuid primary key,
        file_name text not null check (length(file_name) between 1 and 255),
        format text not null check (format in ('camt054', 'ktl')),
        file_sha256 text not null unique check (file_sha256 ~ '^[0-9a-f]{64}$'),
        imported_by text not null,
        imported_at timestamptz(3) not null
      )`);
    await db.execute(`create index bank_import_recent_idx on bank_import (imported_at desc, id desc)`);
    await db.execute(`
      create table bank_entry (
        id uuid primary key,
        import_id uuid not null references bank_import (id),
        position integer not null,
        line integer not null,
        archive_id text not null,
        amount_cents bigint not null check (amount_cents > 0),
        currency char(3) not null,
        booked_on date not null,
        reference text,
        -- The payer as the bank names them: personal data, kept with the bank record it belongs to.
        payer_name text,
        status text not null check (status in ('matched', 'overpaid', 'unmatched', 'duplicate')),
        reason text,
        invoice_id uuid references invoice (id) on delete set null,
        -- Numbers as they were when booked: the invoice may later be purged after its legal period.
        invoice_number bigint,
        booked_cents bigint not null default 0 check (booked_cents >= 0),
        open_cents bigint not null default 0 check (open_cents >= 0),
        -- The entry of an earlier import that booked this payment (no foreign key: a restore loads rows in any order).
        duplicate_of uuid,
        resolution text check (resolution in ('assigned', 'noted')),
        resolution_note text,
        resolved_invoice_id uuid references invoice (id) on delete set null,
        resolved_invoice_number bigint,
        resolved_by text,
        resolved_at timestamptz(3),
        unique (import_id, position),
        check (booked_cents + open_cents <= amount_cents),
        check ((resolution is null) = (resolved_at is null))
      )`);
    // The database's own guard against booking one payment twice, also when two imports run at once.
    await db.execute(`create unique index bank_entry_archive_uq on bank_entry (archive_id) where status <> 'duplicate'`);
    await db.execute(`create index bank_entry_open_idx on bank_entry (booked_on, id) where status in ('unmatched', 'overpaid') and resolved_at is null`);
  },
};
