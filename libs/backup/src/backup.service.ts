// Logical backup and restore of one tenant's schema, in Node (no pg_dump: the embedded server is newer than
// the system's client tools). A backup is one consistent snapshot; a restore is one transaction that touches
// nothing outside the tenant's schema except reading the platform's erasure ledger.
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes, createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { link, mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Actor, actorKey, AppConfig, NotFoundProblem } from '@app/core';
import type { SchemaMigration } from '@app/database';
import { ConsentService } from '@app/consent';
import { TenancyService, tenantSchemaName, type TenantScope } from '@app/tenancy';
import { tenantMigrations } from '@migrations/tenant';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupReader, countRows, END_OF_TABLE, headerLine, trailerLine, type BackupHeader } from './backup-format';
import { BackupErrorCode, BackupException } from './backup.errors';
import { BackupRepository, RESTORE_LOCK_TIMEOUT, type BackupConnection } from './backup.repository';
import { ErasureLedgerService } from './erasure-ledger.service';
import type { TableInfo } from './tenant-tables';

export interface TableProgress {
  table: string;
  rows: number;
  done: number;
  total: number;
}
export type BackupProgress = (progress: TableProgress) => void;

export interface BackupReport {
  tenant: string;
  file: string;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
  bytes?: number;
}

export interface RestoreReport {
  tenant: string;
  file: string;
  backupCreatedAt: string;
  tables: { name: string; rows: number }[];
  /** Tenant migrations newer than the backup, applied after its rows were loaded. */
  migrationsApplied: string[];
  /** Customers the backup brought back although they had been erased since: erased again. */
  erasuresReapplied: string[];
}

const byName = (a: SchemaMigration, b: SchemaMigration) => a.name.localeCompare(b.name);
/** Rows are sent to COPY in chunks of about this size. */
const COPY_CHUNK_BYTES = 256 * 1024;
/** How often a restore tries to have the tenant's running requests let go of its tables (RESTORE_LOCK_TIMEOUT each). */
const RESTORE_ATTEMPTS = 5;
/** lock_not_available (our lock timeout) and deadlock_detected: the tenant's traffic was in the way. */
const LOST_TO_TRAFFIC = new Set(['55P03', '40P01']);

@Injectable()
export class BackupService {
  private readonly logger = new Logger(BackupService.name);

  constructor(
    private readonly repository: BackupRepository,
    private readonly config: AppConfig,
    private readonly tenancy: TenancyService,
    private readonly ledger: ErasureLedgerService,
  ) {}

  /** Where a backup goes unless told: the data folder, readable by its owner only (it holds personal data). */
  defaultPath(slug: string, at = new Date()): string {
    return resolve(this.config.dataDir, 'backups', `${slug}-${at.toISOString().replace(/[:.]/g, '-')}.backup.gz`);
  }

