// Retention (the privacy statement's section 8): per tenant, each in its own transaction, invoices and bank records past their
// period are purged and customers whose relationship seems to have ended are flagged for staff to review.
import { Injectable, Logger } from '@nestjs/common';
import { type Actor, Clock, decodeCursor, type Page, requireAccess, toPage } from '@app/core';
import { TenancyService, TenantContext, tenantSchemaName, type TenantScope } from '@app/tenancy';
import { BillingService } from '@app/billing';
import { BankImportService } from '@app/bank-import';
import { CustomersService } from '@app/customers';
import { RegisterSettingsService } from '@app/privacy-notice';
import { RetentionRepository, type ReviewRow } from './retention.repository';

export interface TenantRetentionReport {
  tenant: string;
  invoicesPurged: number;
  linesPurged: number;
  paymentsPurged: number;
  /** Bank statement entries (with the payer names) past the same accounting period. */
  bankEntriesPurged: number;
  /** Newly flagged in this run. */
  customersFlagged: number;
  /** Flags dropped because the customer was active again. */
  flagsCleared: number;
  /** Everyone flagged after this run. */
  underReview: number;
}

export interface RetentionReport {
  tenants: TenantRetentionReport[];
  failed: { tenant: string; error: string }[];
}

export type RetentionProgress = (done: number, total: number, outcome: TenantRetentionReport | { tenant: string; error: string }) => void;

export interface ReviewItem {
  customerId: string;
  name: string;
  email: string | null;
  lastActivityAt: Date;
  flaggedAt: Date;
  reviewAfterMonths: number;
}


@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly context: TenantContext,
    private readonly repository: RetentionRepository,
    private readonly tenancy: TenancyService,
    private readonly billing: BillingService,
    private readonly bank: BankImportService,
    private readonly settings: RegisterSettingsService,
    private readonly clock: Clock,
    private readonly customers: CustomersService,
  ) {}

  /** Every tenant, one transaction each: a tenant that fails is reported and the others go on. */
  async runAll(actor: Actor, options: { onProgress?: RetentionProgress } = {}): Promise<RetentionReport> {
    const tenants = await this.allTenants();
    const report: RetentionReport = { tenants: [], failed: [] };
    for (const scope of tenants) {
      try {
        const done = await this.runForTenant(actor, scope);
        report.tenants.push(done);
        options.onProgress?.(report.tenants.length + report.failed.length, tenants.length, done);
      } catch (error) {
        const failure = { tenant: scope.slug, error: error instanceof Error ? error.message : String(error) };
        this.logger.error({ tenant: scope.slug, err: error }, 'retention run failed for a tenant');
        report.failed.push(failure);
        options.onProgress?.(report.tenants.length + report.failed.length, tenants.length, failure);
      }
    }
    return report;
  }

  async runForTenant(actor: Actor, scope: TenantScope): Promise<TenantRetentionReport> {
    return this.context.run(scope, async () => {
      const [reviewAfterMonths, retentionYears] = await Promise.all([this.settings.customerReviewAfterMonths(), this.settings.invoiceRetentionYears()]);
      return this.context.transaction(async () => {
        const period = { today: this.clock.today(), retentionYears };
        const purged = await this.billing.purgeExpired(actor, period);
        const bank = await this.bank.purgeExpired(actor, period);
        const flags = await this.refreshReviewFlags(reviewAfterMonths, this.clock.now());
        return { tenant: scope.slug, invoicesPurged: purged.invoices, linesPurged: purged.lines, paymentsPurged: purged.payments, bankEntriesPurged: bank.entries, ...flags };
      });
    });
  }

  /** The customers flagged for review in the tenant in scope, oldest flag first. Owners only. */
  async reviewList(actor: Actor, options: { limit?: number; cursor?: string }): Promise<Page<ReviewItem>> {
    requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId });
    const limit = options.limit ?? 50;
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const rows = await this.repository.reviewPage(after, limit);
    // A flag goes with its customer (on delete cascade): one deleted meanwhile is left out, as the join did.
    const customers = rows.length ? new Map((await this.customers.noticeCandidates({ ids: rows.map((r) => r.customer_id) })).map((c) => [c.id, c])) : new Map<string, { name: string; email: string | null }>();
    const items = rows.flatMap((r) => {
      const customer = customers.get(r.customer_id);
      return customer ? [toItem(r, customer)] : [];
    });
    const page = toPage(items, limit, (item) => ({ at: item.flaggedAt, id: item.customerId }));
    return page;
  }

  /**
   * A customer's last activity is the latest of: added to the register, last portal login, last invoice (drafted
   * or issued). Older than the review period: flagged (kept as first flagged); active again: the flag goes.
   * A customer whose processing is restricted (Art. 18) is never offered for deletion: the person asked that the
   * data be kept, often for a legal claim.
   */
  private async refreshReviewFlags(months: number, now: Date): Promise<Pick<TenantRetentionReport, 'customersFlagged' | 'flagsCleared' | 'underReview'>> {
    // Read first, then written by id: Citus deparses a DELETE with NOT IN (or a data-modifying CTE) into SQL its
    // workers cannot parse, so no statement here needs the planner to push a subquery through a write.
    const quiet = await this.repository.inactiveCustomers(now, months);
    const stillQuiet = new Set(quiet.map((r) => r.id));
    const flaggedBefore = await this.repository.flaggedCustomerIds();
    const active = flaggedBefore.filter((id) => !stillQuiet.has(id));
    if (active.length) await this.repository.unflag(active);
    const wasFlagged = new Set(flaggedBefore);
    if (quiet.length) await this.repository.flag(quiet.map((r) => ({ customer_id: r.id, last_activity_at: new Date(r.last_activity_at).toISOString() })), months);
    return { customersFlagged: quiet.filter((r) => !wasFlagged.has(r.id)).length, flagsCleared: active.length, underReview: quiet.length };
  }

  private async allTenants(): Promise<TenantScope[]> {
    const scopes: TenantScope[] = [];
    for (let after: string | undefined; ; ) {
      const page = await this.tenancy.list({ limit: 200, after });
      // A tenant that has left has no schema any more.
      scopes.push(...page.filter((t) => t.status !== 'left').map((t) => ({ tenantId: t.id, slug: t.slug, schema: tenantSchemaName(t.id) })));
      if (page.length < 200) return scopes;
      after = page[page.length - 1].slug;
    }
  }
}

function toItem(r: ReviewRow, customer: { name: string; email: string | null }): ReviewItem {
  return {
    customerId: r.customer_id,
    name: customer.name,
    email: customer.email,
    lastActivityAt: new Date(r.last_activity_at),
    flaggedAt: new Date(r.flagged_at),
    reviewAfterMonths: Number(r.review_after_months),
  };
}
