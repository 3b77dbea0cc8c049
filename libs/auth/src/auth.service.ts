// Login, invitations and session housekeeping for platform staff, tenant staff and portal customers.
import { Injectable, Logger } from '@nestjs/common';
import { type CustomerPrincipal, principalKey, type PlatformPrincipal, type Principal, type TenantStaffPrincipal, type TenantRole } from '@app/core';
import { type StaffView, TenancyService, TenantContext, TenantMembersService } from '@app/tenancy';
import { PasswordService } from './password.service';
import { PasswordPolicy, personalWords } from './password-policy';
import { LoginThrottleService } from './login-throttle.service';
import { type PlatformStaffView, PlatformStaffService } from './platform-staff.service';
import { AuthErrorCode, AuthException } from './auth.errors';
import type { CustomerAccounts } from './customer-accounts';
import { AuthRepository } from './auth.repository';

interface Credentials {
  email: string;
  password: string;
}

interface Account {
  id: string;
  passwordHash: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private customerAccounts?: CustomerAccounts;

  constructor(
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly throttle: LoginThrottleService,
    private readonly platformStaff: PlatformStaffService,
    private readonly tenancy: TenancyService,
    private readonly members: TenantMembersService,
    private readonly context: TenantContext,
    private readonly repository: AuthRepository,
  ) {}

  // A login reads the account once: the principal is built from that row (the same statement filters out
  // disabled accounts and, for staff, inactive tenants), not read again (bench/README.md, "login").
  async verifyPlatform(credentials: Credentials, address: string): Promise<PlatformPrincipal> {
    const account = await this.verify(`platform:${credentials.email}`, credentials, address, () => this.platformStaff.findForLogin(credentials.email));
    await this.platformStaff.recordLogin(account.id, account.rehashed);
    return { kind: 'platform', id: account.id, email: account.email, name: account.name, roles: account.roles };
  }

  /**
   * The tenant is the one the access guard bound from the path (none for an unknown slug: the same answer as a
   * wrong password); the slug names the throttle's key only, so that guesses at unknown tenants count too.
   */
  async verifyTenantStaff(slug: string, credentials: Credentials, address: string): Promise<TenantStaffPrincipal> {
    // A suspended tenant's staff still have their password checked, so that only they learn of the suspension.
    const scope = this.context.tenantIfBound;
    const account = await this.verify(`tenant:${slug}:${credentials.email}`, credentials, address, async () => (scope ? this.members.findForLogin(credentials.email) : null));
    if (scope!.suspended) {
      throw new AuthException(AuthErrorCode.TenantSuspended, "The platform has suspended this business's account: nobody can sign in to it until the platform resumes it.");
    }
    // `verify` only succeeds with an account, so the scope exists here.
    await this.members.recordLogin(account.id, account.rehashed);
    return { kind: 'tenant-staff', id: account.id, email: account.email, name: account.name, role: account.role, tenantId: scope!.tenantId, tenantSlug: scope!.slug };
  }

  /** The portal module plugs in its accounts; without it no customer can log in or keep a session. */
  useCustomerAccounts(accounts: CustomerAccounts): void {
    this.customerAccounts = accounts;
  }

  /** Like verifyTenantStaff: the tenant bound by the guard (none for an unknown slug), the slug for the throttle's key. */
  async verifyCustomer(slug: string, credentials: Credentials, address: string): Promise<CustomerPrincipal> {
    const scope = this.context.tenantIfBound;
    const accounts = this.customerAccounts;
    const account = await this.verify(`portal:${slug}:${credentials.email}`, credentials, address, async () => (scope && accounts ? accounts.findForLogin(credentials.email) : null));
    // `verify` only succeeds with an account, so the scope and the accounts exist here.
    await accounts!.recordLogin(account.id, account.rehashed);
    const principal = await this.loadCustomer(scope!.tenantId, account.id);
    if (!principal) throw new AuthException(AuthErrorCode.InvalidCredentials);
    return principal;
  }

  // Accepting an invitation to the tenant the guard bound (an unknown tenant's answer is an invalid invitation's):
  // a cheap look at the token first, so that made-up tokens to these public routes cost neither the password
  // check nor argon2; then the password rule; the token is consumed under a lock.
  async acceptTenantInvitation(token: string, password: string): Promise<void> {
    const scope = this.context.tenantIfBound;
    const invitee = scope && (await this.members.invitee(token));
    if (!scope || !invitee) throw new AuthException(AuthErrorCode.InvitationInvalid);
    this.policy.assertAcceptable(password, personalWords(invitee.email, invitee.name, scope.slug));
    const hash = await this.passwords.hash(password);
    await this.members.acceptInvitation(token, hash);
  }

