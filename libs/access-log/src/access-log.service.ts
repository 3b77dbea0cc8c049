// The access log's public face: the request middleware, the writer's flush, and the daily partitions
// (kept a week ahead, dropped once past ACCESS_LOG_RETENTION_DAYS) on an hourly schedule.
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { AppConfig } from '@app/core';
import { TenancyService, TenantContext } from '@app/tenancy';
import { RegisterSettingsService } from '@app/privacy-notice';
import { join } from 'node:path';
import { accessLogMiddleware } from './access-log.middleware';
import { AccessLogJournal, journalRows } from './access-log.journal';
import { AccessLogRepository } from './access-log.repository';
import { type AccessLogRow, AccessLogWriter, errorCode, isRetryable, type WriterStats } from './access-log.writer';
import { retentionCutoff, utcDay } from './search-filters';

export const ACCESS_LOG_OPTIONS = Symbol('ACCESS_LOG_OPTIONS');

export interface AccessLogOptions {
  /** Partition upkeep at start and hourly (the API); off for the CLI, which runs it on demand. */
  scheduleMaintenance: boolean;
}

/** Today and the seven days after it always have their partitions. */
export const PARTITION_DAYS = 8;
const MAINTENANCE_INTERVAL_MS = 3_600_000;
const WRITER = { capacity: 50_000, batchSize: 1_000, intervalMs: 1_000 };

