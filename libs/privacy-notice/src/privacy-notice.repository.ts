// The privacy-notice module's tables: the register settings (`register_settings`, one row) and their kept
// versions (`register_settings_version`). The accessibility feedback's throttle is LoginThrottleService's (auth).
import { Injectable } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/postgresql';
import { TenantContext } from '@app/tenancy';
import { RegisterSettings, SETTINGS_ID } from './register-settings.entity';
import { PrivacyNoticeErrorCode, PrivacyNoticeException } from './privacy-notice.errors';

@Injectable()
export class PrivacyNoticeRepository {
  constructor(private readonly context: TenantContext) {}

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
