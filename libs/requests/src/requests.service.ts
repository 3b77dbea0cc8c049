// Data-subject requests: recording, identity verification (a fixed list of methods, never free text),
// deadlines and extensions (before the deadline only, the person told why), and the decisions: access
// (export; beyond the free copies a year the owner decides: serve, serve for a fee, or refuse), rectification,
// erasure (written, no unpaid invoices, one transaction), objection (marketing consents withdrawn at once).
// The person is told at each step in the transaction of the change (a receipt with the deadline, the decision
// with its reasons, for an access request how to fetch the export); the owners and staff when one arrives.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock, CLOCK_SKEW_MS, decodeCursor, type FieldError, NotFoundProblem, type Page, toPage, ValidationProblem } from '@app/core';
import { OutboxService, type MailMessage } from '@app/mail';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import { type CustomerView, CustomersService } from '@app/customers';
import { BillingService } from '@app/billing';
import { ConsentService } from '@app/consent';
import { RegisterSettingsService } from '@app/privacy-notice';
import { ErasureLedgerService } from '@app/backup';
import { type DataSubjectRequest, type ObjectionDecision, OPEN_STATES, type RepeatDecision, type RequestChannel, type RequestType, type StaffCheckMethod } from './request.entity';
import { asMailLang, completedMail, type ExportFetch, extensionMail, type MailLang, objectionDecisionMail, receiptMail, rejectionMail, repeatDecisionMail, restrictionLiftedMail, requestTypeName } from './request-mails';
import { REQUEST_STAFF_TOPIC, RequestNoticesService } from './request-notices.service';
import { REQUEST_MAIL_EVENTS, type RequestMailEvent } from './dto/request.dto';
import { issueExportLink } from './export-links';
import { RequestsErrorCode, RequestsException } from './requests.errors';
import { CustomerErasure } from './erasure';
import { RequestsRepository } from './requests.repository';
import { addMonths, ANSWER_MONTHS, DUE_SOON_DAYS, EXTENSION_MONTHS } from './deadlines';

export type RequestView = Omit<DataSubjectRequest, 'version'> & { version: number; overdue: boolean; customerName: string | null; beyondFreeCopies: boolean };

export const REQUEST_MAIL_TOPIC = 'request-person';

function toView(r: DataSubjectRequest, now: Date, names: Map<string, string>, beyond: Set<string>): RequestView {
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
    verificationNote: r.verificationNote ?? null,
    repeatDecision: r.repeatDecision ?? null,
    feeInvoiceId: r.feeInvoiceId ?? null,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decidedAt ?? null,
    rejectionReason: r.rejectionReason ?? null,
    overrideReason: r.overrideReason ?? null,
    objectionDecision: r.objectionDecision ?? null,
    objectionEffect: r.objectionEffect ?? null,
    details: r.details ?? null,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    overdue: open && r.dueAt < now,
    beyondFreeCopies: beyond.has(r.id),
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
  /** Set when the requester is already authenticated (the portal's session): identity counts as verified. */
  verifiedBy?: { actor: Actor; method: 'portal_session' };
}

