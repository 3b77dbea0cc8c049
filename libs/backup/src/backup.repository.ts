// Backup's tables and connections: the platform's erasure ledger, and the one raw connection a backup or a restore
// holds for its COPY (pg_dump-style work: COPY needs the pg client itself, which the ORM's pool does not lend out).
// Every statement is written with `$n` bind parameters, backup's own and the other modules' a restore runs on its
// connection (the schema migrator, the erasure steps, consent's withdrawals): the pg client takes them natively, and
// in a request the same statements run through `TenantContext.sql()` / `boundSql`.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { boundSql, DATABASE_URL, migrateSchemaWith, quoteIdent, type SchemaMigration, type TransactionExecutor } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { inDependencyOrder, type TableInfo } from './tenant-tables';

export interface ErasureLedgerRow {
  customer_id: string;
  request_id: string | null;
  erased_at: Date;
}

/** The migrator's own bookkeeping: recreated by migrating, never copied. */
const MIGRATIONS_TABLE = 'schema_migrations';
/** How long a restore waits for the tenant's running requests to let go of its tables. */
export const RESTORE_LOCK_TIMEOUT = '10s';

const qualified = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;
const columnList = (columns: string[]) => columns.map(quoteIdent).join(', ');

@Injectable()
export class BackupRepository {
  private readonly logger = new Logger('BackupService');

  constructor(
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly orm: MikroORM,
    private readonly context: TenantContext,
  ) {}

  /** Platform table `erasure_ledger`, inside the open transaction of the tenant in scope. Idempotent. */
  async recordErasure(entry: { customerId: string; requestId: string | null }): Promise<void> {
    await this.context.sql('insert into platform.erasure_ledger (tenant_id, customer_id, request_id) values ($1, $2, $3) on conflict (tenant_id, customer_id) do nothing', [
      this.context.tenant.tenantId,
      entry.customerId,
      entry.requestId,
    ]);
  }

  /** The tenant's erasures, oldest first; `execute` reads them inside a restore's transaction. */
  async erasureLedger(tenantId: string, execute: TransactionExecutor = boundSql(this.orm.em.fork())): Promise<ErasureLedgerRow[]> {
    return execute<ErasureLedgerRow>('select customer_id, request_id, erased_at from platform.erasure_ledger where tenant_id = $1 order by erased_at, customer_id', [tenantId]);
  }

  /** A connection of its own for one backup or restore (application_name `rekisteri-backup`). */
  async open(): Promise<BackupConnection> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'rekisteri-backup' });
    // A connection lost mid-run rejects the query in flight; without a listener it would also crash the process.
    client.on('error', (error: Error & { code?: string }) => this.logger.warn({ code: error.code }, 'backup connection lost'));
    await client.connect();
    return new BackupConnection(client);
  }
}

/** One raw connection: a backup's snapshot, or a restore's one transaction. */
export class BackupConnection {
  /** Runs other modules' SQL (bind parameters `$1, $2`) on this connection, inside its transaction. */
  readonly execute: TransactionExecutor = async <T>(text: string, values: unknown[] = []) => (await this.client.query(text, values)).rows as T[];

  constructor(private readonly client: Client) {}

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  async commit(): Promise<void> {
    await this.client.query('commit');
  }

  async rollback(): Promise<void> {
    await this.client.query('rollback').catch(() => undefined);
  }

  // --- backup

  /**
   * A REPEATABLE READ read-only snapshot of the schema. The shared advisory lock is session-level and taken before
   * the snapshot: a migration that was running has committed by then, and migrations wait meanwhile.
   */
  async beginSnapshot(schema: string): Promise<void> {
    await this.client.query('select pg_advisory_lock_shared(hashtext($1))', [schema]);
    await this.client.query('begin isolation level repeatable read read only');
  }

  async migrations(schema: string): Promise<string[]> {
    return (await this.client.query<{ name: string }>(`select name from ${qualified(schema, MIGRATIONS_TABLE)}`)).rows.map((r) => r.name).sort();
  }

  async serverVersion(): Promise<string> {
    return (await this.client.query<{ server_version: string }>('show server_version')).rows[0].server_version;
  }

  /** The table's stored columns as COPY text, chunk by chunk. */
  copyOut(schema: string, table: TableInfo): AsyncIterable<Buffer> {
    return this.client.query(copyTo(`copy (select ${columnList(table.columns)} from ${qualified(schema, table.name)}) to stdout`)) as unknown as AsyncIterable<Buffer>;
  }

  /** The tenant's audit trail (autocommit: after the snapshot has ended). */
  async audit(schema: string, actor: string, action: 'tenant.backed_up' | 'tenant.restored', tenantId: string): Promise<void> {
    await this.client.query(`insert into ${qualified(schema, 'audit_event')} (actor, action, subject_type, subject_id, fields) values ($1, $2, 'tenant', $3, '{}')`, [actor, action, tenantId]);
  }

  // --- the catalog

