// Platform staff accounts: the first admin, invitations, roles (audited, granted by two admins), and what login needs.
import { Injectable } from '@nestjs/common';
import { AccountInvitationsService, type IssuedAccountInvitation } from '@app/mail';
import { randomUUID } from 'node:crypto';
import { type Actor, Clock, decodeCursor, hashToken, NotFoundProblem, type Page, PLATFORM_ROLES, type PlatformRole, type PlatformPrincipal, requireAccess, toPage } from '@app/core';
import type { PlatformRoleGrant, PlatformStaff } from './platform-staff.entity';
import { AuthErrorCode, AuthException } from './auth.errors';
import { AuthRepository } from './auth.repository';

/**
 * Roles that one admin may only propose and a second one must approve (never the proposer, never the grantee).
 * The investigator reads every IP address; an admin could otherwise make a second account of their own an
 * admin and approve their own proposal with it, so both roles need the second pair of eyes.
 */
const ROLES_NEEDING_SECOND_ADMIN: ReadonlySet<PlatformRole> = new Set<PlatformRole>(['access_log_investigator', 'platform_admin']);

export interface PlatformStaffView {
  id: string;
  email: string;
  name: string;
  roles: PlatformRole[];
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface StaffRef {
  id: string;
  email: string;
  name: string;
}

export interface PendingRoleGrantView {
  id: string;
  role: PlatformRole;
  proposedBy: StaffRef | null;
  proposedAt: Date;
}

export interface RoleHistoryEntry {
  role: PlatformRole;
  action: 'grant' | 'propose' | 'approve' | 'withdraw' | 'revoke';
  /** Who did it; null for the first admin made at start or by the CLI. */
  actor: StaffRef | null;
  at: Date;
  grantId: string | null;
}

export type PlatformStaffRolesView = PlatformStaffView & { pendingGrants: PendingRoleGrantView[] };
export type PlatformStaffListItem = PlatformStaffRolesView & { roleHistory: RoleHistoryEntry[] };

function toView(s: PlatformStaff): PlatformStaffView {
  return { id: s.id, email: s.email, name: s.name, roles: s.roles as PlatformRole[], active: !s.disabledAt, lastLoginAt: s.lastLoginAt ?? null, createdAt: s.createdAt };
}

const separation = (detail: string) => new AuthException(AuthErrorCode.SeparationOfDuties, detail);

@Injectable()
export class PlatformStaffService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly invitations: AccountInvitationsService,
    private readonly clock: Clock,
  ) {}

  adminExists(): Promise<boolean> {
    return this.repository.adminExists();
  }

  /** Creates a platform admin with a password (CLI and first start). */
  async createAdmin(email: string, name: string, passwordHash: string): Promise<PlatformStaffView> {
    if (await this.repository.emailTaken(email)) throw new AuthException(AuthErrorCode.StaffEmailTaken, 'That e-mail address already has an account.');
    return this.repository.transaction(async () => {
      const staff = this.repository.newStaff({ id: randomUUID(), email, name, passwordHash, roles: ['platform_admin'] });
      this.repository.newRoleChange({ staff, role: 'platform_admin', action: 'grant', actorId: null });
      await this.repository.flush();
      return toView(staff);
    });
  }

  /**
   * A platform admin creates a member of platform staff with an invitation, and e-mails them its link. The roles asked
   * for go through the same rule as any grant: some apply now, the rest wait for a second admin's approval.
   */
  async invite(actor: Actor, input: { email: string; name: string; roles: PlatformRole[] }): Promise<IssuedAccountInvitation<PlatformStaffRolesView>> {
    const admin = requireAccess(actor, { realm: 'platform', roles: ['platform_admin'] });
    const taken = () => new AuthException(AuthErrorCode.StaffEmailTaken, 'That e-mail address already has an account.');
    if (await this.repository.emailTaken(input.email)) throw taken();
    return this.invitations.issue({ realm: 'platform' }, async ({ tokenHash, expiresAt }) => {
      const roles = [...new Set(input.roles)];
      const staff = this.repository.newStaff({ id: randomUUID(), email: input.email.trim(), name: input.name, roles: roles.filter((r) => !ROLES_NEEDING_SECOND_ADMIN.has(r)) });
      for (const role of roles) {
        if (ROLES_NEEDING_SECOND_ADMIN.has(role)) this.propose(staff, role, admin.id);
        else this.repository.newRoleChange({ staff, role, action: 'grant', actorId: admin.id });
      }
      this.repository.newInvitation({ id: randomUUID(), staff, tokenHash, expiresAt });
      await this.repository.flush(taken);
      return this.rolesView(staff);
    });
  }

  /** Who a usable invitation is for (to check their new password against), or null; takes no lock. */
  async invitee(token: string): Promise<{ email: string; name: string } | null> {
    const found = await this.repository.usableInvitation(hashToken(token), this.clock.now());
    return found ? { email: found.staff.email, name: found.staff.name } : null;
  }

  async acceptInvitation(token: string, passwordHash: string): Promise<PlatformStaffView> {
    return this.repository.transaction(async () => {
      const found = await this.repository.usableInvitation(hashToken(token), this.clock.now(), { lock: true });
      if (!found) throw new AuthException(AuthErrorCode.InvitationInvalid);
      const { invitation, staff } = found;
      invitation.acceptedAt = this.clock.now();
      this.repository.assign(staff, { passwordHash });
      await this.repository.flush();
      return toView(staff);
    });
  }

  /**
   * Replaces a member's roles. Removing a role (or withdrawing its pending grant) takes effect on their next
   * request; adding one that needs a second admin only proposes it, and nobody may add a role to themselves.
   * Every step is recorded in the role history.
   */
  async setRoles(actor: Actor, id: string, roles: PlatformRole[]): Promise<PlatformStaffRolesView> {
    // The role history names staff by id; whether the actor is an active admin is read in the transaction.
    const actorId = requireAccess(actor, { realm: 'platform' }).id;
    return this.repository.transaction(async () => {
      const staff = await this.repository.findStaff(id, { lock: true });
      if (!staff) throw new NotFoundProblem('staff member');
      const wanted = new Set(roles);
      const current = new Set(staff.roles as PlatformRole[]);
      const adding = PLATFORM_ROLES.filter((r) => wanted.has(r) && !current.has(r));
      if (adding.length > 0 && id === actorId) throw separation('You cannot grant a role to yourself: another platform admin must propose it.');
      if (adding.some((r) => ROLES_NEEDING_SECOND_ADMIN.has(r))) await this.requireActiveAdmin(actorId);
      const pending = await this.repository.pendingGrants([id]);
      const kept = new Set<PlatformRole>();
      for (const role of PLATFORM_ROLES) {
        if (wanted.has(role) && current.has(role)) kept.add(role);
        else if (wanted.has(role) && !ROLES_NEEDING_SECOND_ADMIN.has(role)) {
          this.repository.newRoleChange({ staff, role, action: 'grant', actorId });
          kept.add(role);
        } else if (wanted.has(role)) {
          if (!pending.some((g) => g.role === role)) this.propose(staff, role, actorId);
        } else if (current.has(role)) this.repository.newRoleChange({ staff, role, action: 'revoke', actorId });
        if (!wanted.has(role)) for (const grant of pending.filter((g) => g.role === role)) this.decide(grant, 'withdrawn', actorId);
      }
      staff.roles = PLATFORM_ROLES.filter((r) => kept.has(r));
      await this.repository.flush();
      return this.rolesView(staff);
    });
  }

  /** A second platform admin approves a proposed grant: the role applies from the grantee's next request. */
  async approveGrant(actor: Actor, staffId: string, grantId: string): Promise<PlatformStaffRolesView> {
    const actorId = requireAccess(actor, { realm: 'platform' }).id;
    return this.repository.transaction(async () => {
      const staff = await this.repository.findStaff(staffId, { lock: true });
      const grant = staff && (await this.repository.findGrant(grantId, staffId, { lock: true }));
      if (!staff || !grant) throw new NotFoundProblem('role grant');
      if (actorId === staffId) throw separation('You cannot approve a role for yourself: another platform admin must.');
      if (actorId === grant.proposedBy) throw separation('The admin who proposed a grant cannot approve it: another platform admin must.');
      if (grant.status !== 'pending') throw new AuthException(AuthErrorCode.RoleGrantNotPending, `The grant was already ${grant.status}.`);
      await this.requireActiveAdmin(actorId);
      if (staff.disabledAt) throw new AuthException(AuthErrorCode.StaffDisabled, 'The account is disabled.');
      this.decide(grant, 'approved', actorId);
      const role = grant.role as PlatformRole;
      staff.roles = PLATFORM_ROLES.filter((r) => r === role || (staff.roles as PlatformRole[]).includes(r));
      this.repository.newRoleChange({ staff, role, action: 'approve', actorId, grant });
      await this.repository.flush();
      return this.rolesView(staff);
    });
  }

  /** Platform staff in the order they were created, each with roles, pending grants and role history. */
  async list(page: { limit?: number; cursor?: string }): Promise<Page<PlatformStaffListItem>> {
    const limit = page.limit ?? 50;
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const rows = await this.repository.listStaff(after, limit + 1);
    const result = toPage(rows, limit, (s) => ({ at: s.createdAt, id: s.id }));
    const ids = result.items.map((s) => s.id);
    const grants = await this.repository.pendingGrants(ids);
    const changes = await this.repository.roleChanges(ids);
    const people = await this.refs([...grants.map((g) => g.proposedBy), ...changes.map((c) => c.actorId)]);
    const items = result.items.map((s) => ({
      ...toView(s),
      pendingGrants: grants.filter((g) => g.staff.id === s.id).map((g) => this.grantView(g, people)),
      roleHistory: changes
        .filter((c) => c.staff.id === s.id)
        .map((c) => ({ role: c.role as PlatformRole, action: c.action as RoleHistoryEntry['action'], actor: c.actorId ? (people.get(c.actorId) ?? null) : null, at: c.changedAt, grantId: c.grant?.id ?? null })),
    }));
    return { items, nextCursor: result.nextCursor };
  }

  private propose(staff: PlatformStaff, role: PlatformRole, actorId: string): void {
    const grant = this.repository.newGrant({ id: randomUUID(), staff, role, proposedBy: actorId, status: 'pending' });
    this.repository.newRoleChange({ staff, role, action: 'propose', actorId, grant });
  }

  private decide(grant: PlatformRoleGrant, status: 'approved' | 'withdrawn', actorId: string): void {
    grant.status = status;
    grant.decidedBy = actorId;
    grant.decidedAt = new Date();
    if (status === 'withdrawn') this.repository.newRoleChange({ staff: grant.staff, role: grant.role, action: 'withdraw', actorId, grant });
  }

  /** Proposing or approving a grant is an admin's power: checked here too, not only by the route's guard. */
  private async requireActiveAdmin(actorId: string): Promise<void> {
    const actor = await this.repository.findStaff(actorId, { active: true });
    if (!actor || !(actor.roles as PlatformRole[]).includes('platform_admin')) throw separation('Only an active platform admin can propose or approve a role.');
  }

  private async rolesView(staff: PlatformStaff): Promise<PlatformStaffRolesView> {
    const grants = await this.repository.pendingGrants([staff.id]);
    const people = await this.refs(grants.map((g) => g.proposedBy));
    return { ...toView(staff), pendingGrants: grants.map((g) => this.grantView(g, people)) };
  }

  private grantView(grant: PlatformRoleGrant, people: Map<string, StaffRef>): PendingRoleGrantView {
    return { id: grant.id, role: grant.role as PlatformRole, proposedBy: people.get(grant.proposedBy) ?? null, proposedAt: grant.proposedAt };
  }

  private async refs(ids: (string | null | undefined)[]): Promise<Map<string, StaffRef>> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const rows = await this.repository.staffByIds(wanted);
    return new Map(rows.map((r) => [r.id, { id: r.id, email: r.email, name: r.name }]));
  }

  async disable(actor: Actor, id: string): Promise<PlatformStaffView> {
    if (id === requireAccess(actor, { realm: 'platform' }).id) throw new AuthException(AuthErrorCode.CannotDisableSelf, 'You cannot disable your own account.');
    return this.repository.transaction(async () => {
      const staff = await this.repository.findStaff(id);
      if (!staff) throw new NotFoundProblem('staff member');
      staff.disabledAt ??= new Date();
      await this.repository.flush();
      return toView(staff);
    });
  }

  async findForLogin(email: string): Promise<(PlatformStaffView & { passwordHash: string }) | null> {
    const staff = await this.repository.findForLogin(email);
    if (!staff?.passwordHash) return null;
    return { ...toView(staff), passwordHash: staff.passwordHash };
  }

  /** The principal as the database says now: disabled accounts and revoked roles take effect at once. */
  async loadPrincipal(id: string): Promise<PlatformPrincipal | null> {
    const staff = await this.repository.findStaff(id, { active: true });
    return staff ? { kind: 'platform', id: staff.id, email: staff.email, name: staff.name, roles: staff.roles as PlatformRole[] } : null;
  }

  /** A member who may reset their password (has one, not disabled), by e-mail; for PasswordResetService. */
  async findForReset(email: string): Promise<{ id: string; email: string; personal: string[] } | null> {
    const found = await this.findForLogin(email);
    return found && { id: found.id, email: found.email, personal: [found.email, found.name] };
  }

  async findResettable(id: string): Promise<{ id: string; email: string; personal: string[] } | null> {
    const staff = await this.repository.findResettable(id);
    return staff && { id: staff.id, email: staff.email, personal: [staff.email, staff.name] };
  }

  /**
   * The new password from a reset link (the used token in platform.password_reset is the record of it), in the
   * platform transaction PasswordResetService opened.
   */
  async resetPassword(id: string, passwordHash: string): Promise<void> {
    await this.repository.setPassword(id, passwordHash);
  }

  async recordLogin(id: string, rehashed?: string): Promise<void> {
    await this.repository.recordLogin(id, rehashed);
  }

  /** The named members (disabled ones too) by id, for other modules that show who did something (the access log's audit). */
  staffRefs(ids: string[]): Promise<Map<string, StaffRef>> {
    return this.refs(ids);
  }
}
