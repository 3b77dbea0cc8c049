// A payment recorded by mistake is reversed, never deleted: the row stays with who reversed it, when and why,
// and no longer counts towards the invoice's paid sum.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantPaymentReversals: SchemaMigration = {
  name: '0019-payment-reversals',
  async up(db: MigrationContext) {
    await db.execute(`alter table payment add column reversed_at timestamptz(3), add column reversed_by text, add column reversal_reason text`);
    // Each constraint named and in its own statement: Citus refuses unnamed ones added with a column, and an
    // ADD CONSTRAINT beside other subcommands.
    await db.execute(`alter table payment add constraint payment_reversal_reason_check check (char_length(reversal_reason) between 3 and 500)`);
    await db.execute(`
      alter table payment add constraint payment_reversal_complete
        check ((reversed_at is null) = (reversed_by is null) and (reversed_at is null) = (reversal_reason is null))`);
  },
};
