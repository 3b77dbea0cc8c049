// A tenant's staff: invitations, first passwords, and what login needs to know. Always inside a tenant scope.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, sql, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { hashToken, invitationExpiry, newToken, NotFoundProblem, principalKey, type TenantRole } from '@app/core';
import { PG_POOL, quoteIdent } from '@app/database';
import { TenantContext } from './tenant-context';
import { AuditEvent, Invitation, StaffUser } from './staff-user.entity';
import { TenancyErrorCode, TenancyException } from './tenancy.errors';


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

export interface IssuedInvitation {
  staff: StaffView;
  token: string;
  expiresAt: Date;
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

/** A staff_user row as the plain statements of login and the principal re-read select it. */
export const STAFF_COLUMNS = 'id, email, name, role, last_login_at, created_at';
export interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  last_login_at: Date | null;
  created_at: Date;
}

/** The view of an active member from a plain row (the statement filtered out disabled accounts). */
export function staffViewOfRow(row: StaffRow): StaffView {
  return { id: row.id, email: row.email, name: row.name, role: row.role, active: true, status: 'active', lastLoginAt: row.last_login_at, createdAt: row.created_at };
}

@Injectable()
export class TenantMembersService {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async invite(input: { email: string; name: string; role: TenantRole }, actor: string): Promise<IssuedInvitation> {
    const em = this.context.em();
    const email = input.email.trim();
    const taken = await em.count(StaffUser, { [sql.lower('email')]: email.toLowerCase() });
    if (taken > 0) throw new TenancyException(TenancyErrorCode.EmailTaken);
    const user = em.create(StaffUser, { id: randomUUID(), email, name: input.name, role: input.role });
    const { token, hash } = newToken();
    const expiresAt = invitationExpiry();
    em.create(Invitation, { id: randomUUID(), staffUser: user, tokenHash: hash, expiresAt });
    em.create(AuditEvent, { actor, action: 'staff.invited', subjectType: 'staff_user', subjectId: user.id, fields: ['email', 'name', 'role'] });
    try {
      await em.flush();
    } catch (error) {
      // Two invitations racing for one address: the unique index decides.
      if (error instanceof UniqueConstraintViolationException) throw new TenancyException(TenancyErrorCode.EmailTaken);
      throw error;
    }
    return { staff: toStaffView(user), token, expiresAt };
  }

  async list(): Promise<StaffView[]> {
    const users = await this.context.em().find(StaffUser, {}, { populate: ['passwordHash'], orderBy: { createdAt: 'asc', id: 'asc' } });
    return users.map(toStaffView);
  }

  /** Who a usable invitation is for (to check their new password against), or null; takes no lock. */
  async invitee(token: string): Promise<{ email: string; name: string } | null> {
    const invitation = await this.context.em().findOne(
      Invitation,
      { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { $gt: new Date() }, staffUser: { disabledAt: null } },
      { populate: ['staffUser'] },
    );
    return invitation ? { email: invitation.staffUser.email, name: invitation.staffUser.name } : null;
  }

