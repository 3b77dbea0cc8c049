// Turns every thrown error into problem+json; unknown errors become a logged 500 that says nothing more.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ProblemBody, ProblemException, problemForStatus, unavailableProblem } from './problem';
import { unavailableFailure } from './unavailable';

const logger = new Logger('Problem');

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/** The last Express error handler, for errors raised by middleware outside Nest's routing (sessions, body parsing). */
export function problemErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  sendProblem(error, req, res);
}

function sendProblem(error: unknown, req: Request, res: Response): void {
  const body = toProblem(error, req);
  body.requestId = req.id as string | undefined;
  if (res.headersSent) return;
  if (typeof body.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(body.retryAfterSeconds));
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

function toProblem(error: unknown, req: Request): ProblemBody {
  if (error instanceof ProblemException) return error.toBody();
  if (error instanceof HttpException) {
    // Nest wraps what body-parser passes on (our own problems from its verify hook among them).
    if (error.cause instanceof ProblemException) return error.cause.toBody();
    const status = error.getStatus();
    // Nest wraps body-parser's SyntaxError; its message would echo a fragment of the body.
    if (error.cause instanceof SyntaxError) return problemForStatus(400, 'The body is not valid JSON.');
    if (status < 500) return problemForStatus(status, httpDetail(error));
  }
  // Body-parser errors carry a status and an `expose` flag instead of being HttpExceptions.
  const maybe = error as { status?: number; expose?: boolean; type?: string };
  if (typeof maybe?.status === 'number' && maybe.status >= 400 && maybe.status < 500 && maybe.expose) {
    return problemForStatus(maybe.status, maybe.type === 'entity.parse.failed' ? 'The body is not valid JSON.' : undefined);
  }
  const unavailable = unavailableFailure(error);
  if (unavailable) {
    // Expected while PostgreSQL restarts or is overloaded: the code is enough (a message can quote values).
    logger.warn({ code: unavailable.code, requestId: req.id, route: req.route?.path }, unavailable.kind);
    return unavailableProblem(unavailable.kind, unavailable.retryAfterSeconds);
  }
  logger.error({ err: error, requestId: req.id, route: req.route?.path }, 'unhandled error');
  return problemForStatus(500, 'Something went wrong on our side. Quote the request id when reporting it.');
}

function httpDetail(error: HttpException): string | undefined {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}
