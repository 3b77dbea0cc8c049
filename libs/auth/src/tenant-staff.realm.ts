// A tenant's staff as one of the three account realms: accounts in the tenant's schema, the tenant the access
// guard bound (from the path on login and invitation, from the session otherwise).
import { Injectable, OnModuleInit } from '@nestjs/common';
import { type Actor, type TenantRole, type TenantStaffPrincipal } from '@app/core';
import { type StaffView, TenancyService, TenantContext, TenantMembersService } from '@app/tenancy';
import { AccountRealms, type RealmAccounts } from './account-realm';
import { AuthErrorCode, AuthException } from './auth.errors';

type StaffLoginAccount = StaffView & { passwordHash: string };

@Injectable()
export class TenantStaffAccounts implements RealmAccounts<TenantStaffPrincipal, StaffLoginAccount>, OnModuleInit {
  readonly realm = 'tenant-staff';

  constructor(
    private readonly realms: AccountRealms,
    private readonly members: TenantMembersService,
    private readonly tenancy: TenancyService,
    private readonly context: TenantContext,
  ) {}

  onModuleInit(): void {
    this.realms.register(this);
  }

  get resettable(): TenantMembersService {
    return this.members;
  }

  throttleKey(slug: string | null, email: string): string {
    return `tenant:${slug}:${email}`;
  }

  async findForLogin(email: string): Promise<StaffLoginAccount | null> {
    return this.context.tenantIfBound ? this.members.findForLogin(email) : null;
  }

  // A suspended tenant's staff still have their password checked, so that only they learn of the suspension.
  // The principal is built from the login's row (the statement filtered out disabled accounts), not read again.
  async signIn(account: StaffLoginAccount, rehashed: string | undefined): Promise<TenantStaffPrincipal> {
    const scope = this.context.tenant;
    if (scope.suspended) {
      throw new AuthException(AuthErrorCode.TenantSuspended, "The platform has suspended this business's account: nobody can sign in to it until the platform resumes it.");
    }
    await this.members.recordLogin(account.id, rehashed);
    return { kind: 'tenant-staff', id: account.id, email: account.email, name: account.name, role: account.role, tenantId: scope.tenantId, tenantSlug: scope.slug };
  }

  async loadPrincipal(tenantId: string | null, staffId: string): Promise<TenantStaffPrincipal | null> {
    const staff = tenantId ? await this.tenancy.findActiveStaff(tenantId, staffId) : null;
    if (!staff || !tenantId) return null;
    return { kind: 'tenant-staff', id: staff.id, email: staff.email, name: staff.name, role: staff.role as TenantRole, tenantId, tenantSlug: staff.scope.slug };
  }

  async invitee(token: string): Promise<{ personal: string[] } | null> {
    const scope = this.context.tenantIfBound;
    if (!scope) return null;
    const invitee = await this.members.invitee(token);
    return invitee && { personal: [invitee.email, invitee.name, scope.slug] };
  }

  acceptInvitation(token: string, passwordHash: string): Promise<StaffView> {
    return this.members.acceptInvitation(token, passwordHash);
  }

  disable(actor: Actor, id: string): Promise<StaffView> {
    return this.members.disable(actor, id);
  }
}
