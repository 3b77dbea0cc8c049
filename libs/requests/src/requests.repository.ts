// The requests module's tables: the data-subject requests, their verification codes and export links, and the
// tenant's erasure ledger. Everything reaches the tenant's schema through the tenant context, inside the
// transaction a service opened with `TenantContext.transaction()` when there is one.
//
// The erasure's statements (`requestsErasure` and the `*Erasure*` methods below) run on a `TenantTransaction`
// instead: the same code serves a restore, which re-applies erasures on its own connection with no tenant bound.
// Both speak bind parameters ($1, $2, ...).
import { Inject, Injectable } from '@nestjs/common';
import { type FilterQuery, LockMode } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { DatabaseContext, PG_POOL, quoteIdent, readSql, withDates } from '@app/database';
import { type CustomerErasureStep, TenantContext, type TenantTransaction } from '@app/tenancy';
import { DataSubjectRequest, ErasureLedgerEntry, ExportLink, OPEN_STATES, VerificationCode } from './request.entity';

export interface RequestFilter {
  customerId?: string;
  openOnly?: boolean;
  dueFrom?: Date;
  dueBefore?: Date;
  state?: string;
  after?: { at: Date; id: string };
  limit: number;
}

/** A request as a plain row: every column of the entity, under its property name. */
const REQUEST_COLUMNS = [
  'id', 'customer_id as "customerId"', 'type', 'channel', 'received_at as "receivedAt"', 'due_at as "dueAt"', 'extended_at as "extendedAt"',
  'extension_reason as "extensionReason"', 'state', 'verified_by as "verifiedBy"', 'verified_at as "verifiedAt"', 'verification_method as "verificationMethod"',
  'verification_note as "verificationNote"', 'repeat_decision as "repeatDecision"', 'fee_invoice_id as "feeInvoiceId"', 'decided_by as "decidedBy"',
  'decided_at as "decidedAt"', 'rejection_reason as "rejectionReason"', 'override_reason as "overrideReason"', 'objection_decision as "objectionDecision"',
  'objection_effect as "objectionEffect"', 'details', 'recorded_by as "recordedBy"', 'created_at as "createdAt"', 'updated_at as "updatedAt"', 'version',
].join(', ');
const REQUEST_DATES = ['receivedAt', 'dueAt', 'extendedAt', 'verifiedAt', 'decidedAt', 'createdAt', 'updatedAt'];

export interface ErasureLedgerRow {
  customer_id: string;
  request_id: string | null;
  erased_at: string;
  invoices_retained: number;
}

/**
 * The requests module's part of an erasure (libs/requests/src/erasure.ts lists the steps in order): the requests
 * stay as the record of what was asked and done, but their free text (which may name the person) is cleared, and
 * the verification codes (whose address hashes point at the person) and unspent export links (which would lead to
 * nothing) go.
 */
export const requestsErasure: CustomerErasureStep = {
  does: "the free text of the person's requests cleared; their verification codes and export links deleted; the requests kept as records",

  async eraseCustomers({ execute, schema }, customerIds) {
    await execute(`delete from ${schema}.request_verification_code where request_id in (select id from ${schema}.data_subject_request where customer_id = any($1::uuid[]))`, [customerIds]);
    await execute(`delete from ${schema}.request_export_link where request_id in (select id from ${schema}.data_subject_request where customer_id = any($1::uuid[]))`, [customerIds]);
    await execute(`update ${schema}.data_subject_request set details = null where customer_id = any($1::uuid[]) and details is not null`, [customerIds]);
  },
};

