// Customers' portal accounts in the tenant in scope: invitations with hashed one-time tokens, first (or
// reset) passwords, and what login and session loading need. Registered with AuthService at start.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { type EntityManager, ForeignKeyConstraintViolationException, LockMode } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { hashToken, invitationExpiry, newToken, NotFoundProblem, principalKey } from '@app/core';
import { AuthService, type CustomerAccounts, type ResettableAccount, PasswordPolicy, PasswordService, personalWords } from '@app/auth';
import { type CustomerView, CustomersService } from '@app/customers';
import { PG_POOL, quoteIdent } from '@app/database';
import { AuditTrailService, TenantContext, tenantSchemaName } from '@app/tenancy';
import { PortalAccount, PortalInvitation } from './portal-account.entity';
import { PortalErrorCode, PortalException } from './portal.errors';

export interface IssuedPortalInvitation {
  customerId: string;
  email: string;
  token: string;
  expiresAt: Date;
}

@Injectable()
export class PortalAccountsService implements CustomerAccounts, OnModuleInit {
  constructor(
    private readonly context: TenantContext,
    private readonly customers: CustomersService,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly audit: AuditTrailService,
    private readonly auth: AuthService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onModuleInit(): void {
    this.auth.useCustomerAccounts(this);
  }

  /**
   * Issues a one-time invitation link for the customer, creating their account on the first one.
   * A new invitation replaces any unused earlier one, and also serves as a password reset.
   */
  async invite(customerId: string, actor: string): Promise<IssuedPortalInvitation> {
    const customer = await this.customers.get(customerId);
    if (!customer.email) throw new PortalException(PortalErrorCode.EmailRequired, 'Add an e-mail address to the customer first.');
    const email = customer.email;
    try {
      return await this.context.em().transactional(async (em) => {
        // Insert-if-absent, then lock: two concurrent invitations of one customer queue up here.
        await em.createQueryBuilder(PortalAccount).insert({ customerId }).onConflict('customerId').ignore().execute();
        const account = await em.findOneOrFail(PortalAccount, { customerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (account.disabledAt) throw new PortalException(PortalErrorCode.AccountDisabled);
        await em.nativeDelete(PortalInvitation, { customerId, acceptedAt: null });
        const { token, hash } = newToken();
        const expiresAt = invitationExpiry();
        em.create(PortalInvitation, { id: randomUUID(), customerId, tokenHash: hash, expiresAt });
        this.audit.record({ actor, action: 'portal.invited', subjectType: 'customer', subjectId: customerId, fields: [] }, em);
        return { customerId, email, token, expiresAt };
      });
    } catch (error) {
      // The customer was erased between the read above and the insert.
      if (error instanceof ForeignKeyConstraintViolationException) throw new NotFoundProblem('customer');
      throw error;
    }
  }

  /** Sets the password from an invitation. The invitation is consumed under a row lock, so a token works once. */
  async accept(token: string, password: string): Promise<void> {
    const usable = { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { $gt: new Date() } };
    // A cheap look first, so a stream of made-up tokens to this public route costs no password check or argon2 work.
    const pending = await this.context.em().findOne(PortalInvitation, usable);
    if (!pending) throw new PortalException(PortalErrorCode.InvitationInvalid);
    const customer = await this.customers.get(pending.customerId);
    this.policy.assertAcceptable(password, personalWords(...this.personal(customer)));
    const passwordHash = await this.passwords.hash(password);
    await this.context.em().transactional(async (em) => {
      const invitation = await em.findOne(PortalInvitation, usable, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const account = invitation && (await em.findOne(PortalAccount, { customerId: invitation.customerId, disabledAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE }));
      if (!invitation || !account) throw new PortalException(PortalErrorCode.InvitationInvalid);
      invitation.acceptedAt = new Date();
      account.passwordHash = passwordHash;
      const actor = principalKey({ kind: 'customer', id: account.customerId, tenantId: this.context.tenant.tenantId });
      this.audit.record({ actor, action: 'portal.invitation_accepted', subjectType: 'customer', subjectId: account.customerId, fields: ['password'] }, em);
    });
  }

  /** A customer who may reset their portal password (has one, not disabled), by e-mail; for PasswordResetService. */
  async findForReset(email: string): Promise<ResettableAccount | null> {
    const found = await this.findForLogin(email);
    return found && this.findResettable(found.id);
  }

  async findResettable(customerId: string): Promise<ResettableAccount | null> {
    const account = await this.context.em().findOne(PortalAccount, { customerId, disabledAt: null, passwordHash: { $ne: null } }, { disableIdentityMap: true });
    const customer = account && (await this.customerOnRecord(customerId));
    return customer?.email ? { id: customer.id, email: customer.email, personal: this.personal(customer) } : null;
  }

  /** The new password from a reset link, recorded in the audit trail as the customer's own act. */
  async resetPassword(customerId: string, passwordHash: string, em: EntityManager): Promise<void> {
    await em.nativeUpdate(PortalAccount, { customerId }, { passwordHash });
    const actor = principalKey({ kind: 'customer', id: customerId, tenantId: this.context.tenant.tenantId });
    this.audit.record({ actor, action: 'portal.password_reset', subjectType: 'customer', subjectId: customerId, fields: ['password'] }, em);
  }

  /** The customer, or null once erased; a database outage is no "not found" and goes on up (a 503). */
  private customerOnRecord(customerId: string): Promise<CustomerView | null> {
    return this.customers.get(customerId).catch((error: unknown) => {
      if (error instanceof NotFoundProblem) return null;
      throw error;
    });
  }

  private personal(customer: CustomerView): (string | null | undefined)[] {
    return [customer.email, customer.contactName, customer.billingFirstName, customer.billingLastName, customer.companyName, this.context.tenant.slug];
  }

  async findForLogin(email: string): Promise<{ id: string; passwordHash: string } | null> {
    const customer = await this.customers.findByEmail(email);
    if (!customer) return null;
    const account = await this.context.em().findOne(PortalAccount, { customerId: customer.id, disabledAt: null, passwordHash: { $ne: null } }, { populate: ['passwordHash'] });
    return account?.passwordHash ? { id: customer.id, passwordHash: account.passwordHash } : null;
  }

  /**
   * Every portal request re-reads its customer: one parameterised statement on the plain pool, like the staff's
   * (TenancyService.findActiveStaff; bench/README.md, "portal"). It reads the customer's e-mail beside the account
   * here rather than through CustomersService, which would be two more round trips a request. Without an e-mail
   * address the customer cannot be signed in: the session ends with it.
   */
  async loadPrincipal(tenantId: string, customerId: string): Promise<{ id: string; email: string; tenantSlug: string } | null> {
    const schema = quoteIdent(tenantSchemaName(tenantId));
    const { rows } = await this.pool.query<{ id: string; email: string; slug: string }>(
      `select c.id, c.email, t.slug
         from ${schema}.portal_account a
         join ${schema}.customer c on c.id = a.customer_id
         join platform.tenant t on t.id = $1 and t.status = 'active' and t.schema_name = $2
        where a.customer_id = $3 and a.disabled_at is null and a.password_hash is not null and c.email is not null`,
      [tenantId, tenantSchemaName(tenantId), customerId],
    );
    return rows[0] ? { id: rows[0].id, email: rows[0].email, tenantSlug: rows[0].slug } : null;
  }

  /** The account's last login, and the customer record's (the statement's "viimeisin sisäänkirjautuminen"). */
  async recordLogin(customerId: string, rehashed?: string): Promise<void> {
    const now = new Date();
    await this.context.em().nativeUpdate(PortalAccount, { customerId }, rehashed ? { lastLoginAt: now, passwordHash: rehashed } : { lastLoginAt: now });
    await this.customers.recordLogin(customerId);
  }
}
