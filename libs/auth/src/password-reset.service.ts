// Password reset by e-mail, once for the three realms: a one-time token (stored hashed, one hour), the link
// e-mailed through the outbox, and on completion a new password, every session of the account ended, and an
// audit record. Each realm's accounts (RealmAccounts.resettable) do the storing; the routes are accountController's.
import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { accountLink, AppConfig, Clock, consoleOrigin, hashToken, newToken, PASSWORD_RESET_MINUTES, principalKey } from '@app/core';
import { OutboxService, passwordResetMail } from '@app/mail';
import { TenancyService, TenantContext, type TenantScope } from '@app/tenancy';
import { AuthService } from './auth.service';
import { AuthErrorCode, AuthException } from './auth.errors';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { PasswordPolicy, personalWords } from './password-policy';
import { AccountRealms } from './account-realm';
import { type AccountRealm, PasswordResetRepository, type ResetScope } from './password-reset.repository';

/** An account that may reset its password: it exists, can sign in, and is not disabled. */
export interface ResettableAccount {
  id: string;
  email: string;
  /** The words of the person's e-mail and name (and the business's), which the new password must not lean on. */
  personal: (string | null | undefined)[];
}

/** What a realm's accounts offer password reset; for the tenant realms, inside the tenant's scope. */
export interface ResettableAccounts {
  findForReset(email: string): Promise<ResettableAccount | null>;
  findResettable(id: string): Promise<ResettableAccount | null>;
  /**
   * Sets the new password and records it in the realm's audit trail, in the caller's transaction (the open one of
   * the tenant context or the platform's), which the account's repositories find in the context.
   */
  resetPassword(id: string, passwordHash: string): Promise<void>;
}

/**
 * The request answers no sooner than this after it came: finding an account, issuing a token and queueing
 * its mail take longer than finding none, and that difference must not tell whether an address has an account.
 */
export const RESET_REQUEST_FLOOR_MS = 400;

@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly tokens: PasswordResetRepository,
    private readonly throttle: LoginThrottleService,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly auth: AuthService,
    private readonly realms: AccountRealms,
    private readonly tenancy: TenancyService,
    private readonly context: TenantContext,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Issues a reset link when the address has an account that may reset; answers the same either way, in about
   * the same time. Each request counts against the login limits (per account, per address), as a failed login does.
   * A tenant realm's tenant is the one the access guard bound from the path (none for an unknown slug, which is
   * answered the same way); the slug names the throttle's key only.
   */
  async request(realm: AccountRealm, slug: string | null, email: string, address: string): Promise<void> {
    const until = Date.now() + RESET_REQUEST_FLOOR_MS;
    try {
      const normalised = email.trim().toLowerCase();
      await this.throttle.admit(`reset:${realm}:${slug ?? ''}:${normalised}`, address);
      const tenant = this.tenantOf(realm);
      if (realm !== 'platform' && !tenant) return;
      const account = await this.accountsOf(realm).findForReset(normalised);
      if (account) await this.issue(realm, tenant, account);
    } finally {
      const left = until - Date.now();
      if (left > 0) await sleep(left);
    }
  }

  /** Sets the new password from a reset link, ends every session of the account, and records it. */
  async complete(realm: AccountRealm, token: string, password: string): Promise<void> {
    const tenant = this.tenantOf(realm);
    if (realm !== 'platform' && !tenant) throw new AuthException(AuthErrorCode.ResetTokenInvalid);
    const scope: ResetScope = { realm, tenantId: tenant?.tenantId ?? null };
    const hash = hashToken(token);
    // A cheap look first, so made-up tokens to this public route cost neither the password check nor argon2.
    const accountId = await this.tokens.findUsable(scope, hash, this.clock.now());
    if (!accountId) throw new AuthException(AuthErrorCode.ResetTokenInvalid);
    const accounts = this.accountsOf(realm);
    const account = await accounts.findResettable(accountId);
    if (!account) throw new AuthException(AuthErrorCode.ResetTokenInvalid);
    this.policy.assertAcceptable(password, personalWords(...account.personal));
    const passwordHash = await this.passwords.hash(password);
    // One transaction: the token used up, the new password and every session ended, or none of them (a new
    // password beside a stolen session that survived, or a used link and the old password, would be half a reset).
    await this.tokens.transaction(async () => {
      if (!(await this.tokens.consume(scope, hash, accountId, this.clock.now()))) throw new AuthException(AuthErrorCode.ResetTokenInvalid);
      await accounts.resetPassword(accountId, passwordHash);
      await this.auth.endAllSessions(principalKey({ kind: realm, id: accountId, tenantId: tenant?.tenantId }));
    });
    this.logger.log({ realm, tenant: tenant?.tenantId, account: accountId }, 'password reset');
  }

  private async issue(realm: AccountRealm, tenant: TenantScope | null, account: ResettableAccount): Promise<void> {
    const now = this.clock.now();
    const { token, hash } = newToken();
    await this.tokens.purgeExpired(now);
    await this.tokens.issue({ realm, tenantId: tenant?.tenantId ?? null }, account.id, hash, now, new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000));
    const url = accountLink(consoleOrigin(this.config), realm, tenant?.slug ?? null, 'reset-password', token);
    const business = tenant ? await this.tenancy.get(tenant.slug) : null;
    await this.outbox.enqueue(passwordResetMail(account.email, url, business), { topic: 'password-reset' });
  }

  private accountsOf(realm: AccountRealm): ResettableAccounts {
    return this.realms.get(realm).resettable;
  }

  /** The tenant realms' tenant, as the access guard bound it from the path; platform staff have none. */
  private tenantOf(realm: AccountRealm): TenantScope | null {
    return realm === 'platform' ? null : this.context.tenantIfBound;
  }
}
