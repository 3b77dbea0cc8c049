// Applies class-per-file SQL migrations to one schema, inside the caller's transaction.
//
// Not MikroORM's Migrator: that one sets a session-level search_path on pooled connections and,
// with snapshots, introspects every schema per run. Here each schema is migrated under
// `SET LOCAL search_path` in its own transaction, so a failure leaves that schema untouched.
import type { EntityManager } from '@mikro-orm/postgresql';
import { quoteIdent } from './embedded-postgres';

export interface MigrationContext {
  /** Runs SQL in the migration's transaction, with search_path set to the target schema. */
  execute(sql: string, params?: unknown[]): Promise<unknown[]>;
}

export interface SchemaMigration {
  /** Stable name, recorded in the schema's `schema_migrations` table; sorts in application order. */
  readonly name: string;
  up(db: MigrationContext): Promise<void>;
}

/**
 * Where a schema lives on a Citus cluster (docs/citus.md). On plain PostgreSQL both settings below are inert
 * placeholders, so the same statement serves both.
 * - `onCoordinator`: the platform schema. Created with schema-based sharding off for its transaction, so it stays a
 *   set of ordinary tables on the coordinator (the cluster turns sharding on for every other new schema).
 * - otherwise (a tenant schema): created with schema-based sharding on, so it becomes a distributed schema whose
 *   tables live together on one worker. `citus.enable_unsafe_triggers` lets the consent ledger keep its append-only
 *   trigger: Citus calls triggers on distributed tables unsafe because a trigger may touch rows on other nodes; this one
 *   only raises, and every table of a distributed schema sits on the same node anyway.
 */
export interface SchemaPlacement {
  onCoordinator?: boolean;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Refusing unsafe schema name ${JSON.stringify(schema)}`);
  return schema;
}

/**
 * Migrates `schema` to the latest of `migrations` within `em`'s current transaction.
 * Returns the names applied. The caller owns the transaction (so onboarding can include
 * the tenant row and the owner in the same all-or-nothing unit).
 */
export async function migrateSchemaInTransaction(em: EntityManager, schema: string, migrations: readonly SchemaMigration[], placement: SchemaPlacement = {}): Promise<string[]> {
  if (!em.isInTransaction()) throw new Error('migrateSchemaInTransaction needs a transaction');
  return migrateSchemaWith((sql, params = []) => em.execute(sql, params) as Promise<unknown[]>, schema, migrations, placement);
}

/** Runs SQL (`?` placeholders) inside a transaction the caller holds open. */
export type TransactionExecutor = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/**
 * The same as migrateSchemaInTransaction on any executor that is inside a transaction: a tenant restore
 * holds one raw connection (for COPY) and migrates the recreated schema on it.
 */
export async function migrateSchemaWith(execute: TransactionExecutor, schema: string, migrations: readonly SchemaMigration[], placement: SchemaPlacement = {}): Promise<string[]> {
  const quoted = quoteIdent(assertSchemaName(schema));
  // Round trips, not SQL, are most of the cost of checking 1 000 up-to-date schemas: one statement takes the
  // lock (two migrators on one schema would race; the transaction-scoped lock makes the second wait), sets
  // the search_path for this transaction, lifts the request pools' statement timeout (a migration may rewrite
  // a big table), places the schema on a Citus cluster (SchemaPlacement), and says whether it has been migrated before.
  const [{ known }] = (await execute(
    `select pg_advisory_xact_lock(hashtext(?)), set_config('search_path', ?, true), set_config('statement_timeout', '0', true), ` +
      `set_config('citus.enable_schema_based_sharding', ?, true), set_config('citus.enable_unsafe_triggers', ?, true), to_regclass(?) is not null as known`,
    [schema, quoted, placement.onCoordinator ? 'off' : 'on', placement.onCoordinator ? 'off' : 'on', `${quoted}.schema_migrations`],
  )) as { known: boolean }[];
  if (!known) {
    await execute(`create schema if not exists ${quoted}`);
    // `if not exists` still: the lookup above ran before the lock was granted, from a possibly stale cache.
    await execute(`create table if not exists ${quoted}.schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  }
  const applied = new Set(known ? ((await execute('select name from schema_migrations')) as { name: string }[]).map((r) => r.name) : []);
  const pending = [...migrations].sort((a, b) => a.name.localeCompare(b.name)).filter((m) => !applied.has(m.name));
  for (const migration of pending) await migration.up({ execute });
  const names = pending.map((m) => m.name);
  // Records what was applied and puts the search_path back as the connection had it, in one statement.
  await execute(
    `${names.length ? `with recorded as (insert into schema_migrations (name) values ${names.map(() => '(?)').join(', ')}) ` : ''}` +
      `select set_config('search_path', (select reset_val from pg_settings where name = 'search_path'), true)`,
    names,
  );
  return names;
}
