// The nightly work the privacy statement promises, run from the PostgreSQL job queue (pg-boss), so that with
// several API instances each run happens once: retention (section 8), automatic backups (section 9), and a
// notice to each tenant's owners and staff of each data-subject request that is due soon or overdue (section 10),
// the payment reminders of overdue invoices in the tenants that have turned them on, and tenants leaving the
// platform once their grace period is over (issue 14 item 12).
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppConfig, systemActor } from '@app/core';
import { JobsService } from '@app/jobs';
import { BackupService } from '@app/backup';
import { RequestsService } from '@app/requests';
import { InvoiceRemindersService } from '@app/billing';
import { TenancyService, TenantContext, type TenantView } from '@app/tenancy';
import { RetentionService } from './retention.service';
import { LeavingService } from './leaving.service';

export const RETENTION_JOB = 'retention.run';
export const BACKUP_JOB = 'backups.nightly';
export const REMINDER_JOB = 'requests.deadline-reminders';
export const PAYMENT_REMINDER_JOB = 'invoices.payment-reminders';
export const LEAVING_JOB = 'tenants.leaving';
/** Nightly backups are kept this many days; older files are deleted (they hold personal data too). */
export const BACKUP_KEEP_DAYS = 14;

@Injectable()
export class ScheduledJobs implements OnModuleInit {
  private readonly logger = new Logger('ScheduledJobs');

  constructor(
    private readonly jobs: JobsService,
    private readonly retention: RetentionService,
    private readonly backups: BackupService,
    private readonly requests: RequestsService,
    private readonly tenancy: TenancyService,
    private readonly context: TenantContext,
    private readonly config: AppConfig,
    private readonly paymentReminders: InvoiceRemindersService,
    private readonly leaving: LeavingService,
  ) {}

  onModuleInit(): void {
    this.jobs.work(RETENTION_JOB, () => this.runRetention());
    this.jobs.work(BACKUP_JOB, async () => void (await this.backUpAll()));
    this.jobs.work(REMINDER_JOB, async () => void (await this.remindDeadlines()));
    this.jobs.work(PAYMENT_REMINDER_JOB, async () => void (await this.remindOverdueInvoices()));
    this.jobs.work(LEAVING_JOB, async () => void (await this.runLeaving()));
    this.jobs.schedule(BACKUP_JOB, '0 1 * * *');
    this.jobs.schedule(RETENTION_JOB, '0 2 * * *');
    this.jobs.schedule(LEAVING_JOB, '30 2 * * *');
    this.jobs.schedule(REMINDER_JOB, '0 5 * * *');
    this.jobs.schedule(PAYMENT_REMINDER_JOB, '0 6 * * *');
  }

  /**
   * Tenants past their grace period leave (issued invoices archived, schema dropped), then archived invoices past
   * their legal period are deleted. After the backups (01:00): the last nightly backup of a leaving tenant exists.
   */
  async runLeaving(): Promise<{ left: string[]; archivedInvoices: number; failed: number; purged: number }> {
    const run = await this.leaving.leaveDue();
    const purged = await this.leaving.purgeArchive();
    this.logger.log({ left: run.left.length, invoices: run.archivedInvoices, failed: run.failed.length, purged }, 'tenants leaving');
    return { left: run.left, archivedInvoices: run.archivedInvoices, failed: run.failed.length, purged };
  }

  async runRetention(): Promise<void> {
    const report = await this.retention.runAll(systemActor('scheduled'));
    this.logger.log({ tenants: report.tenants.length, failed: report.failed.length }, 'retention run');
  }

  /** Backs up every tenant, then deletes nightly backups older than BACKUP_KEEP_DAYS. */
  async backUpAll(now = new Date()): Promise<{ backedUp: string[]; deleted: string[] }> {
    const backedUp: string[] = [];
    for (const tenant of await this.allTenants()) {
      try {
        await this.backups.backup(systemActor('scheduled'), tenant.slug);
        backedUp.push(tenant.slug);
      } catch (error) {
        this.logger.error({ tenant: tenant.slug, code: (error as { code?: string }).code }, 'backup failed');
      }
    }
    const dir = resolve(this.config.dataDir, 'backups');
    const deleted: string[] = [];
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.backup.gz')) continue;
      const file = join(dir, name);
      if (now.getTime() - (await stat(file)).mtimeMs > BACKUP_KEEP_DAYS * 86_400_000) {
        await rm(file);
        deleted.push(name);
      }
    }
    this.logger.log({ backedUp: backedUp.length, deleted: deleted.length }, 'nightly backups');
    return { backedUp, deleted };
  }

  /**
   * Tells each tenant's owners and staff of each request due within a week or overdue, once per request and
   * due date (the outbox queues a notice's id once, so a second run sends nothing new). One tenant's failure
   * does not keep the others from being told. Returns the tenants with such requests.
   */
  async remindDeadlines(): Promise<string[]> {
    const reminded: string[] = [];
    const failed: string[] = [];
    for (const tenant of await this.allTenants()) {
      const scope = (await this.tenancy.findScope(tenant.slug))!;
      try {
        const told = await this.context.run(scope, () => this.requests.remindDeadlines());
        if (told.dueSoon || told.overdue) reminded.push(tenant.slug);
      } catch (error) {
        this.logger.error({ tenant: tenant.slug, code: (error as { code?: string }).code }, 'deadline reminders failed');
        failed.push(tenant.slug);
      }
    }
    // The others are told; the queue retries the job, and what was queued is not queued again.
    if (failed.length) throw new Error(`deadline reminders failed for ${failed.length} tenant(s)`);
    return reminded;
  }

  /** Payment reminders of overdue invoices, in each tenant that has automatic reminders on. Returns how many were sent per tenant. */
  async remindOverdueInvoices(): Promise<Record<string, number>> {
    const sent: Record<string, number> = {};
    for (const tenant of await this.allTenants()) {
      try {
        const scope = (await this.tenancy.findScope(tenant.slug))!;
        const result = await this.context.run(scope, () => this.paymentReminders.runAutomatic(systemActor('scheduled')));
        if (result.sent.length) sent[tenant.slug] = result.sent.length;
      } catch (error) {
        this.logger.error({ tenant: tenant.slug, code: (error as { code?: string }).code }, 'payment reminders failed');
      }
    }
    this.logger.log({ tenants: Object.keys(sent).length }, 'payment reminders');
    return sent;
  }

  private async allTenants(): Promise<TenantView[]> {
    const all: TenantView[] = [];
    for (;;) {
      const page = await this.tenancy.list({ limit: 200, after: all.at(-1)?.slug });
      all.push(...page.filter((t) => t.status === 'active'));
      if (page.length < 200) return all;
    }
  }
}
