// Data-subject requests: recording, identity verification, deadlines and extensions, and the decisions:
// access (export, once a year free), rectification, erasure (written, no unpaid invoices, one transaction),
// objection (every marketing consent withdrawn and the address suppressed at once).
import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Clock, CLOCK_SKEW_MS, decodeCursor, type FieldError, NotFoundProblem, type Page, type Principal, principalKey, toPage, ValidationProblem } from '@app/core';
import { AuditTrailService, TenantContext } from '@app/tenancy';
import { CustomersService } from '@app/customers';
import { BillingService } from '@app/billing';
import { ConsentService } from '@app/consent';
import { RegisterSettingsService } from '@app/privacy-notice';
import { ErasureLedgerService } from '@app/backup';
import { DataSubjectRequest, ErasureLedgerEntry, OPEN_STATES, type RequestChannel, type RequestType } from './request.entity';
import { RequestsErrorCode, RequestsException } from './requests.errors';
import { addMonths, ANSWER_MONTHS, DUE_SOON_DAYS, EXTENSION_MONTHS } from './deadlines';

export type RequestView = Omit<DataSubjectRequest, 'version'> & { version: number; overdue: boolean; customerName: string | null };

function toView(r: DataSubjectRequest, now: Date, names: Map<string, string>): RequestView {
  const open = OPEN_STATES.includes(r.state);
  return {
    id: r.id,
    customerId: r.customerId ?? null,
    customerName: (r.customerId && names.get(r.customerId)) ?? null,
    type: r.type,
    channel: r.channel,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    extendedAt: r.extendedAt ?? null,
    extensionReason: r.extensionReason ?? null,
    state: r.state,
    verifiedBy: r.verifiedBy ?? null,
    verifiedAt: r.verifiedAt ?? null,
    verificationMethod: r.verificationMethod ?? null,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decidedAt ?? null,
    rejectionReason: r.rejectionReason ?? null,
    overrideReason: r.overrideReason ?? null,
    details: r.details ?? null,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    overdue: open && r.dueAt < now,
  };
}

/**
 * When staff record a request that came by e-mail or letter, its receipt time is theirs to give, within
 * bounds: not in the future (its deadline would never come) and not before the customer was registered.
 */
function receiptProblems(receivedAt: Date, customerSince: Date, now: Date): FieldError[] {
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return [{ field: 'receivedAt', message: 'receivedAt must not be in the future' }];
  if (receivedAt.getTime() < customerSince.getTime() - CLOCK_SKEW_MS) {
    return [{ field: 'receivedAt', message: `receivedAt must not be before the customer was registered (${customerSince.toISOString()})` }];
  }
  return [];
}

interface NewRequest {
  customerId: string;
  type: RequestType;
  channel: RequestChannel;
  receivedAt?: Date;
  details?: string;
  /** Set when the requester is already authenticated (the portal): identity counts as verified. */
  verifiedBy?: { actor: string; method: string };
}

@Injectable()
export class RequestsService {
  constructor(
    private readonly context: TenantContext,
    private readonly customers: CustomersService,
    private readonly billing: BillingService,
    private readonly consent: ConsentService,
    private readonly settings: RegisterSettingsService,
    private readonly audit: AuditTrailService,
    private readonly platformLedger: ErasureLedgerService,
    private readonly clock: Clock,
  ) {}

  async record(input: NewRequest, actor: string): Promise<RequestView> {
    const customer = await this.customers.get(input.customerId);
    const now = this.clock.now();
    const problems = input.receivedAt ? receiptProblems(input.receivedAt, customer.createdAt, now) : [];
    if (problems.length) throw new ValidationProblem(problems);
    const receivedAt = input.receivedAt ?? now;
    const id = await this.context.em().transactional(async (em) => {
      const request = em.create(DataSubjectRequest, {
        id: randomUUID(),
        customerId: customer.id,
        type: input.type,
        channel: input.channel,
        receivedAt,
        dueAt: addMonths(receivedAt, ANSWER_MONTHS),
        details: input.details ?? null,
        recordedBy: actor,
        ...(input.verifiedBy ? { state: 'verified', verifiedBy: input.verifiedBy.actor, verifiedAt: now, verificationMethod: input.verifiedBy.method } : {}),
      });
      // An objection to direct marketing needs no weighing (Art. 21(3)): it takes effect at once.
      if (input.type === 'objection') {
        await this.consent.object(em, customer.id, customer.email, actor);
        em.assign(request, { state: 'completed', decidedBy: actor, decidedAt: now });
      }
      this.audit.record({ actor, action: `request.${input.type}.recorded`, subjectType: 'customer', subjectId: customer.id, fields: ['type', 'channel'] }, em);
      return request.id;
    });
    return this.get(id);
  }

