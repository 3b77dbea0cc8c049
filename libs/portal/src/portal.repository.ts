// The portal module's tables: customers' portal accounts (`portal_account`) and their one-time invitations
// (`portal_invitation`). Writes go through the tenant context's open transaction (TenantContext.transaction); the
// principal re-read of every portal request is one plain statement on the pool (it needs no tenant scope).
import { Inject, Injectable } from '@nestjs/common';
import { ForeignKeyConstraintViolationException, LockMode } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { quoteIdent, PG_POOL } from '@app/database';
import { TenantContext, tenantSchemaName } from '@app/tenancy';
import { PortalAccount, PortalInvitation } from './portal-account.entity';

@Injectable()
export class PortalRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The customer's account, created if absent, then locked: two concurrent invitations of one customer queue up here. */
  async ensureAccountLocked(customerId: string): Promise<PortalAccount> {
    const em = this.context.em();
    await em.createQueryBuilder(PortalAccount).insert({ customerId }).onConflict('customerId').ignore().execute();
    return em.findOneOrFail(PortalAccount, { customerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** A new invitation replaces the customer's unused earlier ones. */
  async replaceInvitation(invitation: { id: string; customerId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    const em = this.context.em();
    await em.nativeDelete(PortalInvitation, { customerId: invitation.customerId, acceptedAt: null });
    em.create(PortalInvitation, invitation as PortalInvitation);
  }

  /** The unused, unexpired invitation with this token hash (under a row lock when asked); null when none. */
  usableInvitation(tokenHash: string, now: Date, lock = false): Promise<PortalInvitation | null> {
    const usable = { tokenHash, acceptedAt: null, expiresAt: { $gt: now } };
    return this.context.em().findOne(PortalInvitation, usable, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** The customer's account unless disabled, under a row lock; null when none. */
  activeAccountLocked(customerId: string): Promise<PortalAccount | null> {
    return this.context.em().findOne(PortalAccount, { customerId, disabledAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The invitation used up and the account's password set (written when the open transaction commits). */
  accept(invitation: PortalInvitation, account: PortalAccount, passwordHash: string, at: Date): void {
    invitation.acceptedAt = at;
    account.passwordHash = passwordHash;
  }

  /** The account that may sign in (not disabled, has a password), with its password hash; null when none. */
  loginAccount(customerId: string, withPasswordHash = false): Promise<PortalAccount | null> {
    const where = { customerId, disabledAt: null, passwordHash: { $ne: null } };
    return withPasswordHash
      ? this.context.em().findOne(PortalAccount, where, { populate: ['passwordHash'] })
      : this.context.em().findOne(PortalAccount, where, { disableIdentityMap: true });
  }

  async setPasswordHash(customerId: string, passwordHash: string): Promise<void> {
    await this.context.em().nativeUpdate(PortalAccount, { customerId }, { passwordHash });
  }

  async recordLogin(customerId: string, at: Date, rehashed?: string): Promise<void> {
    await this.context.em().nativeUpdate(PortalAccount, { customerId }, rehashed ? { lastLoginAt: at, passwordHash: rehashed } : { lastLoginAt: at });
  }

  async flush(): Promise<void> {
    await this.context.em().flush();
  }

  /** The write failed because the customer it names is gone (erased meanwhile). */
  isMissingCustomer(error: unknown): boolean {
    return error instanceof ForeignKeyConstraintViolationException;
  }

  /**
   * Every portal request re-reads its customer: one parameterised statement on the plain pool, like the staff's
   * (TenancyService.findActiveStaff; bench/README.md, "portal"). It reads the customer's e-mail beside the account
   * here rather than through CustomersService, which would be two more round trips a request.
   */
  async principal(tenantId: string, customerId: string): Promise<{ id: string; email: string; slug: string } | null> {
    const schema = quoteIdent(tenantSchemaName(tenantId));
    // reads customers' table and tenancy's platform.tenant: kept in this one statement for speed (see above)
    const { rows } = await this.pool.query<{ id: string; email: string; slug: string }>(
      `select c.id, c.email, t.slug
         from ${schema}.portal_account a
         join ${schema}.customer c on c.id = a.customer_id
         join platform.tenant t on t.id = $1 and t.status = 'active' and t.schema_name = $2
        where a.customer_id = $3 and a.disabled_at is null and a.password_hash is not null and c.email is not null`,
      [tenantId, tenantSchemaName(tenantId), customerId],
    );
    return rows[0] ?? null;
  }
}
