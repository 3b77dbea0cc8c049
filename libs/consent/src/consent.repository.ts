// The consent module's tables: the ledger (`consent_event`), the suppression list (`suppression`) and their
// platform mirrors (`platform.consent_withdrawal_ledger`, `platform.suppression_ledger`), which outlive a restore
// of the tenant's schema. Writes go through the tenant context's open transaction (TenantContext.transaction).
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DatabaseContext, PG_POOL, quoteIdent, readSql, type TransactionExecutor, withDates } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { ConsentEvent, type Purpose } from './consent.entity';

export type NewConsentEvent = Omit<ConsentEvent, 'id' | 'wording' | 'wordingLang' | 'recordedBy' | 'recordedByName' | 'evidence'> &
  Partial<Pick<ConsentEvent, 'wording' | 'wordingLang' | 'recordedBy' | 'recordedByName' | 'evidence'>>;

/** An event of the ledger as a plain row (no id: the rows come oldest first). */
export type ConsentLedgerRow = Omit<ConsentEvent, 'id'>;

export interface AudienceRow {
  id: string;
  company_name: string | null;
  contact_name: string | null;
  billing_first_name: string | null;
  billing_last_name: string | null;
  email: string | null;
  phone: string | null;
  occurred_at: string | Date;
}

@Injectable()
export class ConsentRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The customer's events (of one purpose, when given), oldest first. */
  events(customerId: string, purpose?: Purpose): Promise<ConsentEvent[]> {
    return this.context.em().find(ConsentEvent, purpose ? { customerId, purpose } : { customerId }, { orderBy: { id: 'asc' } });
  }

  /**
   * The customer's whole ledger, oldest first, as plain rows: one parameterised statement, in the open transaction
   * if any, else on the plain pool (the portal's "my data" reads it on every visit; entities cost more than the read).
   */
  async ledger(customerId: string): Promise<ConsentLedgerRow[]> {
    const rows = await readSql(this.pool, DatabaseContext.openTransaction())<ConsentLedgerRow>(
      `select customer_id as "customerId", purpose, action, channel, actor, notice_version as "noticeVersion", occurred_at as "occurredAt", source,
              wording, wording_lang as "wordingLang", recorded_by as "recordedBy", recorded_by_name as "recordedByName", evidence
         from ${this.context.table('consent_event')} where customer_id = $1 order by id`,
      [customerId],
    );
    return rows.map((row) => withDates(row, ['occurredAt']));
  }

  /** The customer's last event of the purpose; null when none. */
  latest(customerId: string, purpose: Purpose): Promise<ConsentEvent | null> {
    return this.context.em().findOne(ConsentEvent, { customerId, purpose }, { orderBy: { id: 'desc' } });
  }

  /** The customer's last objection or grant, whichever came later; null when neither. */
  lastObjectionOrGrant(customerId: string): Promise<ConsentEvent | null> {
    return this.context.em().findOne(ConsentEvent, { customerId, $or: [{ channel: 'objection' }, { action: 'granted' }] }, { orderBy: { id: 'desc' } });
  }

  /** A new event in the open transaction's unit of work (written when it commits, or by `flush`). */
  append(event: NewConsentEvent): void {
    this.context.em().create(ConsentEvent, event as ConsentEvent);
  }

  async flush(): Promise<void> {
    await this.context.em().flush();
  }

  async isSuppressed(emailSha256: string): Promise<boolean> {
    const rows = await this.context.sql(`select 1 from ${this.context.table('suppression')} where email_sha256 = $1`, [emailSha256]);
    return rows.length > 0;
  }

  /** The address may be marketed to again (the person's own opt-in after an objection). */
  async unsuppress(emailSha256: string): Promise<void> {
    await this.context.sql(`delete from ${this.context.table('suppression')} where email_sha256 = $1`, [emailSha256]);
  }

  /** The address suppressed after an objection, in the tenant's list and in the platform's ledger (kept across a restore). */
  async suppress(emailSha256: string): Promise<void> {
    await this.context.sql(`insert into ${this.context.table('suppression')} (email_sha256, reason) values ($1, 'objection') on conflict do nothing`, [emailSha256]);
    await this.context.sql(`insert into platform.suppression_ledger (tenant_id, email_sha256, reason) values ($1, $2, 'objection') on conflict do nothing`, [this.context.tenant.tenantId, emailSha256]);
  }

  /** Consent decisions survive a restore only if they also live outside the tenant's schema. */
  async mirrorWithdrawal(customerId: string, purpose: Purpose, channel: string, actor: string, at: Date): Promise<void> {
    await this.context.sql(
      `insert into platform.consent_withdrawal_ledger (tenant_id, customer_id, purpose, channel, actor, withdrawn_at) values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
      [this.context.tenant.tenantId, customerId, purpose, channel, actor, at],
    );
  }

  /**
   * Imported grants, in one statement: a granted event where the consent does not already hold, never for a
   * restricted customer nor for an address that objected. Returns how many were added.
   */
  async insertImported(grants: { customerId: string; purpose: Purpose }[], actor: string, noticeVersion: number, at: Date): Promise<number> {
    // Reads customers' table (customer.restricted_at, email) in this one set-based statement on purpose: a
    // deliberate read-only join. The check and the insert must see the same customer row in one statement (an
    // import adds thousands); asking CustomersService first would cost a round trip and open a window between them.
    const added = await this.context.sql(
      `insert into ${this.context.table('consent_event')} (customer_id, purpose, action, channel, actor, notice_version, occurred_at, source)
       select g.customer_id, g.purpose, 'granted', 'import', $1, $2, $3, 'import'
         from jsonb_to_recordset($4::jsonb) as g(customer_id uuid, purpose text)
         join ${this.context.table('customer')} c on c.id = g.customer_id
        where c.restricted_at is null
          and coalesce((select e.action from ${this.context.table('consent_event')} e where e.customer_id = g.customer_id and e.purpose = g.purpose order by e.id desc limit 1), '') <> 'granted'
          and (g.purpose <> 'marketing_email' or c.email is null or not exists (select 1 from ${this.context.table('suppression')} s where s.email_sha256 = encode(sha256(convert_to(lower(c.email), 'UTF8')), 'hex')))
       returning 1`,
      [actor, noticeVersion, at, JSON.stringify(grants.map((g) => ({ customer_id: g.customerId, purpose: g.purpose })))],
    );
    return added.length;
  }

  /** One page of the customers who may be contacted for the purpose now, in the order of their consents. */
  audience(purpose: Purpose, after: { at: Date; id: string } | undefined, limit: number): Promise<AudienceRow[]> {
    const params: unknown[] = [purpose];
    let keyset = '';
    if (after) keyset = `and (latest.occurred_at, c.id) > ($${params.push(after.at)}, $${params.push(after.id)})`;
    const t = (name: string) => this.context.table(name);
    // Reads customers' table (customer: name, email, phone, restricted_at) and privacy-notice's (register_settings
    // and register_settings_version: the purposes in force and those of the consent's notice) in this one statement
    // on purpose: a deliberate read-only join. The page is keyset-paginated on the consent's time and filtered by
    // the customer's restriction and the suppression list; split across services, a page could no longer be cut in
    // the database (pages would come back short or need re-reads).
    return this.context.sql<AudienceRow>(
      `select c.id, c.company_name, c.contact_name, c.billing_first_name, c.billing_last_name, c.email, c.phone, latest.occurred_at
         from ${t('customer')} c
         join lateral (select action, occurred_at, notice_version from ${t('consent_event')} e
                        where e.customer_id = c.id and e.purpose = $1 order by e.id desc limit 1) latest on latest.action = 'granted'
         cross join ${t('register_settings')} rs
         left join ${t('register_settings_version')} v on v.notice_version = latest.notice_version
        -- A consent given under other purposes than today's needs renewal: it does not count until given again.
        where (v.settings is null or (v.settings->>'purposes_fi' = rs.purposes_fi and v.settings->>'purposes_en' = rs.purposes_en))
          -- Processing restricted (Art. 18): the record is only stored, so no marketing whatever the consent.
          and c.restricted_at is null
          and (c.email is null or not exists (select 1 from ${t('suppression')} s where s.email_sha256 = encode(sha256(convert_to(lower(c.email), 'UTF8')), 'hex')))
          ${keyset}
        order by latest.occurred_at, c.id
        limit $${params.push(limit + 1)}`,
      params,
    );
  }

  /**
   * After a tenant is restored from a backup: withdrawals and suppressions made since the backup are applied
   * again, on the restore's executor (its transaction; bind parameters `$1, $2`). Returns the events re-added.
   */
  static async reapplyWithdrawals(execute: TransactionExecutor, schema: string, tenantId: string): Promise<number> {
    const s = quoteIdent(schema);
    // The ledgers are read first and handed to the tenant's statements as values: on Citus the ledgers stay on the
    // coordinator and the tenant's tables live on a worker, and one statement joining both cannot be routed.
    const withdrawals = await execute(
      `select distinct on (customer_id, purpose) customer_id, purpose, channel, actor, withdrawn_at
         from platform.consent_withdrawal_ledger where tenant_id = $1 order by customer_id, purpose, withdrawn_at desc`,
      [tenantId],
    );
    // Reads customers' table: stays, as it runs on the restore's executor (its transaction, inside the restored
    // schema), which CustomersService cannot join.
    const added = withdrawals.length
      ? ((await execute(
          `insert into ${s}.consent_event (customer_id, purpose, action, channel, actor, notice_version, occurred_at, source)
           select w.customer_id, w.purpose, 'withdrawn', w.channel, w.actor, latest.notice_version, w.withdrawn_at,
                  case w.channel when 'staff_written_request' then 'staff' else w.channel end
             from jsonb_to_recordset($1::jsonb) as w(customer_id uuid, purpose text, channel text, actor text, withdrawn_at timestamptz)
             join ${s}.customer c on c.id = w.customer_id
             join (select distinct on (customer_id, purpose) customer_id, purpose, action, occurred_at, notice_version
                     from ${s}.consent_event order by customer_id, purpose, id desc) latest
               on latest.customer_id = w.customer_id and latest.purpose = w.purpose
            where latest.action = 'granted' and latest.occurred_at < w.withdrawn_at
           returning 1`,
          [JSON.stringify(withdrawals)],
        )) as unknown[])
      : [];
    const suppressions = await execute(`select email_sha256, reason from platform.suppression_ledger where tenant_id = $1`, [tenantId]);
    if (suppressions.length) {
      await execute(
        `insert into ${s}.suppression (email_sha256, reason)
         select email_sha256, reason from jsonb_to_recordset($1::jsonb) as l(email_sha256 text, reason text) on conflict do nothing`,
        [JSON.stringify(suppressions)],
      );
    }
    return added.length;
  }
}
