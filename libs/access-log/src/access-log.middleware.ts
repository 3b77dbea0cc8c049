// The Express middleware that sees every request: it notes the start, and as the response's headers go out (or
// when the client went away first) hands one row to the recorder, so the row is journalled before the client
// has its answer. Registered right after the request id.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import onHeaders from 'on-headers';
import { principalKey, type Principal } from '@app/core';
import { normalizeClientIp } from './ip';
import type { AccessLogRow } from './access-log.writer';

/** The route of a request that matched none (404s, errors raised before routing): never the raw URL. */
export const UNMATCHED_ROUTE = '(unmatched)';
/** nginx's convention for a client that closed the connection before the response was complete. */
export const CLIENT_CLOSED_REQUEST = 499;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_INT = 2_147_483_647;

/** Nest answers paths no controller matched from a catch-all route with this path, under the global prefix. */
const NEST_NOT_FOUND_PATH = '*path';

/** The route template (`/api/t/:tenant/customers/:id`), so ids, tokens and queries in URLs stay out of the log. */
export function routeTemplate(req: Pick<Request, 'route' | 'baseUrl'>): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' && path !== NEST_NOT_FOUND_PATH ? (req.baseUrl ?? '') + path : UNMATCHED_ROUTE;
}

/**
 * One access-log row for a finished request; null only if the request id is missing (it never is after
 * requestIdMiddleware). `trafficOf`: the tenant an anonymous request was found to be for (a failed login).
 */
export function requestRow(req: Request, status: number, loggedAt: Date, latencyMs: number, trafficOf?: string): AccessLogRow | null {
  if (typeof req.id !== 'string' || !UUID.test(req.id)) return null;
  const principal = principalOf(req);
  return {
    loggedAt,
    // Express's req.ip honours only the configured `trust proxy`: X-Forwarded-For from anyone else is ignored.
    ip: normalizeClientIp(req.ip),
    method: req.method.slice(0, 16),
    route: routeTemplate(req),
    status,
    latencyMs: Math.min(Math.max(0, Math.round(latencyMs)), MAX_INT),
    // Everyone but platform staff acts within one tenant: that tenant's traffic, for access transparency. So does
    // an anonymous request to a tenant's public route (a failed login, its privacy notice).
    tenantId: principal ? (principal.kind !== 'platform' ? principal.tenantId : null) : (trafficOf ?? null),
    principal: principal ? principalKey(principal) : null,
    requestId: req.id,
  };
}

/** The guard sets `principal` on protected routes; on a login route passport's `user` is who just signed in. */
function principalOf(req: Request): Principal | undefined {
  const principal = req.principal ?? (req.user as Principal | undefined);
  return typeof principal?.kind === 'string' && typeof principal.id === 'string' ? principal : undefined;
}

/** `trafficOf` is called at the start of each request and returns who its traffic turned out to be for at the end. */
export function accessLogMiddleware(record: (row: AccessLogRow) => void, trafficOf: () => () => string | undefined = () => () => undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const loggedAt = new Date();
    const tenantOfTraffic = trafficOf();
    const started = process.hrtime.bigint();
    let done = false;
    const finish = (aborted: boolean) => () => {
      if (done) return;
      done = true;
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      const row = requestRow(req, aborted ? CLIENT_CLOSED_REQUEST : res.statusCode, loggedAt, latencyMs, tenantOfTraffic());
      if (row) record(row);
    };
    // The status is final once the headers go out; 'close' before that means the client went away.
    onHeaders(res, finish(false));
    res.once('close', finish(true));
    next();
  };
}
