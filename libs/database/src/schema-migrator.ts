// Applies class-per-file SQL migrations to one schema, inside the caller's transaction.
//
// Not MikroORM's Migrator: that one sets a session-level search_path on pooled connections and,
// with snapshots, introspects every schema per run. Here each schema is migrated under
// `SET LOCAL search_path` in its own transaction, so a failure leaves that schema untouched.
import type { EntityManager } from '@mikro-orm/postgresql';
import { boundSql, type BoundSql } from './bound-sql';
import { quoteIdent } from './embedded-postgres';

export interface MigrationContext {
  /** Runs SQL in the migration's transaction, with search_path set to the target schema (bind parameters `$1, $2`). */
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
  return migrateSchemaWith(boundSql(em), schema, migrations, placement);
}

/**
 * Runs SQL with bind parameters (`$1, $2, ...`) inside a transaction the caller holds open: `boundSql(em)` or
 * `TenantContext.sql()` in a request, a restore's own pg connection (`client.query`), which takes them natively.
 */
export type TransactionExecutor = BoundSql;

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
  const sharding = placement.onCoordinator ? 'off' : 'on';
  const [{ known }] = await execute<{ known: boolean }>(
    `select pg_advisory_xact_lock(hashtext($1)), set_config('search_path', $2, true), set_config('statement_timeout', '0', true), ` +
      `set_config('citus.enable_schema_based_sharding', $3, true), set_config('citus.enable_unsafe_triggers', $3, true), to_regclass($4) is not null as known`,
    [schema, quoted, sharding, `${quoted}.schema_migrations`],
  );
  if (!known) {
    await execute(`create schema if not exists ${quoted}`);
    // `if not exists` still: the lookup above ran before the lock was granted, from a possibly stale cache.
    await execute(`create table if not exists ${quoted}.schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  }
  const applied = new Set(known ? (await execute<{ name: string }>('select name from schema_migrations')).map((r) => r.name) : []);
  const pending = [...migrations].sort((a, b) => a.name.localeCompare(b.name)).filter((m) => !applied.has(m.name));
  for (const migration of pending) await migration.up({ execute });
  const names = pending.map((m) => m.name);
  // Records what was applied and puts the search_path back as the connection had it, in one statement.
  await execute(
    `${names.length ? `with recorded as (insert into schema_migrations (name) values ${names.map((_, i) => `($${i + 1})`).join(', ')}) ` : ''}` +
      `select set_config('search_path', (select reset_val from pg_settings where name = 'search_path'), true)`,
    names,
  );
  return names;
}
