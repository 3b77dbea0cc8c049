// Platform staff as one of the three account realms: accounts in the platform schema, no tenant.
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor, PlatformPrincipal } from '@app/core';
import { AccountRealms, type RealmAccounts } from './account-realm';
import { type PlatformStaffView, PlatformStaffService } from './platform-staff.service';

type PlatformLoginAccount = PlatformStaffView & { passwordHash: string };

@Injectable()
export class PlatformAccounts implements RealmAccounts<PlatformPrincipal, PlatformLoginAccount>, OnModuleInit {
  readonly realm = 'platform';

  constructor(
    private readonly realms: AccountRealms,
    private readonly staff: PlatformStaffService,
  ) {}

  onModuleInit(): void {
    this.realms.register(this);
  }

  get resettable(): PlatformStaffService {
    return this.staff;
  }

  throttleKey(_slug: string | null, email: string): string {
    return `platform:${email}`;
  }

  findForLogin(email: string): Promise<PlatformLoginAccount | null> {
    return this.staff.findForLogin(email);
  }

  // A login reads the account once: the principal is built from that row, not read again (bench/README.md, "login").
  async signIn(account: PlatformLoginAccount, rehashed: string | undefined): Promise<PlatformPrincipal> {
    await this.staff.recordLogin(account.id, rehashed);
    return { kind: 'platform', id: account.id, email: account.email, name: account.name, roles: account.roles };
  }

  loadPrincipal(_tenantId: string | null, id: string): Promise<PlatformPrincipal | null> {
    return this.staff.loadPrincipal(id);
  }

  async invitee(token: string): Promise<{ personal: string[] } | null> {
    const invitee = await this.staff.invitee(token);
    return invitee && { personal: [invitee.email, invitee.name] };
  }

  acceptInvitation(token: string, passwordHash: string): Promise<PlatformStaffView> {
    return this.staff.acceptInvitation(token, passwordHash);
  }

  disable(actor: Actor, id: string): Promise<PlatformStaffView> {
    return this.staff.disable(actor, id);
  }
}
