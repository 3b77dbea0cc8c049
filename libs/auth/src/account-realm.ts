// One account subsystem for the three realms: what differs between platform staff, tenant staff and portal
// customers (where accounts live, how the principal is loaded, the login throttle's key) is a RealmAccounts;
// the flows themselves (login, the principal re-read, invitation accept, disable, password reset) are written
// once, in AuthService and PasswordResetService, over whichever realm is asked for.
import { Injectable } from '@nestjs/common';
import type { Actor, Principal, Realm } from '@app/core';
import type { ResettableAccounts } from './password-reset.service';

/** The account a login found, with the hash its password is checked against. */
export interface LoginAccount {
  id: string;
  passwordHash: string;
}

/**
 * A realm's accounts. For the tenant realms every method runs in the tenant the access guard bound (from the path
 * on public routes, from the session otherwise); with no tenant bound, the lookups answer null, as for an unknown
 * account, so that no route tells which tenants exist.
 */
export interface RealmAccounts<P extends Principal = Principal, A extends LoginAccount = LoginAccount> {
  readonly realm: P['kind'];
  /** What password reset needs of the realm's accounts. */
  readonly resettable: ResettableAccounts;
  /** The login throttle's key; a tenant realm's names the slug from the path, so that guesses at unknown tenants count too. */
  throttleKey(slug: string | null, email: string): string;
  /** The account that may log in with this e-mail, with its password hash; null when none. */
  findForLogin(email: string): Promise<A | null>;
  /**
   * After the password checked out: the realm's own refusals (a suspended tenant), the login recorded (with the
   * rehashed password when the argon2 parameters rose), and the principal; null when it cannot sign in after all.
   */
  signIn(account: A, rehashed: string | undefined): Promise<P | null>;
  /** The principal as the database says now (re-read on every request); null when gone, disabled, or its tenant is. */
  loadPrincipal(tenantId: string | null, id: string): Promise<P | null>;
  /** Whom a usable invitation is for, as the words their password must not lean on; null when none. Takes no lock. */
  invitee(token: string): Promise<{ personal: (string | null | undefined)[] } | null>;
  /** Sets the first password, consuming the invitation under a lock so that a token works once. */
  acceptInvitation(token: string, passwordHash: string): Promise<unknown>;
  /** Disables an account (the realm's rules on who may be disabled); its sessions are ended by the caller. */
  disable?(actor: Actor, id: string): Promise<unknown>;
}

/** The realms' accounts, each registered by the module that owns them (the portal's from below auth's users). */
@Injectable()
export class AccountRealms {
  private readonly realms = new Map<Realm, RealmAccounts>();

  register(accounts: RealmAccounts): void {
    if (this.realms.has(accounts.realm)) throw new Error(`the ${accounts.realm} accounts are registered twice`);
    this.realms.set(accounts.realm, accounts);
  }

  /** The realm's accounts; a realm nobody registered is a wiring mistake. */
  get(realm: Realm): RealmAccounts {
    const accounts = this.realms.get(realm);
    if (!accounts) throw new Error(`no module has registered the ${realm} accounts`);
    return accounts;
  }

  /** For a session key read back: an unknown realm is no principal. */
  find(realm: string): RealmAccounts | undefined {
    return this.realms.get(realm as Realm);
  }
}
