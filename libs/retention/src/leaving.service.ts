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
import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { type Actor, actorKey, Clock, csvCell, NotFoundProblem, ValidationProblem } from '@app/core';
import { OutboxService } from '@app/mail';
import { SessionsService } from '@app/auth';
import { BillingService, LEGAL_RETENTION_YEARS } from '@app/billing';
import { AuditTrailService, TenancyService, TenantContext, TenantMembersService, type TenantScope } from '@app/tenancy';
import { LeavingErrorCode, LeavingException } from './leaving.errors';
import { LeavingRepository, type RegisterSnapshot } from './leaving.repository';

/** Days between the owner's request and the schema being dropped: time to change their mind or export again. */
export const LEAVE_GRACE_DAYS = 30;
export const ARCHIVE_FORMAT = 'rekisteri-register-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
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

export class LeaveConfirmationMismatch extends ValidationProblem {
  constructor() {
    super([{ field: 'confirmation', message: "type the business's name exactly as it is registered" }]);
  }
}

@Injectable()
export class LeavingService {
  private readonly logger = new Logger(LeavingService.name);

  constructor(
    private readonly repository: LeavingRepository,
    private readonly context: TenantContext,
    private readonly audit: AuditTrailService,
    private readonly members: TenantMembersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly tenancy: TenancyService,
    private readonly billing: BillingService,
    private readonly sessions: SessionsService,
  ) {}

  // ---- the archive ----

