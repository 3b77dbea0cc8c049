// The privacy-notice module's tables: the register settings (`register_settings`, one row) and their kept
// versions (`register_settings_version`). The accessibility feedback's throttle is LoginThrottleService's (auth).
import { Inject, Injectable } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { DatabaseContext, PG_POOL, readSql } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { RegisterSettings, SETTINGS_ID } from './register-settings.entity';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';

@Injectable()
export class PrivacyNoticeRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /**
   * The settings of the tenant in scope, read fresh, as `to_jsonb` writes the row (the kept versions' form): one
   * parameterised statement, in the open transaction if any, else on the plain pool. The consent states read it on
   * every portal visit (GET me), where the entity cost more than the read.
   */
  async currentRow(): Promise<Record<string, unknown>> {
    const [row] = await readSql(this.pool, DatabaseContext.openTransaction())<{ settings: Record<string, unknown> }>(
      `select to_jsonb(s) as settings from ${this.context.table('register_settings')} s where id = $1`,
      [SETTINGS_ID],
    );
    // Every tenant schema has the row from its first migration.
    if (!row) throw new Error(`no register settings in ${this.context.tenant.schema}`);
    return row.settings;
  }

  /** The settings row to change: `assign` then `flush`. */
  settingsForUpdate(): Promise<RegisterSettings> {
    return this.context.em().findOneOrFail(RegisterSettings, { id: SETTINGS_ID });
  }

  assign(row: RegisterSettings, data: Partial<RegisterSettings>): void {
    this.context.em().assign(row, data);
  }

  /** Writes the unit of work; a row changed meanwhile (its version) answers as a stale version. */
  async flush(): Promise<void> {
    const em = this.context.em();
    try {
      await em.flush();
    } catch (error) {
      em.clear();
      if (error instanceof OptimisticLockError) throw new PrivacyNoticeException(PrivacyNoticeErrorCode.StaleVersion);
      throw error;
    }
  }

  /** A kept version's settings as `to_jsonb` wrote the row; null when there is no such version. */
  async storedVersion(noticeVersion: number): Promise<Record<string, unknown> | null> {
    const rows = await this.context.sql<{ settings: Record<string, unknown> }>(
      `select settings from ${this.context.table('register_settings_version')} where notice_version = $1`,
      [noticeVersion],
    );
    return rows[0]?.settings ?? null;
  }

  /** Every kept version, newest first. */
  versions(): Promise<{ notice_version: number; recorded_at: Date; updated_by: string | null }[]> {
    return this.context.sql(
      `select notice_version, recorded_at, settings->>'updated_by' as updated_by from ${this.context.table('register_settings_version')} order by notice_version desc`,
    );
  }
}
