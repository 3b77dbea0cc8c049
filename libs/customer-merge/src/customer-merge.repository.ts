// The one place that knows every table naming a customer (test/customer-merge.e2e-spec.ts checks this list
// against the schema's foreign keys, so a new table cannot be forgotten). A merge re-points them all, in the
// caller's transaction; the consent ledger's rows move unchanged (migration 0015 lets only a merge do that).
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
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
    return (await this.context.em().execute(
      `select a_id, b_id, array_agg(distinct reason order by reason) as reasons, max(score)::float8 as score from (
         select a.id as a_id, b.id as b_id, 'phone' as reason, 1.0::real as score
           from ${t}.customer a join ${t}.customer b on b.phone = a.phone and a.id < b.id
         union all
         select least(a.id, b.id), greatest(a.id, b.id), 'name', public.similarity(${t}.search_fold(a.sort_name), ${t}.search_fold(b.sort_name))
           from ${t}.customer a join ${t}.customer b on a.id <> b.id and ${t}.search_fold(a.sort_name) operator(public.<%) b.search_key
          where length(a.sort_name) >= 3 and public.similarity(${t}.search_fold(a.sort_name), ${t}.search_fold(b.sort_name)) >= 0.6
       ) pairs group by a_id, b_id order by max(score) desc, a_id, b_id limit ?`,
      [limit],
    )) as MergeCandidateRow[];
  }

  async customers(ids: string[], em: EntityManager = this.context.em(), lock = false): Promise<CustomerRow[]> {
    if (ids.length === 0) return [];
    return (await em.execute(`select * from ${this.table('customer')} where id in (select value::uuid from jsonb_array_elements_text(?::jsonb)) order by id${lock ? ' for update' : ''}`, [JSON.stringify(ids)])) as CustomerRow[];
  }

  /** Re-points every row of the merged customer to the kept one; returns how many of each moved. */
  async moveReferences(em: EntityManager, keep: string, merge: string): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    const update = async (table: string) => {
      moved[table] = ((await em.execute(`update ${this.table(table)} set customer_id = ? where customer_id = ? returning 1`, [keep, merge])) as unknown[]).length;
    };
    // The consent ledger's trigger runs where the table lives: on Citus a worker, which sees the flag only when
    // the coordinator forwards SET LOCAL (on one PostgreSQL this setting is an unused placeholder).
    await em.execute(`set local citus.propagate_set_commands = 'local'`);
    await em.execute(`set local rekisteri.customer_merge = 'on'`);
    await update('invoice');
    await update('consent_event');
    await em.execute(`set local rekisteri.customer_merge = 'off'`);
    await update('data_subject_request');
    const keptAccount = ((await em.execute(`select 1 from ${this.table('portal_account')} where customer_id = ?`, [keep])) as unknown[]).length > 0;
    if (keptAccount) {
      moved.portal_account = 0;
      moved.portal_invitation = 0;
    } else {
      await update('portal_account');
      await update('portal_invitation');
    }
    // Withdrawals mirrored outside the schema (re-applied after a restore) must follow the events they mirror.
    await em.execute(
      `insert into platform.consent_withdrawal_ledger (tenant_id, customer_id, purpose, channel, actor, withdrawn_at)
       select tenant_id, ?, purpose, channel, actor, withdrawn_at from platform.consent_withdrawal_ledger where tenant_id = ? and customer_id = ?
       on conflict do nothing`,
      [keep, this.context.tenant.tenantId, merge],
    );
    return moved;
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.execute(`delete from ${this.table('customer')} where id = ?`, [id]);
  }

  /** The kept customer's empty fields take the merged one's values; the version rises. */
  async fill(em: EntityManager, id: string, values: Partial<Record<(typeof FILLABLE)[number], string>>, at: Date): Promise<void> {
    const entries = Object.entries(values);
    await em.execute(
      `update ${this.table('customer')} set ${entries.map(([column]) => `${column} = ?`).concat(['version = version + 1', 'updated_at = ?']).join(', ')} where id = ?`,
      [...entries.map(([, value]) => value), at, id],
    );
  }

  private table(name: string): string {
    return `${quoteIdent(this.context.tenant.schema)}.${name}`;
  }
}