@Injectable()
export class RequestsRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  // ---- requests ----

  /** The request, read afresh; `lock` takes it for update (inside a transaction). */
  async find(id: string, lock = false): Promise<DataSubjectRequest | null> {
    return this.context.em().findOne(DataSubjectRequest, { id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true });
  }

  /** A new request, written when the open transaction commits. */
  create(data: Omit<Partial<DataSubjectRequest>, 'version'> & Pick<DataSubjectRequest, 'id' | 'type' | 'channel' | 'receivedAt' | 'dueAt' | 'recordedBy'>): DataSubjectRequest {
    return this.context.em().create(DataSubjectRequest, data);
  }

  /** Changes a request read through this repository; written when the open transaction commits. */
  update(request: DataSubjectRequest, changes: Partial<DataSubjectRequest>): void {
    this.context.em().assign(request, changes);
  }

  /** Requests by due date (then id), one more than the limit so the caller knows whether a page follows. */
  async list(filter: RequestFilter): Promise<DataSubjectRequest[]> {
    const where: FilterQuery<DataSubjectRequest> & Record<string, unknown> = {};
    if (filter.customerId) where.customerId = filter.customerId;
    if (filter.openOnly) where.state = { $in: OPEN_STATES };
    if (filter.dueFrom || filter.dueBefore) where.dueAt = { ...(filter.dueFrom ? { $gte: filter.dueFrom } : {}), ...(filter.dueBefore ? { $lt: filter.dueBefore } : {}) };
    // A state narrows the filter (open + completed is nothing), never widens it.
    if (filter.state) where.$and = [{ state: filter.state }];
    if (filter.after) where.$or = [{ dueAt: { $gt: filter.after.at } }, { dueAt: filter.after.at, id: { $gt: filter.after.id } }];
    return this.context.em().find(DataSubjectRequest, where, { orderBy: { dueAt: 'asc', id: 'asc' }, limit: filter.limit + 1 });
  }

  /**
   * The customer's requests, oldest first, as plain rows with the entity's fields (not managed: read only): one
   * parameterised statement, in the open transaction if any, else on the plain pool (the portal's "my data").
   */
  async forCustomer(customerId: string): Promise<DataSubjectRequest[]> {
    const rows = await readSql(this.pool, DatabaseContext.openTransaction())<DataSubjectRequest>(
      `select ${REQUEST_COLUMNS} from ${this.context.table('data_subject_request')} where customer_id = $1 order by received_at, id`,
      [customerId],
    );
    return rows.map((row) => withDates(row, REQUEST_DATES));
  }

  /** The access requests of these customers served (completed) after `since`: ids and customers only. */
  async servedAccessSince(customerIds: string[], since: Date): Promise<{ id: string; customerId: string | null }[]> {
    const rows = await this.context.em().find(
      DataSubjectRequest,
      { customerId: { $in: customerIds }, type: 'access', state: 'completed', decidedAt: { $gt: since } },
      { fields: ['id', 'customerId'] },
    );
    return rows.map((r) => ({ id: r.id, customerId: r.customerId ?? null }));
  }

  async erasureLedger(): Promise<{ customerId: string; requestId: string | null; erasedAt: Date; invoicesRetained: number }[]> {
    const rows = await this.context.em().find(ErasureLedgerEntry, {}, { orderBy: { erasedAt: 'asc' } });
    return rows.map((r) => ({ customerId: r.customerId, requestId: r.requestId ?? null, erasedAt: r.erasedAt, invoicesRetained: r.invoicesRetained }));
  }

  /** Whether the customer can sign in to the portal (an accepted invitation, not disabled). */
  async hasPortalAccess(customerId: string): Promise<boolean> {
    // Reads portal's table here on purpose: PortalModule imports RequestsModule, so requests cannot ask
    // PortalAccountsService without a circular import. A read-only check of one row, no write.
    const rows = await this.context.sql(`select 1 from ${this.context.table('portal_account')} where customer_id = $1 and disabled_at is null and password_hash is not null`, [customerId]);
    return rows.length > 0;
  }

  // ---- verification codes ----

  /** Codes created after `since`, for one request or one address hash. */
  async countCodesSince(of: { requestId: string } | { emailHash: string }, since: Date): Promise<number> {
    return this.context.em().count(VerificationCode, { ...of, createdAt: { $gt: since } });
  }

  /** The request's unspent codes stop working now. */
  async expireLiveCodes(requestId: string, now: Date): Promise<void> {
    await this.context.em().nativeUpdate(VerificationCode, { requestId, usedAt: null, expiresAt: { $gt: now } }, { expiresAt: now });
  }

  createCode(data: VerificationCode): VerificationCode {
    return this.context.em().create(VerificationCode, data);
  }

  /** The address's codes created after `since`, taken for update; changes to them are written on commit. */
  async recentCodesForUpdate(emailHash: string, since: Date): Promise<VerificationCode[]> {
    return this.context.em().find(VerificationCode, { emailHash, createdAt: { $gt: since } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  // ---- export links ----

  /** The request's unspent links stop working now. */
  async expireLiveExportLinks(requestId: string, now: Date): Promise<void> {
    await this.context.em().nativeUpdate(ExportLink, { requestId, usedAt: null, expiresAt: { $gt: now } }, { expiresAt: now });
  }

  createExportLink(data: ExportLink): ExportLink {
    return this.context.em().create(ExportLink, data);
  }

  /** The link with this token hash, read afresh; `lock` takes it for update (inside a transaction). */
  async exportLinkByHash(tokenHash: string, lock = false): Promise<ExportLink | null> {
    return this.context.em().findOne(ExportLink, { tokenHash }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true });
  }

  // ---- the erasure ----

  /** The open transaction of the tenant in scope, as the erasure steps take it. */
  erasureTransaction(): TenantTransaction {
    return { execute: <T>(text: string, values?: unknown[]) => this.context.sql<T>(text, values), schema: quoteIdent(this.context.tenant.schema) };
  }

  /** A restore's open transaction on this (unquoted) schema, as the erasure steps take it. */
  restoreTransaction(execute: TenantTransaction['execute'], schema: string): TenantTransaction {
    return { execute, schema: quoteIdent(schema) };
  }

  /** The tenant's erasure ledger: one row per person erased (a person erased again keeps the first row). */
  async recordErasures(tx: TenantTransaction, rows: ErasureLedgerRow[]): Promise<void> {
    await tx.execute(
      `insert into ${tx.schema}.erasure_ledger (customer_id, request_id, erased_at, invoices_retained)
       select customer_id, request_id, erased_at, invoices_retained
         from jsonb_to_recordset($1::jsonb) as r(customer_id uuid, request_id uuid, erased_at timestamptz, invoices_retained int)
       on conflict (customer_id) do nothing`,
      [JSON.stringify(rows)],
    );
  }

  /** An audit entry per person erased (fields empty: the trail names no values). */
  async auditErasures(tx: TenantTransaction, customerIds: string[], actor: string, action: string): Promise<void> {
    // writes tenancy's table: to move behind AuditTrailService (which cannot yet write on a restore's connection)
    await tx.execute(
      `insert into ${tx.schema}.audit_event (actor, action, subject_type, subject_id, fields)
       select $1::text, $2::text, 'customer', id, '{}' from unnest($3::text[]) as id`,
      [actor, action, customerIds],
    );
  }

  /** Requests still open in a restored schema whose erasure the platform's ledger records: completed as then. */
  async completeErasedRequests(tx: TenantTransaction, actor: string, done: { request_id: string; erased_at: string }[]): Promise<void> {
    await tx.execute(
      `update ${tx.schema}.data_subject_request r set state = 'completed', decided_by = $1, decided_at = l.erased_at, updated_at = now(), version = r.version + 1
         from jsonb_to_recordset($2::jsonb) as l(request_id uuid, erased_at timestamptz)
        where l.request_id = r.id and r.state in ('received', 'verified', 'in_progress')`,
      [actor, JSON.stringify(done)],
    );
  }
}
