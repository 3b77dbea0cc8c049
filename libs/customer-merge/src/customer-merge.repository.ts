// The one place that knows every table naming a customer (test/customer-merge.e2e-spec.ts checks this list
// against the schema's foreign keys, so a new table cannot be forgotten). A merge re-points them all, in the
// caller's transaction; the consent ledger's rows move unchanged (migration 0015 lets only a merge do that).
import { Injectable } from '@nestjs/common';
import { quoteIdent } from '@app/database';
import { TenantContext } from '@app/tenancy';

export interface MergeCandidateRow {
  a_id: string;
  b_id: string;
  reasons: string[];
  score: number;
}

export interface CustomerRow {
  id: string;
  version: number;
  business_id: string | null;
  company_name: string | null;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  billing_first_name: string | null;
  billing_last_name: string | null;
  created_at: Date;
  restricted_at: Date | null;
}

/** Tables whose rows belong to a customer, and what a merge does with the merged customer's rows. */
export const CUSTOMER_REFERENCES = {
  invoice: 'moved',
  consent_event: 'moved',
  data_subject_request: 'moved',
  portal_account: 'moved unless the kept customer has one',
  portal_invitation: 'moved with the portal account',
  retention_review: 'dropped (the next retention run judges the kept customer)',
} as const;

export const FILLABLE = ['business_id', 'company_name', 'contact_name', 'email', 'phone', 'street_address', 'postal_code', 'city', 'billing_first_name', 'billing_last_name'] as const;

@Injectable()
export class CustomerMergeRepository {
  constructor(private readonly context: TenantContext) {}

  /**
   * Pairs of customers that may be one person: the same phone number, or names alike (trigram similarity of the
   * accent-folded names, found through the search key's trigram index). E-mail addresses are unique per register,
   * so two records never share one.
   */
  async candidates(limit: number): Promise<MergeCandidateRow[]> {
    const t = quoteIdent(this.context.tenant.schema);
    return this.context.sql<MergeCandidateRow>(
      `select a_id, b_id, array_agg(distinct reason order by reason) as reasons, max(score)::float8 as score from (
         select a.id as a_id, b.id as b_id, 'phone' as reason, 1.0::real as score
           from ${t}.customer a join ${t}.customer b on b.phone = a.phone and a.id < b.id
         union all
         select least(a.id, b.id), greatest(a.id, b.id), 'name', public.similarity(${t}.search_fold(a.sort_name), ${t}.search_fold(b.sort_name))
           from ${t}.customer a join ${t}.customer b on a.id <> b.id and ${t}.search_fold(a.sort_name) operator(public.<%) b.search_key
          where length(a.sort_name) >= 3 and public.similarity(${t}.search_fold(a.sort_name), ${t}.search_fold(b.sort_name)) >= 0.6
       ) pairs group by a_id, b_id order by max(score) desc, a_id, b_id limit $1`,
      [limit],
    );
  }

  /** With `lock`, inside the open transaction: the rows held for update (in id order). */
  // reads customers' table (as candidates, delete and fill write it): to move behind CustomersService
  async customers(ids: string[], lock = false): Promise<CustomerRow[]> {
    if (ids.length === 0) return [];
    return this.context.sql<CustomerRow>(`select * from ${this.table('customer')} where id in (select value::uuid from jsonb_array_elements_text($1::jsonb)) order by id${lock ? ' for update' : ''}`, [
      JSON.stringify(ids),
    ]);
  }

  /** Re-points every row of the merged customer to the kept one, in the open transaction; returns how many of each moved. */
  // writes consent's, requests' and portal's tables (and platform.consent_withdrawal_ledger): the one list of customer references, kept here on purpose
  async moveReferences(keep: string, merge: string): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    const sql = (text: string, values?: unknown[]) => this.context.sql(text, values);
    const update = async (table: string) => {
      moved[table] = (await sql(`update ${this.table(table)} set customer_id = $1 where customer_id = $2 returning 1`, [keep, merge])).length;
    };
    // The consent ledger's trigger runs where the table lives: on Citus a worker, which sees the flag only when
    // the coordinator forwards SET LOCAL (on one PostgreSQL this setting is an unused placeholder).
    await sql(`set local citus.propagate_set_commands = 'local'`);
    await sql(`set local rekisteri.customer_merge = 'on'`);
    await update('invoice');
    await update('consent_event');
    await sql(`set local rekisteri.customer_merge = 'off'`);
    await update('data_subject_request');
    const keptAccount = (await sql(`select 1 from ${this.table('portal_account')} where customer_id = $1`, [keep])).length > 0;
    if (keptAccount) {
      moved.portal_account = 0;
      moved.portal_invitation = 0;
    } else {
      await update('portal_account');
      await update('portal_invitation');
    }
    // Withdrawals mirrored outside the schema (re-applied after a restore) must follow the events they mirror.
    await sql(
      `insert into platform.consent_withdrawal_ledger (tenant_id, customer_id, purpose, channel, actor, withdrawn_at)
       select tenant_id, $1::uuid, purpose, channel, actor, withdrawn_at from platform.consent_withdrawal_ledger where tenant_id = $2 and customer_id = $3
       on conflict do nothing`,
      [keep, this.context.tenant.tenantId, merge],
    );
    return moved;
  }

  async delete(id: string): Promise<void> {
    await this.context.sql(`delete from ${this.table('customer')} where id = $1`, [id]);
  }

  /** The kept customer's empty fields take the merged one's values; the version rises. */
  async fill(id: string, values: Partial<Record<(typeof FILLABLE)[number], string>>, at: Date): Promise<void> {
    const entries = Object.entries(values);
    const n = entries.length;
    await this.context.sql(
      `update ${this.table('customer')} set ${entries
        .map(([column], i) => `${column} = $${i + 1}`)
        .concat(['version = version + 1', `updated_at = $${n + 1}`])
        .join(', ')} where id = $${n + 2}`,
      [...entries.map(([, value]) => value), at, id],
    );
  }

  private table(name: string): string {
    return this.context.table(name);
  }
}
