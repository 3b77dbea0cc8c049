// Data-subject requests with their legal deadlines, and the erasure ledger (no personal data) that
// proves erasures happened and is re-applied after a restore.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantRequests: SchemaMigration = {
  name: '0006-requests',
  async up(db: MigrationContext) {
    await db.execute(`
      create table data_subject_request (
        id uuid primary key,
        customer_id uuid references customer (id) on delete set null,
        type text not null check (type in ('access', 'rectification', 'erasure', 'objection')),
        channel text not null check (channel in ('portal', 'email', 'letter')),
        received_at timestamptz(3) not null,
        due_at timestamptz(3) not null,
        extended_at timestamptz(3),
        extension_reason text,
        state text not null default 'received' check (state in ('received', 'verified', 'in_progress', 'completed', 'rejected')),
        verified_by text,
        verified_at timestamptz(3),
        verification_method text,
        decided_by text,
        decided_at timestamptz(3),
        rejection_reason text,
        override_reason text,
        details text,
        recorded_by text not null,
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        version integer not null default 1,
        check ((state = 'rejected') = (rejection_reason is not null)),
        check ((extended_at is null) = (extension_reason is null))
      )`);
    await db.execute(`create index dsr_open_due_idx on data_subject_request (due_at) where state in ('received', 'verified', 'in_progress')`);
    await db.execute(`create index dsr_customer_idx on data_subject_request (customer_id, type, decided_at)`);
    await db.execute(`
      create table erasure_ledger (
        customer_id uuid primary key,
        request_id uuid,
        erased_at timestamptz(3) not null default now(),
        invoices_retained integer not null
      )`);
  },
};
