// Leaving the platform, its statements: the leaving columns of platform.tenant, the platform's invoice archive
// (platform.invoice_archive, added with leaving), the whole-register snapshot a ZIP is written from, and the
// nightly drop of a tenant's schema.
//
// The request and the drop run in the tenant context's open transaction (`TenantContext.transaction()`, the drop
// with the leaving tenant bound); the snapshot and the platform-wide reads use the pool, with no tenant bound.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { assertSchemaName, PG_POOL, quoteIdent } from '@app/database';
import { TenantContext } from '@app/tenancy';

/** Rows fetched from the snapshot at a time while the archive is written. */
const FETCH_ROWS = 1000;

export interface TenantRow {
  id: string;
  slug: string;
  schema_name: string;
  legal_name: string;
  status: string;
  leaving_requested_at: Date | null;
  leave_after: Date | null;
  leaving_requested_by: string | null;
  leave_reason: string | null;
}

const TENANT_COLUMNS = 'id, slug, schema_name, legal_name, status, leaving_requested_at, leave_after, leaving_requested_by, leave_reason';

export interface InvoiceDocument {
  invoice_id: string;
  kind: string;
  invoice_number: string | null;
  issue_date: string;
  keep_until: string;
  document: unknown;
}

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

  // ---- the request (tenant bound) ----

  async tenantRow(tenantId: string): Promise<TenantRow | null> {
    // reads tenancy's table: to move behind TenancyService
    const { rows } = await this.pool.query<TenantRow>(`select ${TENANT_COLUMNS} from platform.tenant where id = $1`, [tenantId]);
    return rows[0] ?? null;
  }

  /** Records the request to leave; false when it was already requested or the tenant has left. */
  async requestLeave(tenantId: string, input: { requestedAt: Date; leaveAfter: Date; requestedBy: string; reason: string | null }): Promise<boolean> {
    // writes tenancy's table (its leaving columns): to move behind TenancyService
    const updated = await this.context.sql(
      `update platform.tenant set leaving_requested_at = $1, leave_after = $2, leaving_requested_by = $3, leave_reason = $4
        where id = $5 and status <> 'left' and leaving_requested_at is null returning id`,
      [input.requestedAt, input.leaveAfter, input.requestedBy, input.reason, tenantId],
    );
    return updated.length > 0;
  }

  /** Cancels the request to leave; false when none was pending. */
  async cancelLeave(tenantId: string): Promise<boolean> {
    // writes tenancy's table (its leaving columns): to move behind TenancyService
    const updated = await this.context.sql(
      `update platform.tenant set leaving_requested_at = null, leave_after = null, leaving_requested_by = null, leave_reason = null
        where id = $1 and status <> 'left' and leaving_requested_at is not null returning id`,
      [tenantId],
    );
    return updated.length > 0;
  }

  // ---- the archive ----

  /**
   * Takes a connection and opens a repeatable-read, read-only snapshot of the schema on it; the caller releases it
   * (when the download ends or fails). A failure while opening gives the connection back at once.
   */
  async openSnapshot(schema: string): Promise<RegisterSnapshot> {
    assertSchemaName(schema);
    const client = await this.pool.connect();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => undefined);
      client.release();
    };
    try {
      await client.query('begin isolation level repeatable read read only');
      const tables = await archiveTables(client, schema);
      const migrations = (await client.query<{ name: string }>(`select name from ${quoteIdent(schema)}.schema_migrations order by name`)).rows.map((r) => r.name);
      return { tables, migrations, rows: (table) => rowsOf(client, schema, table), release };
    } catch (error) {
      await release();
      throw error;
    }
  }

  // ---- the nightly work (no tenant bound, then each leaving tenant bound in turn) ----

  async dueToLeave(now: Date): Promise<{ id: string; slug: string; schema_name: string }[]> {
    // reads tenancy's table: to move behind TenancyService
    const { rows } = await this.pool.query<{ id: string; slug: string; schema_name: string }>(
      `select id, slug, schema_name from platform.tenant where status <> 'left' and leave_after is not null and leave_after <= $1 order by leave_after, slug`,
      [now],
    );
    return rows;
  }

  /** Deletes archived invoices whose legal period is over. Returns how many. */
  async purgeArchive(today: string): Promise<number> {
    const result = await this.pool.query('delete from platform.invoice_archive where keep_until < $1::date', [today]);
    return result.rowCount ?? 0;
  }

  /** The bound tenant's row, locked for the drop; then its schema's advisory lock (a backup or migration running now finishes first). */
  async lockForLeaving(tenantId: string): Promise<TenantRow | null> {
    // reads tenancy's table: to move behind TenancyService
    const [tenant] = await this.context.sql<TenantRow>(`select ${TENANT_COLUMNS} from platform.tenant where id = $1 for update`, [tenantId]);
    return tenant ?? null;
  }

  /** The schema's advisory lock, which backups and migrations of it hold too. */
  async lockSchema(schemaName: string): Promise<void> {
    await this.context.sql('select pg_advisory_xact_lock(hashtext($1))', [schemaName]);
  }

  async activeOwnerEmails(): Promise<string[]> {
    // reads tenancy's table: to move behind TenantMembersService (read in the drop's transaction)
    const rows = await this.context.sql<{ email: string }>(`select email from ${this.context.table('staff_user')} where role = 'owner' and disabled_at is null`);
    return rows.map((r) => r.email);
  }

  /** The bound tenant's issued invoices and credit notes, each with its lines and payments, and how long it is kept. */
  async issuedInvoiceDocuments(legalRetentionYears: number): Promise<InvoiceDocument[]> {
    // reads billing's tables: to move behind BillingService
    return this.context.sql<InvoiceDocument>(
      `select i.id as invoice_id, i.kind, i.number as invoice_number, i.issue_date::text as issue_date,
              greatest(i.retain_until, make_date(extract(year from i.issue_date)::int + $1::int, 12, 31))::text as keep_until,
              jsonb_build_object(
                'invoice', to_jsonb(i),
                'lines', coalesce((select jsonb_agg(to_jsonb(l) order by l.position) from ${this.context.table('invoice_line')} l where l.invoice_id = i.id), '[]'::jsonb),
                'payments', coalesce((select jsonb_agg(to_jsonb(p) order by p.paid_on, p.created_at) from ${this.context.table('payment')} p where p.invoice_id = i.id), '[]'::jsonb)
              ) as document
         from ${this.context.table('invoice')} i
        where i.status <> 'draft' and i.issue_date is not null
        order by i.issue_date, i.number`,
      [legalRetentionYears],
    );
  }

  /** Copies invoices to the platform's archive (read first, written as values: no statement joins platform tables with the tenant's, for Citus). */
  async archiveInvoices(tenantId: string, archivedAt: Date, documents: InvoiceDocument[]): Promise<void> {
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

  async markLeft(tenantId: string, at: Date): Promise<void> {
    // writes tenancy's table: to move behind TenancyService
    await this.context.sql(`update platform.tenant set status = 'left', left_at = $1 where id = $2`, [at, tenantId]);
  }

  /** Staff and customers of the tenant: their sessions end now (the key is `<realm>:<tenant id>:<id>`). */
  async endSessions(tenantId: string): Promise<void> {
    // writes auth's table: to move behind the session store
    await this.context.sql(`delete from platform.session where principal like $1`, [`%:${tenantId}:%`]);
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
