// Cookie sessions in PostgreSQL: idle timeout (rolling cookie), absolute lifetime, strict cookie flags.
import { type INestApplication, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import passport from 'passport';
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

const sessionLog = new Logger('Sessions');

/** The session store (in PostgreSQL, AuthRepository's), given where its own errors go. */
export type SessionStoreFactory = (errorLog: (message: string, error: unknown) => void) => session.Store & { close(): void };

export function createSessionMiddleware(config: AppConfig, makeStore: SessionStoreFactory): SessionSetup {
  if (!config.sessionSecret) throw new Error('sessionSecret must be resolved before sessions are set up');
  // The store's own errors (a failed prune of expired sessions) go to the app's log, not the console; once the
  // store is closed a prune still in flight meets the ended pool, which is no news to anyone.
  let closed = false;
  const errorLog = (message: string, error: unknown) => {
    if (!closed) sessionLog.warn(`${message} ${error instanceof Error ? error.message : String(error)}`);
  };
  const store = makeStore(errorLog);
  const idleMs = config.sessionIdleMinutes * 60_000;
  const absoluteMs = config.sessionAbsoluteHours * 3_600_000;
  const sessions = session({
    store,
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Never 'destroy': when loading a session fails (the database restarting), express-session leaves
    // req.session unset, and 'destroy' would then delete that live session once the database answers again.
    unset: 'keep',
    cookie: { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/', maxAge: idleMs },
  });
  throttleTouches(store);
  skipRedundantLoginWrites(store);
  const absoluteLifetime = (req: Request, _res: Response, next: NextFunction) => {
    const started = req.session?.authenticatedAt;
    if (started && Date.now() - started > absoluteMs) return req.session.regenerate(next);
    next();
  };
  return {
    middleware: [sessions, absoluteLifetime, passport.initialize(), passport.session()],
    close: () => {
      closed = true;
      store.close();
    },
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
    const req = (sess as { req?: Request }).req;
    if (req && untouched.has(req)) return callback?.();
    const now = Date.now();
    const last = touchedAt.get(sid);
    if (last !== undefined && now - last < SESSION_TOUCH_INTERVAL_MS) return callback?.();
    touchedAt.delete(sid);
    touchedAt.set(sid, now);
    if (touchedAt.size > remember) touchedAt.delete(touchedAt.keys().next().value as string);
    touch(sid, sess, callback);
  };
}

const untouched = new WeakSet<Request>();

/**
 * Marks a request that must not count as activity: asking when the session ends (the console does it before
 * warning of the idle timeout) would otherwise keep an idle session alive forever. The browser's cookie is still
 * renewed; the store's expiry, which decides, is not.
 */
export function leaveSessionUntouched(req: Request): void {
  untouched.add(req);
}

/** Renews the idle timeout now, whatever the touch throttle says: the user asked to stay signed in. */
export async function renewSession(req: Request): Promise<void> {
  req.session.touch();
  await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/** express-session adds `generate` to its store when session() is called. */
type GeneratingStore = session.Store & { generate(req: Request): void };

/**
 * A login would cost four session statements; this makes it one. express-session's regenerate DELETEs the old
 * id first, but a visitor's pre-login session was only generated in memory (saveUninitialized: false), so for
 * ids generated in this request and never stored the DELETE is skipped. And a regenerated session is saved
 * twice: by passport, then again at the response (its expiry moved by milliseconds); a second write of the
 * same sid and data within one request is skipped unless it moves the expiry by more than a touch would.
 * Stored and loaded sessions are destroyed and saved as before. Needs the `generate` that session() puts on
 * the store, so call it after session().
 */
function skipRedundantLoginWrites(sessionStore: session.Store): void {
  const store = sessionStore as GeneratingStore;
  if (typeof store.generate !== 'function') throw new Error('skipRedundantLoginWrites needs the store after session()');
  const unstored = new WeakMap<Request, string>();
  const written = new WeakMap<Request, { sid: string; data: string; expires: number }>();
  // Should the store ever be handed a plain object instead of express-session's Session, stop skipping.
  let trusted = true;
  const generate = store.generate.bind(store);
  store.generate = (req) => {
    generate(req);
    unstored.set(req as Request, req.sessionID);
  };
  const set = store.set.bind(store);
  store.set = (sid, sess, callback) => {
    // express-session hands the store its Session, which knows its request.
    const req = (sess as { req?: Request }).req;
    if (!req) {
      trusted = false;
      return set(sid, sess, callback);
    }
    unstored.delete(req);
    const data = JSON.stringify({ ...sess, cookie: undefined });
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : Infinity;
    const previous = written.get(req);
    // The same data, stored with an expiry at most the touch interval short of this one: as touches go.
    if (trusted && previous?.sid === sid && previous.data === data && previous.expires >= expires - SESSION_TOUCH_INTERVAL_MS) return callback?.();
    set(sid, sess, (error?: unknown) => {
      if (!error) written.set(req, { sid, data, expires });
      callback?.(error);
    });
  };
  const regenerate = store.regenerate.bind(store);
  store.regenerate = (req, callback) => {
    if (!trusted || unstored.get(req as Request) !== req.sessionID) return regenerate(req, callback);
    store.generate(req);
    callback();
  };
}

export function applySessions(app: INestApplication, setup: SessionSetup): void {
  for (const handler of setup.middleware) app.use(handler);
}
