// Leaving the platform, its statements: the platform's invoice archive (platform.invoice_archive, added with
// leaving), the whole-register snapshot a ZIP is written from, and the nightly drop of a tenant's schema. The
// tenant's leaving columns are TenancyService's, the invoices BillingService's, the sessions SessionsService's.
//
// The request and the drop run in the tenant context's open transaction (`TenantContext.transaction()`, the drop
// with the leaving tenant bound); the snapshot and the platform-wide reads use the pool, with no tenant bound.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { assertSchemaName, openReadOnlySnapshot, PG_POOL, quoteIdent } from '@app/database';
import { TenantContext } from '@app/tenancy';
import type { InvoiceArchiveRow } from '@app/billing';

/** Rows fetched from the snapshot at a time while the archive is written. */
const FETCH_ROWS = 1000;

/** One read-only snapshot of a tenant's schema on one connection, for the register archive. */
export interface RegisterSnapshot {
  /** The tables of the schema as information_schema lists them, each with its columns in order. */
  tables: { name: string; columns: string[] }[];
  migrations: string[];
  /** Rows of one table as JSON text, a thousand at a time, from a cursor in the snapshot. */
  rows(table: string): AsyncGenerator<string[]>;
  /** Ends the snapshot and gives the connection back (idempotent). */
  release(): Promise<void>;
}

@Injectable()
export class LeavingRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** Writes what the tenant context holds unwritten (an audit entry recorded outside a transaction). */
  async flush(): Promise<void> {
    await this.context.em().flush();
  }

  // ---- the archive ----

  /**
   * Takes a connection and opens a repeatable-read, read-only snapshot of the schema on it; the caller releases it
   * (when the download ends or fails). A failure while opening gives the connection back at once.
   */
  async openSnapshot(schema: string): Promise<RegisterSnapshot> {
    assertSchemaName(schema);
    const { client, release } = await openReadOnlySnapshot(this.pool);
    try {
      const tables = await archiveTables(client, schema);
      const migrations = (await client.query<{ name: string }>(`select name from ${quoteIdent(schema)}.schema_migrations order by name`)).rows.map((r) => r.name);
      return { tables, migrations, rows: (table) => rowsOf(client, schema, table), release };
    } catch (error) {
      await release();
      throw error;
    }
  }

  // ---- the nightly work (no tenant bound, then each leaving tenant bound in turn) ----

  /** Deletes archived invoices whose legal period is over. Returns how many. */
  async purgeArchive(today: string): Promise<number> {
    const result = await this.pool.query('delete from platform.invoice_archive where keep_until < $1::date', [today]);
    return result.rowCount ?? 0;
  }

  /** The schema's advisory lock, which backups and migrations of it hold too. */
  async lockSchema(schemaName: string): Promise<void> {
    await this.context.sql('select pg_advisory_xact_lock(hashtext($1))', [schemaName]);
  }

  /** Copies invoices to the platform's archive (read first, written as values: no statement joins platform tables with the tenant's, for Citus). */
  async archiveInvoices(tenantId: string, archivedAt: Date, documents: InvoiceArchiveRow[]): Promise<void> {
    await this.context.sql(
      `insert into platform.invoice_archive (tenant_id, invoice_id, kind, invoice_number, issue_date, keep_until, document, archived_at)
       select $1::uuid, r.invoice_id, r.kind, r.invoice_number, r.issue_date, r.keep_until, r.document, $2::timestamptz
         from jsonb_to_recordset($3::jsonb) as r(invoice_id uuid, kind text, invoice_number bigint, issue_date date, keep_until date, document jsonb)
       on conflict (tenant_id, invoice_id) do nothing`,
      [tenantId, archivedAt, JSON.stringify(documents)],
    );
  }

  /** Drops the bound tenant's schema with everything in it. */
  async dropSchema(): Promise<void> {
    await this.context.sql(`drop schema ${quoteIdent(assertSchemaName(this.context.tenant.schema))} cascade`);
  }

}

async function archiveTables(client: PoolClient, schema: string): Promise<{ name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `select t.table_name::text as name, array_agg(c.column_name::text order by c.ordinal_position) as columns
       from information_schema.tables t
       join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = $1 and t.table_type = 'BASE TABLE'
      group by t.table_name
      order by t.table_name`,
    [schema],
  );
  return rows;
}

async function* rowsOf(client: PoolClient, schema: string, table: string): AsyncGenerator<string[]> {
  const cursor = quoteIdent(`archive_${table}`);
  await client.query(`declare ${cursor} no scroll cursor for select row_to_json(t)::text as j from ${quoteIdent(schema)}.${quoteIdent(table)} t`);
  try {
    for (;;) {
      const { rows } = await client.query<{ j: string }>(`fetch ${FETCH_ROWS} from ${cursor}`);
      if (rows.length) yield rows.map((r) => r.j);
      if (rows.length < FETCH_ROWS) return;
    }
  } finally {
    await client.query(`close ${cursor}`).catch(() => undefined);
  }
}
