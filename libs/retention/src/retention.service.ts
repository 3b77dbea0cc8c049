// Retention (the privacy statement's section 8): per tenant, each in its own transaction, invoices and bank records past their
// period are purged and customers whose relationship seems to have ended are flagged for staff to review.
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Clock, decodeCursor, ForbiddenProblem, type Page, type Principal, toPage } from '@app/core';
import { quoteIdent } from '@app/database';
import { TenancyService, TenantContext, tenantSchemaName, type TenantScope } from '@app/tenancy';
import { BillingService } from '@app/billing';
import { BankImportService } from '@app/bank-import';
import { displayName } from '@app/customers';
import { RegisterSettingsService } from '@app/privacy-notice';

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
    private readonly tenancy: TenancyService,
    private readonly billing: BillingService,
    private readonly bank: BankImportService,
    private readonly settings: RegisterSettingsService,
    private readonly clock: Clock,
  ) {}

  /** Every tenant, one transaction each: a tenant that fails is reported and the others go on. */
  async runAll(options: { actor?: string; onProgress?: RetentionProgress } = {}): Promise<RetentionReport> {
    const tenants = await this.allTenants();
    const report: RetentionReport = { tenants: [], failed: [] };
    for (const scope of tenants) {
      try {
        const done = await this.runForTenant(scope, options.actor);
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

  async runForTenant(scope: TenantScope, actor = 'retention'): Promise<TenantRetentionReport> {
    return this.context.run(scope, async () => {
      const [reviewAfterMonths, retentionYears] = await Promise.all([this.settings.customerReviewAfterMonths(), this.settings.invoiceRetentionYears()]);
      return this.context.em().transactional(async (em) => {
        const period = { today: this.clock.today(), retentionYears, actor };
        const purged = await this.billing.purgeExpired(em, period);
        const bank = await this.bank.purgeExpired(em, period);
        const flags = await this.refreshReviewFlags(em, scope.schema, reviewAfterMonths, this.clock.now());
        return { tenant: scope.slug, invoicesPurged: purged.invoices, linesPurged: purged.lines, paymentsPurged: purged.payments, bankEntriesPurged: bank.entries, ...flags };
      });
    });
  }

  /** The customers flagged for review in the tenant in scope, oldest flag first. Owners only. */
  async reviewList(actor: Principal, options: { limit?: number; cursor?: string }): Promise<Page<ReviewItem>> {
    const scope = this.context.tenant;
    if (actor.kind !== 'tenant-staff' || actor.role !== 'owner' || actor.tenantId !== scope.tenantId) throw new ForbiddenProblem();
    const limit = options.limit ?? 50;
    const after = options.cursor ? decodeCursor(options.cursor) : undefined;
    const s = quoteIdent(scope.schema);
    const rows = (await this.context.em().execute(
      `select r.customer_id, r.last_activity_at, r.flagged_at, r.review_after_months,
              c.company_name, c.contact_name, c.billing_first_name, c.billing_last_name, c.email
         from ${s}.retention_review r join ${s}.customer c on c.id = r.customer_id
        ${after ? 'where (r.flagged_at, r.customer_id) > (?::timestamptz, ?::uuid)' : ''}
        order by r.flagged_at, r.customer_id
        limit ?`,
      after ? [after.at.toISOString(), after.id, limit + 1] : [limit + 1],
    )) as ReviewRow[];
    const page = toPage(rows.map(toItem), limit, (item) => ({ at: item.flaggedAt, id: item.customerId }));
    return page;
  }

  /**
   * A customer's last activity is the latest of: added to the register, last portal login, last invoice (drafted
   * or issued). Older than the review period: flagged (kept as first flagged); active again: the flag goes.
   * A customer whose processing is restricted (Art. 18) is never offered for deletion: the person asked that the
   * data be kept, often for a legal claim.
   */
  private async refreshReviewFlags(em: EntityManager, schema: string, months: number, now: Date): Promise<Pick<TenantRetentionReport, 'customersFlagged' | 'flagsCleared' | 'underReview'>> {
    const s = quoteIdent(schema);
    const inactive = `
      select c.id, greatest(c.created_at, c.last_login_at, i.last_invoice_at) as last_activity_at
        from ${s}.customer c
        left join lateral (
          select max(greatest(x.created_at, x.issue_date::timestamptz)) as last_invoice_at from ${s}.invoice x where x.customer_id = c.id
        ) i on true
       where greatest(c.created_at, c.last_login_at, i.last_invoice_at) < ?::timestamptz - make_interval(months => ?)
         and c.restricted_at is null`;
    // Read first, then written by id: Citus deparses a DELETE with NOT IN (or a data-modifying CTE) into SQL its
    // workers cannot parse, so no statement here needs the planner to push a subquery through a write.
    const quiet = (await em.execute(inactive, [now.toISOString(), months])) as { id: string; last_activity_at: Date }[];
    const stillQuiet = new Set(quiet.map((r) => r.id));
    const flaggedBefore = (await em.execute(`select customer_id from ${s}.retention_review`)) as { customer_id: string }[];
    const active = flaggedBefore.filter((r) => !stillQuiet.has(r.customer_id)).map((r) => r.customer_id);
    if (active.length) await em.execute(`delete from ${s}.retention_review where customer_id in (select (jsonb_array_elements_text(?::jsonb))::uuid)`, [JSON.stringify(active)]);
    const wasFlagged = new Set(flaggedBefore.map((r) => r.customer_id));
    if (quiet.length) {
      await em.execute(
        `insert into ${s}.retention_review (customer_id, last_activity_at, review_after_months)
         select customer_id, last_activity_at, ? from jsonb_to_recordset(?::jsonb) as r(customer_id uuid, last_activity_at timestamptz)
         on conflict (customer_id) do update set last_activity_at = excluded.last_activity_at, review_after_months = excluded.review_after_months`,
        [months, JSON.stringify(quiet.map((r) => ({ customer_id: r.id, last_activity_at: new Date(r.last_activity_at).toISOString() })))],
      );
    }
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

interface ReviewRow {
  customer_id: string;
  last_activity_at: Date | string;
  flagged_at: Date | string;
  review_after_months: number;
  company_name: string | null;
  contact_name: string | null;
  billing_first_name: string | null;
  billing_last_name: string | null;
  email: string | null;
}

function toItem(r: ReviewRow): ReviewItem {
  return {
    customerId: r.customer_id,
    name: displayName({ companyName: r.company_name, contactName: r.contact_name, billingFirstName: r.billing_first_name, billingLastName: r.billing_last_name }),
    email: r.email,
    lastActivityAt: new Date(r.last_activity_at),
    flaggedAt: new Date(r.flagged_at),
    reviewAfterMonths: Number(r.review_after_months),
  };
}
