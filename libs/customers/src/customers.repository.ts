// The customers module's tables (`customer`): every statement and every EntityManager call of the lib. Writes go
// through the tenant context's open transaction (TenantContext.transaction); the hot reads (the customers page)
// and the CSV export's snapshot are plain SQL on the pool, their rows already in the API's shape.
import { Inject, Injectable } from '@nestjs/common';
import { LockMode, OptimisticLockError, raw, sql, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { Pool, PoolClient } from 'pg';
import { DatabaseContext, openReadOnlySnapshot, PG_POOL, quoteIdent, readSql, withDates } from '@app/database';
import { type CustomerErasureStep, TenantContext, type TenantTransaction } from '@app/tenancy';
import { Customer } from './customer.entity';
import { CUSTOMER_FIELDS, type CustomerField, type CustomerFields } from './customer-fields';
import { CustomersErrorCode, CustomersException } from './customers.errors';

export interface CustomerMatch {
  id: string;
  email: string | null;
  phone: string | null;
  /** Processing restricted (GDPR Art. 18): the record is only stored, an import may not write over it. */
  restricted: boolean;
}

/** How the list is read: a search, a keyset position and one of the orders (each has its keyset index). */
export interface ListQuery {
  /** The text searched for, already trimmed. */
  text?: string;
  /** The search typed as a phone number, in its E.164 shape (from `phoneSearchForm`), when it reads as one. */
  phone?: string | null;
  after?: { key: string | Date; id: string };
  column: string;
  descending: boolean;
  limit: number;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
const COLUMN: Record<CustomerField, string> = Object.fromEntries(CUSTOMER_FIELDS.map((key) => [key, snake(key)])) as Record<CustomerField, string>;
const VIEW_DATES = ['createdAt', 'updatedAt', 'lastLoginAt', 'restrictedAt'];
const RECORD_TYPE = CUSTOMER_FIELDS.map((key) => `${COLUMN[key]} text`).join(', ');

/** The columns of a CustomerView, named as the API names them (the restriction's still apart). */
const VIEW_COLUMNS = [
  'id', 'version', 'created_at as "createdAt"', 'updated_at as "updatedAt"', 'last_login_at as "lastLoginAt"', 'country',
  'restricted_at as "restrictedAt"', 'restriction_reason as "restrictionReason"', 'restriction_request_id as "restrictionRequestId"',
  ...CUSTOMER_FIELDS.filter((key) => key !== 'country').map((key) => `${COLUMN[key]} as "${key}"`),
].join(', ');

function toColumns(data: CustomerFields): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [COLUMN[key as CustomerField], value]));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * The customers module's part of an erasure, the last step (libs/requests/src/erasure.ts lists the steps in
 * order): the record itself. What references it goes by the foreign keys' cascades (consent events, portal account
 * and invitations, the retention review flag). It runs on the erasure's `TenantTransaction`, not the tenant
 * context: a restore re-applies erasures on its own connection, with no tenant bound.
 */
export const customersErasure: CustomerErasureStep & { present(tx: TenantTransaction, customerIds: string[]): Promise<Set<string>> } = {
  does: 'the customer record deleted; consent events, portal account and invitations and review flags cascade with it',

  /** Which of these customers have a record (a restore erases again those the backup brought back). */
  async present({ execute, schema }, customerIds) {
    const rows = await execute<{ id: string }>(`select id from ${schema}.customer where id = any($1::uuid[])`, [customerIds]);
    return new Set(rows.map((r) => r.id));
  },

  async eraseCustomers({ execute, schema }, customerIds) {
    await execute(`delete from ${schema}.customer where id = any($1::uuid[])`, [customerIds]);
  },
};

