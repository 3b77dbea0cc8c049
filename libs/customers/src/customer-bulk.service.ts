// Customers written many at a time (an import of thousands of rows): one statement per batch instead of one
// entity per row, inside the caller's transaction, each record still in the audit trail (fields, never values).
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { PG_POOL, quoteIdent } from '@app/database';
import { AuditTrailService, TenantContext } from '@app/tenancy';
import { CUSTOMER_FIELDS, type CustomerField, type CustomerFields } from './customer-fields';

const COLUMN: Record<CustomerField, string> = Object.fromEntries(CUSTOMER_FIELDS.map((key) => [key, key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())])) as Record<CustomerField, string>;
const RECORD_TYPE = CUSTOMER_FIELDS.map((key) => `${COLUMN[key]} text`).join(', ');

export interface CustomerMatch {
  id: string;
  email: string | null;
  phone: string | null;
  /** Processing restricted (GDPR Art. 18): the record is only stored, an import may not write over it. */
  restricted: boolean;
}

@Injectable()
export class CustomerBulkService {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditTrailService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** Customers of the register with any of these e-mail addresses (compared in lower case) or E.164 phones. */
  async matching(emails: string[], phones: string[], em?: EntityManager): Promise<CustomerMatch[]> {
    if (emails.length === 0 && phones.length === 0) return [];
    // Lists travel as JSON: the ORM's driver takes a one-element array parameter for a scalar.
    const query = `select id, lower(email) as email, phone, restricted_at is not null as restricted from ${this.table()}
      where lower(email) in (select jsonb_array_elements_text(?::jsonb)) or phone in (select jsonb_array_elements_text(?::jsonb))`;
    const params = [JSON.stringify(emails.map((e) => e.toLowerCase())), JSON.stringify(phones)];
    if (em) return (await em.execute(query, params)) as CustomerMatch[];
    let n = 0;
    const { rows } = await this.pool.query<CustomerMatch>(query.replace(/\?/g, () => `$${++n}`), params);
    return rows;
  }

  /** New customers, in one statement; recorded as `customer.created` with the fields each was given. */
  async insertMany(em: EntityManager, rows: { id: string; data: CustomerFields }[], actor: string, at: Date, action = 'customer.created'): Promise<void> {
    if (rows.length === 0) return;
    const columns = CUSTOMER_FIELDS.map((key) => COLUMN[key]);
    await em.execute(
      `insert into ${this.table()} (id, ${columns.join(', ')}, created_at, updated_at)
       select r.id, ${columns.map((c) => (c === 'country' ? `coalesce(r.country, 'FI')` : `r.${c}`)).join(', ')}, ?, ?
         from jsonb_to_recordset(?::jsonb) as r(id uuid, ${RECORD_TYPE})`,
      [at, at, JSON.stringify(rows.map(({ id, data }) => ({ id, ...toColumns(data) })))],
    );
    await this.audit.recordMany(rows.map(({ id, data }) => ({ actor, action, subjectType: 'customer', subjectId: id, fields: Object.keys(data) })), em, at);
  }

  /**
   * Fields given replace the record's, fields not given are kept; the version rises (an edit open elsewhere
   * becomes stale). Recorded as `customer.updated` with the fields that really changed. A customer whose
   * processing is restricted (Art. 18) is never written over (the import's plan says so row by row).
   */
  async updateMany(em: EntityManager, rows: { id: string; data: CustomerFields }[], actor: string, at: Date, action = 'customer.updated'): Promise<void> {
    if (rows.length === 0) return;
    const columns = CUSTOMER_FIELDS.map((key) => COLUMN[key]);
    const old = new Map(
      ((await em.execute(`select id, ${columns.join(', ')} from ${this.table()} where id in (select value::uuid from jsonb_array_elements_text(?::jsonb)) and restricted_at is null for update`, [JSON.stringify(rows.map((r) => r.id))])) as Record<string, string | null>[]).map((row) => [row.id, row]),
    );
    const changed = rows
      .map(({ id, data }) => ({ id, data, fields: (Object.keys(data) as CustomerField[]).filter((key) => old.has(id) && old.get(id)![COLUMN[key]]?.trimEnd() !== data[key]) }))
      .filter((c) => c.fields.length > 0);
    if (changed.length === 0) return;
    await em.execute(
      `update ${this.table()} c set ${columns.map((col) => `${col} = coalesce(r.${col}, c.${col})`).join(', ')}, version = c.version + 1, updated_at = ?
         from jsonb_to_recordset(?::jsonb) as r(id uuid, ${RECORD_TYPE}) where c.id = r.id`,
      [at, JSON.stringify(changed.map(({ id, data }) => ({ id, ...toColumns(data) })))],
    );
    await this.audit.recordMany(changed.map((c) => ({ actor, action, subjectType: 'customer', subjectId: c.id, fields: c.fields })), em, at);
  }
  private table(): string {
    return `${quoteIdent(this.context.tenant.schema)}.customer`;
  }
}

function toColumns(data: CustomerFields): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [COLUMN[key as CustomerField], value]));
}
