// Leaving the platform (issue 14 item 12). The owner downloads the whole register (every table of the tenant's
// schema, as JSON and as CSV, in one ZIP with a manifest) and asks to leave; after a grace period the nightly job
// drops the schema, keeping the issued invoices and credit notes in the platform's archive until their legal
// period ends (Kirjanpitolaki 2:10), and marks the tenant as left (its logins and sessions end).
//
// During the grace period the register keeps working as before (the console shows a banner with the date), so
// the owner can still serve customers, export again, or cancel.
//
// On Citus the tenant schema is a distributed schema: DROP SCHEMA ... CASCADE is propagated to its worker, in the
// same transaction as the platform's writes (test/leaving.e2e-spec.ts runs in the Citus subset).
import { Inject, Injectable, Logger, StreamableFile } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Pool, PoolClient } from 'pg';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { Clock, csvCell, NotFoundProblem, type Principal, principalKey, ValidationProblem } from '@app/core';
import { assertSchemaName, PG_POOL, quoteIdent } from '@app/database';
import { OutboxService } from '@app/mail';
import { LEGAL_RETENTION_YEARS } from '@app/billing';
import { AuditTrailService, TenantContext, TenantMembersService } from '@app/tenancy';
import { LeavingErrorCode, LeavingException } from './leaving.errors';

/** Days between the owner's request and the schema being dropped: time to change their mind or export again. */
export const LEAVE_GRACE_DAYS = 30;
export const ARCHIVE_FORMAT = 'rekisteri-register-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
/** Rows fetched from the snapshot at a time while the archive is written. */
const FETCH_ROWS = 1000;
/** Invoices written to the platform's archive per statement. */
const ARCHIVE_BATCH = 500;
const BOM = '\uFEFF';

export interface LeaveStatus {
  requestedAt: Date | null;
  leaveAfter: Date | null;
  requestedByName: string | null;
  reason: string | null;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  tenant: { id: string; slug: string; legalName: string };
  exportedAt: string;
  /** The last tenant migration applied: the shape every table has. */
  schemaVersion: string | null;
  migrations: string[];
  tables: { name: string; rows: number; columns: string[]; json: string; csv: string }[];
}

export interface LeavingRun {
  left: string[];
  archivedInvoices: number;
  failed: { tenant: string; error: string }[];
}

