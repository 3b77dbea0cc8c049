// SQL with real bind parameters ($1, $2, ...) on MikroORM's connection. `em.execute` inlines its
// parameters as literals, which cannot express arrays (`unnest($1::uuid[])`) for set-based writes.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

interface Executor {
  executeQuery(query: { sql: string; parameters: readonly unknown[]; query: { kind: 'RawNode' }; queryId: { queryId: string } }): Promise<{ rows: unknown[] }>;
}

export type BoundSql = <T = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;

/** Runs statements in `em`'s open transaction when it has one, otherwise on a pooled connection. */
export function boundSql(em: EntityManager): BoundSql {
  // MikroORM 7 runs SQL through Kysely: both its transaction and its client take a compiled raw query.
  const executor = (em.getTransactionContext() ?? em.getConnection().getClient()) as unknown as Executor;
  return async <T>(text: string, values: unknown[] = []) => {
    const result = await executor.executeQuery({ sql: text, parameters: values, query: { kind: 'RawNode' }, queryId: { queryId: 'bound-sql' } });
    return result.rows as T[];
  };
}

/**
 * For hot reads, rows in the API's shape: in `transaction` when one is open (its writes are seen), otherwise
 * straight on the plain pg pool, with no ORM in the way (bench/README.md, "customers page"). The pool hands
 * timestamps back as Date, MikroORM's connection as text: rows that may come from either pass through `withDates`.
 */
export function readSql(pool: Pool, transaction: EntityManager | undefined): BoundSql {
  if (transaction) return boundSql(transaction);
  return async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[];
}

/**
 * The row with these keys' timestamps as Date: MikroORM's connection hands them back as text, and so does JSON
 * built in SQL (json_agg); a Date or null is left as it is.
 */
export function withDates<T>(row: T, keys: readonly string[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const key of keys) if (typeof out[key] === 'string') out[key] = new Date(out[key] as string);
  return out as T;
}