  /**
   * Sets the first password of an invited member. The invitation is consumed in the same
   * transaction, under a row lock, so one token can be used once only.
   */
  async acceptInvitation(token: string, passwordHash: string): Promise<StaffView> {
    return this.context.em().transactional(async (em) => {
      const invitation = await em.findOne(
        Invitation,
        { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { $gt: new Date() } },
        { populate: ['staffUser'], lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!invitation || invitation.staffUser.disabledAt) throw new TenancyException(TenancyErrorCode.InvitationInvalid);
      invitation.acceptedAt = new Date();
      const user = invitation.staffUser;
      em.assign(user, { passwordHash });
      em.create(AuditEvent, { actor: `staff:${user.id}`, action: 'staff.invitation_accepted', subjectType: 'staff_user', subjectId: user.id, fields: ['password'] });
      await em.flush();
      return toStaffView(user);
    });
  }

  /**
   * The member who may log in with this e-mail, with the password hash loaded; null when none. Login's two
   * statements go straight to the plain pool: the ORM was a sixth of the event loop in a login storm
   * (bench/README.md, "login").
   */
  async findForLogin(email: string): Promise<(StaffView & { passwordHash: string }) | null> {
    const { rows } = await this.pool.query<StaffRow & { password_hash: string }>(
      `select ${STAFF_COLUMNS}, password_hash from ${this.table('staff_user')}
        where lower(email) = $1 and disabled_at is null and password_hash is not null`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ? { ...staffViewOfRow(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  /**
   * Disables a member (never oneself: a tenant must not lock out its last owner by accident). Takes the owner
   * locks `changeRole` takes, in the same order, so a disable and a demotion at once cannot leave no owner who can
   * sign in: the second waits, then is refused.
   */
  async disable(id: string, actorId: string, actor: string): Promise<StaffView> {
    if (id === actorId) throw new TenancyException(TenancyErrorCode.CannotDisableSelf);
    return this.context.em().transactional(async (em) => {
      const owners = await this.lockOwners(em);
      const user = await em.findOne(StaffUser, { id }, { populate: ['passwordHash'], lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new NotFoundProblem('staff member');
      if (user.disabledAt) return toStaffView(user);
      if (owners.length === 1 && owners[0].id === id) {
        throw new TenancyException(TenancyErrorCode.LastOwner, 'Make another member an owner first: the business must always have an owner who can sign in.');
      }
      user.disabledAt = new Date();
      em.create(AuditEvent, { actor, action: 'staff.disabled', subjectType: 'staff_user', subjectId: id, fields: ['disabledAt'] });
      await em.flush();
      return toStaffView(user);
    });
  }

  /** Every owner who can sign in, locked in id order: disable and changeRole queue up on these rows. */
  private lockOwners(em: EntityManager): Promise<StaffUser[]> {
    return em.find(StaffUser, { role: 'owner', disabledAt: null, passwordHash: { $ne: null } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
  }

  /**
   * Makes a member owner or staff. At least one owner who can sign in always remains: every owner row is locked
   * first, so two owners demoting each other at once queue up and the second is refused. The principal is re-read
   * on every request, so the change applies from the member's next request.
   */
  async changeRole(id: string, role: TenantRole, actor: string): Promise<StaffView> {
    return this.context.em().transactional(async (em) => {
      const owners = await this.lockOwners(em);
      const user = await em.findOne(StaffUser, { id }, { populate: ['passwordHash'], lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new NotFoundProblem('staff member');
      if (user.role === role) return toStaffView(user);
      if (role !== 'owner' && owners.every((owner) => owner.id === id)) {
        throw new TenancyException(TenancyErrorCode.LastOwner, 'Make another member an owner first: the business must always have an owner who can sign in.');
      }
      user.role = role;
      em.create(AuditEvent, { actor, action: 'staff.role_changed', subjectType: 'staff_user', subjectId: id, fields: ['role'] });
      await em.flush();
      return toStaffView(user);
    });
  }

  /** A member who may reset their password (has one, not disabled), by e-mail; for PasswordResetService. */
  async findForReset(email: string): Promise<{ id: string; email: string; personal: string[] } | null> {
    const found = await this.findForLogin(email);
    return found && { id: found.id, email: found.email, personal: [found.email, found.name, this.context.tenant.slug] };
  }

  async findResettable(id: string): Promise<{ id: string; email: string; personal: string[] } | null> {
    const { rows } = await this.pool.query<{ id: string; email: string; name: string }>(
      `select id, email, name from ${this.table('staff_user')} where id = $1 and disabled_at is null and password_hash is not null`,
      [id],
    );
    return rows[0] ? { id: rows[0].id, email: rows[0].email, personal: [rows[0].email, rows[0].name, this.context.tenant.slug] } : null;
  }

  /** The new password from a reset link, recorded in the audit trail as the member's own act. */
  async resetPassword(id: string, passwordHash: string, em: EntityManager): Promise<void> {
    const user = await em.findOneOrFail(StaffUser, { id });
    em.assign(user, { passwordHash });
    const actor = principalKey({ kind: 'tenant-staff', id, tenantId: this.context.tenant.tenantId });
    em.create(AuditEvent, { actor, action: 'staff.password_reset', subjectType: 'staff_user', subjectId: id, fields: ['password'] });
    await em.flush();
  }

  async recordLogin(id: string, rehashed?: string): Promise<void> {
    await this.pool.query(`update ${this.table('staff_user')} set last_login_at = now(), password_hash = coalesce($2, password_hash) where id = $1`, [id, rehashed ?? null]);
  }

  private table(name: string): string {
    return `${quoteIdent(this.context.tenant.schema)}.${name}`;
  }
}
