// Retention's table in the tenant's schema: the customers flagged for review (retention_review). Reached through
// the tenant context, inside the transaction the service opened with `TenantContext.transaction()`.
import { Injectable } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';

export interface ReviewRow {
  customer_id: string;
  last_activity_at: Date | string;
  flagged_at: Date | string;
  review_after_months: number;
}

@Injectable()
export class RetentionRepository {
  constructor(private readonly context: TenantContext) {}

  /** A page of the flags, oldest first (one more than `limit`); the names and addresses are CustomersService's. */
  async reviewPage(after: { at: Date; id: string } | undefined, limit: number): Promise<ReviewRow[]> {
    return this.context.sql<ReviewRow>(
      `select r.customer_id, r.last_activity_at, r.flagged_at, r.review_after_months
         from ${this.context.table('retention_review')} r
        ${after ? 'where (r.flagged_at, r.customer_id) > ($2::timestamptz, $3::uuid)' : ''}
        order by r.flagged_at, r.customer_id
        limit $1`,
      after ? [limit + 1, after.at.toISOString(), after.id] : [limit + 1],
    );
  }

  /**
   * Customers whose last activity (added, last portal login, last invoice drafted or issued) is older than
   * `months` before `now`, and whose processing is not restricted.
   */
  async inactiveCustomers(now: Date, months: number): Promise<{ id: string; last_activity_at: Date }[]> {
    // Reads customers' table (customer: created_at, last_login_at, restricted_at) and billing's (invoice: its
    // customer's latest) in this one set-based statement on purpose: a deliberate read-only join. It scans the
    // whole register once a night; split across CustomersService and BillingService it would ship every customer
    // and every customer's last invoice date to Node to compute what this statement answers in place.
    const customer = this.context.table('customer');
    const invoice = this.context.table('invoice');
    return this.context.sql(
      `select c.id, greatest(c.created_at, c.last_login_at, i.last_invoice_at) as last_activity_at
         from ${customer} c
         left join lateral (
           select max(greatest(x.created_at, x.issue_date::timestamptz)) as last_invoice_at from ${invoice} x where x.customer_id = c.id
         ) i on true
        where greatest(c.created_at, c.last_login_at, i.last_invoice_at) < $1::timestamptz - make_interval(months => $2::int)
          and c.restricted_at is null`,
      [now.toISOString(), months],
    );
  }

  async flaggedCustomerIds(): Promise<string[]> {
    const rows = await this.context.sql<{ customer_id: string }>(`select customer_id from ${this.context.table('retention_review')}`);
    return rows.map((r) => r.customer_id);
  }

  async unflag(customerIds: string[]): Promise<void> {
    await this.context.sql(`delete from ${this.context.table('retention_review')} where customer_id in (select (jsonb_array_elements_text($1::jsonb))::uuid)`, [JSON.stringify(customerIds)]);
  }

  /** Flags these customers (a flag already there keeps its first date and takes the new activity and period). */
  async flag(rows: { customer_id: string; last_activity_at: string }[], months: number): Promise<void> {
    await this.context.sql(
      `insert into ${this.context.table('retention_review')} (customer_id, last_activity_at, review_after_months)
       select customer_id, last_activity_at, $1::int from jsonb_to_recordset($2::jsonb) as r(customer_id uuid, last_activity_at timestamptz)
       on conflict (customer_id) do update set last_activity_at = excluded.last_activity_at, review_after_months = excluded.review_after_months`,
      [months, JSON.stringify(rows)],
    );
  }
}
