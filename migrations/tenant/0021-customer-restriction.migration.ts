// Restriction of processing (GDPR Art. 18): completing a restriction request marks the customer restricted
// (since when, why, by which request); while marked, the record is only stored (no marketing, no edits, no
// invoices). The owner lifts it with a reason after telling the person (Art. 18(3)).
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantCustomerRestriction: SchemaMigration = {
  name: '0021-customer-restriction',
  async up(db: MigrationContext) {
    // Columns first, then each check by name in its own statement (Citus refuses a constraint added with its column).
    await db.execute(`alter table customer add column restricted_at timestamptz, add column restriction_reason text, add column restriction_request_id uuid`);
    // The last lift, kept for accountability (Art. 5(2)): when and why (the person was sent the reason).
    await db.execute(`alter table customer add column restriction_lifted_at timestamptz, add column restriction_lift_reason text`);
    await db.execute(`alter table customer add constraint customer_restriction_reason_check check (length(restriction_reason) between 1 and 2000)`);
    await db.execute(`alter table customer add constraint customer_restriction_lift_reason_check check (length(restriction_lift_reason) between 1 and 2000)`);
    await db.execute(`alter table customer add constraint customer_restriction_complete_check check ((restricted_at is null) = (restriction_reason is null) and (restricted_at is not null or restriction_request_id is null))`);
  },
};
