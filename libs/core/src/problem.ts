// RFC 9457 problem details: the one shape every error of the API takes.
import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://rekisteri.dev/problems/';

/**
 * A failure the client can act on. Modules throw subclasses carrying their own code;
 * the code becomes the problem `type`, so clients can tell failures apart without parsing text.
 */
export class ProblemException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  toBody(requestId?: string): ProblemBody {
    return { type: TYPE_BASE + this.code, title: this.title, status: this.status, detail: this.detail, requestId, ...this.extensions };
  }
}

/**
 * How each code of a module answers: one entry per member of the module's code enum, so a code added without
 * its status and title fails to compile. Modules throw their own exception class built on such a table.
 */
export type ProblemTable<Code extends string> = Readonly<Record<Code, { readonly status: HttpStatus; readonly title: string }>>;

export class ValidationProblem extends ProblemException {
  constructor(errors: FieldError[]) {
    super(HttpStatus.BAD_REQUEST, 'validation', 'The request is not valid', 'One or more fields are invalid.', { errors });
  }
}

export class NotFoundProblem extends ProblemException {
  constructor(what = 'resource') {
    super(HttpStatus.NOT_FOUND, 'not-found', 'Not found', `No such ${what}.`);
  }
}

export class ForbiddenProblem extends ProblemException {
  constructor(detail = 'You are not allowed to do this.') {
    super(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }
}

export class UnauthenticatedProblem extends ProblemException {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Not signed in', 'Sign in to continue.');
  }
}

export class ConflictProblem extends ProblemException {
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, code, 'Conflict', detail, extensions);
  }
}

/** 503: the database is away (restarting, refusing connections) or too busy (no connection or lock in time). */
export function unavailableProblem(kind: 'database-unavailable' | 'database-busy', retryAfterSeconds: number): ProblemBody {
  const detail = kind === 'database-unavailable' ? 'The service cannot reach its database right now. Try again shortly.' : 'The service is too busy to answer right now. Try again shortly.';
  return { type: TYPE_BASE + kind, title: 'Service unavailable', status: 503, detail, retryAfterSeconds };
}

/** Problem bodies for errors raised by the framework itself (unknown route, bad JSON, too large). */
export function problemForStatus(status: number, detail?: string): ProblemBody {
  const titles: Record<number, string> = {
    400: 'Bad request',
    401: 'Not signed in',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    409: 'Conflict',
    413: 'Payload too large',
    415: 'Unsupported media type',
    429: 'Too many requests',
  };
  return { type: status >= 500 ? 'about:blank' : TYPE_BASE + `http-${status}`, title: titles[status] ?? 'Error', status, detail };
}