  /**
   * The whole register as one ZIP: for every table of the tenant's schema (listed from information_schema, so a
   * table a later migration adds is in it too) `tables/<name>.json` (an array of rows, as PostgreSQL's
   * row_to_json writes them) and `tables/<name>.csv` (`;`, UTF-8 with BOM, the CSV cell guard), and
   * `manifest.json` last. One read-only snapshot on one connection, rows fetched a thousand at a time: constant
   * memory. Recorded in the audit trail, and the connection taken, before anything is sent.
   */
  async archive(actor: Actor): Promise<StreamableFile> {
    const scope = this.context.tenant;
    this.audit.record({ actor: actorKey(actor), action: 'register.archived', subjectType: 'tenant', subjectId: scope.tenantId, fields: [] });
    await this.repository.flush();
    const tenantRow = await this.tenancy.leavingRow(scope.tenantId);
    const snapshot = await this.repository.openSnapshot(scope.schema);
    const { tables, migrations } = snapshot;
    const exportedAt = this.clock.now();
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      tenant: { id: scope.tenantId, slug: scope.slug, legalName: tenantRow?.legal_name ?? scope.slug },
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
      lazy(json, () => jsonOf(snapshot, table.name, counted));
      lazy(csv, () => csvOf(snapshot, table));
    }
    lazy('manifest.json', () => {
      manifest.tables = files.map(({ table, json, csv, counted }) => ({ name: table.name, rows: counted.rows, columns: table.columns, json, csv }));
      return [JSON.stringify(manifest, null, 2) + '\n'];
    });
    zip.end();
    const body = zip.outputStream as Readable;
    // A failed read (the connection lost mid-table) cuts the download short instead of ending the process.
    zip.once('error', (error: Error) => body.destroy(error));
    body.once('close', () => void snapshot.release());
    const day = this.clock.today();
    return new StreamableFile(body, { type: 'application/zip', disposition: `attachment; filename="${scope.slug}-register-${day}.zip"` });
  }

  // ---- the request ----

  async status(): Promise<LeaveStatus> {
    const tenant = await this.tenantRow();
    let requestedByName: string | null = null;
    const staffId = tenant.leaving_requested_by?.split(':')[2];
    if (staffId && /^[0-9a-f-]{36}$/.test(staffId)) requestedByName = (await this.members.list()).find((m) => m.id === staffId)?.name ?? null;
    return { requestedAt: tenant.leaving_requested_at, leaveAfter: tenant.leave_after, requestedByName, reason: tenant.leave_reason };
  }

  /** The owner asks to leave, typing the business's name; owners are told by mail with the date. */
  async requestLeave(actor: Actor, input: { confirmation: string; reason?: string }): Promise<LeaveStatus> {
    const tenant = await this.tenantRow();
    if (input.confirmation.trim().toLocaleLowerCase('fi') !== tenant.legal_name.trim().toLocaleLowerCase('fi')) throw new LeaveConfirmationMismatch();
    const now = this.clock.now();
    const leaveAfter = new Date(now.getTime() + LEAVE_GRACE_DAYS * 86_400_000);
    const reason = input.reason?.trim() || null;
    await this.context.transaction(async () => {
      const requested = await this.tenancy.requestLeave(tenant.id, { requestedAt: now, leaveAfter, requestedBy: actorKey(actor), reason });
      if (!requested) throw new LeavingException(LeavingErrorCode.AlreadyRequested, 'Leaving has already been requested; cancel it first to change it.');
      this.audit.record({ actor: actorKey(actor), action: 'register.leave_requested', subjectType: 'tenant', subjectId: tenant.id, fields: reason ? ['leaveAfter', 'reason'] : ['leaveAfter'] });
      await this.tellOwners(leaveNotice(tenant.legal_name, leaveAfter), 'tenant-leaving');
    });
    return this.status();
  }

  /** The owner changes their mind during the grace period. */
  async cancelLeave(actor: Actor): Promise<LeaveStatus> {
    const tenant = await this.tenantRow();
    await this.context.transaction(async () => {
      if (!(await this.tenancy.cancelLeave(tenant.id))) throw new LeavingException(LeavingErrorCode.NotRequested, 'Leaving has not been requested.');
      this.audit.record({ actor: actorKey(actor), action: 'register.leave_cancelled', subjectType: 'tenant', subjectId: tenant.id, fields: ['leaveAfter'] });
      await this.tellOwners(cancelNotice(tenant.legal_name), 'tenant-leaving');
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
    const due = await this.tenancy.dueToLeave(now);
    const run: LeavingRun = { left: [], archivedInvoices: 0, failed: [] };
    for (const { id, slug, schema_name } of due) {
      try {
        const archived = await this.leave({ tenantId: id, slug, schema: schema_name }, now);
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
    return this.repository.purgeArchive(today);
  }

  /**
   * One tenant leaves, in one transaction with the tenant bound; null when it no longer should (cancelled or
   * already gone meanwhile).
   */
  private async leave(scope: TenantScope, now: Date): Promise<number | null> {
    return this.context.run(scope, () =>
      this.context.transaction(async () => {
        const tenant = await this.tenancy.lockForLeaving(scope.tenantId);
        if (!tenant || tenant.status === 'left' || !tenant.leave_after || new Date(tenant.leave_after) > now) return null;
        // A backup or migration of this schema running now finishes first (they hold the same lock).
        await this.repository.lockSchema(tenant.schema_name);
        const owners = (await this.members.list()).filter((m) => m.role === 'owner' && m.active).map((m) => m.email);
        const invoices = await this.billing.archiveDocuments(LEGAL_RETENTION_YEARS);
        for (let at = 0; at < invoices.length; at += ARCHIVE_BATCH) await this.repository.archiveInvoices(tenant.id, now, invoices.slice(at, at + ARCHIVE_BATCH));
        await this.repository.dropSchema();
        await this.tenancy.markLeft(tenant.id, now);
        await this.sessions.endTenantSessions(tenant.id);
        await this.outbox.enqueueMany(
          'tenant-leaving',
          owners.map((email) => ({ message: { to: email, ...leftNotice(tenant.legal_name, invoices.length) } })),
        );
        this.logger.log({ tenant: tenant.slug, invoices: invoices.length }, 'tenant left the platform');
        return invoices.length;
      }),
    );
  }

  private async tenantRow() {
    const tenant = await this.tenancy.leavingRow(this.context.tenant.tenantId);
    if (!tenant) throw new NotFoundProblem('tenant');
    return tenant;
  }

  /** Tells the active owners, in the open transaction. */
  private async tellOwners(text: { subject: string; text: string }, topic: string): Promise<void> {
    const owners = (await this.members.list()).filter((m) => m.role === 'owner' && m.active);
    await this.outbox.enqueueMany(topic, owners.map((o) => ({ message: { to: o.email, ...text } })));
  }
}

async function* jsonOf(snapshot: RegisterSnapshot, table: string, counted: { rows: number }): AsyncGenerator<string> {
  yield '[';
  for await (const batch of snapshot.rows(table)) {
    yield batch.map((row, i) => (counted.rows + i === 0 ? '\n' : ',\n') + row).join('');
    counted.rows += batch.length;
  }
  yield counted.rows ? '\n]\n' : ']\n';
}

async function* csvOf(snapshot: RegisterSnapshot, table: { name: string; columns: string[] }): AsyncGenerator<string> {
  yield BOM + table.columns.map(csvCell).join(';') + '\r\n';
  for await (const batch of snapshot.rows(table.name)) {
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
