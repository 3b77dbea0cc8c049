// Login, the principal re-read, invitations and session housekeeping, once for the three realms (platform staff,
// tenant staff, portal customers): what differs between them is each realm's RealmAccounts.
import { Injectable } from '@nestjs/common';
import { type Actor, principalKey, type Principal, type Realm } from '@app/core';
import { TenantContext } from '@app/tenancy';
import { PasswordService } from './password.service';
import { PasswordPolicy, personalWords } from './password-policy';
import { LoginThrottleService } from './login-throttle.service';
import { AuthErrorCode, AuthException } from './auth.errors';
import { AccountRealms, type LoginAccount } from './account-realm';
import { AuthRepository } from './auth.repository';

interface Credentials {
  email: string;
  password: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly throttle: LoginThrottleService,
    private readonly realms: AccountRealms,
    private readonly context: TenantContext,
    private readonly repository: AuthRepository,
  ) {}

  /**
   * A login. For a tenant realm the tenant is the one the access guard bound from the path (none for an unknown
   * slug: the same answer as a wrong password); the slug names the throttle's key only.
   */
  async verify(realm: Realm, slug: string | null, credentials: Credentials, address: string): Promise<Principal> {
    const accounts = this.realms.get(realm);
    const account = await this.check(accounts.throttleKey(slug, credentials.email), credentials, address, () => accounts.findForLogin(credentials.email));
    const principal = await accounts.signIn(account, account.rehashed);
    if (!principal) throw new AuthException(AuthErrorCode.InvalidCredentials);
    return principal;
  }

  // Accepting an invitation (to the tenant the guard bound, for a tenant realm; an unknown tenant's answer is an
  // invalid invitation's): a cheap look at the token first, so that made-up tokens to these public routes cost
  // neither the password check nor argon2; then the password rule; the token is consumed under a lock.
  async acceptInvitation(realm: Realm, token: string, password: string): Promise<void> {
    const accounts = this.realms.get(realm);
    const invitee = await accounts.invitee(token);
    if (!invitee) throw new AuthException(AuthErrorCode.InvitationInvalid);
    this.policy.assertAcceptable(password, personalWords(...invitee.personal));
    await accounts.acceptInvitation(token, await this.passwords.hash(password));
  }

  /** Reloads a principal from its session key; null when the account is gone, disabled, or its tenant is. */
  async loadPrincipal(key: string): Promise<Principal | null> {
    const [kind, ...ids] = key.split(':');
    const accounts = this.realms.find(kind);
    if (!accounts || ids.length !== (kind === 'platform' ? 1 : 2)) return null;
    return accounts.loadPrincipal(ids.length === 2 ? ids[0] : null, ids[ids.length - 1]);
  }

  /** Disables an account of the realm (of the tenant in scope, for tenant staff) and ends all its sessions at once. */
  async disable(actor: Actor, realm: Realm, id: string): Promise<unknown> {
    const accounts = this.realms.get(realm);
    if (!accounts.disable) throw new Error(`the ${realm} accounts cannot be disabled here`);
    const account = await accounts.disable(actor, id);
    await this.endAllSessions(principalKey({ kind: realm, id, tenantId: this.context.tenantIfBound?.tenantId }));
    return account;
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

  /**
   * The shared login path: throttle first (the attempt counts as a failure until it proves otherwise), then
   * one argon2 verification whether or not the account exists, and one answer for every failure.
   */
  private async check<A extends LoginAccount>(throttleKey: string, credentials: Credentials, address: string, find: () => Promise<A | null>): Promise<A & { rehashed?: string }> {
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