@Injectable()
export class CustomersRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** A new customer in the unit of work; written by `flush`. */
  create(data: Record<string, unknown> & { id: string; createdAt: Date; updatedAt: Date }): Customer {
    return this.context.em().create(Customer, data as Customer);
  }

  /** Changes the customer's fields in the unit of work; written by `flush` (or the open transaction's commit). */
  assign(customer: Customer, data: Record<string, unknown>): void {
    this.context.em().assign(customer, data as Partial<Customer>);
  }

  /**
   * The customer as a plain row in the API's shape (the restriction's columns still apart), null when there is none:
   * one parameterised statement, in the open transaction if any (its writes are seen), else on the plain pool. Read on
   * every portal visit and before each list of a customer's records; building the entity cost more than the read.
   */
  async viewRow<T extends object>(id: string): Promise<T | null> {
    const [row] = await readSql(this.pool, DatabaseContext.openTransaction())<T>(`select ${VIEW_COLUMNS} from ${this.table()} where id = $1`, [id]);
    return row ? withDates(row, VIEW_DATES) : null;
  }

  findById(id: string): Promise<Customer | null> {
    return this.context.em().findOne(Customer, { id });
  }

  /**
   * The customer under a row lock in the open transaction: `share` lets invoices be written concurrently but
   * not while an erasure runs; `update` takes the row exclusively (an erasure, a restriction), re-read fresh.
   */
  findLocked(id: string, lock: 'share' | 'update', refresh = false): Promise<Customer | null> {
    return this.context.em().findOne(Customer, { id }, { lockMode: lock === 'share' ? LockMode.PESSIMISTIC_READ : LockMode.PESSIMISTIC_WRITE, ...(refresh ? { refresh: true } : {}) });
  }

  findByEmail(email: string): Promise<Customer | null> {
    return this.context.em().findOne(Customer, { [sql.lower('email')]: email });
  }

  names(ids: string[]): Promise<Pick<Customer, 'id' | 'companyName' | 'contactName' | 'billingFirstName' | 'billingLastName'>[]> {
    return this.context.em().find(Customer, { id: { $in: ids } }, { fields: ['id', 'companyName', 'contactName', 'billingFirstName', 'billingLastName'] });
  }

  /** Customers with an e-mail address (of `ids` when given), ordered by id. */
  withEmail(ids?: string[]): Promise<Pick<Customer, 'id' | 'email'>[]> {
    const where = ids ? { id: { $in: ids }, email: { $ne: null } } : { email: { $ne: null } };
    return this.context.em().find(Customer, where, { fields: ['id', 'email'], orderBy: { id: 'asc' }, disableIdentityMap: true });
  }

  /** Customers of `ids`, or registered within the period, ordered by id. */
  selected(filter: { ids?: string[]; registeredAfter?: Date; registeredBefore?: Date }): Promise<Pick<Customer, 'id' | 'email' | 'createdAt' | 'companyName' | 'contactName' | 'billingFirstName' | 'billingLastName'>[]> {
    const where: Record<string, unknown> = {};
    if (filter.ids) where.id = { $in: filter.ids };
    if (filter.registeredAfter || filter.registeredBefore) {
      where.createdAt = { ...(filter.registeredAfter ? { $gte: filter.registeredAfter } : {}), ...(filter.registeredBefore ? { $lt: filter.registeredBefore } : {}) };
    }
    return this.context.em().find(Customer, where, {
      fields: ['id', 'email', 'createdAt', 'companyName', 'contactName', 'billingFirstName', 'billingLastName'],
      orderBy: { id: 'asc' },
      disableIdentityMap: true,
    });
  }

  /** Sets the last portal login without a new version (a login never makes an edit open elsewhere stale). */
  async recordLogin(id: string, at: Date): Promise<void> {
    // Naming the version column keeps MikroORM from bumping it.
    await this.context.em().nativeUpdate(Customer, { id }, { lastLoginAt: at, version: raw('version') });
  }

  /** Writes the unit of work: a taken e-mail address and a stale version answer as the API names them. */
  async flush(): Promise<void> {
    const em = this.context.em();
    try {
      await em.flush();
    } catch (error) {
      em.clear();
      if (error instanceof UniqueConstraintViolationException) throw new CustomersException(CustomersErrorCode.EmailTaken);
      if (error instanceof OptimisticLockError) throw new CustomersException(CustomersErrorCode.StaleVersion);
      throw error;
    }
  }

  /**
   * One page of the list. The busiest read of the register is one parameterised statement on the plain pool, its
   * rows already in the API's shape: building it with the ORM and mapping its rows cost more CPU than PostgreSQL's
   * answer (bench/README.md, "customers page"). Each order has its keyset index (customer_list_idx, _name_, _updated_).
   */
  async listPage<T extends object>(query: ListQuery): Promise<T[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const schema = quoteIdent(this.context.tenant.schema);
    if (query.text !== undefined) {
      // Folded as the stored key is (lower case, accents off: "Kovacs" finds "Kovács"), by the same function
      // (migration 0013). A phone number typed as people write it ("040 123") is also looked for in its E.164
      // shape: from its start when it has its country or trunk prefix (a b-tree range on phone), else anywhere.
      const like = (pattern: string) => `search_key like ${schema}.search_fold($${params.push(`%${escapeLike(pattern)}%`)})`;
      const phone = query.phone;
      const phoneMatch = phone?.startsWith('+') ? `phone like $${params.push(`${escapeLike(phone)}%`)}` : phone && like(phone);
      where.push(phoneMatch ? `(${like(query.text)} or ${phoneMatch})` : like(query.text));
    }
    if (query.after) {
      where.push(`(${query.column}, id) ${query.descending ? '<' : '>'} ($${params.push(query.after.key)}, $${params.push(query.after.id)})`);
    }
    const direction = query.descending ? 'desc' : 'asc';
    const { rows } = await this.pool.query<T>(
      `select ${VIEW_COLUMNS}${query.column === 'sort_name' ? ', sort_name as "sortKey"' : ''} from ${schema}.customer` +
        (where.length ? ` where ${where.join(' and ')}` : '') +
        ` order by ${query.column} ${direction}, id ${direction} limit $${params.push(query.limit + 1)}`,
      params,
    );
    return rows;
  }

  /**
   * The whole register from one read-only snapshot on one connection of the pool, page by page: constant memory
   * whatever its size. The connection is taken here (a busy pool throws before anything is sent); the pages are
   * read as they are asked for, and `release` (also called when the pages end) gives the connection back.
   */
  async exportSnapshot(columns: readonly string[], batch = 1000): Promise<{ pages: AsyncGenerator<Record<string, unknown>[]>; release: () => Promise<void> }> {
    const schema = quoteIdent(this.context.tenant.schema);
    const select = columns.map((key) => `${snake(key)} as "${key}"`).join(', ');
    const { client, release } = await openReadOnlySnapshot(this.pool);
    return { pages: exportPages(client, schema, select, batch, release), release };
  }

  /** Customers of the register with any of these e-mail addresses (compared in lower case) or E.164 phones. */
  matching(emails: string[], phones: string[]): Promise<CustomerMatch[]> {
    return this.context.sql<CustomerMatch>(
      `select id, lower(email) as email, phone, restricted_at is not null as restricted from ${this.table()}
      where lower(email) in (select jsonb_array_elements_text($1::jsonb)) or phone in (select jsonb_array_elements_text($2::jsonb))`,
      [JSON.stringify(emails.map((e) => e.toLowerCase())), JSON.stringify(phones)],
    );
  }

  /** New customers, in one statement. */
  async insertMany(rows: { id: string; data: CustomerFields }[], at: Date): Promise<void> {
    const columns = CUSTOMER_FIELDS.map((key) => COLUMN[key]);
    await this.context.sql(
      `insert into ${this.table()} (id, ${columns.join(', ')}, created_at, updated_at)
       select r.id, ${columns.map((c) => (c === 'country' ? `coalesce(r.country, 'FI')` : `r.${c}`)).join(', ')}, $1, $2
         from jsonb_to_recordset($3::jsonb) as r(id uuid, ${RECORD_TYPE})`,
      [at, at, JSON.stringify(rows.map(({ id, data }) => ({ id, ...toColumns(data) })))],
    );
  }

  /** The fields of these customers (those not restricted), locked for the update that follows; keyed by id. */
  async lockUnrestricted(ids: string[]): Promise<Map<string, Record<CustomerField, string | null>>> {
    const rows = await this.context.sql<Record<string, string | null>>(
      `select id, ${CUSTOMER_FIELDS.map((key) => COLUMN[key]).join(', ')} from ${this.table()} where id in (select value::uuid from jsonb_array_elements_text($1::jsonb)) and restricted_at is null for update`,
      [JSON.stringify(ids)],
    );
    return new Map(rows.map((row) => [row.id!, Object.fromEntries(CUSTOMER_FIELDS.map((key) => [key, row[COLUMN[key]] ?? null])) as Record<CustomerField, string | null>]));
  }

  /** Fields given replace the record's, fields not given are kept; the version rises. */
  async updateMany(rows: { id: string; data: CustomerFields }[], at: Date): Promise<void> {
    const columns = CUSTOMER_FIELDS.map((key) => COLUMN[key]);
    await this.context.sql(
      `update ${this.table()} c set ${columns.map((col) => `${col} = coalesce(r.${col}, c.${col})`).join(', ')}, version = c.version + 1, updated_at = $1
         from jsonb_to_recordset($2::jsonb) as r(id uuid, ${RECORD_TYPE}) where c.id = r.id`,
      [at, JSON.stringify(rows.map(({ id, data }) => ({ id, ...toColumns(data) })))],
    );
  }

  private table(): string {
    return this.context.table('customer');
  }
}

async function* exportPages(client: PoolClient, schema: string, select: string, batch: number, release: () => Promise<void>): AsyncGenerator<Record<string, unknown>[]> {
  try {
    let after: [Date, string] | undefined;
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>(
        `select ${select} from ${schema}.customer` + (after ? ' where (created_at, id) > ($2, $3)' : '') + ' order by created_at, id limit $1',
        after ? [batch, ...after] : [batch],
      );
      yield rows;
      if (rows.length < batch) return;
      const last = rows[rows.length - 1];
      after = [last.createdAt as Date, last.id as string];
    }
  } finally {
    await release();
  }
}
