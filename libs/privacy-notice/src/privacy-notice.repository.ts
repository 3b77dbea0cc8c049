// The privacy-notice module's tables: the register settings (`register_settings`, one row) and their kept
// versions (`register_settings_version`). Also the accessibility feedback's throttle, which keeps its counts in
// the login throttle's table (auth's `platform.login_throttle`, under its own key prefix).
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { AppConfig } from '@app/core';
import { PG_POOL } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { RegisterSettings, SETTINGS_ID } from './register-settings.entity';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';

@Injectable()
export class PrivacyNoticeRepository implements OnModuleInit {
  private feedbackLimiter!: RateLimiterPostgres;

  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // uses auth's table (created by the platform migrations), under its own key prefix: to move behind LoginThrottleService
    this.feedbackLimiter = new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      schemaName: 'platform',
      tableName: 'login_throttle',
      tableCreated: true,
      keyPrefix: 'a11y',
      points: this.config.accessibilityFeedbackPerHour,
      duration: 3600,
    });
  }

  /** Counts one accessibility feedback from `key`; rejects with the limiter's RateLimiterRes when the hour's are used up. */
  async consumeFeedback(key: string): Promise<void> {
    await this.feedbackLimiter.consume(key);
  }

  /** The settings of the tenant in scope, read fresh (not from the identity map). */
  currentSettings(): Promise<RegisterSettings> {
    return this.context.em().findOneOrFail(RegisterSettings, { id: SETTINGS_ID }, { disableIdentityMap: true });
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