  /**
   * Writes the tenant's schema to `out` (a new file): a REPEATABLE READ snapshot, so every table is read as of
   * one moment; migrations of this schema wait meanwhile (they take the same advisory lock exclusively).
   */
  async backup(actor: Actor, slug: string, options: { out?: string; onProgress?: BackupProgress } = {}): Promise<BackupReport> {
    const tenant = await this.scope(slug);
    const createdAt = new Date();
    const file = resolve(options.out ?? this.defaultPath(tenant.slug, createdAt));
    if (existsSync(file)) throw new BackupException(BackupErrorCode.FileExists, file);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    const client = await this.repository.open();
    try {
      await client.beginSnapshot(tenant.schema);
      const migrations = await client.migrations(tenant.schema);
      const tables = await client.tables(tenant.schema);
      const server_version = await client.serverVersion();
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        tenant: { id: tenant.tenantId, slug: tenant.slug },
        schema: tenant.schema,
        migrations,
        createdAt: createdAt.toISOString(),
        postgresVersion: server_version,
        tables,
      };
      const counted: { name: string; rows: number }[] = [];
      await pipeline(
        Readable.from(this.body(client, header, counted, options.onProgress)),
        createGzip(),
        createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
      );
      await client.commit();
      // A hard link appears whole or not at all, and never replaces a file that is already there.
      await link(partial, file).catch((error: unknown) => {
        throw (error as { code?: string }).code === 'EEXIST' ? new BackupException(BackupErrorCode.FileExists, file) : error;
      });
      await client.audit(tenant.schema, actorKey(actor), 'tenant.backed_up', tenant.tenantId);
      this.logger.log({ tenant: tenant.slug, tables: counted.length }, 'tenant backed up');
      return { tenant: tenant.slug, file, createdAt: header.createdAt, migrations, tables: counted };
    } finally {
      await rm(partial, { force: true });
      await client.close();
    }
  }

  /**
   * Replaces the tenant's schema with the backup, in one transaction: refused before anything is touched
   * unless the backup is of this tenant and its migrations are a prefix of ours. The schema is dropped and
   * migrated as far as the backup was, its rows are loaded, sequences moved past them, the file's checksum
   * verified, newer migrations applied, and the platform's erasure ledger re-applied. Any failure (a damaged
   * file included) rolls everything back: the tenant is left as it was.
   */
  async restore(actor: Actor, slug: string, file: string, options: { onProgress?: BackupProgress } = {}): Promise<RestoreReport> {
    const tenant = await this.scope(slug);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.restoreOnce(actor, tenant, file, options);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !LOST_TO_TRAFFIC.has(code)) throw error;
        this.logger.warn({ tenant: tenant.slug, attempt, code }, 'restore could not lock the tenant; nothing was changed');
        if (attempt >= RESTORE_ATTEMPTS) {
          throw new BackupException(
            BackupErrorCode.TenantBusy,
            `Requests of ${tenant.slug} kept its tables locked through ${RESTORE_ATTEMPTS} attempts of ${RESTORE_LOCK_TIMEOUT} each. ` +
              `Try again in a quieter moment, or suspend the tenant first (POST /api/platform/tenants/${tenant.slug}/suspend) and resume it after the restore (POST …/resume).`,
          );
        }
        await new Promise((done) => setTimeout(done, 1000 * attempt));
      }
    }
  }

  private async restoreOnce(actor: Actor, tenant: TenantScope, file: string, options: { onProgress?: BackupProgress }): Promise<RestoreReport> {
    const current = [...tenantMigrations].sort(byName);
    const reader = BackupReader.open(resolve(file));
    let client: BackupConnection | undefined;
    try {
      const header = await reader.header();
      this.assertRestorable(header, tenant, current);
      client = await this.repository.open();
      await client.beginRestore(tenant.schema);
      await client.dropSchema(tenant.schema);
      await client.migrate(tenant.schema, current.slice(0, header.migrations.length));
      assertSameTables(header.tables, await client.tables(tenant.schema));
      // Migrations seed some rows (settings, counters): the backup's own take their place.
      await client.truncate(tenant.schema, header.tables);
      // The backup holds every row as it was: a trigger must not add its own while they come in (the settings'
      // version trigger would write the version row the backup's own copy of that table then brings again).
      await client.setUserTriggers(tenant.schema, header.tables, 'disable');
      const tables: { name: string; rows: number }[] = [];
      for (const table of header.tables) {
        const rows = await this.copyIn(client, tenant.schema, table, reader);
        tables.push({ name: table.name, rows });
        options.onProgress?.({ table: table.name, rows, done: tables.length, total: header.tables.length });
      }
      await client.setUserTriggers(tenant.schema, header.tables, 'enable');
      await reader.finish();
      await client.resetSequences(tenant.schema);
      const migrationsApplied = await client.migrate(tenant.schema, current);
      const erasuresReapplied = await this.ledger.reapply(actor, client.execute, tenant);
      const withdrawalsReapplied = await ConsentService.reapplyWithdrawals(client.execute, tenant.schema, tenant.tenantId);
      await client.audit(tenant.schema, actorKey(actor), 'tenant.restored', tenant.tenantId);
      await client.commit();
      this.logger.log({ tenant: tenant.slug, reapplied: erasuresReapplied.length, withdrawalsReapplied }, 'tenant restored');
      return { tenant: tenant.slug, file: resolve(file), backupCreatedAt: header.createdAt, tables, migrationsApplied, erasuresReapplied };
    } catch (error) {
      await client?.rollback();
      throw error;
    } finally {
      reader.close();
      await client?.close();
    }
  }

  private async *body(client: BackupConnection, header: BackupHeader, counted: { name: string; rows: number }[], onProgress?: BackupProgress): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    const emit = (chunk: Buffer) => {
      hash.update(chunk);
      return chunk;
    };
    yield emit(headerLine(header));
    for (const table of header.tables) {
      let rows = 0;
      for await (const chunk of client.copyOut(header.schema, table)) {
        rows += countRows(chunk);
        yield emit(chunk);
      }
      yield emit(END_OF_TABLE);
      counted.push({ name: table.name, rows });
      onProgress?.({ table: table.name, rows, done: counted.length, total: header.tables.length });
    }
    yield trailerLine({ end: true, rows: Object.fromEntries(counted.map((t) => [t.name, t.rows])), sha256: hash.digest('hex') });
  }

  private async copyIn(client: BackupConnection, schema: string, table: TableInfo, reader: BackupReader): Promise<number> {
    let rows = 0;
    async function* chunks(): AsyncGenerator<Buffer> {
      let batch: Buffer[] = [];
      let size = 0;
      for await (const line of reader.rows(table.name)) {
        rows++;
        batch.push(line, NEWLINE);
        size += line.length + 1;
        if (size >= COPY_CHUNK_BYTES) {
          yield Buffer.concat(batch);
          batch = [];
          size = 0;
        }
      }
      if (batch.length) yield Buffer.concat(batch);
    }
    await client.copyIn(schema, table, chunks);
    return rows;
  }

  private assertRestorable(header: BackupHeader, tenant: TenantScope, current: readonly SchemaMigration[]): void {
    if (header.tenant.id !== tenant.tenantId || header.schema !== tenant.schema) {
      throw new BackupException(BackupErrorCode.OtherTenant, `The backup is of tenant ${header.tenant.slug} (${header.tenant.id}), not of ${tenant.slug}.`);
    }
    const backup = [...header.migrations].sort((a, b) => a.localeCompare(b));
    const prefix = current.slice(0, backup.length).map((m) => m.name);
    if (backup.length > current.length || backup.some((name, i) => name !== prefix[i])) {
      const unknown = backup.filter((name) => !current.some((m) => m.name === name));
      throw new BackupException(
        BackupErrorCode.NewerMigrations,
        unknown.length
          ? `The backup's schema has migrations this version does not know: ${unknown.join(', ')}. Restore it with the version that wrote it.`
          : `The backup's migrations are not a prefix of this version's.`,
        { unknownMigrations: unknown },
      );
    }
  }

  private async scope(slug: string): Promise<TenantScope> {
    try {
      const tenant = await this.tenancy.get(slug);
      return { tenantId: tenant.id, slug: tenant.slug, schema: tenantSchemaName(tenant.id) };
    } catch (error) {
      if (error instanceof NotFoundProblem) throw new BackupException(BackupErrorCode.UnknownTenant, `No tenant "${slug}".`);
      throw error;
    }
  }
}

const NEWLINE = Buffer.from('\n');

/** After migrating as far as the backup was, the schema must have exactly the backup's tables and columns. */
function assertSameTables(backup: TableInfo[], schema: TableInfo[]): void {
  const key = (tables: TableInfo[]) => JSON.stringify(tables.map((t) => [t.name, [...t.columns].sort()]).sort());
  if (key(backup) !== key(schema)) {
    const names = new Set(schema.map((t) => t.name));
    const missing = backup.filter((t) => !names.has(t.name)).map((t) => t.name);
    throw new BackupException(BackupErrorCode.SchemaMismatch, missing.length ? `Tables not in the schema: ${missing.join(', ')}.` : 'The columns of some table differ.');
  }
}
