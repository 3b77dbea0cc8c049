// The auth lib's platform tables (platform_staff and its roles and invitations, session, login_throttle): the only
// file of the lib, with password-reset.repository.ts, that reaches PostgreSQL. No tenant is bound to these tables:
// a platform transaction opened with `transaction()` travels in the context's one slot as a tenant's does
// (DatabaseContext), so services pass no EntityManager. The hot statements (login, the principal re-read, the
// session store) stay on the plain pool (bench/README.md, "login").
import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, LockMode, MikroORM, sql, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { EntityData } from '@mikro-orm/core';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { DatabaseContext, PG_POOL } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { PlatformInvitation, PlatformRoleChange, PlatformRoleGrant, PlatformStaff } from './platform-staff.entity';

export type SessionStore = session.Store & { close(): void };

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

@Injectable()
export class AuthRepository {
  constructor(
    private readonly orm: MikroORM,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly context: TenantContext,
    private readonly database: DatabaseContext,
  ) {}

  /** Runs fn in one transaction on the platform tables; the repository's methods called inside it join it. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.database.transaction(fn);
  }

  /** The open transaction's manager (platform or tenant), or a fresh one (one unit of work per call outside a transaction). */
  private em(): EntityManager {
    return this.database.em();
  }

  // --- sessions (platform.session, written by connect-pg-simple) ---

  /** The session store on the plain pool. */
  sessionStore(errorLog: (message: string, error: unknown) => void): SessionStore {
    const PgStore = connectPgSimple(session);
    return new PgStore({ pool: this.pool, schemaName: 'platform', tableName: 'session', createTableIfMissing: false, pruneSessionInterval: 600, errorLog });
  }

  /** When the store will drop a session unless it is used again: its row's `expire`; null when it has no row. */
  async sessionExpiry(sid: string): Promise<Date | null> {
    // `expire` is a timestamp without zone written in the connection's zone (connect-pg-simple's to_timestamp): read
    // it back the same way, on the store's own pool, as epoch milliseconds, so Node's own zone cannot shift it.
    const { rows } = await this.pool.query<{ ms: number }>('select (extract(epoch from expire::timestamptz) * 1000)::float8 as ms from platform.session where sid = $1', [sid]);
    return rows[0] ? new Date(rows[0].ms) : null;
  }

  /** Deletes every session of a principal: in the open transaction (platform or tenant) if there is one. */
  async deleteSessions(principal: string): Promise<void> {
    if (this.database.inTransaction || this.context.isBound) await this.database.sql('delete from platform.session where principal = $1', [principal]);
    else await this.pool.query('delete from platform.session where principal = $1', [principal]);
  }

  async deleteOtherSessions(principal: string, currentSessionId: string): Promise<number> {
    const result = await this.pool.query('delete from platform.session where principal = $1 and sid <> $2', [principal, currentSessionId]);
    return result.rowCount ?? 0;
  }

  // --- login throttle (platform.login_throttle, written by rate-limiter-flexible) ---

  rateLimiter(options: LimiterOptions): RateLimiterPostgres {
    return new RateLimiterPostgres({ storeClient: this.pool, storeType: 'pool', schemaName: 'platform', tableName: 'login_throttle', tableCreated: true, ...options });
  }

  // --- platform staff ---

