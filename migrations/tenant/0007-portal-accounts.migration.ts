// The customer portal's accounts and their one-time invitations. An account is the customer's own row
// (keyed by the customer id) and goes with the customer when the record is deleted.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantPortalAccounts: SchemaMigration = {
  name: '0007-portal-accounts',
  async up(db: MigrationContext) {
    await db.execute(`
      create table portal_account (
        customer_id uuid primary key references customer (id) on delete cascade,
        -- Null until the customer accepts an invitation and sets a password.
        password_hash text,
        disabled_at timestamptz(3),
        last_login_at timestamptz(3),
        created_at timestamptz(3) not null default now()
      )`);
    await db.execute(`
      create table portal_invitation (
        id uuid primary key,
        customer_id uuid not null references customer (id) on delete cascade,
        token_hash text not null unique,
        expires_at timestamptz(3) not null,
        accepted_at timestamptz(3),
        created_at timestamptz(3) not null default now()
      )`);
    await db.execute(`create index portal_invitation_customer_idx on portal_invitation (customer_id)`);
  },
};