@Injectable()
export class RequestsService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: RequestsRepository,
    private readonly customers: CustomersService,
    private readonly billing: BillingService,
    private readonly consent: ConsentService,
    private readonly settings: RegisterSettingsService,
    private readonly audit: AuditTrailService,
    private readonly platformLedger: ErasureLedgerService,
    private readonly erasure: CustomerErasure,
    private readonly tenancy: TenancyService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly notices: RequestNoticesService,
  ) {}

  async record(actor: Actor, input: NewRequest): Promise<RequestView> {
    const by = actorKey(actor);
    const customer = await this.customers.get(input.customerId);
    const now = this.clock.now();
    const problems = input.receivedAt ? receiptProblems(input.receivedAt, customer.createdAt, now) : [];
    // The statement promises erasure on a written request: a phone call is noted, not acted on.
    if (input.type === 'erasure' && input.channel === 'phone') problems.push({ field: 'channel', message: 'an erasure request must be made in writing (portal, e-mail or letter)' });
    if (problems.length) throw new ValidationProblem(problems);
    const receivedAt = input.receivedAt ?? now;
    const [tenant, handlers] = await Promise.all([this.tenancy.get(this.context.tenant.slug), this.notices.handlers()]);
    const id = await this.context.transaction(async () => {
      const request = this.repository.create({
        id: randomUUID(),
        customerId: customer.id,
        type: input.type,
        channel: input.channel,
        receivedAt,
        dueAt: addMonths(receivedAt, ANSWER_MONTHS),
        details: input.details ?? null,
        recordedBy: by,
        ...(input.verifiedBy ? { state: 'verified', verifiedBy: actorKey(input.verifiedBy.actor), verifiedAt: now, verificationMethod: input.verifiedBy.method } : {}),
      });
      // An objection to direct marketing needs no weighing (Art. 21(3)): it takes effect at once.
      if (input.type === 'objection') {
        await this.consent.object(actor, customer.id, customer.email);
        this.repository.update(request, { state: 'completed', decidedBy: by, decidedAt: now });
      }
      if (customer.email) {
        const context = this.mailContext(tenant, { email: customer.email }, request);
        // An objection is decided as it arrives: its receipt is the decision.
        if (request.state === 'completed') await this.tell(request, completedMail(context), 'completed');
        else await this.tell(request, receiptMail({ ...context, dueAt: request.dueAt, verified: request.state !== 'received' }), 'received');
      }
      await this.notices.arrived(request, tenant, handlers);
      this.audit.record({ actor: by, action: `request.${input.type}.recorded`, subjectType: 'customer', subjectId: customer.id, fields: ['type', 'channel'] });
      return request.id;
    });
    return this.get(id);
  }

  async get(id: string): Promise<RequestView> {
    return (await this.views([await this.find(id)]))[0];
  }

  async list(options: { filter?: 'open' | 'due_soon' | 'overdue' | 'all'; state?: string; customerId?: string; limit?: number; cursor?: string }): Promise<Page<RequestView>> {
    const limit = options.limit ?? 50;
    const now = this.clock.now();
    const filter = options.filter && options.filter !== 'all' ? options.filter : undefined;
    const rows = await this.repository.list({
      customerId: options.customerId,
      openOnly: filter !== undefined,
      dueFrom: filter === 'due_soon' ? now : undefined,
      dueBefore: filter === 'due_soon' ? new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000) : filter === 'overdue' ? now : undefined,
      state: options.state,
      after: options.cursor ? decodeCursor(options.cursor) : undefined,
      limit,
    });
    const page = toPage(rows, limit, (r) => ({ at: r.dueAt, id: r.id }));
    return { items: await this.views(page.items, now), nextCursor: page.nextCursor };
  }

  /**
   * Records a staff check of the requester's identity, of a kind from the fixed list, with who and when. A
   * call back needs a phone number on record (the check is against what the register holds, not what the
   * requester says). Each request is verified on its own: nothing carries over from the person's other requests.
   */
  async verify(actor: Actor, id: string, method: StaffCheckMethod, note: string | undefined): Promise<RequestView> {
    const current = await this.find(id);
    if (method === 'call_back_registered_phone') {
      const customer = current.customerId ? await this.customers.get(current.customerId) : null;
      if (!customer?.phone) throw new RequestsException(RequestsErrorCode.NoPhoneOnRecord);
    }
    return this.change(id, actor, 'verified', (request) => {
      if (request.state !== 'received') throw new RequestsException(RequestsErrorCode.NotOpen, 'Only a received request awaits verification.');
      return { state: 'verified', verifiedBy: actorKey(actor), verifiedAt: this.clock.now(), verificationMethod: method, verificationNote: note?.trim() || null };
    });
  }

  /**
   * Extends the deadline by two months, once, and only while it has not passed (Art. 12(3): the person is told
   * within the first month, with the reasons). The person is told by e-mail in the same transaction.
   */
  async extend(actor: Actor, id: string, reason: string): Promise<RequestView> {
    const [tenant, person] = await this.personOf(id);
    return this.change(id, actor, 'extended', async (request) => {
      if (request.extendedAt) throw new RequestsException(RequestsErrorCode.AlreadyExtended);
      if (request.dueAt.getTime() < this.clock.now().getTime()) {
        throw new RequestsException(RequestsErrorCode.Overdue, `The deadline was ${request.dueAt.toISOString()}; answer the request now.`, { dueAt: request.dueAt });
      }
      const dueAt = addMonths(request.receivedAt, ANSWER_MONTHS + EXTENSION_MONTHS);
      if (person) await this.tell(request, extensionMail({ ...this.mailContext(tenant, person, request), reason, dueAt }), 'extended');
      return { extendedAt: this.clock.now(), extensionReason: reason, dueAt };
    });
  }

  /**
   * The owner's decision on an access request beyond the free copies a year: serve it anyway, serve it for a
   * reasonable fee (issued as an invoice to the customer), or refuse it as manifestly unfounded or excessive.
   * The person gets the decision and its reason by e-mail.
   */
  async decideRepeatAccess(actor: Actor, id: string, input: { decision: RepeatDecision; reason: string; feeCents?: number; vatRate?: number }): Promise<RequestView> {
    const by = actorKey(actor);
    const request = await this.find(id);
    if (request.type !== 'access' || !OPEN_STATES.includes(request.state) || !(await this.beyondFreeCopies([request])).has(request.id)) {
      throw new RequestsException(RequestsErrorCode.NotRepeatAccess);
    }
    if (input.decision !== 'refuse' && request.state === 'received') throw new RequestsException(RequestsErrorCode.NotVerified);
    if (input.decision === 'fee' && !input.feeCents) throw new ValidationProblem([{ field: 'feeCents', message: 'feeCents is required for a fee' }]);
    const [tenant, person] = await this.personOf(id);
    const portal = person && input.decision !== 'refuse' ? await this.hasPortalAccess(request.customerId!) : false;
    const prepared = input.decision === 'fee' ? await this.prepareFee(request.customerId!, input, tenant.language) : null;
    const now = this.clock.now();
    await this.context.transaction(async () => {
      // The request is locked before anything is billed: a second submit waits here and then finds it decided.
      const locked = await this.find(id, true);
      if (!OPEN_STATES.includes(locked.state)) throw new RequestsException(RequestsErrorCode.NotOpen);
      const fee = prepared ? await this.billing.issueWithin(actor, prepared) : undefined;
      if (input.decision === 'refuse') this.repository.update(locked, { state: 'rejected', rejectionReason: input.reason });
      else this.repository.update(locked, { state: 'completed', overrideReason: input.reason, feeInvoiceId: fee?.id ?? null });
      this.repository.update(locked, { repeatDecision: input.decision, decidedBy: by, decidedAt: now });
      const fetch = person && input.decision !== 'refuse' ? await this.exportFetch(locked, portal, by) : undefined;
      if (person) await this.tell(locked, repeatDecisionMail({ ...this.mailContext(tenant, person, locked), decision: input.decision, reason: input.reason, fee, fetch }), `repeat-${input.decision}`);
      this.audit.record({ actor: by, action: `request.access.repeat_${input.decision}`, subjectType: 'request', subjectId: id, fields: ['state', 'repeatDecision'] });
    });
    return this.get(id);
  }

  /** The fee invoice's one line, priced before the decision's transaction opens (at the first VAT rate unless given). */
  private async prepareFee(customerId: string, input: { reason: string; feeCents?: number; vatRate?: number }, language: string) {
    const vatRate = input.vatRate ?? (await this.billing.vatRates()).rates[0]?.vatRate ?? 0;
    const description = asMailLang(language) === 'fi' ? 'Jäljennös rekisteritiedoista (tietosuoja-asetus 15 art. 3 kohta)' : 'Copy of register data (GDPR Art. 15(3))';
    return this.billing.prepareIssue({ customerId, lines: [{ description, quantity: 1, unitPriceCents: input.feeCents!, vatRate }], notes: input.reason });
  }

  /**
   * The owner weighs an objection to processing based on legitimate interest (Art. 21(1)). Upheld: that
   * processing stops for the person, and what stops is recorded (shown on the customer's page, in the portal
   * and the export). Rejected: only for compelling legitimate grounds, which are written and sent to the person
   * with their remedies. Either way the person is told by e-mail in the same transaction.
   */
  async decideObjection(actor: Actor, id: string, input: { decision: ObjectionDecision; reason: string }): Promise<RequestView> {
    const request = await this.find(id);
    if (request.type !== 'objection_legitimate_interest' || !OPEN_STATES.includes(request.state)) throw new RequestsException(RequestsErrorCode.NotLegitimateInterestObjection);
    if (request.state === 'received') throw new RequestsException(RequestsErrorCode.NotVerified);
    const [tenant, person] = await this.personOf(id);
    const reason = input.reason.trim();
    return this.change(id, actor, `objection_${input.decision}`, async (locked) => {
      if (person) await this.tell(locked, objectionDecisionMail({ ...this.mailContext(tenant, person, locked), decision: input.decision, reason }), `objection-${input.decision}`);
      const decided = { objectionDecision: input.decision, decidedBy: actorKey(actor), decidedAt: this.clock.now() };
      return input.decision === 'upheld' ? { ...decided, state: 'completed', objectionEffect: reason } : { ...decided, state: 'rejected', rejectionReason: reason };
    });
  }

  /** Refuses a request with its reasons, which the person gets by e-mail with their remedies (Art. 12(4)). */
  async reject(actor: Actor, id: string, reason: string): Promise<RequestView> {
    const [tenant, person] = await this.personOf(id);
    return this.change(id, actor, 'rejected', async (request) => {
      if (person) await this.tell(request, rejectionMail({ ...this.mailContext(tenant, person, request), reason }), 'rejected');
      return { state: 'rejected', rejectionReason: reason, decidedBy: actorKey(actor), decidedAt: this.clock.now() };
    });
  }

  /**
   * Decides a verified request. Access: served unless the yearly limit is reached (an owner may override with
   * a reason). Erasure: executed in this transaction, refused while invoices are unpaid. Idempotent on retry.
   */
  async complete(actor: Actor, id: string): Promise<RequestView> {
    const by = actorKey(actor);
    // Read before the erasure, which takes the address with it: the person is told that it happened. The
    // tenant's language also names a restriction whose request gave no reason.
    const [tenant, person] = await this.personOf(id);
    const current = await this.find(id);
    const portal = person && current.type === 'access' && current.customerId ? await this.hasPortalAccess(current.customerId) : false;
    await this.context.transaction(async () => {
      const request = await this.find(id, true);
      if (request.state === 'completed') return;
      if (!OPEN_STATES.includes(request.state)) throw new RequestsException(RequestsErrorCode.NotOpen);
      if (request.state === 'received') throw new RequestsException(RequestsErrorCode.NotVerified);
      if (request.type === 'objection_legitimate_interest') throw new RequestsException(RequestsErrorCode.ObjectionDecisionNeeded);
      if (request.type === 'access') await this.assertFreeCopy(request);
      if (request.type === 'erasure') await this.erase(actor, request);
      if (request.type === 'restriction') await this.restrict(request, tenant.language, actor);
      this.repository.update(request, { state: 'completed', decidedBy: by, decidedAt: this.clock.now() });
      if (person) {
        const fetch = request.type === 'access' ? await this.exportFetch(request, portal, by) : undefined;
        await this.tell(request, completedMail({ ...this.mailContext(tenant, person, request), fetch }), 'completed');
      }
      this.audit.record({ actor: by, action: `request.${request.type}.completed`, subjectType: 'request', subjectId: id, fields: ['state'] });
    });
    return this.get(id);
  }

  /**
   * Lifts a restriction of processing (Art. 18(3)): the person is told first, with the reason, by e-mail in the
   * tenant's language, queued in the lift's own transaction (it goes exactly when the lift commits). Without
   * an e-mail address on record, staff say how they told the person otherwise.
   */
  async liftRestriction(actor: Actor, customerId: string, input: { reason: string; toldOtherwise?: string }): Promise<CustomerView> {
    const [tenant, customer] = await Promise.all([this.tenancy.get(this.context.tenant.slug), this.customers.get(customerId)]);
    const reason = input.reason.trim();
    const toldOtherwise = input.toldOtherwise?.trim();
    if (customer.restriction && !customer.email && !toldOtherwise) {
      throw new ValidationProblem([{ field: 'toldOtherwise', message: 'the register holds no e-mail address: say how the person was told that the restriction is lifted' }]);
    }
    const now = this.clock.now();
    await this.context.transaction(async () => {
     
      const { before } = await this.customers.liftRestriction(actor, customerId, toldOtherwise ? `${reason} (${toldOtherwise})` : reason, now);
      if (customer.email) {
        const message = restrictionLiftedMail({ to: customer.email, lang: asMailLang(tenant.language), controller: tenant.legalName, since: before.since, reason });
        await this.outbox.enqueue(message, { topic: REQUEST_MAIL_TOPIC, ref: `${before.requestId ?? customerId}:restriction-lifted:${now.getTime()}` });
      }
    });
    return this.customers.get(customerId);
  }

  /** The request, if it is a completed access request of a customer still on record (what an export needs). */
  async exportable(id: string, customerId?: string): Promise<{ customerId: string }> {
    const request = await this.find(id);
    if (customerId && request.customerId !== customerId) throw new NotFoundProblem('request');
    if (request.type !== 'access' || request.state !== 'completed' || !request.customerId) throw new RequestsException(RequestsErrorCode.ExportUnavailable);
    return { customerId: request.customerId };
  }

  async forCustomer(customerId: string): Promise<RequestView[]> {
    return this.views(await this.repository.forCustomer(customerId));
  }

  async erasureLedger(): Promise<{ customerId: string; requestId: string | null; erasedAt: Date; invoicesRetained: number }[]> {
    return this.repository.erasureLedger();
  }

  /** An access request beyond the free copies is not served (nor refused) by a plain completion: the owner decides. */
  private async assertFreeCopy(request: DataSubjectRequest): Promise<void> {
    if (!(await this.beyondFreeCopies([request])).has(request.id)) return;
    const perYear = await this.settings.accessRequestsPerYear();
    throw new RequestsException(
      RequestsErrorCode.RepeatAccessDecision,
      `The statement promises ${perYear} free cop${perYear === 1 ? 'y' : 'ies'} in twelve months and the person has had them. The owner decides: serve it, serve it for a reasonable fee, or refuse it with a reason.`,
      { accessRequestsPerYear: perYear },
    );
  }

  /**
   * Which of these open access requests come beyond the free copies a year: the person has had that many
   * access requests served in the twelve calendar months before now (on the clock tests can set).
   */
  private async beyondFreeCopies(rows: DataSubjectRequest[]): Promise<Set<string>> {
    const open = rows.filter((r) => r.type === 'access' && OPEN_STATES.includes(r.state) && r.customerId);
    if (!open.length) return new Set();
    const perYear = await this.settings.accessRequestsPerYear();
    const since = addMonths(this.clock.now(), -12);
    const served = await this.repository.servedAccessSince([...new Set(open.map((r) => r.customerId!))], since);
    const count = new Map<string, number>();
    for (const r of served) count.set(r.customerId!, (count.get(r.customerId!) ?? 0) + 1);
    return new Set(open.filter((r) => (count.get(r.customerId!) ?? 0) >= perYear).map((r) => r.id));
  }

  /** The tenant (its name and language) and the person's e-mail address, for telling the person. */
  private async personOf(id: string) {
    const request = await this.find(id);
    const [tenant, customer] = await Promise.all([this.tenancy.get(this.context.tenant.slug), request.customerId ? this.customers.get(request.customerId) : null]);
    return [tenant, customer?.email ? { email: customer.email } : null] as const;
  }

  private mailContext(tenant: { legalName: string; language: string }, person: { email: string }, request: DataSubjectRequest): { to: string; lang: MailLang; controller: string; type: string; receivedAt: Date } {
    return { to: person.email, lang: asMailLang(tenant.language), controller: tenant.legalName, type: request.type, receivedAt: request.receivedAt };
  }

  /** The mails queued about this request, from the outbox's records (which hold no addresses). */
  async mails(id: string): Promise<{ event: RequestMailEvent; recipients: 'person' | 'handlers'; messages: number; queuedAt: Date; delivered: number; failed: number }[]> {
    const request = await this.find(id);
    const rows = await this.outbox.history([REQUEST_MAIL_TOPIC, REQUEST_STAFF_TOPIC], request.id);
    return rows.flatMap((r) => {
      const event = r.ref.slice(request.id.length + 1).split(':')[0] as RequestMailEvent;
      if (!REQUEST_MAIL_EVENTS.includes(event)) return [];
      return [{ event, recipients: r.topic === REQUEST_STAFF_TOPIC ? ('handlers' as const) : ('person' as const), messages: r.messages, queuedAt: r.queuedAt, delivered: r.delivered, failed: r.failed }];
    });
  }

  /** Tells the handlers of every tenant's requests due within a week or overdue (for the tenant in scope). */
  async remindDeadlines(): Promise<{ dueSoon: number; overdue: number }> {
    const [soon, overdue] = await Promise.all([this.list({ filter: 'due_soon', limit: 200 }), this.list({ filter: 'overdue', limit: 200 })]);
    await this.notices.remindDeadlines(soon.items, overdue.items);
    return { dueSoon: soon.items.length, overdue: overdue.items.length };
  }

  /** Whether the customer can sign in to the portal (an accepted invitation, not disabled). */
  private async hasPortalAccess(customerId: string): Promise<boolean> {
    return this.repository.hasPortalAccess(customerId);
  }

  /** How the person fetches a served access export: the portal if they can sign in, else a single-use link. */
  private async exportFetch(request: DataSubjectRequest, portal: boolean, actor: string): Promise<ExportFetch> {
    const origin = this.notices.origin();
    const slug = this.context.tenant.slug;
    if (portal) return { portalUrl: `${origin}/t/${slug}/portal/requests` };
    const link = await issueExportLink(this.repository, { requestId: request.id, now: this.clock.now(), actor, origin, slug });
    this.audit.record({ actor, action: 'request.export_link_issued', subjectType: 'request', subjectId: request.id, fields: [] });
    return link;
  }

  /** Queues a message to the person in the open transaction: it goes exactly when the change commits. */
  private async tell(request: DataSubjectRequest, message: MailMessage, event: string): Promise<void> {
    await this.outbox.enqueue(message, { topic: REQUEST_MAIL_TOPIC, ref: `${request.id}:${event}` });
  }

  /**
   * The erasure itself, all in the open transaction: the customer row is taken exclusively (no invoice can
   * be written meanwhile) and the erasure refused while anything is unpaid; then the steps of erasure.ts.
   */
  private async erase(actor: Actor, request: DataSubjectRequest): Promise<void> {
    const customerId = request.customerId;
    if (!customerId) throw new RequestsException(RequestsErrorCode.CustomerErased);
    const customer = await this.customers.lockForErasure(customerId);
    if (!customer) throw new RequestsException(RequestsErrorCode.CustomerErased);
    const unpaid = await this.billing.unpaidInvoices(customerId);
    if (unpaid.length) {
      throw new RequestsException(RequestsErrorCode.UnpaidInvoices, `Erasure is possible once these are paid: ${unpaid.map((i) => `#${i.number}`).join(', ')}.`, { unpaidInvoices: unpaid });
    }
    // What is deleted and what is kept: the one list in erasure.ts, shared with a restore.
    request.details = null;
    await this.erasure.erase(actor, [{ customerId, requestId: request.id, erasedAt: this.clock.now() }]);
    // The platform's copy outlives a restore of this schema, which re-applies it.
    await this.platformLedger.record({ customerId, requestId: request.id });
  }

  /**
   * A completed restriction request marks its customer restricted (Art. 18), in the completion's transaction.
   * The reason is what the person wrote (which processing, why), else the request's name.
   */
  private async restrict(request: DataSubjectRequest, language: string, actor: Actor): Promise<void> {
    if (!request.customerId) throw new RequestsException(RequestsErrorCode.CustomerErased);
    const reason = request.details?.trim() || requestTypeName('restriction', asMailLang(language));
    await this.customers.restrict(actor, request.customerId, { reason, requestId: request.id, at: this.clock.now() });
  }

  /** The views of these requests, with their customers' names (one query for the lot). */
  private async views(rows: DataSubjectRequest[], now: Date = this.clock.now()): Promise<RequestView[]> {
    const [names, beyond] = await Promise.all([this.customers.namesOf(rows.flatMap((r) => (r.customerId ? [r.customerId] : []))), this.beyondFreeCopies(rows)]);
    return rows.map((r) => toView(r, now, names, beyond));
  }

  /** Changes an open request in one transaction, under its row lock; `next` may queue mail in the same transaction. */
  private async change(id: string, actor: Actor, action: string, next: (r: DataSubjectRequest) => Partial<DataSubjectRequest> | Promise<Partial<DataSubjectRequest>>): Promise<RequestView> {
    await this.context.transaction(async () => {
      const request = await this.find(id, true);
      if (!OPEN_STATES.includes(request.state)) throw new RequestsException(RequestsErrorCode.NotOpen);
      this.repository.update(request, await next(request));
      this.audit.record({ actor: actorKey(actor), action: `request.${action}`, subjectType: 'request', subjectId: id, fields: ['state'] });
    });
    return this.get(id);
  }

  /** The request, read afresh; `lock` takes it for update (inside a transaction). 404 when there is none. */
  private async find(id: string, lock = false): Promise<DataSubjectRequest> {
    const request = await this.repository.find(id, lock);
    if (!request) throw new NotFoundProblem('request');
    return request;
  }
}
