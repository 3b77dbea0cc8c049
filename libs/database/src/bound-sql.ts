// SQL with real bind parameters ($1, $2, ...) on MikroORM's connection. `em.execute` inlines its
// parameters as literals, which cannot express arrays (`unnest($1::uuid[])`) for set-based writes.
import type { EntityManager } from '@mikro-orm/postgresql';

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
