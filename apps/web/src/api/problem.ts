// What went wrong, in a shape the pages can explain: problem+json from the API, or no answer at all.
export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: FieldProblem[];
  retryAfterSeconds?: number;
  [extension: string]: unknown;
}

export type ApiErrorKind = 'network' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'validation' | 'rate-limited' | 'server';

/** Thrown by the client for every failed call; pages read `kind`, forms read `fieldErrors`. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly problem: Problem | null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem?.title ?? kind);
    this.name = 'ApiError';
  }

  /** The problem type's last segment (`stale-version`, `customer-email-taken`), for errors a page treats specially. */
  get code(): string | null {
    return this.problem?.type.split('/').pop() ?? null;
  }
}

export function kindOf(status: number): ApiErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500) return 'validation';
  return 'server';
}

export function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).status === 'number' && typeof (body as Problem).title === 'string';
}

/** Builds the error for a response that failed; the body is whatever the server sent (maybe not JSON). */
export function apiErrorFrom(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const problem = isProblem(body) ? body : null;
  const retryAfter = problem?.retryAfterSeconds ?? (retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null);
  return new ApiError(kindOf(status), status, problem, retryAfter);
}

/**
 * The API names a field by its path in the body (`email`, `lines.0.quantity`); a form by its own names.
 * Returns the first message per form field, and the messages no field of the form shows (to show them above it).
 */
export function fieldErrors<F extends string>(error: unknown, fields: readonly F[], aliases: Partial<Record<string, F>> = {}): { byField: Partial<Record<F, string>>; other: string[] } {
  const byField: Partial<Record<F, string>> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError) || !error.problem) return { byField, other };
  for (const { field, message } of error.problem.errors ?? []) {
    const name = (aliases[field] ?? (fields as readonly string[]).find((f) => f === field)) as F | undefined;
    if (name && !byField[name]) byField[name] = message;
    else if (!name) other.push(message);
  }
  return { byField, other };
}

/**
 * `fieldErrors` in the user's language: the API writes its messages in English for developers, so each field
 * shows the form's own message for it (or the form's general one); messages no field shows are left out.
 */
export function localisedFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
  say: (field: F) => string,
  aliases: Partial<Record<string, F>> = {},
): Partial<Record<F, string>> {
  const { byField } = fieldErrors(error, fields, aliases);
  return Object.fromEntries((Object.keys(byField) as F[]).map((field) => [field, say(field)])) as Partial<Record<F, string>>;
}
