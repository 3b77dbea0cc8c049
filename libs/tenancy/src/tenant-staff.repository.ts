// The tables the lib keeps in each tenant's schema: staff_user, invitation and audit_event. Reached through the
// tenant context (its open transaction when there is one); login's statements stay on the plain pool (bench/README.md,
// "login": the ORM was a sixth of the event loop in a login storm).
import { Inject, Injectable } from '@nestjs/common';
import { LockMode, sql, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { PG_POOL, quoteIdent } from '@app/database';
import type { TenantRole } from '@app/core';
import { TenantContext } from './tenant-context';
import { AuditEvent, Invitation, StaffUser } from './staff-user.entity';

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

export interface AuditRow {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  fields: string[];
}

@Injectable()
export class TenantStaffRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The bound tenant's table, written as login's statements always were (their text is what bench/ replays). */
  private table(name: string): string {
    return `${quoteIdent(this.context.tenant.schema)}.${name}`;
  }

  // --- audit_event ---

  /** Adds an entry to the unit of work of the tenant context's manager (its open transaction's when there is one). */
  addAuditEvent(entry: AuditRow): void {
    this.context.em().create(AuditEvent, { ...entry, fields: [...entry.fields].sort() });
  }

  /** Many entries in one statement, in the tenant context's open transaction. */
  async insertAuditEvents(entries: AuditRow[], at: Date): Promise<void> {
    const rows = entries.map((e) => ({ actor: e.actor, action: e.action, subject_type: e.subjectType, subject_id: e.subjectId, fields: [...e.fields].sort() }));
    await this.context.sql(
      `insert into ${this.table('audit_event')} (occurred_at, actor, action, subject_type, subject_id, fields)
       select $1, actor, action, subject_type, subject_id, fields
         from jsonb_to_recordset($2::jsonb) as r(actor text, action text, subject_type text, subject_id text, fields text[])`,
      [at, JSON.stringify(rows)],
    );
  }

  async reassignAuditSubject(subjectType: string, from: string, to: string): Promise<number> {
    const moved = await this.context.sql(`update ${this.table('audit_event')} set subject_id = $1 where subject_type = $2 and subject_id = $3 returning 1`, [to, subjectType, from]);
    return moved.length;
  }

  auditEvents(subjectType: string, subjectId: string): Promise<AuditEvent[]> {
    return this.context.em().find(AuditEvent, { subjectType, subjectId }, { orderBy: { occurredAt: 'asc', id: 'asc' } });
  }

  // --- staff_user and invitation ---

  async staffNames(ids: string[]): Promise<Map<string, string>> {
    const staff = ids.length ? await this.context.em().find(StaffUser, { id: { $in: ids } }, { fields: ['id', 'name'], disableIdentityMap: true }) : [];
    return new Map(staff.map((s) => [s.id, s.name]));
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.context.em().count(StaffUser, { [sql.lower('email')]: email.toLowerCase() })) > 0;
  }

  /**
   * A new member, their invitation and the audit entry, written together; false when the unique index on the
   * address refused the member (two invitations racing for one address).
   */
  async insertInvited(staff: { id: string; email: string; name: string; role: TenantRole }, invitation: { id: string; tokenHash: string; expiresAt: Date }, audit: AuditRow): Promise<StaffUser | null> {
    const em = this.context.em();
    const user = em.create(StaffUser, staff);
    em.create(Invitation, { ...invitation, staffUser: user });
    em.create(AuditEvent, audit);
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return null;
      throw error;
    }
    return user;
  }

  listStaff(): Promise<StaffUser[]> {
    return this.context.em().find(StaffUser, {}, { populate: ['passwordHash'], orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** A usable invitation with its member; `lock` takes its row (inside a transaction), `activeOnly` skips disabled members. */
  usableInvitation(tokenHash: string, now: Date, options: { lock?: boolean; activeOnly?: boolean } = {}): Promise<Invitation | null> {
    return this.context.em().findOne(
      Invitation,
      { tokenHash, acceptedAt: null, expiresAt: { $gt: now }, ...(options.activeOnly ? { staffUser: { disabledAt: null } } : {}) },
      { populate: ['staffUser'], ...(options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
    );
  }

  /** Every owner who can sign in, locked in id order: disable and changeRole queue up on these rows. */
  lockOwners(): Promise<StaffUser[]> {
    return this.context.em().find(StaffUser, { role: 'owner', disabledAt: null, passwordHash: { $ne: null } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
  }

  /** A member with the password hash loaded, locked (inside a transaction). */
  lockStaff(id: string): Promise<StaffUser | null> {
    return this.context.em().findOne(StaffUser, { id }, { populate: ['passwordHash'], lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Changes a loaded member, with the audit entry, in the open transaction. */
  async saveStaff(user: StaffUser, changes: Partial<Pick<StaffUser, 'passwordHash' | 'role' | 'disabledAt'>>, audit: AuditRow): Promise<void> {
    const em = this.context.em();
    em.assign(user, changes);
    em.create(AuditEvent, audit);
    await em.flush();
  }

  /** Marks an invitation accepted and sets the member's first password, with the audit entry. */
  async acceptInvitation(invitation: Invitation, passwordHash: string, audit: AuditRow): Promise<void> {
    invitation.acceptedAt = new Date();
    await this.saveStaff(invitation.staffUser, { passwordHash }, audit);
  }

  /** A new password (a reset), with the audit entry, in the tenant context's open transaction. */
  async setPassword(id: string, passwordHash: string, audit: AuditRow): Promise<void> {
    const em = this.context.em();
    const user = await em.findOneOrFail(StaffUser, { id });
    em.assign(user, { passwordHash });
    em.create(AuditEvent, audit);
    await em.flush();
  }

  // --- login's plain statements ---

  async findForLogin(email: string): Promise<(StaffRow & { password_hash: string }) | null> {
    const { rows } = await this.pool.query<StaffRow & { password_hash: string }>(
      `select ${STAFF_COLUMNS}, password_hash from ${this.table('staff_user')}
        where lower(email) = $1 and disabled_at is null and password_hash is not null`,
      [email],
    );
    return rows[0] ?? null;
  }

  async findResettable(id: string): Promise<{ id: string; email: string; name: string } | null> {
    const { rows } = await this.pool.query<{ id: string; email: string; name: string }>(
      `select id, email, name from ${this.table('staff_user')} where id = $1 and disabled_at is null and password_hash is not null`,
      [id],
    );
    return rows[0] ?? null;
  }

  async recordLogin(id: string, rehashed?: string): Promise<void> {
    await this.pool.query(`update ${this.table('staff_user')} set last_login_at = now(), password_hash = coalesce($2, password_hash) where id = $1`, [id, rehashed ?? null]);
  }
}