  async acceptPlatformInvitation(token: string, password: string): Promise<void> {
    const invitee = await this.platformStaff.invitee(token);
    if (!invitee) throw new AuthException(AuthErrorCode.InvitationInvalid);
    this.policy.assertAcceptable(password, personalWords(invitee.email, invitee.name));
    await this.platformStaff.acceptInvitation(token, await this.passwords.hash(password));
  }

  /** Reloads a principal from its session key; null when the account is gone, disabled, or its tenant is. */
  async loadPrincipal(key: string): Promise<Principal | null> {
    const [kind, ...rest] = key.split(':');
    if (kind === 'platform' && rest.length === 1) return this.platformStaff.loadPrincipal(rest[0]);
    if (kind === 'tenant-staff' && rest.length === 2) return this.loadTenantStaff(rest[0], rest[1]);
    if (kind === 'customer' && rest.length === 2) return this.loadCustomer(rest[0], rest[1]);
    return null;
  }

  /** Disables a member of the tenant's staff and ends all their sessions at once. */
  async disableTenantStaff(id: string, actor: Principal): Promise<StaffView> {
    const staff = await this.members.disable(id, actor.id, principalKey(actor));
    await this.endAllSessions(principalKey({ kind: 'tenant-staff', id, tenantId: this.context.tenant.tenantId }));
    return staff;
  }

  async disablePlatformStaff(id: string, actor: Principal): Promise<PlatformStaffView> {
    const staff = await this.platformStaff.disable(id, actor.id);
    await this.endAllSessions(principalKey({ kind: 'platform', id }));
    return staff;
  }

  /** The portal's accounts, for the customer realm's account work (password reset). */
  customerAccountsOrFail(): CustomerAccounts {
    if (!this.customerAccounts) throw new Error('the portal module has not registered its customer accounts');
    return this.customerAccounts;
  }

  /**
   * Ends every session of the principal with this key (after a reset, in its transaction, or when the account is
   * disabled): inside the open transaction, platform or tenant, when there is one.
   */
  async endAllSessions(key: string): Promise<void> {
    await this.repository.deleteSessions(key);
  }

  /** Ends every session of the principal except the current one. */
  async endOtherSessions(principal: Principal, currentSessionId: string): Promise<number> {
    return this.repository.deleteOtherSessions(principalKey(principal), currentSessionId);
  }

  private async loadTenantStaff(tenantId: string, staffId: string): Promise<TenantStaffPrincipal | null> {
    const staff = await this.tenancy.findActiveStaff(tenantId, staffId);
    if (!staff) return null;
    return { kind: 'tenant-staff', id: staff.id, email: staff.email, name: staff.name, role: staff.role as TenantRole, tenantId, tenantSlug: staff.scope.slug };
  }

  private async loadCustomer(tenantId: string, customerId: string): Promise<CustomerPrincipal | null> {
    const customer = await this.customerAccounts?.loadPrincipal(tenantId, customerId);
    if (!customer) return null;
    return { kind: 'customer', id: customer.id, email: customer.email, tenantId, tenantSlug: customer.tenantSlug };
  }

  /**
   * The shared login path: throttle first (the attempt counts as a failure until it proves otherwise), then
   * one argon2 verification whether or not the account exists, and one answer for every failure.
   */
  private async verify<A extends Account>(throttleKey: string, credentials: Credentials, address: string, find: () => Promise<A | null>): Promise<A & { rehashed?: string }> {
    const attempt = await this.throttle.admit(throttleKey, address);
    let account: A | null;
    let ok: boolean;
    try {
      account = await find();
      ok = account ? await this.passwords.verify(account.passwordHash, credentials.password) : await this.passwords.verifyNothing(credentials.password);
    } catch (error) {
      // Not a wrong password (the database, say): the attempt was no guess and is not counted.
      await attempt.abandoned().catch(() => undefined);
      throw error;
    }
    if (!account || !ok) throw new AuthException(AuthErrorCode.InvalidCredentials);
    await attempt.succeeded();
    const rehashed = this.passwords.needsRehash(account.passwordHash) ? await this.passwords.hash(credentials.password) : undefined;
    return { ...account, rehashed };
  }
}
