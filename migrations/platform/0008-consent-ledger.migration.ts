// Withdrawals of consent and suppressed addresses, mirrored outside the tenant schemas (ids and hashes only),
// so that restoring a tenant from an older backup cannot bring back consent that was withdrawn since.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformConsentLedger: SchemaMigration = {
  name: '0008-consent-ledger',
  async up(db: MigrationContext) {
    await db.execute(`
      create table consent_withdrawal_ledger (
        tenant_id uuid not null,
        customer_id uuid not null,
        purpose text not null,
        channel text not null,
        actor text not null,
        withdrawn_at timestamptz(3) not null,
        primary key (tenant_id, customer_id, purpose, withdrawn_at)
      )`);
    await db.execute(`
      create table suppression_ledger (
        tenant_id uuid not null,
        email_sha256 text not null,
        reason text not null,
        created_at timestamptz(3) not null default now(),
        primary key (tenant_id, email_sha256)
      )`);
  },
};
