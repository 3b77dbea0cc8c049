// Turns statements captured from the query log into a pgbench transaction: the same text, the same
// parameters (as pgbench variables, so pgbench binds them like node-postgres does).
import type { LoggedStatement } from './postgres.mts';

export interface PgbenchScript {
  script: string;
  defines: Record<string, string>;
}

/**
 * `variable` may name a pgbench variable for a parameter value (e.g. `client_id` for a session id, so
 * each pgbench client has its own row, like each API connection has its own session).
 */
export function toPgbenchScript(statements: LoggedStatement[], variable: (value: string) => string | undefined = () => undefined): PgbenchScript {
  const defines: Record<string, string> = {};
  const texts = statements.map((statement, i) =>
    statement.sql.replace(/\$(\d+)/g, (_, n: string) => {
      const value = statement.params[Number(n) - 1];
      if (value === null || value === undefined) return 'NULL';
      const name = variable(value) ?? `s${i}p${n}`;
      if (!variable(value)) defines[name] = value;
      return `:${name}`;
    }),
  );
  return { script: texts.map((t) => t.replace(/;\s*$/, '') + ';').join('\n') + '\n', defines };
}

/**
 * What the API does in the background whatever the request: pg-boss (its own `pgboss` schema: the outbox and
 * schedule workers poll it) and the session store's pruning. A capture of a request leaves these out.
 */
export function isBackgroundStatement(statement: LoggedStatement): boolean {
  // The job queue, the session sweeper, and the outbox's sender delivering mails the seeding queued.
  return /\bpgboss\b/i.test(statement.sql) || /\bplatform\.outbox_message\b/i.test(statement.sql) || /^\s*delete from\s+"?platform"?\."?session"?\s+where\s+expire\s*</i.test(statement.sql);
}

/** A statement that the request path issues (not the access log's batched insert, not background work, not our own session). */
export function isRequestStatement(statement: LoggedStatement, benchPid: string): boolean {
  return statement.pid !== benchPid && !/access_log/i.test(statement.sql) && !isBackgroundStatement(statement);
}
