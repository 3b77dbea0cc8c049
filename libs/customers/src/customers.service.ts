// Customers of the tenant in scope: create, read, rectify (optimistic concurrency), search, audit.
import { Injectable, StreamableFile } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type Actor, actorKey, Clock, decodeCursor, NotFoundProblem, type Page, requireAccess, toPage, ValidationProblem } from '@app/core';
import { AuditTrailService, TenantContext, type NamedAuditEntry } from '@app/tenancy';
import type { Customer } from './customer.entity';
import { CustomersRepository } from './customers.repository';
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

/** What a restriction records: why, the request that asked it, and when. */
export interface RestrictionInput {
  reason: string;
  requestId: string | null;
  at: Date;
}

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
    private readonly repository: CustomersRepository,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateCustomerDto): Promise<CustomerView> {
    const data = this.normalise(dto);
    // Registered by the app's clock: dates given later (a request's receipt) are bounded by it.
    const now = this.clock.now();
    const customer = this.repository.create({ id: randomUUID(), ...data, createdAt: now, updatedAt: now });
    this.assertValid(customer);
    this.audit.record({ actor: actorKey(actor), action: 'customer.created', subjectType: 'customer', subjectId: customer.id, fields: Object.keys(data) });
    await this.repository.flush();
    return toView(customer);
  }

  async get(id: string): Promise<CustomerView> {
    const row = await this.repository.viewRow<Omit<CustomerView, 'restriction'> & RestrictionColumns>(id);
    if (!row) throw new NotFoundProblem('customer');
    return fromRow(row);
  }

  /** The names of these customers (those still on record), for lists that show whose a row is. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repository.names([...new Set(ids)]);
    return new Map(rows.map((c) => [c.id, displayName(c)]));
  }

  /** The customer with this e-mail address (unique per tenant, case-insensitive); null when none. */
  async findByEmail(email: string): Promise<CustomerView | null> {
    const customer = await this.repository.findByEmail(email.trim().toLowerCase());
    return customer ? toView(customer) : null;
  }

  async update(actor: Actor, id: string, dto: UpdateCustomerDto): Promise<CustomerView> {
    const { version, ...changes } = dto;
    const customer = await this.find(id);
    assertUnrestricted({ restriction: restrictionOf(customer) }, 'Changing the customer');
    if (customer.version !== version) throw new CustomersException(CustomersErrorCode.StaleVersion);
    const data = this.normalise(changes);
    const changed = (Object.keys(data) as Editable[]).filter((key) => customer[key] !== data[key]);
    if (changed.length === 0) return toView(customer);
    this.repository.assign(customer, data);
    this.assertValid(customer);
    this.audit.record({ actor: actorKey(actor), action: 'customer.updated', subjectType: 'customer', subjectId: id, fields: changed });
    await this.repository.flush();
    return toView(customer);
  }

  async list(options: { q?: string; limit?: number; cursor?: string; sort?: CustomerSort }): Promise<Page<CustomerView>> {
    const limit = options.limit ?? 50;
    const sort = options.sort ?? '-created';
    const order = SORT_ORDERS[sort];
    const text = options.q ? options.q.trim() : undefined;
    const after = options.cursor ? decodeSortCursor(sort, options.cursor) : undefined;
    const found = await this.repository.listPage<Omit<CustomerView, 'restriction'> & RestrictionColumns & { sortKey?: string }>(
      { text, phone: options.q ? phoneSearchForm(options.q) : undefined, after, column: order.column, descending: order.descending, limit },
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
   * The owner's alone: the whole register leaves the system in one file.
   */
  async exportCsv(actor: Actor): Promise<StreamableFile> {
    requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId });
    const today = this.clock.today();
    this.audit.record({ actor: actorKey(actor), action: 'customers.exported', subjectType: 'customer_list', subjectId: null, fields: [...EXPORT_COLUMNS] });
    await this.repository.flush();
    const { pages, release } = await this.repository.exportSnapshot(EXPORT_COLUMNS);
    const body = Readable.from(csvLines(pages, release));
    // A download abandoned early still gives the connection back.
    body.once('close', () => void release());
    return new StreamableFile(body, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="customers-${today}.csv"` });
  }

  /**
   * Every customer with an e-mail address (or those of `ids` that still have one), for notices that must
   * reach everyone concerned whatever their consents, such as a breach notification (GDPR Art. 34).
   */
  async emailRecipients(ids?: string[]): Promise<{ id: string; email: string }[]> {
    const rows = await this.repository.withEmail(ids);
    return rows.map((c) => ({ id: c.id, email: c.email! }));
  }

  /**
   * The customers a breach notice selects (issue 14 item 9): all, those registered in a period, or the ones
   * named; each with the address it would go to (null: cannot be reached by e-mail). Ordered by id.
   */
  async noticeCandidates(filter: { ids?: string[]; registeredAfter?: Date; registeredBefore?: Date }): Promise<{ id: string; name: string; email: string | null; createdAt: Date }[]> {
    const rows = await this.repository.selected(filter);
    return rows.map((c) => ({ id: c.id, name: displayName(c), email: c.email ?? null, createdAt: c.createdAt }));
  }

  auditTrail(id: string): Promise<NamedAuditEntry[]> {
    return this.find(id).then(() => this.audit.forSubjectNamed('customer', id));
  }

  /**
   * Reads the customer inside the open transaction under a share lock: invoices can be written concurrently,
   * but not while an erasure (which takes the row exclusively) is running.
   */
  lockForInvoicing(id: string): Promise<CustomerView> {
    return this.within(async () => {
      const customer = await this.repository.findLocked(id, 'share');
      if (!customer) throw new NotFoundProblem('customer');
      return toView(customer);
    });
  }

  /** Takes the customer row exclusively for an erasure: invoice writes (share lock) wait until it ends. */
  lockForErasure(id: string): Promise<CustomerView | null> {
    return this.within(async () => {
      const customer = await this.repository.findLocked(id, 'update');
      return customer ? toView(customer) : null;
    });
  }

  /**
   * Marks processing restricted (GDPR Art. 18) inside the open transaction, recorded in the audit trail. A
   * customer already restricted keeps the earlier start and takes the newer reason and request.
   */
  restrict(actor: Actor, id: string, input: RestrictionInput): Promise<CustomerView> {
    return this.within(async () => {
      const customer = await this.repository.findLocked(id, 'update', true);
      if (!customer) throw new NotFoundProblem('customer');
      this.repository.assign(customer, { restrictedAt: customer.restrictedAt ?? input.at, restrictionReason: input.reason, restrictionRequestId: input.requestId, updatedAt: input.at });
      this.audit.record({ actor: actorKey(actor), action: 'customer.restricted', subjectType: 'customer', subjectId: id, fields: ['restrictedAt', 'restrictionReason', 'restrictionRequestId'] });
      return toView(customer);
    });
  }

  /** Lifts the restriction inside the open transaction (the caller tells the person first, Art. 18(3)). */
  liftRestriction(actor: Actor, id: string, reason: string, at: Date): Promise<{ before: CustomerRestriction; customer: CustomerView }> {
    return this.within(async () => {
      const customer = await this.repository.findLocked(id, 'update', true);
      if (!customer) throw new NotFoundProblem('customer');
      const before = restrictionOf(customer);
      if (!before) throw new CustomersException(CustomersErrorCode.NotRestricted);
      this.repository.assign(customer, { restrictedAt: null, restrictionReason: null, restrictionRequestId: null, restrictionLiftedAt: at, restrictionLiftReason: reason, updatedAt: at });
      this.audit.record({ actor: actorKey(actor), action: 'customer.restriction_lifted', subjectType: 'customer', subjectId: id, fields: ['restrictedAt', 'restrictionReason', 'restrictionRequestId', 'restrictionLiftReason'] });
      return { before, customer: toView(customer) };
    });
  }

  /** Sets the last portal login (the statement's "viimeisin sisäänkirjautuminen"). */
  async recordLogin(id: string): Promise<void> {
    // Not a rectification: the version stays, so a login never makes an edit that staff (or the customer) have open stale.
    await this.repository.recordLogin(id, new Date());
  }

  /**
   * Runs fn in the tenant context's open transaction (opened if none is), its writes flushed here: what the caller
   * does next in the transaction (plain SQL too) reads them.
   */
  private within<T>(fn: () => Promise<T>): Promise<T> {
    return this.context.transaction(async () => {
      const result = await fn();
      await this.repository.flush();
      return result;
    });
  }

  private async find(id: string): Promise<Customer> {
    const customer = await this.repository.findById(id);
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

/** The columns of the CSV export, named as the API names them (the header row). */
const EXPORT_COLUMNS = ['id', ...EDITABLE, 'createdAt', 'updatedAt'] as const;

async function* csvLines(pages: AsyncGenerator<Record<string, unknown>[]>, release: () => Promise<void>): AsyncGenerator<string> {
  try {
    yield CSV_BOM + csvRow(EXPORT_COLUMNS);
    for await (const rows of pages) yield rows.map((row) => csvRow(EXPORT_COLUMNS.map((key) => row[key] as string | Date | null))).join('');
  } finally {
    await release();
  }
}
