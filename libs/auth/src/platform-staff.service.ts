// Platform staff accounts: the first admin, invitations, roles (audited), and what login needs.
import { Injectable, Logger } from '@nestjs/common';
import { MailService } from '@app/mail';
import { LockMode, MikroORM, sql, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AppConfig, ConflictProblem, hashToken, newToken, NotFoundProblem, PLATFORM_ROLES, type PlatformRole, type PlatformPrincipal } from '@app/core';
import { PlatformInvitation, PlatformRoleChange, PlatformStaff } from './platform-staff.entity';
import { AuthErrorCode, AuthException } from './auth.errors';

const INVITATION_DAYS = 7;

export interface PlatformStaffView {
  id: string;
  email: string;
  name: string;
  roles: PlatformRole[];
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

function toView(s: PlatformStaff): PlatformStaffView {
  return { id: s.id, email: s.email, name: s.name, roles: s.roles as PlatformRole[], active: !s.disabledAt, lastLoginAt: s.lastLoginAt ?? null, createdAt: s.createdAt };
}

@Injectable()
export class PlatformStaffService {
  private readonly logger = new Logger(PlatformStaffService.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  async adminExists(): Promise<boolean> {
    const rows = await this.orm.em.fork().execute(`select 1 from platform.platform_staff where 'platform_admin' = any(roles) and disabled_at is null limit 1`);
    return rows.length > 0;
  }

  /** Creates a platform admin with a password (CLI and first start). */
  async createAdmin(email: string, name: string, passwordHash: string): Promise<PlatformStaffView> {
    const em = this.orm.em.fork();
    if (await this.emailTaken(email)) throw new ConflictProblem('staff-email-taken', 'That e-mail address already has an account.');
    const staff = em.create(PlatformStaff, { id: randomUUID(), email, name, passwordHash, roles: ['platform_admin'] });
    em.create(PlatformRoleChange, { staff, role: 'platform_admin', action: 'grant', actorId: null });
    await em.flush();
    return toView(staff);
  }

  /** Creates a member of platform staff with an invitation, and e-mails them its link. */
  async invite(input: { email: string; name: string; roles: PlatformRole[] }, actorId: string) {
    const { staff, token, expiresAt } = await this.createInvited(input, actorId);
    const origin = this.config.publicOrigin ?? `http://localhost:${this.config.port}`;
    const invitationUrl = `${origin}/platform/invitation#token=${token}`;
    try {
      await this.mail.send({ to: staff.email, subject: 'Invitation: Rekisteri platform staff', text: `You have been invited to the Rekisteri platform.\n\n${invitationUrl}\n` });
    } catch (error) {
      this.logger.warn({ err: error }, 'invitation e-mail could not be sent');
    }
    return { ...staff, invitationUrl, invitationExpiresAt: expiresAt };
  }

  private async createInvited(input: { email: string; name: string; roles: PlatformRole[] }, actorId: string): Promise<{ staff: PlatformStaffView; token: string; expiresAt: Date }> {
    const em = this.orm.em.fork();
    if (await this.emailTaken(input.email)) throw new ConflictProblem('staff-email-taken', 'That e-mail address already has an account.');
    const roles = [...new Set(input.roles)];
    const staff = em.create(PlatformStaff, { id: randomUUID(), email: input.email.trim(), name: input.name, roles });
    for (const role of roles) em.create(PlatformRoleChange, { staff, role, action: 'grant', actorId });
    const { token, hash } = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
    em.create(PlatformInvitation, { id: randomUUID(), staff, tokenHash: hash, expiresAt });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictProblem('staff-email-taken', 'That e-mail address already has an account.');
      throw error;
    }
    return { staff: toView(staff), token, expiresAt };
  }

  /** Who a usable invitation is for (to check their new password against), or null; takes no lock. */
  async invitee(token: string): Promise<{ email: string; name: string } | null> {
    const em = this.orm.em.fork();
    const invitation = await em.findOne(PlatformInvitation, { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { $gt: new Date() } });
    const staff = invitation && (await em.findOne(PlatformStaff, { id: invitation.staff.id, disabledAt: null }));
    return staff ? { email: staff.email, name: staff.name } : null;
  }

  async acceptInvitation(token: string, passwordHash: string): Promise<PlatformStaffView> {
    return this.orm.em.fork().transactional(async (em) => {
      const invitation = await em.findOne(PlatformInvitation, { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { $gt: new Date() } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const staff = invitation && (await em.findOne(PlatformStaff, { id: invitation.staff.id, disabledAt: null }));
      if (!invitation || !staff) throw new AuthException(AuthErrorCode.InvitationInvalid);
      invitation.acceptedAt = new Date();
      em.assign(staff, { passwordHash });
      await em.flush();
      return toView(staff);
    });
  }

  /** Replaces a member's roles; every grant and revocation is recorded. Takes effect on their next request. */
  async setRoles(id: string, roles: PlatformRole[], actorId: string): Promise<PlatformStaffView> {
    return this.orm.em.fork().transactional(async (em) => {
      const staff = await em.findOne(PlatformStaff, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!staff) throw new NotFoundProblem('staff member');
      const wanted = new Set(roles);
      const current = new Set(staff.roles as PlatformRole[]);
      for (const role of PLATFORM_ROLES) {
        if (wanted.has(role) && !current.has(role)) em.create(PlatformRoleChange, { staff, role, action: 'grant', actorId });
        if (!wanted.has(role) && current.has(role)) em.create(PlatformRoleChange, { staff, role, action: 'revoke', actorId });
      }
      staff.roles = PLATFORM_ROLES.filter((r) => wanted.has(r));
      await em.flush();
      return toView(staff);
    });
  }

  async disable(id: string, actorId: string): Promise<PlatformStaffView> {
    if (id === actorId) throw new ConflictProblem('cannot-disable-self', 'You cannot disable your own account.');
    const em = this.orm.em.fork();
    const staff = await em.findOne(PlatformStaff, { id });
    if (!staff) throw new NotFoundProblem('staff member');
    staff.disabledAt ??= new Date();
    await em.flush();
    return toView(staff);
  }

  async findForLogin(email: string): Promise<(PlatformStaffView & { passwordHash: string }) | null> {
    const staff = await this.orm.em
      .fork()
      .findOne(PlatformStaff, { [sql.lower('email')]: email.trim().toLowerCase(), disabledAt: null, passwordHash: { $ne: null } }, { populate: ['passwordHash'] });
    if (!staff?.passwordHash) return null;
    return { ...toView(staff), passwordHash: staff.passwordHash };
  }

  /** The principal as the database says now: disabled accounts and revoked roles take effect at once. */
  async loadPrincipal(id: string): Promise<PlatformPrincipal | null> {
    const staff = await this.orm.em.fork().findOne(PlatformStaff, { id, disabledAt: null });
    return staff ? { kind: 'platform', id: staff.id, email: staff.email, name: staff.name, roles: staff.roles as PlatformRole[] } : null;
  }

  async recordLogin(id: string, rehashed?: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(PlatformStaff, { id }, rehashed ? { lastLoginAt: new Date(), passwordHash: rehashed } : { lastLoginAt: new Date() });
  }

  private async emailTaken(email: string): Promise<boolean> {
    return (await this.orm.em.fork().count(PlatformStaff, { [sql.lower('email')]: email.trim().toLowerCase() })) > 0;
  }
}
