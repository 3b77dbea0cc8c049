// Importing customers from a CSV file, and merging two records of one customer.
// - customer_import: an uploaded file between its upload and its import (the decoded text is personal data:
//   it is cleared once imported, and a file left unimported is purged a day later by the next upload).
// - customer_import_mapping: the column mapping last used, remembered per tenant (header -> field).
// - consent given in an old system arrives with the channel 'import'.
// - the consent ledger stays append-only; the one change allowed is a merge re-pointing an event, unchanged in
//   every other column, to the customer kept, inside a transaction that says so (`set local`).
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantCustomerImportMerge: SchemaMigration = {
  name: '0015-customer-import-merge',
  async up(db: MigrationContext) {
    await db.execute(`
      create table customer_import (
        id uuid primary key,
        created_by text not null,
        created_at timestamptz(3) not null default now(),
        file_name text not null,
        encoding text not null,
        separator text not null,
        header text[] not null,
        row_count integer not null,
        -- The decoded file; null once imported.
        content text,
        state text not null default 'uploaded' check (state in ('uploaded', 'importing', 'imported', 'failed')),
        processed integer not null default 0,
        result jsonb
      )`);
    await db.execute(`
      create table customer_import_mapping (
        singleton boolean primary key default true check (singleton),
        mapping jsonb not null,
        updated_at timestamptz(3) not null default now()
      )`);
    await db.execute(`alter table consent_event drop constraint consent_event_channel_check`);
    await db.execute(`alter table consent_event add constraint consent_event_channel_check
      check (channel in ('portal', 'staff_written_request', 'email_link', 'objection', 'import'))`);
    await db.execute(`
      create or replace function consent_event_append_only() returns trigger language plpgsql as $$
      begin
        -- Every column but the customer's the same (compared as whole rows, so columns added later are covered).
        if current_setting('rekisteri.customer_merge', true) = 'on'
           and to_jsonb(new) - 'customer_id' = to_jsonb(old) - 'customer_id' then
          return new;
        end if;
        raise exception 'consent_event is append-only';
      end $$`);
  },
};
