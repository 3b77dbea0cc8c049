// Portal customers as one of the three account realms: accounts in the tenant's schema beside the customer
// register, which this module owns; it registers them with auth, so auth depends on no customer module.
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CustomerPrincipal } from '@app/core';
import { AccountRealms, type LoginAccount, type RealmAccounts } from '@app/auth';
import { TenantContext } from '@app/tenancy';
import { PortalAccountsService } from './portal-accounts.service';

@Injectable()
export class CustomerAccounts implements RealmAccounts<CustomerPrincipal>, OnModuleInit {
  readonly realm = 'customer';

  constructor(
    private readonly realms: AccountRealms,
    private readonly accounts: PortalAccountsService,
    private readonly context: TenantContext,
  ) {}

  onModuleInit(): void {
    this.realms.register(this);
  }

  get resettable(): PortalAccountsService {
    return this.accounts;
  }

  throttleKey(slug: string | null, email: string): string {
    return `portal:${slug}:${email}`;
  }

  async findForLogin(email: string): Promise<LoginAccount | null> {
    return this.context.tenantIfBound ? this.accounts.findForLogin(email) : null;
  }

  // The principal is read back after the login is recorded: the customer without an e-mail cannot sign in.
  async signIn(account: LoginAccount, rehashed: string | undefined): Promise<CustomerPrincipal | null> {
    await this.accounts.recordLogin(account.id, rehashed);
    return this.loadPrincipal(this.context.tenant.tenantId, account.id);
  }

  async loadPrincipal(tenantId: string | null, customerId: string): Promise<CustomerPrincipal | null> {
    const customer = tenantId ? await this.accounts.loadPrincipal(tenantId, customerId) : null;
    if (!customer || !tenantId) return null;
    return { kind: 'customer', id: customer.id, email: customer.email, tenantId, tenantSlug: customer.tenantSlug };
  }

  /** Public: no session yet, so the guard bound the tenant from the path (none: answered as an invalid invitation). */
  async invitee(token: string): Promise<{ personal: (string | null | undefined)[] } | null> {
    return this.context.isBound ? this.accounts.invitee(token) : null;
  }

  acceptInvitation(token: string, passwordHash: string): Promise<void> {
    return this.accounts.acceptInvitation(token, passwordHash);
  }
}