@Injectable()
export class AccessLogService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AccessLog');
  private readonly writer: AccessLogWriter;
  /** Only a process that serves HTTP journals its rows (the CLI records none). */
  private journal?: AccessLogJournal;
  private maintenanceTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: AccessLogRepository,
    private readonly config: AppConfig,
    @Inject(ACCESS_LOG_OPTIONS) private readonly options: AccessLogOptions,
    private readonly context: TenantContext,
    private readonly tenancy: TenancyService,
    private readonly registerSettings: RegisterSettingsService,
  ) {
    // Only codes and counts are logged: error messages can quote the rows, and rows hold addresses.
    this.writer = new AccessLogWriter((rows) => this.write(rows), WRITER, {
      failing: (code, buffered) => this.logger.warn({ code, buffered }, 'access log cannot be written; buffering'),
      recovered: (dropped) => this.logger.log({ dropped }, 'access log writes recovered'),
      overflowed: (dropped) => this.logger.warn({ dropped }, 'access log buffer overflowed; oldest rows dropped'),
      rejected: (code, rows) => this.logger.error({ code, rows }, 'access log rows refused by the database; dropped'),
    });
  }

  /** Express middleware recording every request; register it right after the request id. */
  middleware(): RequestHandler {
    this.journal ??= new AccessLogJournal(join(this.config.dataDir, 'access-log-journal'));
    return accessLogMiddleware((row) => this.record(row), TenantContext.trafficOfCurrentRequest);
  }

  /** In the journal first (it survives a crash of this process), then to the batched writer. */
  private record(row: AccessLogRow): void {
    try {
      if (this.journal) row.seq = this.journal.append(row);
    } catch (error) {
      this.logger.error({ code: errorCode(error) }, 'access log journal cannot be written; the row is only buffered');
    }
    this.writer.record(row);
  }

  private async write(rows: AccessLogRow[]): Promise<void> {
    const seq = rows.reduce((max, r) => Math.max(max, r.seq ?? 0), 0);
    await this.store.insert(rows, this.journal && seq ? { journal: this.journal.id, seq } : undefined);
    if (seq) this.journal?.written(seq);
  }

  /**
   * Rows journalled by processes that crashed, written from where each had got to. A batch the database refuses
   * as bad data is skipped (it would fail every start); a database that is away leaves the journal for next time.
   */
  async replayOrphanJournals(): Promise<{ journals: number; rows: number }> {
    if (!this.journal) return { journals: 0, rows: 0 };
    let rows = 0;
    const orphans = this.journal.claimOrphans();
    for (const { journal, files } of orphans) {
      try {
        const after = await this.store.journalMark(journal);
        let batch: AccessLogRow[] = [];
        const flush = async () => {
          const seq = batch[batch.length - 1].seq!;
          await this.store.insert(batch, { journal, seq }).catch((error: unknown) => {
            if (isRetryable(error)) throw error;
            this.logger.error({ code: errorCode(error), rows: batch.length }, 'journalled access-log rows refused by the database; skipped');
          });
          rows += batch.length;
          batch = [];
        };
        for (const row of journalRows(files, after)) {
          batch.push(row);
          if (batch.length >= WRITER.batchSize) await flush();
        }
        if (batch.length) await flush();
        await this.store.forgetJournal(journal);
        this.journal.remove(files);
      } catch (error) {
        this.logger.warn({ code: errorCode(error) }, 'a crashed process\'s access-log journal could not be replayed; kept for the next start');
        this.journal.unclaim(files);
      }
    }
    if (orphans.length) this.logger.log({ journals: orphans.length, rows }, 'access-log journals of crashed processes replayed');
    return { journals: orphans.length, rows };
  }

  /** Writes everything recorded so far (tests, shutdown); never throws. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  stats(): WriterStats {
    return this.writer.stats();
  }

  /** Creates the partitions of `now`'s UTC day and the week after it; returns how many were missing. */
  ensurePartitions(now: Date = new Date()): Promise<number> {
    return this.store.ensurePartitions(utcDay(now), PARTITION_DAYS);
  }

  /** Drops the days whose every row is older than the retention period; returns the partitions dropped. */
  dropExpiredPartitions(now: Date = new Date()): Promise<string[]> {
    return this.store.dropPartitionsBefore(retentionCutoff(now, this.config.accessLogRetentionDays));
  }

  /** Both of the above; a failure is logged and left to the next run. */
  async maintain(now: Date = new Date()): Promise<void> {
    try {
      // The API can start before `migrate` has created the table; the migration makes the first partitions.
      if (!(await this.store.isMigrated())) return;
      const created = await this.ensurePartitions(now);
      const dropped = await this.dropExpiredPartitions(now);
      const purged = await this.purgeShorterTenantRetention(now);
      if (created || dropped.length || Object.keys(purged).length) this.logger.log({ created, dropped, purged }, 'access log maintained');
    } catch (error) {
      this.logger.warn({ code: errorCode(error) }, 'access log maintenance failed; the next run tries again');
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.journal && (await this.store.isMigrated().catch(() => false))) await this.replayOrphanJournals();
    this.writer.start();
    if (!this.options.scheduleMaintenance) return;
    await this.maintain();
    this.maintenanceTimer = setInterval(() => void this.maintain(), MAINTENANCE_INTERVAL_MS);
    this.maintenanceTimer.unref();
  }

  private async closeJournal(journal: AccessLogJournal, allWritten: boolean): Promise<void> {
    if (!allWritten) return journal.keep();
    journal.discard();
    await this.store.forgetJournal(journal.id).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.maintenanceTimer);
    await this.writer.close();
    const { buffered } = this.writer.stats();
    if (buffered) this.logger.warn({ rows: buffered }, 'access log rows could not be written before shutdown; the journal keeps them for the next start');
    if (this.journal) await this.closeJournal(this.journal, buffered === 0);
    await this.store.close();
  }

  /**
   * Deletes the rows of tenants whose register settings promise a shorter IP-log period than the platform's,
   * so that each tenant's privacy statement stays true. Returns rows deleted per tenant. The tenants come from
   * TenancyService and each one's period from its RegisterSettingsService, read in the tenant's scope.
   */
  private async purgeShorterTenantRetention(now: Date): Promise<Record<string, number>> {
    const platformDays = this.config.accessLogRetentionDays;
    const purged: Record<string, number> = {};
    for (const scope of await this.tenancy.scopesWithSchemas()) {
      // A schema without its settings yet (not migrated) promises nothing shorter: skipped, as it always was.
      const days = await this.context.run(scope, () => this.registerSettings.ipLogRetentionDays()).catch(() => undefined);
      if (!days || days >= platformDays) continue;
      const deleted = await this.store.purgeTenantOlderThan(scope.tenantId, now, days);
      if (deleted) purged[scope.tenantId] = deleted;
    }
    return purged;
  }
}
