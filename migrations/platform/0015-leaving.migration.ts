// Leaving the platform (issue 14 item 12): the owner's request and its grace period on the tenant row, the
// status `left` once the schema is gone, and the archive of issued invoices the platform keeps for their legal
// period (Kirjanpitolaki 2:10) after the tenant's own schema has been dropped.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformLeaving: SchemaMigration = {
  name: '0015-leaving',
  async up(db: MigrationContext) {
    await db.execute(`alter table tenant add column leaving_requested_at timestamptz(3)`);
    await db.execute(`alter table tenant add column leave_after timestamptz(3)`);
    await db.execute(`alter table tenant add column leaving_requested_by text`);
    await db.execute(`alter table tenant add column leave_reason text`);
    await db.execute(`alter table tenant add column left_at timestamptz(3)`);
    await db.execute(`alter table tenant drop constraint tenant_status_check`);
    await db.execute(`alter table tenant add constraint tenant_status_check check (status in ('active', 'suspended', 'left'))`);
    await db.execute(`alter table tenant add constraint tenant_leave_request check ((leaving_requested_at is null) = (leave_after is null) and (leaving_requested_at is null) = (leaving_requested_by is null))`);
    await db.execute(`alter table tenant add constraint tenant_left_at check ((status = 'left') = (left_at is not null))`);
    await db.execute(`alter table tenant add constraint tenant_leave_reason_length check (char_length(leave_reason) <= 2000)`);
    await db.execute(`create index tenant_leave_after_idx on tenant (leave_after) where leave_after is not null and status <> 'left'`);
    await db.execute(`
      create table invoice_archive (
        tenant_id uuid not null,
        invoice_id uuid not null,
        kind text not null,
        invoice_number bigint,
        issue_date date not null,
        keep_until date not null,
        document jsonb not null,
        archived_at timestamptz(3) not null default now(),
        constraint invoice_archive_pkey primary key (tenant_id, invoice_id),
        constraint invoice_archive_tenant_fkey foreign key (tenant_id) references tenant (id)
      )`);
    await db.execute(`create index invoice_archive_keep_until_idx on invoice_archive (keep_until)`);
  },
};