  async adminExists(): Promise<boolean> {
    const rows = await this.pool.query(`select 1 from platform.platform_staff where 'platform_admin' = any(roles) and disabled_at is null limit 1`);
    return rows.rowCount! > 0;
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.em().count(PlatformStaff, { [sql.lower('email')]: email.trim().toLowerCase() })) > 0;
  }

  /** New rows, added to the open transaction's unit of work (written by `flush`). */
  newStaff(data: EntityData<PlatformStaff>): PlatformStaff {
    return this.em().create(PlatformStaff, data as PlatformStaff);
  }

  newRoleChange(data: EntityData<PlatformRoleChange>): PlatformRoleChange {
    return this.em().create(PlatformRoleChange, data as PlatformRoleChange);
  }

  newGrant(data: EntityData<PlatformRoleGrant>): PlatformRoleGrant {
    return this.em().create(PlatformRoleGrant, data as PlatformRoleGrant);
  }

  newInvitation(data: EntityData<PlatformInvitation>): PlatformInvitation {
    return this.em().create(PlatformInvitation, data as PlatformInvitation);
  }

  assign<T extends object>(entity: T, data: EntityData<T>): void {
    this.em().assign(entity, data as never);
  }

  /** Writes the unit of work; `onDuplicate` is thrown instead when a unique index refuses a row. */
  async flush(onDuplicate?: () => Error): Promise<void> {
    try {
      await this.em().flush();
    } catch (error) {
      if (onDuplicate && error instanceof UniqueConstraintViolationException) throw onDuplicate();
      throw error;
    }
  }

  /** A usable invitation by its token's hash (optionally locked), with its staff member when they are not disabled. */
  async usableInvitation(tokenHash: string, now: Date, options: { lock?: boolean } = {}): Promise<{ invitation: PlatformInvitation; staff: PlatformStaff } | null> {
    const em = this.em();
    const invitation = await em.findOne(
      PlatformInvitation,
      { tokenHash, acceptedAt: null, expiresAt: { $gt: now } },
      options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
    const staff = invitation && (await em.findOne(PlatformStaff, { id: invitation.staff.id, disabledAt: null }));
    return invitation && staff ? { invitation, staff } : null;
  }

  findStaff(id: string, options: { lock?: boolean; active?: boolean } = {}): Promise<PlatformStaff | null> {
    return this.em().findOne(PlatformStaff, options.active ? { id, disabledAt: null } : { id }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  findGrant(id: string, staffId: string, options: { lock?: boolean } = {}): Promise<PlatformRoleGrant | null> {
    return this.em().findOne(PlatformRoleGrant, { id, staff: staffId }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  pendingGrants(staffIds: string[]): Promise<PlatformRoleGrant[]> {
    if (staffIds.length === 0) return Promise.resolve([]);
    return this.em().find(PlatformRoleGrant, { staff: { $in: staffIds }, status: 'pending' }, { orderBy: { proposedAt: 'asc', id: 'asc' } });
  }

  roleChanges(staffIds: string[]): Promise<PlatformRoleChange[]> {
    if (staffIds.length === 0) return Promise.resolve([]);
    return this.em().find(PlatformRoleChange, { staff: { $in: staffIds } }, { orderBy: { id: 'asc' } });
  }

  staffByIds(ids: string[]): Promise<PlatformStaff[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.em().find(PlatformStaff, { id: { $in: ids } });
  }

  /** Platform staff in creation order, after a cursor. */
  listStaff(after: { at: Date; id: string } | undefined, limit: number): Promise<PlatformStaff[]> {
    return this.em().find(PlatformStaff, after ? { $or: [{ createdAt: { $gt: after.at } }, { createdAt: after.at, id: { $gt: after.id } }] } : {}, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit,
    });
  }

  /** The member who may log in with this e-mail, with the password hash loaded. */
  findForLogin(email: string): Promise<PlatformStaff | null> {
    return this.orm.em
      .fork()
      .findOne(PlatformStaff, { [sql.lower('email')]: email.trim().toLowerCase(), disabledAt: null, passwordHash: { $ne: null } }, { populate: ['passwordHash'] });
  }

  findResettable(id: string): Promise<PlatformStaff | null> {
    return this.orm.em.fork().findOne(PlatformStaff, { id, disabledAt: null, passwordHash: { $ne: null } });
  }

  /** A new password, in the open platform transaction (a reset). */
  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.em().nativeUpdate(PlatformStaff, { id }, { passwordHash });
  }

  async recordLogin(id: string, rehashed?: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(PlatformStaff, { id }, rehashed ? { lastLoginAt: new Date(), passwordHash: rehashed } : { lastLoginAt: new Date() });
  }

  /** Deletes every session of a tenant's staff and customers (`<realm>:<tenant id>:<id>`), in the open transaction if there is one. */
  async deleteTenantSessions(tenantId: string): Promise<void> {
    const pattern = `%:${tenantId}:%`;
    if (this.database.inTransaction || this.context.isBound) await this.database.sql('delete from platform.session where principal like $1', [pattern]);
    else await this.pool.query('delete from platform.session where principal like $1', [pattern]);
  }
}
