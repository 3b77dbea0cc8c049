// Cookie sessions in PostgreSQL: idle timeout (rolling cookie), absolute lifetime, strict cookie flags.
import type { INestApplication } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import type { Pool } from 'pg';
import type { AppConfig } from '@app/core';

declare module 'express-session' {
  interface SessionData {
    /** When the user logged in: the absolute lifetime counts from here, whatever the activity. */
    authenticatedAt: number;
  }
}

export function sessionCookieName(config: AppConfig): string {
  // The __Host- prefix pins the cookie to this host and path and requires Secure.
  return config.secureCookies ? '__Host-rekisteri' : 'rekisteri.sid';
}

export interface SessionSetup {
  middleware: RequestHandler[];
  close(): void;
}

export function createSessionMiddleware(config: AppConfig, pool: Pool): SessionSetup {
  if (!config.sessionSecret) throw new Error('sessionSecret must be resolved before sessions are set up');
  const PgStore = connectPgSimple(session);
  const store = new PgStore({ pool, schemaName: 'platform', tableName: 'session', createTableIfMissing: false, pruneSessionInterval: 600 });
  throttleTouches(store);
  const idleMs = config.sessionIdleMinutes * 60_000;
  const absoluteMs = config.sessionAbsoluteHours * 3_600_000;
  const sessions = session({
    store,
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/', maxAge: idleMs },
  });
  const absoluteLifetime = (req: Request, _res: Response, next: NextFunction) => {
    const started = req.session?.authenticatedAt;
    if (started && Date.now() - started > absoluteMs) return req.session.regenerate(next);
    next();
  };
  return {
    middleware: [sessions, absoluteLifetime, passport.initialize(), passport.session()],
    close: () => store.close(),
  };
}

/** How often one API instance refreshes a session's server-side expiry. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/**
 * The rolling idle timeout costs an UPDATE on every request. Refreshing it at most once a minute per session
 * keeps the timeout within a minute of exact (a session can end up to a minute early, never late) for a
 * fraction of the writes. The memory of recent touches is bounded.
 */
function throttleTouches(store: session.Store, remember = 100_000): void {
  const touch = store.touch?.bind(store);
  if (!touch) return;
  const touchedAt = new Map<string, number>();
  store.touch = (sid, sess, callback) => {
    const now = Date.now();
    const last = touchedAt.get(sid);
    if (last !== undefined && now - last < SESSION_TOUCH_INTERVAL_MS) return callback?.();
    touchedAt.delete(sid);
    touchedAt.set(sid, now);
    if (touchedAt.size > remember) touchedAt.delete(touchedAt.keys().next().value as string);
    touch(sid, sess, callback);
  };
}

export function applySessions(app: INestApplication, setup: SessionSetup): void {
  for (const handler of setup.middleware) app.use(handler);
}
