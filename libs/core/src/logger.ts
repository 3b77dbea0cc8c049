// Structured JSON logs: one line per event, with request id and route template; never IPs, cookies or tokens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Request } from 'express';
import type { AppConfig } from './config';

const REDACTED = ['req.headers', 'password', '*.password', 'token', '*.token', 'sessionId', 'cookie', '*.cookie'];

function withRoute(req: IncomingMessage, value: Record<string, unknown>): Record<string, unknown> {
  const r = req as Request;
  return { ...value, route: r.route?.path as string | undefined, tenant: r.tenantSlug };
}

type HttpLoggerOptions = Exclude<NonNullable<Params['pinoHttp']>, DestinationStream | unknown[]>;

/** `destination` defaults to standard output; tests pass a stream to read what would be written. */
export function loggerParams(config: AppConfig, destination?: DestinationStream): Params {
  const options: HttpLoggerOptions = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => (req as Request).id ?? 'unknown',
    redact: { paths: REDACTED, censor: '[redacted]' },
    serializers: {
      // Deliberately small: the raw URL can carry ids or tokens and the peer address is personal data.
      req: (req: { id: string; method: string }) => ({ id: req.id, method: req.method }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // The route template is known only once routing is done, so it is added to the completion line.
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => withRoute(req, value),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _err: Error, value: Record<string, unknown>) => withRoute(req, value),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    quietReqLogger: true,
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
