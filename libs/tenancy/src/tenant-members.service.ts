// A tenant's staff: invitations, first passwords, and what login needs to know. Always inside a tenant scope.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock, hashToken, NotFoundProblem, principalKey, requireAccess, type TenantRole } from '@app/core';
import { AccountInvitationsService, type IssuedAccountInvitation, type MailBusiness } from '@app/mail';
import { TenantContext } from './tenant-context';
import type { StaffUser } from './staff-user.entity';
import { TenancyErrorCode, TenancyException } from './tenancy.errors';
import { STAFF_COLUMNS, type StaffRow, TenantStaffRepository } from './tenant-staff.repository';
import { TenancyRepository } from './tenancy.repository';

export { STAFF_COLUMNS, type StaffRow };


/** Invited: has not set a password yet (cannot sign in); active: can sign in; disabled: can no longer. */
export const STAFF_STATUSES = ['invited', 'active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export interface StaffView {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  active: boolean;
  status: StaffStatus;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** `passwordHash` must be loaded (it is lazy): without it, the member counts as invited. */
export function toStaffView(user: StaffUser & { passwordHash?: string | null }): StaffView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as TenantRole,
    active: !user.disabledAt,
    status: user.disabledAt ? 'disabled' : user.passwordHash ? 'active' : 'invited',
    lastLoginAt: user.lastLoginAt ?? null,
    createdAt: user.createdAt,
  };
}

/** The view of an active member from a plain row (the statement filtered out disabled accounts). */
export function staffViewOfRow(row: StaffRow): StaffView {
  return { id: row.id, email: row.email, name: row.name, role: row.role, active: true, status: 'active', lastLoginAt: row.last_login_at, createdAt: row.created_at };
}

