// Customers flagged by the retention run for review: their relationship seems to have ended (no invoice and no
// portal login for the register settings' review period). A flag is a prompt for staff, not a decision.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantRetention: SchemaMigration = {
  name: '0008-retention',
  async up(db: MigrationContext) {
    await db.execute(`
      create table retention_review (
        customer_id uuid primary key references customer (id) on delete cascade,
        -- The latest of: added to the register, last portal login, last invoice.
        last_activity_at timestamptz(3) not null,
        review_after_months integer not null,
        -- Milliseconds, like the list cursor that pages by it.
        flagged_at timestamptz(3) not null default now()
      )`);
    await db.execute(`create index retention_review_list_idx on retention_review (flagged_at, customer_id)`);
  },
};
