// The password reset tokens of every realm (platform.password_reset): only their SHA-256 is stored.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { DatabaseContext, PG_POOL } from '@app/database';

export type AccountRealm = 'platform' | 'tenant-staff' | 'customer';

/** Where a token belongs: its realm, and the tenant for the two tenant realms (null for platform staff). */
export interface ResetScope {
  realm: AccountRealm;
  tenantId: string | null;
}

@Injectable()
export class PasswordResetRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly database: DatabaseContext,
  ) {}

  /**
   * Runs fn in one transaction: the bound tenant's for the tenant realms (the account's row and audit entry are in
   * its schema), a platform one otherwise. The token, the password and the ended sessions all go in it.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.database.transaction(fn);
  }

  async issue(scope: ResetScope, accountId: string, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
    await this.pool.query(
      `insert into platform.password_reset (id, realm, tenant_id, account_id, token_hash, requested_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), scope.realm, scope.tenantId, accountId, tokenHash, now, expiresAt],
    );
  }

  /** The account a usable token of this realm and tenant is for; null for any other token. Takes no lock. */
  async findUsable(scope: ResetScope, tokenHash: string, now: Date): Promise<string | null> {
    const { rows } = await this.pool.query<{ account_id: string }>(
      `select account_id from platform.password_reset
        where token_hash = $1 and realm = $2 and tenant_id is not distinct from $3 and used_at is null and expires_at > $4`,
      [tokenHash, scope.realm, scope.tenantId, now],
    );
    return rows[0]?.account_id ?? null;
  }

  /**
   * Uses the token up, and with it every other open token of the account: true when this call did it. One
   * statement decides, so of two completions racing with one token only one wins. In the caller's transaction
   * (the new password and the ended sessions go with it: call it inside `transaction`).
   */
  async consume(scope: ResetScope, tokenHash: string, accountId: string, now: Date): Promise<boolean> {
    const sql = <T>(text: string, values: unknown[]) => this.database.sql<T>(text, values);
    const used = await sql(
      `update platform.password_reset set used_at = $1
        where token_hash = $2 and realm = $3 and tenant_id is not distinct from $4 and account_id = $5 and used_at is null and expires_at > $6
        returning id`,
      [now, tokenHash, scope.realm, scope.tenantId, accountId, now],
    );
    if (!used.length) return false;
    await sql(`update platform.password_reset set used_at = $1 where realm = $2 and tenant_id is not distinct from $3 and account_id = $4 and used_at is null`, [
      now,
      scope.realm,
      scope.tenantId,
      accountId,
    ]);
    return true;
  }

  /**
   * Forgets tokens a day after they expired. A used platform token stays: it is the platform's record that the
   * password was reset (the tenant realms record it in the tenant's audit trail).
   */
  async purgeExpired(now: Date): Promise<void> {
    await this.pool.query(`delete from platform.password_reset where expires_at < $1::timestamptz - interval '1 day' and (realm <> 'platform' or used_at is null)`, [now]);
  }
}
