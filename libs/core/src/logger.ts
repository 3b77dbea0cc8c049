// Structured JSON logs: one line per event, with request id and route template; never IPs, cookies or tokens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Request } from 'express';
import type { AppConfig } from './config';

const REDACTED = ['req.headers', 'password', '*.password', 'token', '*.token', 'sessionId', 'cookie', '*.cookie'];

/** Errors of the language itself, whose messages name code, never data; any other error's message may quote it. */
const CODE_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

/**
 * What a log line keeps of an error: its type, its code (a PostgreSQL SQLSTATE or a Node code) and where it was
 * thrown. Not its message or fields: a database error quotes the statement, its parameters and the conflicting
 * value ("Key (email)=(maija@example.fi) already exists"), which is personal data.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; sqlState?: unknown };
  const frames = e.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 10);
  return {
    type: e.constructor?.name ?? e.name,
    code: typeof e.sqlState === 'string' ? e.sqlState : typeof e.code === 'string' ? e.code : undefined,
    ...(CODE_ERRORS.has(e.name) ? { message: e.message } : {}),
    stack: frames?.join('\n'),
  };
}

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
      err: loggableError,
    },
    // The route template is known only once routing is done, so it is added to the completion line.
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => withRoute(req, value),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _err: Error, value: Record<string, unknown>) => withRoute(req, value),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    quietReqLogger: true,
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
