// Password reset for every realm (platform staff, tenant staff, portal customers): one table of one-time tokens,
// kept hashed. The realm and the tenant are part of the key a token is found by, so a token of one tenant or
// realm is useless in another.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformPasswordReset: SchemaMigration = {
  name: '0011-password-reset',
  async up(db: MigrationContext) {
    await db.execute(`
      create table password_reset (
        id uuid primary key,
        realm text not null check (realm in ('platform', 'tenant-staff', 'customer')),
        tenant_id uuid references tenant (id) on delete cascade,
        account_id uuid not null,
        token_hash text not null unique,
        requested_at timestamptz(3) not null,
        expires_at timestamptz(3) not null,
        used_at timestamptz(3),
        constraint password_reset_tenant check ((realm = 'platform') = (tenant_id is null))
      )`);
    await db.execute(`create index password_reset_account_idx on password_reset (account_id)`);
    await db.execute(`create index password_reset_expires_idx on password_reset (expires_at)`);
  },
};