interface TenantRow {
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

export class LeaveConfirmationMismatch extends ValidationProblem {
  constructor() {
    super([{ field: 'confirmation', message: "type the business's name exactly as it is registered" }]);
  }
}

@Injectable()
export class LeavingService {
  private readonly logger = new Logger(LeavingService.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly context: TenantContext,
    private readonly audit: AuditTrailService,
    private readonly members: TenantMembersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  // ---- the archive ----

  /**
   * The whole register as one ZIP: for every table of the tenant's schema (listed from information_schema, so a
   * table a later migration adds is in it too) `tables/<name>.json` (an array of rows, as PostgreSQL's
   * row_to_json writes them) and `tables/<name>.csv` (`;`, UTF-8 with BOM, the CSV cell guard), and
   * `manifest.json` last. One read-only snapshot on one connection, rows fetched a thousand at a time: constant
   * memory. Recorded in the audit trail, and the connection taken, before anything is sent.
   */
  async archive(actor: string): Promise<StreamableFile> {
    const scope = this.context.tenant;
    const schema = assertSchemaName(scope.schema);
    this.audit.record({ actor, action: 'register.archived', subjectType: 'tenant', subjectId: scope.tenantId, fields: [] });
    await this.context.em().flush();
    const { rows: tenantRows } = await this.pool.query<{ legal_name: string }>('select legal_name from platform.tenant where id = $1', [scope.tenantId]);
    const client = await this.pool.connect();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => undefined);
      client.release();
    };
    let tables: { name: string; columns: string[] }[];
    let migrations: string[];
    try {
      await client.query('begin isolation level repeatable read read only');
      tables = await archiveTables(client, schema);
      migrations = (await client.query<{ name: string }>(`select name from ${quoteIdent(schema)}.schema_migrations order by name`)).rows.map((r) => r.name);
    } catch (error) {
      await release();
      throw error;
    }
    const exportedAt = this.clock.now();
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      tenant: { id: scope.tenantId, slug: scope.slug, legalName: tenantRows[0]?.legal_name ?? scope.slug },
      exportedAt: exportedAt.toISOString(),
      schemaVersion: migrations.at(-1) ?? null,
      migrations,
      tables: [],
    };
    // yazl writes the entries one after the other and asks for each body only when its turn comes, so the
    // tables are read in order on the one snapshot and the manifest, last, has every table's row count.
    const zip = new ZipFile();
    const lazy = (name: string, body: () => AsyncIterable<string> | Iterable<string>) =>
      zip.addReadStreamLazy(name, { mtime: exportedAt }, (done) => done(null, Readable.from(body())));
    const files = tables.map((table) => ({ table, json: `tables/${table.name}.json`, csv: `tables/${table.name}.csv`, counted: { rows: 0 } }));
    for (const { table, json, csv, counted } of files) {
      lazy(json, () => jsonOf(client, schema, table.name, counted));
      lazy(csv, () => csvOf(client, schema, table));
    }
    lazy('manifest.json', () => {
      manifest.tables = files.map(({ table, json, csv, counted }) => ({ name: table.name, rows: counted.rows, columns: table.columns, json, csv }));
      return [JSON.stringify(manifest, null, 2) + '\n'];
    });
    zip.end();
    const body = zip.outputStream as Readable;
    // A failed read (the connection lost mid-table) cuts the download short instead of ending the process.
    zip.once('error', (error: Error) => body.destroy(error));
    body.once('close', () => void release());
    const day = this.clock.today();
    return new StreamableFile(body, { type: 'application/zip', disposition: `attachment; filename="${scope.slug}-register-${day}.zip"` });
  }

  // ---- the request ----

  async status(): Promise<LeaveStatus> {
    const tenant = await this.tenantRow();
    let requestedByName: string | null = null;
    const staffId = tenant.leaving_requested_by?.split(':')[2];
    if (staffId && /^[0-9a-f-]{36}$/.test(staffId)) {
      const [staff] = (await this.context.em().execute(`select name from ${quoteIdent(this.context.tenant.schema)}.staff_user where id = ?`, [staffId])) as { name: string }[];
      requestedByName = staff?.name ?? null;
    }
    return { requestedAt: tenant.leaving_requested_at, leaveAfter: tenant.leave_after, requestedByName, reason: tenant.leave_reason };
  }

  /** The owner asks to leave, typing the business's name; owners are told by mail with the date. */
  async requestLeave(actor: Principal, input: { confirmation: string; reason?: string }): Promise<LeaveStatus> {
    const tenant = await this.tenantRow();
    if (input.confirmation.trim().toLocaleLowerCase('fi') !== tenant.legal_name.trim().toLocaleLowerCase('fi')) throw new LeaveConfirmationMismatch();
    const now = this.clock.now();
    const leaveAfter = new Date(now.getTime() + LEAVE_GRACE_DAYS * 86_400_000);
    const reason = input.reason?.trim() || null;
    await this.context.em().transactional(async (em) => {
      const updated = (await em.execute(
        `update platform.tenant set leaving_requested_at = ?, leave_after = ?, leaving_requested_by = ?, leave_reason = ?
          where id = ? and status <> 'left' and leaving_requested_at is null returning id`,
        [now, leaveAfter, principalKey(actor), reason, tenant.id],
      )) as unknown[];
      if (!updated.length) throw new LeavingException(LeavingErrorCode.AlreadyRequested, 'Leaving has already been requested; cancel it first to change it.');
      this.audit.record({ actor: principalKey(actor), action: 'register.leave_requested', subjectType: 'tenant', subjectId: tenant.id, fields: reason ? ['leaveAfter', 'reason'] : ['leaveAfter'] }, em);
      await this.tellOwners(em, leaveNotice(tenant.legal_name, leaveAfter), 'tenant-leaving');
    });
    return this.status();
  }

  /** The owner changes their mind during the grace period. */
  async cancelLeave(actor: Principal): Promise<LeaveStatus> {
    const tenant = await this.tenantRow();
    await this.context.em().transactional(async (em) => {
      const updated = (await em.execute(
        `update platform.tenant set leaving_requested_at = null, leave_after = null, leaving_requested_by = null, leave_reason = null
          where id = ? and status <> 'left' and leaving_requested_at is not null returning id`,
        [tenant.id],
      )) as unknown[];
      if (!updated.length) throw new LeavingException(LeavingErrorCode.NotRequested, 'Leaving has not been requested.');
      this.audit.record({ actor: principalKey(actor), action: 'register.leave_cancelled', subjectType: 'tenant', subjectId: tenant.id, fields: ['leaveAfter'] }, em);
      await this.tellOwners(em, cancelNotice(tenant.legal_name), 'tenant-leaving');
    });
    return this.status();
  }

  // ---- the nightly work ----

  /**
   * Every tenant whose grace period is over leaves, each in its own transaction: its issued invoices (with their
   * lines and payments) are copied to platform.invoice_archive, its schema is dropped, it is marked left and its
   * sessions are ended. A tenant that fails is reported and rolled back whole; the next night tries again.
   */
  async leaveDue(now = this.clock.now()): Promise<LeavingRun> {
    const { rows } = await this.pool.query<{ id: string; slug: string }>(
      `select id, slug from platform.tenant where status <> 'left' and leave_after is not null and leave_after <= $1 order by leave_after, slug`,
      [now],
    );
    const run: LeavingRun = { left: [], archivedInvoices: 0, failed: [] };
    for (const { id, slug } of rows) {
      try {
        const archived = await this.leave(id, now);
        if (archived === null) continue;
        run.left.push(slug);
        run.archivedInvoices += archived;
      } catch (error) {
        this.logger.error({ tenant: slug, err: error }, 'leaving failed for a tenant');
        run.failed.push({ tenant: slug, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return run;
  }

  /** Deletes archived invoices whose legal period is over. Returns how many. */
  async purgeArchive(today = this.clock.today()): Promise<number> {
    const result = await this.pool.query('delete from platform.invoice_archive where keep_until < $1::date', [today]);
    return result.rowCount ?? 0;
  }

  /** One tenant leaves; null when it no longer should (cancelled or already gone meanwhile). */
  private async leave(tenantId: string, now: Date): Promise<number | null> {
    return this.orm.em.fork().transactional(async (em) => {
      const [tenant] = (await em.execute(`select ${TENANT_COLUMNS} from platform.tenant where id = ? for update`, [tenantId])) as TenantRow[];
      if (!tenant || tenant.status === 'left' || !tenant.leave_after || new Date(tenant.leave_after) > now) return null;
      const schema = quoteIdent(assertSchemaName(tenant.schema_name));
      // A backup or migration of this schema running now finishes first (they hold the same lock).
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [tenant.schema_name]);
      const owners = (await em.execute(`select email from ${schema}.staff_user where role = 'owner' and disabled_at is null`)) as { email: string }[];
      const invoices = (await em.execute(
        `select i.id as invoice_id, i.kind, i.number as invoice_number, i.issue_date::text as issue_date,
                greatest(i.retain_until, make_date(extract(year from i.issue_date)::int + ?, 12, 31))::text as keep_until,
                jsonb_build_object(
                  'invoice', to_jsonb(i),
                  'lines', coalesce((select jsonb_agg(to_jsonb(l) order by l.position) from ${schema}.invoice_line l where l.invoice_id = i.id), '[]'::jsonb),
                  'payments', coalesce((select jsonb_agg(to_jsonb(p) order by p.paid_on, p.created_at) from ${schema}.payment p where p.invoice_id = i.id), '[]'::jsonb)
                ) as document
           from ${schema}.invoice i
          where i.status <> 'draft' and i.issue_date is not null
          order by i.issue_date, i.number`,
        [LEGAL_RETENTION_YEARS],
      )) as { invoice_id: string; kind: string; invoice_number: string | null; issue_date: string; keep_until: string; document: unknown }[];
      for (let at = 0; at < invoices.length; at += ARCHIVE_BATCH) {
        // Read first, written as values: no statement joins platform tables with the tenant's (Citus).
        await em.execute(
          `insert into platform.invoice_archive (tenant_id, invoice_id, kind, invoice_number, issue_date, keep_until, document, archived_at)
           select ?, r.invoice_id, r.kind, r.invoice_number, r.issue_date, r.keep_until, r.document, ?
             from jsonb_to_recordset(?::jsonb) as r(invoice_id uuid, kind text, invoice_number bigint, issue_date date, keep_until date, document jsonb)
           on conflict (tenant_id, invoice_id) do nothing`,
          [tenant.id, now, JSON.stringify(invoices.slice(at, at + ARCHIVE_BATCH))],
        );
      }
      await em.execute(`drop schema ${schema} cascade`);
      await em.execute(`update platform.tenant set status = 'left', left_at = ? where id = ?`, [now, tenant.id]);
      // Staff and customers of the tenant: their sessions end now (the key is `<realm>:<tenant id>:<id>`).
      await em.execute(`delete from platform.session where principal like ?`, [`%:${tenant.id}:%`]);
      await this.outbox.enqueueMany(
        'tenant-leaving',
        owners.map((o) => ({ message: { to: o.email, ...leftNotice(tenant.legal_name, invoices.length) } })),
        em,
      );
      this.logger.log({ tenant: tenant.slug, invoices: invoices.length }, 'tenant left the platform');
      return invoices.length;
    });
  }

  private async tenantRow(): Promise<TenantRow> {
    const { rows } = await this.pool.query<TenantRow>(`select ${TENANT_COLUMNS} from platform.tenant where id = $1`, [this.context.tenant.tenantId]);
    if (!rows[0]) throw new NotFoundProblem('tenant');
    return rows[0];
  }

  private async tellOwners(em: EntityManager, text: { subject: string; text: string }, topic: string): Promise<void> {
    const owners = (await this.members.list()).filter((m) => m.role === 'owner' && m.active);
    await this.outbox.enqueueMany(topic, owners.map((o) => ({ message: { to: o.email, ...text } })), em);
  }
}

/** The tables of the schema as information_schema lists them, each with its columns in order. */
export async function archiveTables(client: PoolClient, schema: string): Promise<{ name: string; columns: string[] }[]> {
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

/** Rows of one table as text, from a cursor in the snapshot's transaction. */
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

async function* jsonOf(client: PoolClient, schema: string, table: string, counted: { rows: number }): AsyncGenerator<string> {
  yield '[';
  for await (const batch of rowsOf(client, schema, table)) {
    yield batch.map((row, i) => (counted.rows + i === 0 ? '\n' : ',\n') + row).join('');
    counted.rows += batch.length;
  }
  yield counted.rows ? '\n]\n' : ']\n';
}

async function* csvOf(client: PoolClient, schema: string, table: { name: string; columns: string[] }): AsyncGenerator<string> {
  yield BOM + table.columns.map(csvCell).join(';') + '\r\n';
  for await (const batch of rowsOf(client, schema, table.name)) {
    yield batch.map((text) => {
      const row = JSON.parse(text) as Record<string, unknown>;
      return table.columns.map((c) => csvCell(row[c])).join(';') + '\r\n';
    }).join('');
  }
}

const finnishDate = (at: Date) => at.toLocaleDateString('fi-FI', { timeZone: 'Europe/Helsinki' });
const englishDate = (at: Date) => at.toLocaleDateString('en-GB', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'long', year: 'numeric' });

function leaveNotice(name: string, leaveAfter: Date): { subject: string; text: string } {
  return {
    subject: `Palvelusta poistuminen / Leaving the platform: ${name}`,
    text:
      `Rekisterin ${name} poistumista palvelusta on pyydetty. Rekisteri poistetaan ${finnishDate(leaveAfter)} jälkeen; siihen asti sen voi ladata kokonaan ja pyynnön voi perua asetuksista. Lähetetyt laskut säilytetään kirjanpitolain edellyttämän ajan.\n\n` +
      `Leaving the platform has been requested for ${name}. The register will be deleted after ${englishDate(leaveAfter)}; until then it can be downloaded in full and the request cancelled in the settings. Issued invoices are kept for the period the Accounting Act requires.\n`,
  };
}

function cancelNotice(name: string): { subject: string; text: string } {
  return {
    subject: `Poistuminen peruttu / Leaving cancelled: ${name}`,
    text: `Rekisterin ${name} poistuminen palvelusta on peruttu; rekisteri jatkaa ennallaan.\n\nLeaving the platform has been cancelled for ${name}; the register carries on as before.\n`,
  };
}

function leftNotice(name: string, invoices: number): { subject: string; text: string } {
  return {
    subject: `Rekisteri poistettu / Register deleted: ${name}`,
    text:
      `Rekisteri ${name} on poistettu palvelusta. Lähetetyt laskut (${invoices}) säilytetään kirjanpitolain edellyttämän ajan, minkä jälkeen nekin poistetaan.\n\n` +
      `The register of ${name} has been deleted from the platform. Its issued invoices (${invoices}) are kept for the period the Accounting Act requires, then deleted too.\n`,
  };
}
