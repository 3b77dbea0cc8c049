// Customers' portal accounts in the tenant in scope: invitations with hashed one-time tokens, first (or
// reset) passwords, and what login and session loading need (the realm's accounts: customer.realm.ts).
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock, hashToken, NotFoundProblem, principalKey, requireAccess } from '@app/core';
import type { ResettableAccount, ResettableAccounts } from '@app/auth';
import { type CustomerView, CustomersService } from '@app/customers';
import { AccountInvitationsService, type IssuedAccountInvitation } from '@app/mail';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import { PortalRepository } from './portal.repository';
import { PortalErrorCode, PortalException } from './portal.errors';

/** The invited customer as the route answers it: who, where the mail went, and the link. */
export type PortalInvitationView = IssuedAccountInvitation<{ customerId: string; email: string }>;

@Injectable()
export class PortalAccountsService implements ResettableAccounts {
  constructor(
    private readonly context: TenantContext,
    private readonly customers: CustomersService,
    private readonly audit: AuditTrailService,
    private readonly repository: PortalRepository,
    private readonly tenancy: TenancyService,
    private readonly invitations: AccountInvitationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Staff (or the system) invite a customer of the tenant in scope to the portal: a one-time link, answered and
   * e-mailed, creating their account on the first one. A new invitation replaces any unused earlier one, and also
   * serves as a password reset.
   */
  async invite(actor: Actor, customerId: string): Promise<PortalInvitationView> {
    const scope = this.context.tenant;
    requireAccess(actor, { realm: 'tenant-staff', roles: ['owner', 'staff'], tenantId: scope.tenantId, orSystem: true });
    const customer = await this.customers.get(customerId);
    if (!customer.email) throw new PortalException(PortalErrorCode.EmailRequired, 'Add an e-mail address to the customer first.');
    const email = customer.email;
    const business = await this.tenancy.get(scope.slug);
    try {
      return await this.invitations.issue({ realm: 'customer', slug: scope.slug, business }, async ({ tokenHash, expiresAt }) => {
        // Insert-if-absent, then lock: two concurrent invitations of one customer queue up here.
        const account = await this.repository.ensureAccountLocked(customerId);
        if (account.disabledAt) throw new PortalException(PortalErrorCode.AccountDisabled);
        await this.repository.replaceInvitation({ id: randomUUID(), customerId, tokenHash, expiresAt });
        this.audit.record({ actor: actorKey(actor), action: 'portal.invited', subjectType: 'customer', subjectId: customerId, fields: [] });
        return { customerId, email };
      });
    } catch (error) {
      // The customer was erased between the read above and the insert.
      if (this.repository.isMissingCustomer(error)) throw new NotFoundProblem('customer');
      throw error;
    }
  }

  /**
   * Whom a usable invitation is for, as the words their password must not lean on; null when none. A cheap look
   * with no lock, so a stream of made-up tokens to this public route costs no password check or argon2 work.
   */
  async invitee(token: string): Promise<{ personal: (string | null | undefined)[] } | null> {
    const pending = await this.repository.usableInvitation(hashToken(token), this.clock.now());
    if (!pending) return null;
    const customer = await this.customers.get(pending.customerId);
    return { personal: this.personal(customer) };
  }

  /** Sets the password from an invitation. The invitation is consumed under a row lock, so a token works once. */
  async acceptInvitation(token: string, passwordHash: string): Promise<void> {
    const tokenHash = hashToken(token);
    await this.context.transaction(async () => {
      const invitation = await this.repository.usableInvitation(tokenHash, this.clock.now(), true);
      const account = invitation && (await this.repository.activeAccountLocked(invitation.customerId));
      if (!invitation || !account) throw new PortalException(PortalErrorCode.InvitationInvalid);
      this.repository.accept(invitation, account, passwordHash, this.clock.now());
      const actor = principalKey({ kind: 'customer', id: account.customerId, tenantId: this.context.tenant.tenantId });
      this.audit.record({ actor, action: 'portal.invitation_accepted', subjectType: 'customer', subjectId: account.customerId, fields: ['password'] });
    });
  }

  /** A customer who may reset their portal password (has one, not disabled), by e-mail; for PasswordResetService. */
  async findForReset(email: string): Promise<ResettableAccount | null> {
    const found = await this.findForLogin(email);
    return found && this.findResettable(found.id);
  }

  async findResettable(customerId: string): Promise<ResettableAccount | null> {
    const account = await this.repository.loginAccount(customerId);
    const customer = account && (await this.customerOnRecord(customerId));
    return customer?.email ? { id: customer.id, email: customer.email, personal: this.personal(customer) } : null;
  }

  /**
   * The new password from a reset link, recorded in the audit trail as the customer's own act, in the caller's
   * transaction (the tenant context's: PasswordResetService opened it; without one, a new one).
   */
  async resetPassword(customerId: string, passwordHash: string): Promise<void> {
    const reset = async () => {
      await this.repository.setPasswordHash(customerId, passwordHash);
      const actor = principalKey({ kind: 'customer', id: customerId, tenantId: this.context.tenant.tenantId });
      this.audit.record({ actor, action: 'portal.password_reset', subjectType: 'customer', subjectId: customerId, fields: ['password'] });
      await this.repository.flush();
    };
    await this.context.transaction(reset);
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
    const account = await this.repository.loginAccount(customer.id, true);
    return account?.passwordHash ? { id: customer.id, passwordHash: account.passwordHash } : null;
  }

  /**
   * Every portal request re-reads its customer: one plain statement (PortalRepository.principal; bench/README.md,
   * "portal"). Without an e-mail address the customer cannot be signed in: the session ends with it.
   */
  async loadPrincipal(tenantId: string, customerId: string): Promise<{ id: string; email: string; tenantSlug: string } | null> {
    const row = await this.repository.principal(tenantId, customerId);
    return row ? { id: row.id, email: row.email, tenantSlug: row.slug } : null;
  }

  /** The account's last login, and the customer record's (the statement's "viimeisin sisäänkirjautuminen"). */
  async recordLogin(customerId: string, rehashed?: string): Promise<void> {
    await this.repository.recordLogin(customerId, new Date(), rehashed);
    await this.customers.recordLogin(customerId);
  }
}
