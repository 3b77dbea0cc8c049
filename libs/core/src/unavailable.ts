// Which failures mean "the database is away or too busy right now" (answer 503 with Retry-After, the client may
// try again) rather than a defect (500). Decided from SQLSTATEs and Node's socket error codes, never messages
// alone: the pg driver's own connection errors carry no code, so those few are matched by their fixed text.

export type UnavailableKind = 'database-unavailable' | 'database-busy';

export interface Unavailable {
  kind: UnavailableKind;
  /** The SQLSTATE or Node error code, for the log (never the message: it can quote values). */
  code: string;
  retryAfterSeconds: number;
}

/** Connection exceptions (08), shutdowns (57P01-57P03), too many connections (53300), socket errors. */
const UNAVAILABLE_CODES = /^(08[0-9A-Z]{3}|57P0[1-5]|53300|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOTFOUND)$/;
/** Lock timeout (55P03), statement timeout or cancel (57014), deadlock (40P01), serialization (40001), out of resources (53100/53200). */
const BUSY_CODES = /^(55P03|57014|40P01|40001|53100|53200)$/;
/** node-postgres and pg-pool raise these without a code. */
const DRIVER_MESSAGES: [RegExp, string][] = [
  [/^Connection terminated( unexpectedly| due to connection timeout)?$/, 'connection-terminated'],
  [/^timeout exceeded when trying to connect$/, 'pool-timeout'],
  [/is not queryable$/, 'connection-broken'],
  [/^Query read timeout$/, 'query-timeout'],
];

export function unavailableFailure(error: unknown): Unavailable | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return { kind: 'database-unavailable', code, retryAfterSeconds: 5 };
    if (typeof code === 'string' && BUSY_CODES.test(code)) return { kind: 'database-busy', code, retryAfterSeconds: 2 };
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string') {
      for (const [pattern, name] of DRIVER_MESSAGES) {
        // MikroORM appends detail lines to a driver's message; the first line is the driver's own.
        if (pattern.test(message.split('\n')[0])) return { kind: name === 'pool-timeout' ? 'database-busy' : 'database-unavailable', code: name, retryAfterSeconds: name === 'pool-timeout' ? 2 : 5 };
      }
    }
  }
  return undefined;
}