  async get(id: string): Promise<RequestView> {
    return (await this.views([await this.find(this.context.em(), id)]))[0];
  }

  async list(options: { filter?: 'open' | 'due_soon' | 'overdue' | 'all'; state?: string; customerId?: string; limit?: number; cursor?: string }): Promise<Page<RequestView>> {
    const limit = options.limit ?? 50;
    const now = this.clock.now();
    const where: Record<string, unknown> = {};
    if (options.customerId) where.customerId = options.customerId;
    if (options.filter && options.filter !== 'all') where.state = { $in: OPEN_STATES };
    if (options.filter === 'due_soon') where.dueAt = { $gte: now, $lt: new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000) };
    if (options.filter === 'overdue') where.dueAt = { $lt: now };
    // A state narrows the filter (open + completed is nothing), never widens it.
    if (options.state) where.$and = [{ state: options.state }];
    if (options.cursor) {
      const after = decodeCursor(options.cursor);
      where.$or = [{ dueAt: { $gt: after.at } }, { dueAt: after.at, id: { $gt: after.id } }];
    }
    const rows = await this.context.em().find(DataSubjectRequest, where, { orderBy: { dueAt: 'asc', id: 'asc' }, limit: limit + 1 });
    const page = toPage(rows, limit, (r) => ({ at: r.dueAt, id: r.id }));
    return { items: await this.views(page.items, now), nextCursor: page.nextCursor };
  }

  async verify(id: string, method: string, actor: string): Promise<RequestView> {
    return this.change(id, actor, 'verified', (request) => {
      if (request.state !== 'received') throw new RequestsException(RequestsErrorCode.NotOpen, 'Only a received request awaits verification.');
      return { state: 'verified', verifiedBy: actor, verifiedAt: this.clock.now(), verificationMethod: method };
    });
  }

  async extend(id: string, reason: string, actor: string): Promise<RequestView> {
    return this.change(id, actor, 'extended', (request) => {
      if (request.extendedAt) throw new RequestsException(RequestsErrorCode.AlreadyExtended);
      return { extendedAt: this.clock.now(), extensionReason: reason, dueAt: addMonths(request.receivedAt, ANSWER_MONTHS + EXTENSION_MONTHS) };
    });
  }

  async reject(id: string, reason: string, actor: string): Promise<RequestView> {
    return this.change(id, actor, 'rejected', () => ({ state: 'rejected', rejectionReason: reason, decidedBy: actor, decidedAt: this.clock.now() }));
  }

  /**
   * Decides a verified request. Access: served unless the yearly limit is reached (an owner may override with
   * a reason). Erasure: executed in this transaction, refused while invoices are unpaid. Idempotent on retry.
   */
  async complete(id: string, overrideReason: string | undefined, actor: Principal): Promise<RequestView> {
    if (overrideReason && !(actor.kind === 'tenant-staff' && actor.role === 'owner')) throw new RequestsException(RequestsErrorCode.OverrideNotAllowed);
    const by = principalKey(actor);
    await this.context.em().transactional(async (em) => {
      const request = await this.find(em, id, LockMode.PESSIMISTIC_WRITE);
      if (request.state === 'completed') return;
      if (!OPEN_STATES.includes(request.state)) throw new RequestsException(RequestsErrorCode.NotOpen);
      if (request.state === 'received') throw new RequestsException(RequestsErrorCode.NotVerified);
      if (request.type === 'access') await this.assertAccessAllowance(em, request, overrideReason);
      if (request.type === 'erasure') await this.erase(em, request, by);
      em.assign(request, { state: 'completed', decidedBy: by, decidedAt: this.clock.now(), overrideReason: overrideReason ?? null });
      this.audit.record({ actor: by, action: `request.${request.type}.completed`, subjectType: 'request', subjectId: id, fields: ['state'] }, em);
    });
    return this.get(id);
  }

  /** The request, if it is a completed access request of a customer still on record (what an export needs). */
  async exportable(id: string, customerId?: string): Promise<{ customerId: string }> {
    const request = await this.find(this.context.em(), id);
    if (customerId && request.customerId !== customerId) throw new NotFoundProblem('request');
    if (request.type !== 'access' || request.state !== 'completed' || !request.customerId) throw new RequestsException(RequestsErrorCode.ExportUnavailable);
    return { customerId: request.customerId };
  }

  async forCustomer(customerId: string): Promise<RequestView[]> {
    const rows = await this.context.em().find(DataSubjectRequest, { customerId }, { orderBy: { receivedAt: 'asc', id: 'asc' } });
    return this.views(rows);
  }

  async erasureLedger(): Promise<{ customerId: string; requestId: string | null; erasedAt: Date; invoicesRetained: number }[]> {
    const rows = await this.context.em().find(ErasureLedgerEntry, {}, { orderBy: { erasedAt: 'asc' } });
    return rows.map((r) => ({ customerId: r.customerId, requestId: r.requestId ?? null, erasedAt: r.erasedAt, invoicesRetained: r.invoicesRetained }));
  }

  private async assertAccessAllowance(em: EntityManager, request: DataSubjectRequest, overrideReason?: string): Promise<void> {
    const perYear = await this.settings.accessRequestsPerYear();
    // Twelve calendar months back from today (the statement's "once a year"), on the clock tests can set.
    const since = addMonths(this.clock.now(), -12);
    const served = await em.find(
      DataSubjectRequest,
      { customerId: request.customerId, type: 'access', state: 'completed', decidedAt: { $gt: since }, id: { $ne: request.id } },
      { orderBy: { decidedAt: 'desc' } },
    );
    if (served.length < perYear || overrideReason) return;
    throw new RequestsException(
      RequestsErrorCode.AccessLimitReached,
      `At most ${perYear} access request(s) per twelve months are served free (the privacy statement, section 10); the last was served on ${served[0].decidedAt!.toISOString().slice(0, 10)}. Reject it with this reason, or an owner may serve it with an override reason.`,
      { accessRequestsPerYear: perYear, lastServedAt: served[0].decidedAt },
    );
  }

  /**
   * The erasure itself, all in the caller's transaction: the customer row is taken exclusively (no invoice can
   * be written meanwhile), refused while anything is unpaid; drafts, consent ledger, portal account and the
   * record go; issued invoices stay under legal hold with their buyer snapshot; a ledger row without personal
   * data remains.
   */
  private async erase(em: EntityManager, request: DataSubjectRequest, actor: string): Promise<void> {
    const customerId = request.customerId;
    if (!customerId) throw new RequestsException(RequestsErrorCode.CustomerErased);
    const customer = await this.customers.lockForErasure(em, customerId);
    if (!customer) throw new RequestsException(RequestsErrorCode.CustomerErased);
    const unpaid = await this.billing.unpaidInvoices(customerId, em);
    if (unpaid.length) {
      throw new RequestsException(RequestsErrorCode.UnpaidInvoices, `Erasure is possible once these are paid: ${unpaid.map((i) => `#${i.number}`).join(', ')}.`, { unpaidInvoices: unpaid });
    }
    const invoicesRetained = await this.billing.detachForErasure(em, customerId);
    // Free text of the person's requests may name them; the requests themselves stay as records of what was done.
    await em.nativeUpdate(DataSubjectRequest, { customerId, id: { $ne: request.id } }, { details: null });
    request.details = null;
    await this.customers.deleteForErasure(em, customerId);
    em.create(ErasureLedgerEntry, { customerId, requestId: request.id, invoicesRetained });
    // The platform's copy outlives a restore of this schema, which re-applies it.
    await this.platformLedger.record(em, { customerId, requestId: request.id });
    this.audit.record({ actor, action: 'customer.erased', subjectType: 'customer', subjectId: customerId, fields: [] }, em);
  }

  /** The views of these requests, with their customers' names (one query for the lot). */
  private async views(rows: DataSubjectRequest[], now: Date = this.clock.now()): Promise<RequestView[]> {
    const names = await this.customers.namesOf(rows.flatMap((r) => (r.customerId ? [r.customerId] : [])));
    return rows.map((r) => toView(r, now, names));
  }

  private async change(id: string, actor: string, action: string, next: (r: DataSubjectRequest) => Partial<DataSubjectRequest>): Promise<RequestView> {
    await this.context.em().transactional(async (em) => {
      const request = await this.find(em, id, LockMode.PESSIMISTIC_WRITE);
      if (!OPEN_STATES.includes(request.state)) throw new RequestsException(RequestsErrorCode.NotOpen);
      em.assign(request, next(request));
      this.audit.record({ actor, action: `request.${action}`, subjectType: 'request', subjectId: id, fields: ['state'] }, em);
    });
    return this.get(id);
  }

  private async find(em: EntityManager, id: string, lockMode?: LockMode): Promise<DataSubjectRequest> {
    const request = await em.findOne(DataSubjectRequest, { id }, lockMode ? { lockMode, refresh: true } : { refresh: true });
    if (!request) throw new NotFoundProblem('request');
    return request;
  }
}
