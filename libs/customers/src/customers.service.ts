// Customers of the tenant in scope: create, read, rectify (optimistic concurrency), search, audit.
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { EntityManager, LockMode, OptimisticLockError, raw, sql, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { Clock, decodeCursor, NotFoundProblem, type Page, toPage, ValidationProblem } from '@app/core';
import { PG_POOL, quoteIdent } from '@app/database';
import { AuditTrailService, TenantContext, type NamedAuditEntry } from '@app/tenancy';
import { Customer } from './customer.entity';
import { CustomersErrorCode, CustomersException } from './customers.errors';
import type { CreateCustomerDto, CustomerSort, UpdateCustomerDto } from './dto/customer.dto';
import { phoneSearchForm, toE164 } from './phone';
import { CSV_BOM, csvRow } from './csv';

const EDITABLE = ['businessId', 'companyName', 'contactName', 'email', 'phone', 'streetAddress', 'postalCode', 'city', 'country', 'billingFirstName', 'billingLastName'] as const;
type Editable = (typeof EDITABLE)[number];

/** Processing restricted (GDPR Art. 18): since when, why, and the request that asked it (null if staff marked it otherwise). */
export interface CustomerRestriction {
  since: Date;
  reason: string;
  requestId: string | null;
}

export type CustomerView = {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
  country: string;
  restriction: CustomerRestriction | null;
} & Record<Exclude<Editable, 'country'>, string | null>;

/** Refuses a change to a customer whose processing is restricted: while it lasts the record is only stored. */
export function assertUnrestricted(customer: Pick<CustomerView, 'restriction'>, what = 'This change'): void {
  if (!customer.restriction) return;
  throw new CustomersException(
    CustomersErrorCode.Restricted,
    `${what} is not possible: processing has been restricted since ${customer.restriction.since.toISOString()} (${customer.restriction.reason}). Reading, the access export and erasure still work; the owner can lift the restriction after telling the person.`,
    { restriction: customer.restriction },
  );
}

/** The columns of a CustomerView, named as the API names them. */
const VIEW_COLUMNS = [
  'id', 'version', 'created_at as "createdAt"', 'updated_at as "updatedAt"', 'last_login_at as "lastLoginAt"', 'country',
  'restricted_at as "restrictedAt"', 'restriction_reason as "restrictionReason"', 'restriction_request_id as "restrictionRequestId"',
  ...EDITABLE.filter((key) => key !== 'country').map((key) => `${key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())} as "${key}"`),
].join(', ');

type RestrictionColumns = { restrictedAt?: Date | null; restrictionReason?: string | null; restrictionRequestId?: string | null };

function restrictionOf(c: RestrictionColumns): CustomerRestriction | null {
  return c.restrictedAt ? { since: c.restrictedAt, reason: c.restrictionReason ?? '', requestId: c.restrictionRequestId ?? null } : null;
}

/** A row of the list's plain query, in the API's shape. */
function fromRow<T extends RestrictionColumns>({ restrictedAt, restrictionReason, restrictionRequestId, ...rest }: T): Omit<T, keyof RestrictionColumns> & { restriction: CustomerRestriction | null } {
  return { ...rest, restriction: restrictionOf({ restrictedAt, restrictionReason, restrictionRequestId }) };
}

function toView(c: Customer): CustomerView {
  const view = { id: c.id, country: c.country, lastLoginAt: c.lastLoginAt ?? null, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version, restriction: restrictionOf(c) } as CustomerView;
  // A freshly created entity leaves unset columns undefined; the API always says null.
  for (const key of EDITABLE) if (key !== 'country') view[key] = c[key] ?? null;
  return view;
}

/** The customer's name as a human would write it on an envelope or an invoice. */
export function displayName(c: Pick<Customer, 'companyName' | 'contactName' | 'billingFirstName' | 'billingLastName'>): string {
  const billing = [c.billingFirstName, c.billingLastName].filter(Boolean).join(' ');
  return c.companyName ?? (billing || c.contactName || '');
}

@Injectable()
export class CustomersService {
  constructor(
    private readonly context: TenantContext,
    private readonly audit: AuditTrailService,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateCustomerDto, actor: string): Promise<CustomerView> {
    const data = this.normalise(dto);
    // Registered by the app's clock: dates given later (a request's receipt) are bounded by it.
    const now = this.clock.now();
    const customer = this.context.em().create(Customer, { id: randomUUID(), ...data, createdAt: now, updatedAt: now });
    this.assertValid(customer);
    this.audit.record({ actor, action: 'customer.created', subjectType: 'customer', subjectId: customer.id, fields: Object.keys(data) });
    await this.flush();
    return toView(customer);
  }

  async get(id: string): Promise<CustomerView> {
    return toView(await this.find(id));
  }

  /** The names of these customers (those still on record), for lists that show whose a row is. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.context.em().find(Customer, { id: { $in: [...new Set(ids)] } }, { fields: ['id', 'companyName', 'contactName', 'billingFirstName', 'billingLastName'] });
    return new Map(rows.map((c) => [c.id, displayName(c)]));
  }

  /** The customer with this e-mail address (unique per tenant, case-insensitive); null when none. */
  async findByEmail(email: string): Promise<CustomerView | null> {
    const customer = await this.context.em().findOne(Customer, { [sql.lower('email')]: email.trim().toLowerCase() });
    return customer ? toView(customer) : null;
  }

  async update(id: string, dto: UpdateCustomerDto, actor: string): Promise<CustomerView> {
    const { version, ...changes } = dto;
    const customer = await this.find(id);
    assertUnrestricted({ restriction: restrictionOf(customer) }, 'Changing the customer');
    if (customer.version !== version) throw new CustomersException(CustomersErrorCode.StaleVersion);
    const data = this.normalise(changes);
    const changed = (Object.keys(data) as Editable[]).filter((key) => customer[key] !== data[key]);
    if (changed.length === 0) return toView(customer);
    this.context.em().assign(customer, data);
    this.assertValid(customer);
    this.audit.record({ actor, action: 'customer.updated', subjectType: 'customer', subjectId: id, fields: changed });
    await this.flush();
    return toView(customer);
  }

  async list(options: { q?: string; limit?: number; cursor?: string; sort?: CustomerSort }): Promise<Page<CustomerView>> {
    const limit = options.limit ?? 50;
    const sort = options.sort ?? '-created';
    const order = SORT_ORDERS[sort];
    const params: unknown[] = [];
    const where: string[] = [];
    const schema = quoteIdent(this.context.tenant.schema);
    if (options.q) {
      // Folded as the stored key is (lower case, accents off: "Kovacs" finds "Kovács"), by the same function
      // (migration 0013). A phone number typed as people write it ("040 123") is also looked for in its E.164
      // shape: from its start when it has its country or trunk prefix (a b-tree range on phone), else anywhere.
      const like = (pattern: string) => `search_key like ${schema}.search_fold($${params.push(`%${escapeLike(pattern)}%`)})`;
      const phone = phoneSearchForm(options.q);
      const phoneMatch = phone?.startsWith('+') ? `phone like $${params.push(`${escapeLike(phone)}%`)}` : phone && like(phone);
      where.push(phoneMatch ? `(${like(options.q.trim())} or ${phoneMatch})` : like(options.q.trim()));
    }
    if (options.cursor) {
      const after = decodeSortCursor(sort, options.cursor);
      where.push(`(${order.column}, id) ${order.descending ? '<' : '>'} ($${params.push(after.key)}, $${params.push(after.id)})`);
    }
    const direction = order.descending ? 'desc' : 'asc';
    // The busiest read of the register is one parameterised statement on the plain pool, its rows already in
    // the API's shape: building it with the ORM and mapping its rows cost more CPU than PostgreSQL's answer
    // (bench/README.md, "customers page"). Each order has its keyset index (customer_list_idx, _name_, _updated_).
    const { rows: found } = await this.pool.query<Omit<CustomerView, 'restriction'> & RestrictionColumns & { sortKey?: string }>(
      `select ${VIEW_COLUMNS}${order.column === 'sort_name' ? ', sort_name as "sortKey"' : ''} from ${schema}.customer` +
        (where.length ? ` where ${where.join(' and ')}` : '') +
        ` order by ${order.column} ${direction}, id ${direction} limit $${params.push(limit + 1)}`,
      params,
    );
    const rows = found.map(fromRow);
    if (sort === '-created') return toPage(rows, limit, (c) => ({ at: c.createdAt, id: c.id }));
    const items = rows.slice(0, limit).map(({ sortKey: _, ...view }) => view);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeSortCursor(sort, order.keyOf(last), last.id) : null };
  }

  /**
   * The whole register as a CSV download (`;`, UTF-8 with BOM, formulas disarmed), page by page from one
   * read-only snapshot on one connection: constant memory whatever the register's size. The connection is
   * taken, and the export recorded in the audit trail, before anything is sent: a busy pool answers 503 up front.
   */
  async exportCsv(actor: string, today: string): Promise<StreamableFile> {
    const schema = quoteIdent(this.context.tenant.schema);
    this.audit.record({ actor, action: 'customers.exported', subjectType: 'customer_list', subjectId: null, fields: [...EXPORT_COLUMNS] });
    await this.flush();
    const client = await this.pool.connect();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => undefined);
      client.release();
    };
    try {
      await client.query('begin isolation level repeatable read read only');
    } catch (error) {
      released = true;
      client.release(error as Error);
      throw error;
    }
    const body = Readable.from(csvLines(client, schema, release));
    // A download abandoned early still gives the connection back.
    body.once('close', () => void release());
    return new StreamableFile(body, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="customers-${today}.csv"` });
  }

  /**
   * Every customer with an e-mail address (or those of `ids` that still have one), for notices that must
   * reach everyone concerned whatever their consents, such as a breach notification (GDPR Art. 34).
   */
  async emailRecipients(ids?: string[]): Promise<{ id: string; email: string }[]> {
    const where = ids ? { id: { $in: ids }, email: { $ne: null } } : { email: { $ne: null } };
    const rows = await this.context.em().find(Customer, where, { fields: ['id', 'email'], orderBy: { id: 'asc' }, disableIdentityMap: true });
    return rows.map((c) => ({ id: c.id, email: c.email! }));
  }

  /**
   * The customers a breach notice selects (issue 14 item 9): all, those registered in a period, or the ones
   * named; each with the address it would go to (null: cannot be reached by e-mail). Ordered by id.
   */
  async noticeCandidates(filter: { ids?: string[]; registeredAfter?: Date; registeredBefore?: Date }): Promise<{ id: string; name: string; email: string | null; createdAt: Date }[]> {
    const where: Record<string, unknown> = {};
    if (filter.ids) where.id = { $in: filter.ids };
    if (filter.registeredAfter || filter.registeredBefore) {
      where.createdAt = { ...(filter.registeredAfter ? { $gte: filter.registeredAfter } : {}), ...(filter.registeredBefore ? { $lt: filter.registeredBefore } : {}) };
    }
    const rows = await this.context.em().find(Customer, where, {
      fields: ['id', 'email', 'createdAt', 'companyName', 'contactName', 'billingFirstName', 'billingLastName'],
      orderBy: { id: 'asc' },
      disableIdentityMap: true,
    });
    return rows.map((c) => ({ id: c.id, name: displayName(c), email: c.email ?? null, createdAt: c.createdAt }));
  }

  auditTrail(id: string): Promise<NamedAuditEntry[]> {
    return this.find(id).then(() => this.audit.forSubjectNamed('customer', id));
  }

  /**
   * Reads the customer inside the caller's transaction under a share lock: invoices can be written
   * concurrently, but not while an erasure (which takes the row exclusively) is running.
   */
  async lockForInvoicing(em: EntityManager, id: string): Promise<CustomerView> {
    const customer = await em.findOne(Customer, { id }, { lockMode: LockMode.PESSIMISTIC_READ });
    if (!customer) throw new NotFoundProblem('customer');
    return toView(customer);
  }

  /** Takes the customer row exclusively for an erasure: invoice writes (share lock) wait until it ends. */
  async lockForErasure(em: EntityManager, id: string): Promise<CustomerView | null> {
    const customer = await em.findOne(Customer, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    return customer ? toView(customer) : null;
  }

  /**
   * Marks processing restricted (GDPR Art. 18) inside the caller's transaction, recorded in the audit trail. A
   * customer already restricted keeps the earlier start and takes the newer reason and request.
   */
  async restrict(em: EntityManager, id: string, input: { reason: string; requestId: string | null; at: Date }, actor: string): Promise<CustomerView> {
    const customer = await em.findOne(Customer, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!customer) throw new NotFoundProblem('customer');
    em.assign(customer, { restrictedAt: customer.restrictedAt ?? input.at, restrictionReason: input.reason, restrictionRequestId: input.requestId, updatedAt: input.at });
    this.audit.record({ actor, action: 'customer.restricted', subjectType: 'customer', subjectId: id, fields: ['restrictedAt', 'restrictionReason', 'restrictionRequestId'] }, em);
    return toView(customer);
  }

  /** Lifts the restriction inside the caller's transaction (the caller tells the person first, Art. 18(3)). */
  async liftRestriction(em: EntityManager, id: string, reason: string, actor: string, at: Date): Promise<{ before: CustomerRestriction; customer: CustomerView }> {
    const customer = await em.findOne(Customer, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!customer) throw new NotFoundProblem('customer');
    const before = restrictionOf(customer);
    if (!before) throw new CustomersException(CustomersErrorCode.NotRestricted);
    em.assign(customer, { restrictedAt: null, restrictionReason: null, restrictionRequestId: null, restrictionLiftedAt: at, restrictionLiftReason: reason, updatedAt: at });
    this.audit.record({ actor, action: 'customer.restriction_lifted', subjectType: 'customer', subjectId: id, fields: ['restrictedAt', 'restrictionReason', 'restrictionRequestId', 'restrictionLiftReason'] }, em);
    return { before, customer: toView(customer) };
  }

  /** Sets the last portal login (the statement's "viimeisin sisäänkirjautuminen"). */
  async recordLogin(id: string): Promise<void> {
    // Not a rectification: naming the version column keeps MikroORM from bumping it, so a login never
    // makes an edit that staff (or the customer) have open stale.
    await this.context.em().nativeUpdate(Customer, { id }, { lastLoginAt: new Date(), version: raw('version') });
  }

  private async find(id: string): Promise<Customer> {
    const customer = await this.context.em().findOne(Customer, { id });
    if (!customer) throw new NotFoundProblem('customer');
    return customer;
  }

  private normalise(dto: Partial<CreateCustomerDto>): Partial<Record<Editable, string | null>> {
    const data: Partial<Record<Editable, string | null>> = {};
    for (const key of EDITABLE) {
      const value = dto[key];
      if (value === undefined) continue;
      data[key] = typeof value === 'string' ? value.trim() : null;
    }
    if (data.phone) data.phone = toE164(data.phone);
    if (data.email) data.email = data.email.toLowerCase();
    if (data.country) data.country = data.country.toUpperCase();
    if (data.country === null) delete data.country;
    return data;
  }

  private assertValid(customer: Customer): void {
    if (!customer.companyName && !customer.contactName && !customer.billingFirstName && !customer.billingLastName) {
      throw new CustomersException(CustomersErrorCode.NameRequired);
    }
    if (customer.country === 'FI' && customer.postalCode && !/^\d{5}$/.test(customer.postalCode)) {
      throw new ValidationProblem([{ field: 'postalCode', message: 'a Finnish postal code has five digits' }]);
    }
  }

  private async flush(): Promise<void> {
    try {
      await this.context.em().flush();
    } catch (error) {
      this.context.em().clear();
      if (error instanceof UniqueConstraintViolationException) throw new CustomersException(CustomersErrorCode.EmailTaken);
      if (error instanceof OptimisticLockError) throw new CustomersException(CustomersErrorCode.StaleVersion);
      throw error;
    }
  }
}

/** Each order of the list: its column, direction and the key a cursor carries (a keyset index backs each). */
const SORT_ORDERS: Record<CustomerSort, { column: string; descending: boolean; keyOf: (row: CustomerView & { sortKey?: string }) => string }> = {
  '-created': { column: 'created_at', descending: true, keyOf: (c) => c.createdAt.toISOString() },
  created: { column: 'created_at', descending: false, keyOf: (c) => c.createdAt.toISOString() },
  name: { column: 'sort_name', descending: false, keyOf: (c) => c.sortKey ?? '' },
  '-name': { column: 'sort_name', descending: true, keyOf: (c) => c.sortKey ?? '' },
  '-updated': { column: 'updated_at', descending: true, keyOf: (c) => c.updatedAt.toISOString() },
  updated: { column: 'updated_at', descending: false, keyOf: (c) => c.updatedAt.toISOString() },
};

/** Cursors of the other orders name their order, so one cannot be replayed under another. */
function encodeSortCursor(sort: CustomerSort, key: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

function decodeSortCursor(sort: CustomerSort, cursor: string): { key: string | Date; id: string } {
  if (sort === '-created') {
    const after = decodeCursor(cursor);
    return { key: after.at, id: after.id };
  }
  const invalid = new ValidationProblem([{ field: 'cursor', message: 'cursor is not one this API issued for this order' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort || typeof parsed[1] !== 'string' || typeof parsed[2] !== 'string') throw invalid;
  const [, key, id] = parsed as [string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid;
  if (SORT_ORDERS[sort].column === 'sort_name') return { key, id };
  const at = new Date(key);
  if (Number.isNaN(at.getTime())) throw invalid;
  return { key: at, id };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** The columns of the CSV export, named as the API names them (the header row). */
const EXPORT_COLUMNS = ['id', ...EDITABLE, 'createdAt', 'updatedAt'] as const;
const EXPORT_SELECT = EXPORT_COLUMNS.map((key) => `${key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())} as "${key}"`).join(', ');

async function* csvLines(client: PoolClient, schema: string, release: () => Promise<void>, batch = 1000): AsyncGenerator<string> {
  try {
    yield CSV_BOM + csvRow(EXPORT_COLUMNS);
    let after: [Date, string] | undefined;
    for (;;) {
      const { rows } = await client.query<Record<(typeof EXPORT_COLUMNS)[number], string | Date | null>>(
        `select ${EXPORT_SELECT} from ${schema}.customer` + (after ? ' where (created_at, id) > ($2, $3)' : '') + ' order by created_at, id limit $1',
        after ? [batch, ...after] : [batch],
      );
      yield rows.map((row) => csvRow(EXPORT_COLUMNS.map((key) => row[key]))).join('');
      if (rows.length < batch) return;
      const last = rows[rows.length - 1];
      after = [last.createdAt as Date, last.id as string];
    }
  } finally {
    await release();
  }
}