@Injectable()
export class TenantMembersService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: TenantStaffRepository,
    private readonly tenants: TenancyRepository,
    private readonly invitations: AccountInvitationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Invites a member of staff to the tenant in scope: an owner's act; the platform admin's who onboards the tenant
   * (its first owner, recorded as theirs); or the system's (the command line's onboarding, the test factories). The mail names the business: `business` when the caller has it (onboarding, whose tenant row is
   * not committed yet), otherwise the tenant's registry row.
   */
  async invite(actor: Actor, input: { email: string; name: string; role: TenantRole }, business?: MailBusiness): Promise<IssuedAccountInvitation<StaffView>> {
    const scope = this.context.tenant;
    if (actor.kind === 'platform') requireAccess(actor, { realm: 'platform', roles: ['platform_admin'] });
    else requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: scope.tenantId, orSystem: true });
    const email = input.email.trim();
    if (await this.repository.emailTaken(email)) throw new TenancyException(TenancyErrorCode.EmailTaken);
    business ??= { legalName: await this.tenants.legalName(scope.tenantId) };
    return this.invitations.issue({ realm: 'tenant-staff', slug: scope.slug, business }, async ({ tokenHash, expiresAt }) => {
      const id = randomUUID();
      const user = await this.repository.insertInvited(
        { id, email, name: input.name, role: input.role },
        { id: randomUUID(), tokenHash, expiresAt },
        { actor: actorKey(actor), action: 'staff.invited', subjectType: 'staff_user', subjectId: id, fields: ['email', 'name', 'role'] },
      );
      // Two invitations racing for one address: the unique index decides.
      if (!user) throw new TenancyException(TenancyErrorCode.EmailTaken);
      return toStaffView(user);
    });
  }

  async list(): Promise<StaffView[]> {
    const users = await this.repository.listStaff();
    return users.map(toStaffView);
  }

  /** Who a usable invitation is for (to check their new password against), or null; takes no lock. */
  async invitee(token: string): Promise<{ email: string; name: string } | null> {
    const invitation = await this.repository.usableInvitation(hashToken(token), this.clock.now(), { activeOnly: true });
    return invitation ? { email: invitation.staffUser.email, name: invitation.staffUser.name } : null;
  }

  /**
   * Sets the first password of an invited member. The invitation is consumed in the same
   * transaction, under a row lock, so one token can be used once only.
   */
  async acceptInvitation(token: string, passwordHash: string): Promise<StaffView> {
    return this.context.transaction(async () => {
      const invitation = await this.repository.usableInvitation(hashToken(token), this.clock.now(), { lock: true });
      if (!invitation || invitation.staffUser.disabledAt) throw new TenancyException(TenancyErrorCode.InvitationInvalid);
      const user = invitation.staffUser;
      await this.repository.acceptInvitation(invitation, passwordHash, { actor: `staff:${user.id}`, action: 'staff.invitation_accepted', subjectType: 'staff_user', subjectId: user.id, fields: ['password'] });
      return toStaffView(user);
    });
  }

  /**
   * The member who may log in with this e-mail, with the password hash loaded; null when none. Login's two
   * statements go straight to the plain pool: the ORM was a sixth of the event loop in a login storm
   * (bench/README.md, "login").
   */
  async findForLogin(email: string): Promise<(StaffView & { passwordHash: string }) | null> {
    const row = await this.repository.findForLogin(email.trim().toLowerCase());
    return row ? { ...staffViewOfRow(row), passwordHash: row.password_hash } : null;
  }

  /**
   * Disables a member (never oneself: a tenant must not lock out its last owner by accident). Takes the owner
   * locks `changeRole` takes, in the same order, so a disable and a demotion at once cannot leave no owner who can
   * sign in: the second waits, then is refused.
   */
  async disable(actor: Actor, id: string): Promise<StaffView> {
    const member = requireAccess(actor, { realm: 'tenant-staff', tenantId: this.context.tenant.tenantId });
    if (id === member.id) throw new TenancyException(TenancyErrorCode.CannotDisableSelf);
    return this.context.transaction(async () => {
      const owners = await this.repository.lockOwners();
      const user = await this.repository.lockStaff(id);
      if (!user) throw new NotFoundProblem('staff member');
      if (user.disabledAt) return toStaffView(user);
      if (owners.length === 1 && owners[0].id === id) {
        throw new TenancyException(TenancyErrorCode.LastOwner, 'Make another member an owner first: the business must always have an owner who can sign in.');
      }
      await this.repository.saveStaff(user, { disabledAt: new Date() }, { actor: actorKey(member), action: 'staff.disabled', subjectType: 'staff_user', subjectId: id, fields: ['disabledAt'] });
      return toStaffView(user);
    });
  }

  /**
   * Makes a member owner or staff. At least one owner who can sign in always remains: every owner row is locked
   * first, so two owners demoting each other at once queue up and the second is refused. The principal is re-read
   * on every request, so the change applies from the member's next request.
   */
  async changeRole(actor: Actor, id: string, role: TenantRole): Promise<StaffView> {
    return this.context.transaction(async () => {
      const owners = await this.repository.lockOwners();
      const user = await this.repository.lockStaff(id);
      if (!user) throw new NotFoundProblem('staff member');
      if (user.role === role) return toStaffView(user);
      if (role !== 'owner' && owners.every((owner) => owner.id === id)) {
        throw new TenancyException(TenancyErrorCode.LastOwner, 'Make another member an owner first: the business must always have an owner who can sign in.');
      }
      await this.repository.saveStaff(user, { role }, { actor: actorKey(actor), action: 'staff.role_changed', subjectType: 'staff_user', subjectId: id, fields: ['role'] });
      return toStaffView(user);
    });
  }

  /** A member who may reset their password (has one, not disabled), by e-mail; for PasswordResetService. */
  async findForReset(email: string): Promise<{ id: string; email: string; personal: string[] } | null> {
    const found = await this.findForLogin(email);
    return found && { id: found.id, email: found.email, personal: [found.email, found.name, this.context.tenant.slug] };
  }

  async findResettable(id: string): Promise<{ id: string; email: string; personal: string[] } | null> {
    const row = await this.repository.findResettable(id);
    return row ? { id: row.id, email: row.email, personal: [row.email, row.name, this.context.tenant.slug] } : null;
  }

  /**
   * The new password from a reset link, recorded in the audit trail as the member's own act: in the tenant context's
   * open transaction (PasswordResetService's).
   */
  async resetPassword(id: string, passwordHash: string): Promise<void> {
    const actor = principalKey({ kind: 'tenant-staff', id, tenantId: this.context.tenant.tenantId });
    await this.repository.setPassword(id, passwordHash, { actor, action: 'staff.password_reset', subjectType: 'staff_user', subjectId: id, fields: ['password'] });
  }

  recordLogin(id: string, rehashed?: string): Promise<void> {
    return this.repository.recordLogin(id, rehashed);
  }
}
