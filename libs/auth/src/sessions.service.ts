// Ending a session: passport forgets the user, the store row is deleted, the browser drops the cookie.
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '@app/core';
import { createSessionMiddleware, leaveSessionUntouched, renewSession, sessionCookieName, type SessionSetup } from './session';
import { AuthRepository } from './auth.repository';

export interface SessionStatus {
  now: Date;
  expiresAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  idleTimeoutSeconds: number;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly config: AppConfig,
    private readonly repository: AuthRepository,
  ) {}

  /** The session middleware, its store on the auth lib's pool: the app applies it (applySessions) and closes it. */
  middleware(): SessionSetup {
    return createSessionMiddleware(this.config, (errorLog) => this.repository.sessionStore(errorLog));
  }

  async logout(req: Request, res: Response): Promise<void> {
    await new Promise<void>((resolve, reject) => req.logout({ keepSessionInfo: false }, (err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    res.clearCookie(sessionCookieName(this.config), { path: '/', httpOnly: true, sameSite: 'strict', secure: this.config.secureCookies });
  }

  /** When this session ends: the store's expiry (idle) or the absolute lifetime from sign-in, whichever is first. */
  async status(req: Request): Promise<SessionStatus> {
    const now = new Date();
    // When the store will drop this session unless it is used again: its row's `expire`.
    const stored = await this.repository.sessionExpiry(req.sessionID);
    // No stored row yet cannot happen for a signed-in request; fall back to a full idle period from now.
    const idleExpiresAt = stored ?? new Date(now.getTime() + this.config.sessionIdleMinutes * 60_000);
    const started = req.session.authenticatedAt ?? now.getTime();
    const absoluteExpiresAt = new Date(started + this.config.sessionAbsoluteHours * 3_600_000);
    const expiresAt = idleExpiresAt < absoluteExpiresAt ? idleExpiresAt : absoluteExpiresAt;
    return { now, expiresAt, idleExpiresAt, absoluteExpiresAt, idleTimeoutSeconds: this.config.sessionIdleMinutes * 60 };
  }

  /** The status, asked without renewing the session: a console that asks before warning must not keep it alive. */
  current(req: Request): Promise<SessionStatus> {
    leaveSessionUntouched(req);
    return this.status(req);
  }

  /** Renews the idle timeout now (never past the absolute lifetime) and says when the session ends. */
  async extend(req: Request): Promise<SessionStatus> {
    await renewSession(req);
    return this.status(req);
  }

  /** Ends the sessions of a tenant's staff and customers at once (it left the platform), in the open transaction. */
  endTenantSessions(tenantId: string): Promise<void> {
    return this.repository.deleteTenantSessions(tenantId);
  }
}