  /**
   * What a tenant schema holds, read from the catalog: its tables in foreign-key order with the columns a backup
   * carries (generated ones are computed again on restore). Read from the catalog rather than listed by hand, so
   * a table added by a later migration is backed up too.
   */
  async tables(schema: string): Promise<TableInfo[]> {
    const { rows: tables } = await this.client.query<TableInfo>(
      `select c.relname as name,
              coalesce(array_agg(a.attname::text order by a.attnum) filter (where a.attnum > 0 and not a.attisdropped and a.attgenerated = ''), '{}') as columns
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid
        where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $2
        group by c.relname`,
      [schema, MIGRATIONS_TABLE],
    );
    const { rows: references } = await this.client.query<{ child: string; parent: string }>(
      `select c.relname as child, p.relname as parent
         from pg_constraint k
         join pg_class c on c.oid = k.conrelid
         join pg_class p on p.oid = k.confrelid
         join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = $1 and p.relnamespace = c.relnamespace and k.conrelid <> k.confrelid`,
      [schema],
    );
    return inDependencyOrder(tables, references);
  }

  // --- restore

  /**
   * Opens the restore's transaction and takes the migrator's lock (nothing else migrates this schema until we
   * commit), then every table of the schema, exclusively, in one statement and in name order, before anything is
   * dropped: DROP SCHEMA would otherwise lock table after table in catalog order while requests lock them in theirs,
   * a deadlock waiting to happen. Requests that arrive later wait (up to their own lock timeout, then 503); this
   * waits for running ones up to RESTORE_LOCK_TIMEOUT, and the caller tries again.
   */
  async beginRestore(schema: string): Promise<void> {
    const client = this.client;
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [schema]);
    await client.query(`select set_config('lock_timeout', $1, true)`, [RESTORE_LOCK_TIMEOUT]);
    // A request that locks a later table first and then an earlier one (an invoice, then its customer for the
    // foreign key) can still meet the restore in a deadlock. PostgreSQL aborts the side whose deadlock_timeout runs
    // out first: a long one here makes that the request (503, Retry-After), not the restore. Only a superuser may
    // set it; without that privilege the restore keeps its retries.
    await client.query('savepoint restore_deadlock_timeout');
    try {
      await client.query(`select set_config('deadlock_timeout', $1, true)`, [RESTORE_LOCK_TIMEOUT]);
      await client.query('release savepoint restore_deadlock_timeout');
    } catch {
      await client.query('rollback to savepoint restore_deadlock_timeout');
    }
    const { rows } = await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'p') order by c.relname`,
      [schema],
    );
    if (rows.length) await client.query(`lock table ${rows.map((r) => qualified(schema, r.name)).join(', ')} in access exclusive mode`);
    await client.query(`select set_config('lock_timeout', '0', true)`);
  }

  async dropSchema(schema: string): Promise<void> {
    await this.client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
  }

  /** Migrates the schema on this connection, in the restore's transaction. Returns the names applied. */
  migrate(schema: string, migrations: readonly SchemaMigration[]): Promise<string[]> {
    return migrateSchemaWith(this.execute, schema, migrations);
  }

  async truncate(schema: string, tables: TableInfo[]): Promise<void> {
    if (tables.length) await this.client.query(`truncate ${tables.map((t) => qualified(schema, t.name)).join(', ')}`);
  }

  async setUserTriggers(schema: string, tables: TableInfo[], state: 'enable' | 'disable'): Promise<void> {
    for (const t of tables) await this.client.query(`alter table ${qualified(schema, t.name)} ${state} trigger user`);
  }

  /** Loads COPY text (whole rows, newline-terminated, in chunks) into the table's stored columns. */
  async copyIn(schema: string, table: TableInfo, chunks: () => AsyncGenerator<Buffer>): Promise<void> {
    const sink = this.client.query(copyFrom(`copy ${qualified(schema, table.name)} (${columnList(table.columns)}) from stdin`));
    await pipeline(chunks, sink);
  }

  /** Moves every sequence owned by a column (identity or serial) past the largest value now in that column. */
  async resetSequences(schema: string): Promise<void> {
    const { rows } = await this.client.query<{ sequence: string; table: string; column: string }>(
      `select format('%I.%I', n.nspname, s.relname) as sequence, t.relname as table, a.attname as column
         from pg_class s
         join pg_namespace n on n.oid = s.relnamespace
         join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
         join pg_class t on t.oid = d.refobjid
         join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where s.relkind = 'S' and n.nspname = $1`,
      [schema],
    );
    for (const { sequence, table, column } of rows) {
      // Two statements, not `select setval(...) from table`: on a Citus cluster that one would run on the tenant's
      // worker and move the worker's copy of the sequence, while inserts take their ids from the coordinator's.
      const { rows: next } = await this.client.query<{ next: string }>(`select coalesce(max(${quoteIdent(column)}), 0) + 1 as next from ${qualified(schema, table)}`);
      await this.client.query(`select setval($1::regclass, $2, false)`, [sequence, next[0].next]);
    }
  }
}
