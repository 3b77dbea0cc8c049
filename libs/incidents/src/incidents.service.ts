// Breach notification (privacy statement section 9; GDPR Art. 33-34; issue 14 item 9): platform admins record
// an incident, inform each affected controller (the 72-hour clock per controller runs from discovery), and draft
// a notice per tenant: its text and the customers it goes to (all, by criteria, or a list). The tenant's owner
// approves the text and the recipients, or rejects them with a reason; only an approved notice is sent, except
// that when the owner has not answered by the approval deadline a platform admin may send it with a recorded
// justification. Any number of follow-ups, each approved on its own. Every step is in the incident's audit
// trail, and each customer's delivery (queued, sent, failed) comes back from the outbox.
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock, CLOCK_SKEW_MS, decodeCursor, type FieldError, NotFoundProblem, type Page, type PlatformPrincipal, requireAccess, toPage, type TenantStaffPrincipal, ValidationProblem } from '@app/core';
import { CustomersService } from '@app/customers';
import { OutboxService, type MailMessage } from '@app/mail';
import { TenancyService, TenantContext, tenantSchemaName, type TenantScope, type TenantView } from '@app/tenancy';
import { CONTROLLER_DEADLINE_HOURS, controllerClock, incidentClock } from './incident-clock';
import { approvalRequest, controllerNotice, customerNotice, noticeSubject, type ControllerFacts, type IncidentFacts, type Lang, type NoticeText } from './incident-texts';
import { asLang, deliveryCounts, deliveryStatus, type IncidentTenantView, type IncidentView, noticeCounts, type NoticeView, type TenantIncidentView, type TenantNoticeView } from './incident-views';
import { IncidentsErrorCode, IncidentsException } from './incidents.errors';
import { type DeliveryRow, type IncidentRow, IncidentsRepository, type NoticeKind, type NoticeRow, type RecipientSelection } from './incidents.repository';
import type { ApproveNoticeDto, CreateIncidentDto, CreateNoticeDto, RejectNoticeDto, SendNoticeDto, SubmitNoticeDto, UpdateNoticeDto } from './dto/incident.dto';

/** The outbox topic of incident notices: their delivery outcomes come back to this module. */
export const INCIDENT_TOPIC = 'incident';

/** Every step of an incident is a platform admin's, except the owner's answer to a notice. */
const ADMIN = { realm: 'platform', roles: ['platform_admin'] } as const;

/** Hours the owner has to answer a notice sent for approval, unless the admin sets another (1-72). */
export const DEFAULT_APPROVAL_HOURS = 24;

/** Who did it, for the incident's audit trail: the principal's key, and the name people read. */
function actorOf(actor: PlatformPrincipal | TenantStaffPrincipal): { actor: string; actorName: string } {
  return { actor: actorKey(actor), actorName: actor.name };
}

type Candidate = { id: string; name: string; email: string | null };

function scopeOf(tenant: TenantView): TenantScope {
  return { tenantId: tenant.id, slug: tenant.slug, schema: tenantSchemaName(tenant.id) };
}

function controllerOf(tenant: TenantView): ControllerFacts {
  const { legalName, contactPerson, contactEmail, streetAddress, postalCode, city } = tenant;
  return { legalName, contactPerson, contactEmail, streetAddress, postalCode, city };
}

function factsOf(incident: IncidentRow): IncidentFacts {
  const { id, title, whatHappened, occurredAt, discoveredAt, dataCategories, countermeasures } = incident;
  return { id, title, whatHappened, occurredAt, discoveredAt, dataCategories, countermeasures };
}

function mail(to: string, notice: NoticeText, lang: Lang, incidentId: string, noticeId?: string): MailMessage {
  return {
    to,
    subject: notice.subject,
    text: notice.text,
    headers: { 'Content-Language': lang, 'Auto-Submitted': 'auto-generated', 'X-Rekisteri-Incident': incidentId, ...(noticeId ? { 'X-Rekisteri-Notice': noticeId } : {}) },
  };
}

/** The selection's own rules, beyond the DTO's: criteria name a period, and a period that is one. */
function selectionErrors(selection: RecipientSelection, kind: NoticeKind): FieldError[] {
  const errors: FieldError[] = [];
  if (selection.mode === 'criteria') {
    if (!selection.registeredAfter && !selection.registeredBefore) errors.push({ field: 'selection', message: 'criteria must name registeredAfter, registeredBefore or both' });
    if (selection.registeredAfter && selection.registeredBefore && new Date(selection.registeredAfter) >= new Date(selection.registeredBefore)) {
      errors.push({ field: 'selection.registeredBefore', message: 'registeredBefore must be after registeredAfter' });
    }
  }
  if (selection.mode === 'notified' && kind === 'initial') errors.push({ field: 'selection.mode', message: 'an initial notice cannot go to those already notified' });
  return errors;
}

/** Keeps only what the mode uses, so that a stored selection says exactly what was chosen. */
function cleanSelection(s: RecipientSelection): RecipientSelection {
  if (s.mode === 'criteria') return { mode: s.mode, ...(s.registeredAfter ? { registeredAfter: s.registeredAfter } : {}), ...(s.registeredBefore ? { registeredBefore: s.registeredBefore } : {}) };
  if (s.mode === 'list') return { mode: s.mode, customerIds: [...(s.customerIds ?? [])].sort() };
  return { mode: s.mode };
}

@Injectable()
export class IncidentsService implements OnModuleInit {
  private readonly logger = new Logger('Incidents');

  constructor(
    private readonly store: IncidentsRepository,
    private readonly tenancy: TenancyService,
    private readonly context: TenantContext,
    private readonly customers: CustomersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.outbox.onOutcome(INCIDENT_TOPIC, (outcome, message) =>
      this.store.recordOutcome(message.id, outcome.status === 'delivered' ? { deliveredAt: outcome.at } : { error: outcome.error }),
    );
  }

  /**
   * Opens an incident. Its times are bounded: discovered not in the future (the 72-hour clock runs from it),
   * occurred not after discovery, and not before the earliest affected tenant was onboarded (its data was
   * not here to breach before then).
   */
  async create(actor: Actor, dto: CreateIncidentDto, now: Date = this.clock.now()): Promise<IncidentView> {
    const admin = requireAccess(actor, ADMIN);
    const occurredAt = new Date(dto.occurredAt);
    const discoveredAt = new Date(dto.discoveredAt);
    const tenants = await this.tenancy.findMany({ slugs: dto.tenants });
    const errors: FieldError[] = [];
    if (occurredAt > discoveredAt) errors.push({ field: 'occurredAt', message: 'occurredAt must not be after discoveredAt' });
    const firstOnboarded = tenants.length ? new Date(Math.min(...tenants.map((t) => t.createdAt.getTime()))) : null;
    if (firstOnboarded && occurredAt.getTime() < firstOnboarded.getTime() - CLOCK_SKEW_MS) {
      errors.push({ field: 'occurredAt', message: `occurredAt must not be before the affected tenants were onboarded (the first on ${firstOnboarded.toISOString()})` });
    }
    if (discoveredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: 'discoveredAt', message: 'discoveredAt must not be in the future' });
    const unknown = dto.tenants.filter((slug) => !tenants.some((t) => t.slug === slug));
    if (unknown.length) errors.push({ field: 'tenants', message: `no tenants by these slugs: ${unknown.join(', ')}` });
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    const incident = { id, title: dto.title, whatHappened: { fi: dto.whatHappened.fi, en: dto.whatHappened.en }, occurredAt, discoveredAt, dataCategories: dto.dataCategories, createdBy: admin.id };
    await this.store.transaction(() => this.store.insert(incident, tenants.map((t) => t.id)));
    this.logger.log({ incident: id, tenants: tenants.length }, 'incident opened');
    return this.view(await this.find(id), now);
  }

  async get(actor: Actor, id: string, now: Date = this.clock.now()): Promise<IncidentView> {
    requireAccess(actor, ADMIN);
    return this.view(await this.find(id), now);
  }

  /** Every incident, newest first, each with its clock and delivery counts. */
  async list(actor: Actor, page: { limit?: number; cursor?: string }, now: Date = this.clock.now()): Promise<Page<IncidentView>> {
    requireAccess(actor, ADMIN);
    const limit = page.limit ?? 50;
    const rows = await this.store.page(limit + 1, page.cursor ? decodeCursor(page.cursor) : undefined);
    const result = toPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
    return { items: await Promise.all(result.items.map((row) => this.view(row, now))), nextCursor: result.nextCursor };
  }

  /**
   * Informs each affected controller (the tenant's contact) of the breach: the delivered notice stops its
   * 72-hour clock. Idempotent: a controller already informed is not written to again.
   */
  async informControllers(actor: Actor, id: string, now: Date = this.clock.now()): Promise<IncidentView> {
    const admin = requireAccess(actor, ADMIN);
    const incident = await this.find(id);
    for (const tenant of await this.affectedTenants(id)) {
      const lang = asLang(tenant.language);
      await this.store.transaction(async () => {
        const link = await this.store.lockTenant(id, tenant.id);
        if (link.controllerNotifiedAt) return;
        const [row] = await this.store.insertNotifications(id, tenant.id, 'initial', null, [{ id: randomUUID(), recipient: 'controller', customerId: null }]);
        if (!row) return;
        await this.outbox.enqueueMany(INCIDENT_TOPIC, [{ id: row.id, ref: row.id, message: mail(tenant.contactEmail, controllerNotice(factsOf(incident), controllerOf(tenant), lang), lang, id) }]);
        await this.store.markTenant(id, tenant.id, 'controller_notified_at');
        await this.store.recordEvent({ incidentId: id, tenantId: tenant.id, noticeId: null, ...actorOf(admin), action: 'controller_informed', detail: null, occurredAt: now });
      });
    }
    return this.view(await this.find(id), now);
  }

  /**
   * Drafts a notice to one affected tenant's customers. An initial notice's text, when not given, is drafted
   * from the incident; a follow-up needs its own, and an initial notice sent to the tenant before it.
   */
  async draftNotice(actor: Actor, id: string, dto: CreateNoticeDto, now: Date = this.clock.now()): Promise<NoticeView> {
    const admin = requireAccess(actor, ADMIN);
    const incident = await this.find(id);
    const tenant = (await this.affectedTenants(id)).find((t) => t.slug === dto.tenant);
    const errors = tenant ? selectionErrors(dto.selection, dto.kind) : [{ field: 'tenant', message: `the incident does not concern ${dto.tenant}` }];
    if (dto.kind === 'follow_up' && !dto.text) errors.push({ field: 'text', message: 'a follow-up needs its text' });
    if (errors.length) throw new ValidationProblem(errors);
    if (dto.kind === 'follow_up' && !(await this.store.notices([id], tenant!.id)).some((n) => n.kind === 'initial' && n.status === 'sent')) {
      throw new IncidentsException(IncidentsErrorCode.NotNotified);
    }
    const selection = cleanSelection(dto.selection);
    await this.checkListed(tenant!, selection);
    const facts = factsOf(incident);
    const text = dto.text ? { fi: dto.text.fi, en: dto.text.en } : { fi: customerNotice(facts, controllerOf(tenant!), 'fi').text, en: customerNotice(facts, controllerOf(tenant!), 'en').text };
    const noticeId = randomUUID();
    await this.store.transaction(async () => {
      await this.store.insertNotice({ id: noticeId, incidentId: id, tenantId: tenant!.id, kind: dto.kind, text, selection, createdBy: admin.id, createdAt: now });
      await this.store.recordEvent({ incidentId: id, tenantId: tenant!.id, noticeId, ...actorOf(admin), action: 'notice_drafted', detail: dto.kind, occurredAt: now });
    });
    return this.noticeView(id, noticeId, now);
  }

  /** Changes a draft, or redrafts a rejected notice (which becomes a draft again). */
  async updateNotice(actor: Actor, id: string, noticeId: string, dto: UpdateNoticeDto, now: Date = this.clock.now()): Promise<NoticeView> {
    const admin = requireAccess(actor, ADMIN);
    const current = await this.findNotice(id, noticeId);
    const errors = selectionErrors(dto.selection, current.kind);
    if (errors.length) throw new ValidationProblem(errors);
    const selection = cleanSelection(dto.selection);
    await this.checkListed(await this.tenantOf(current), selection);
    await this.store.transaction(async () => {
      const notice = await this.lockNotice(id, noticeId, dto.version);
      if (notice.status !== 'draft' && notice.status !== 'rejected') throw new IncidentsException(IncidentsErrorCode.NoticeNotEditable);
      await this.store.updateNotice(noticeId, { status: 'draft', text_fi: dto.text.fi, text_en: dto.text.en, selection, rejection_reason: null, recipient_ids: null, submitted_at: null, submitted_by: null, approval_due_at: null, decided_at: null, decided_by: null });
      await this.store.recordEvent({ incidentId: id, tenantId: notice.tenantId, noticeId, ...actorOf(admin), action: 'notice_updated', detail: null, occurredAt: now });
    });
    return this.noticeView(id, noticeId, now);
  }

  /**
   * Sends a draft for the owner's approval: the customers the selection reaches now (with an e-mail address)
   * are frozen as its recipients, and the owner is asked by e-mail to answer by the approval deadline.
   */
  async submitNotice(actor: Actor, id: string, noticeId: string, dto: SubmitNoticeDto, now: Date = this.clock.now()): Promise<NoticeView> {
    const admin = requireAccess(actor, ADMIN);
    const incident = await this.find(id);
    const current = await this.findNotice(id, noticeId);
    const tenant = await this.tenantOf(current);
    const reachable = (await this.candidates(tenant, id, current.selection)).filter((c) => c.email);
    if (reachable.length === 0) throw new IncidentsException(IncidentsErrorCode.NoticeNoRecipients);
    const dueAt = new Date(now.getTime() + (dto.approvalHours ?? DEFAULT_APPROVAL_HOURS) * 3_600_000);
    const lang = asLang(tenant.language);
    await this.store.transaction(async () => {
      const notice = await this.lockNotice(id, noticeId, dto.version);
      if (notice.status !== 'draft') throw new IncidentsException(IncidentsErrorCode.NoticeNotDraft);
      await this.store.updateNotice(noticeId, { status: 'pending_approval', recipient_ids: reachable.map((c) => c.id), submitted_by: admin.id, submitted_at: now, approval_due_at: dueAt });
      const request = approvalRequest(incident, controllerOf(tenant), lang, reachable.length, dueAt);
      await this.outbox.enqueueMany(INCIDENT_TOPIC, [{ message: mail(tenant.contactEmail, request, lang, id, noticeId) }]);
      await this.store.recordEvent({ incidentId: id, tenantId: tenant.id, noticeId, ...actorOf(admin), action: 'notice_submitted', detail: `${reachable.length} recipients; answer by ${dueAt.toISOString()}`, occurredAt: now });
    });
    return this.noticeView(id, noticeId, now);
  }

  /**
   * Sends a notice to its frozen recipients (at their current address; erased customers are skipped): an
   * approved one, or one the owner has not answered by its deadline, with the admin's justification recorded.
   * Each customer gets it once however often this is called. The addresses are read before the notice is locked
   * (from the tenant's schema, on another connection); under the lock the frozen list is compared with the one
   * read, and a notice whose list changed meanwhile answers 409 rather than going to the wrong people.
   */
  async sendNotice(actor: Actor, id: string, noticeId: string, dto: SendNoticeDto, now: Date = this.clock.now()): Promise<NoticeView> {
    const admin = requireAccess(actor, ADMIN);
    const current = await this.findNotice(id, noticeId);
    const tenant = await this.tenantOf(current);
    const recipients = current.recipientIds?.length ? await this.context.run(scopeOf(tenant), () => this.customers.noticeCandidates({ ids: current.recipientIds! })) : [];
    const lang = asLang(tenant.language);
    await this.store.transaction(async () => {
      const notice = await this.lockNotice(id, noticeId);
      if (notice.status === 'sent') throw new IncidentsException(IncidentsErrorCode.NoticeSent);
      if (!sameIds(notice.recipientIds, current.recipientIds)) throw new IncidentsException(IncidentsErrorCode.NoticeChanged, 'Its recipients changed while it was being sent; send it again.');
      const overdue = notice.status === 'pending_approval' && notice.approvalDueAt !== null && now.getTime() >= notice.approvalDueAt.getTime();
      if (notice.status !== 'approved') {
        if (!overdue) throw new IncidentsException(IncidentsErrorCode.NoticeNotApproved, notice.status === 'pending_approval' ? `The owner has until ${notice.approvalDueAt!.toISOString()} to answer.` : undefined);
        if (!dto.justification) throw new ValidationProblem([{ field: 'justification', message: 'sending without the owner’s approval needs a justification' }]);
      }
      const reachable = recipients.filter((r): r is typeof r & { email: string } => r.email !== null);
      const inserted = await this.store.insertNotifications(id, tenant.id, notice.kind, noticeId, reachable.map((r) => ({ id: randomUUID(), recipient: 'customer' as const, customerId: r.id })));
      const emailOf = new Map(reachable.map((r) => [r.id, r.email]));
      const text = { subject: noticeSubject(notice.kind, controllerOf(tenant), lang), text: notice.text[lang] };
      await this.outbox.enqueueMany(INCIDENT_TOPIC, inserted.map((n) => ({ id: n.id, ref: n.id, message: mail(emailOf.get(n.customerId!)!, text, lang, id, noticeId) })));
      const justification = notice.status === 'approved' ? null : dto.justification!;
      await this.store.updateNotice(noticeId, { status: 'sent', sent_at: now, sent_by: admin.id, send_justification: justification });
      await this.store.markSent(id, notice.kind, now);
      if (notice.kind === 'follow_up') await this.store.markTenant(id, tenant.id, 'follow_up_sent_at');
      await this.store.recordEvent({
        incidentId: id,
        tenantId: tenant.id,
        noticeId,
        ...actorOf(admin),
        action: justification ? 'notice_sent_without_approval' : 'notice_sent',
        detail: justification ? `${inserted.length} recipients; ${justification}` : `${inserted.length} recipients`,
        occurredAt: now,
      });
      this.logger.log({ incident: id, tenant: tenant.slug, notice: noticeId, queued: inserted.length, override: !!justification }, 'incident notices queued');
    });
    return this.noticeView(id, noticeId, now);
  }

  /** A notice sent for approval to the tenant in scope, with each recipient by name and address. */
  async tenantNotice(noticeId: string, now: Date = this.clock.now()): Promise<TenantNoticeView> {
    const notice = await this.ownNotice(noticeId);
    const incident = await this.find(notice.incidentId);
    const tenant = (await this.tenancy.findMany({ ids: [notice.tenantId] }))[0];
    const deliveries = await this.store.deliveries([notice.id]);
    const people = notice.recipientIds?.length ? await this.customers.noticeCandidates({ ids: notice.recipientIds }) : [];
    const { deliveries: _omit, slug: _slug, legalName: _name, tenantId: _tenant, ...view } = this.toNoticeView(notice, tenant, deliveries, null, now);
    return {
      ...view,
      incidentTitle: incident.title,
      recipientList: (notice.recipientIds ?? []).map((customerId) => {
        const person = people.find((p) => p.id === customerId);
        const delivery = deliveries.find((d) => d.customerId === customerId);
        return { customerId, name: person?.name ?? null, email: person?.email ?? null, delivery: delivery ? deliveryStatus(delivery) : null };
      }),
    };
  }

  /** The owner approves the text and the recipients as read (the version), while the notice awaits approval. */
  async approveNotice(actor: Actor, noticeId: string, dto: ApproveNoticeDto, now: Date = this.clock.now()): Promise<TenantNoticeView> {
    return this.decide(actor, noticeId, dto.version, { status: 'approved' }, now);
  }

  /** The owner rejects the notice with a reason; a platform admin redrafts it and sends it again. */
  async rejectNotice(actor: Actor, noticeId: string, dto: RejectNoticeDto, now: Date = this.clock.now()): Promise<TenantNoticeView> {
    return this.decide(actor, noticeId, dto.version, { status: 'rejected', rejection_reason: dto.reason }, now);
  }

  private async decide(actor: Actor, noticeId: string, version: number, set: { status: 'approved' | 'rejected'; rejection_reason?: string }, now: Date): Promise<TenantNoticeView> {
    const { tenantId } = this.context.tenant;
    const owner = requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId });
    const current = await this.ownNotice(noticeId);
    await this.store.transaction(async () => {
      const notice = await this.lockNotice(current.incidentId, noticeId, version);
      if (notice.status !== 'pending_approval') throw new IncidentsException(IncidentsErrorCode.NoticeNotPending);
      await this.store.updateNotice(noticeId, { ...set, decided_by: owner.id, decided_at: now });
      await this.store.recordEvent({
        incidentId: notice.incidentId,
        tenantId,
        noticeId,
        ...actorOf(owner),
        action: set.status === 'approved' ? 'notice_approved' : 'notice_rejected',
        detail: set.rejection_reason ?? null,
        occurredAt: now,
      });
    });
    return this.tenantNotice(noticeId, now);
  }

  /** The incidents that concern the tenant in scope, newest first; never another tenant's. */
  async forTenant(page: { limit?: number; cursor?: string }, now: Date = this.clock.now()): Promise<Page<TenantIncidentView>> {
    const { tenantId } = this.context.tenant;
    const limit = page.limit ?? 50;
    const rows = await this.store.pageForTenant(tenantId, limit + 1, page.cursor ? decodeCursor(page.cursor) : undefined);
    const result = toPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
    const counts = await this.store.deliveryCounts(result.items.map((r) => r.id), tenantId);
    const notices = (await this.store.notices(result.items.map((r) => r.id), tenantId)).filter((n) => n.status !== 'draft');
    const items = result.items.map((r) => ({
      id: r.id,
      title: r.title,
      whatHappened: r.whatHappened,
      occurredAt: r.occurredAt,
      discoveredAt: r.discoveredAt,
      dataCategories: r.dataCategories,
      status: r.status,
      notifiedAt: r.notifiedAt,
      countermeasures: r.countermeasures,
      followedUpAt: r.followedUpAt,
      controllerInformedAt: r.controllerInformedAt,
      clock: controllerClock(r.discoveredAt, r.controllerInformedAt, now),
      customers: noticeCounts(counts.filter((c) => c.incidentId === r.id && c.recipient === 'customer')),
      notices: notices
        .filter((n) => n.incidentId === r.id)
        .map((n) => ({ id: n.id, kind: n.kind, status: n.status, submittedAt: n.submittedAt, approvalDueAt: n.approvalDueAt, recipients: n.recipientIds?.length ?? 0, sentAt: n.sentAt })),
    }));
    return { items, nextCursor: result.nextCursor };
  }

  /** The customers a selection reaches in the tenant now, with their addresses (null: no e-mail). */
  private async candidates(tenant: TenantView, incidentId: string, selection: RecipientSelection): Promise<Candidate[]> {
    const ids = selection.mode === 'list' ? selection.customerIds! : selection.mode === 'notified' ? await this.store.initialRecipients(incidentId, tenant.id) : undefined;
    if (ids && ids.length === 0) return [];
    const filter = selection.mode === 'criteria' ? { registeredAfter: selection.registeredAfter ? new Date(selection.registeredAfter) : undefined, registeredBefore: selection.registeredBefore ? new Date(selection.registeredBefore) : undefined } : { ids };
    return this.context.run(scopeOf(tenant), () => this.customers.noticeCandidates(filter));
  }

  /** A list must name the tenant's own customers: an id that is none is an error, not silently dropped. */
  private async checkListed(tenant: TenantView, selection: RecipientSelection): Promise<void> {
    if (selection.mode !== 'list') return;
    const found = new Set((await this.context.run(scopeOf(tenant), () => this.customers.noticeCandidates({ ids: selection.customerIds! }))).map((c) => c.id));
    const unknown = selection.customerIds!.filter((cid) => !found.has(cid));
    if (unknown.length) throw new ValidationProblem([{ field: 'selection.customerIds', message: `not customers of ${tenant.slug}: ${unknown.slice(0, 20).join(', ')}` }]);
  }

  private async findNotice(incidentId: string, noticeId: string): Promise<NoticeRow> {
    const notice = await this.store.findNotice(noticeId);
    if (!notice || notice.incidentId !== incidentId) throw new NotFoundProblem('notice');
    return notice;
  }

  /** Locks the notice for the rest of the open transaction; with a version, refuses one changed since the caller read it. */
  private async lockNotice(incidentId: string, noticeId: string, version?: number): Promise<NoticeRow> {
    const notice = await this.store.lockNotice(noticeId);
    if (!notice || notice.incidentId !== incidentId) throw new NotFoundProblem('notice');
    if (version !== undefined && notice.version !== version) throw new IncidentsException(IncidentsErrorCode.NoticeChanged, `The notice is at version ${notice.version}; read it again.`);
    return notice;
  }

  /** A notice of the tenant in scope that was sent for its approval; any other is not found (never another tenant's). */
  private async ownNotice(noticeId: string): Promise<NoticeRow> {
    const notice = await this.store.findNotice(noticeId);
    if (!notice || notice.tenantId !== this.context.tenant.tenantId || notice.status === 'draft') throw new NotFoundProblem('notice');
    return notice;
  }

  private async tenantOf(notice: NoticeRow): Promise<TenantView> {
    const [tenant] = await this.tenancy.findMany({ ids: [notice.tenantId] });
    if (!tenant) throw new NotFoundProblem('tenant');
    return tenant;
  }

  private async noticeView(incidentId: string, noticeId: string, now: Date): Promise<NoticeView> {
    const notice = await this.findNotice(incidentId, noticeId);
    const tenant = await this.tenantOf(notice);
    const live = notice.status === 'draft' ? await this.candidates(tenant, incidentId, notice.selection) : null;
    return this.toNoticeView(notice, tenant, await this.store.deliveries([noticeId]), live, now);
  }

  private toNoticeView(notice: NoticeRow, tenant: TenantView, deliveries: DeliveryRow[], live: Candidate[] | null, now: Date): NoticeView {
    const reachable = live ? live.filter((c) => c.email).length : (notice.recipientIds?.length ?? 0);
    return {
      id: notice.id,
      incidentId: notice.incidentId,
      tenantId: tenant.id,
      slug: tenant.slug,
      legalName: tenant.legalName,
      kind: notice.kind,
      status: notice.status,
      text: notice.text,
      language: asLang(tenant.language),
      selection: notice.selection,
      recipients: { reachable, unreachable: live ? live.length - reachable : null },
      createdAt: notice.createdAt,
      submittedAt: notice.submittedAt,
      approvalDueAt: notice.approvalDueAt,
      approvalOverdue: notice.status === 'pending_approval' && notice.approvalDueAt !== null && now.getTime() >= notice.approvalDueAt.getTime(),
      decidedAt: notice.decidedAt,
      rejectionReason: notice.rejectionReason,
      sentAt: notice.sentAt,
      sendJustification: notice.sendJustification,
      version: notice.version,
      delivery: deliveryCounts(deliveries.filter((d) => d.noticeId === notice.id)),
      deliveries: deliveries
        .filter((d) => d.noticeId === notice.id)
        .map((d) => ({ customerId: d.customerId, status: deliveryStatus(d), queuedAt: d.queuedAt, deliveredAt: d.deliveredAt, error: d.error })),
    };
  }

  private async find(id: string): Promise<IncidentRow> {
    const incident = await this.store.find(id);
    if (!incident) throw new NotFoundProblem('incident');
    return incident;
  }

  private async affectedTenants(id: string): Promise<TenantView[]> {
    const links = await this.store.tenants(id);
    return this.tenancy.findMany({ ids: links.map((l) => l.tenantId) });
  }

  private async view(incident: IncidentRow, now: Date): Promise<IncidentView> {
    const links = await this.store.tenants(incident.id);
    const tenants = await this.tenancy.findMany({ ids: links.map((l) => l.tenantId) });
    const counts = await this.store.deliveryCounts([incident.id]);
    const errors = await this.store.controllerErrors(incident.id);
    const views: IncidentTenantView[] = tenants.map((tenant) => {
      const link = links.find((l) => l.tenantId === tenant.id)!;
      const errorOf = (kind: NoticeKind) => errors.find((e) => e.tenantId === tenant.id && e.kind === kind)?.error ?? null;
      return {
        tenantId: tenant.id,
        slug: tenant.slug,
        legalName: tenant.legalName,
        language: asLang(tenant.language),
        controller: {
          notifiedAt: link.controllerNotifiedAt,
          informedAt: link.controllerInformedAt,
          followUpSentAt: link.followUpSentAt,
          deliveryErrors: { initial: errorOf('initial'), followUp: errorOf('follow_up') },
          clock: controllerClock(incident.discoveredAt, link.controllerInformedAt, now),
          authorityDeadline: link.controllerInformedAt ? new Date(link.controllerInformedAt.getTime() + CONTROLLER_DEADLINE_HOURS * 3_600_000) : null,
        },
        customers: noticeCounts(counts.filter((c) => c.tenantId === tenant.id && c.recipient === 'customer')),
      };
    });
    const notices = await this.store.notices([incident.id]);
    const deliveries = await this.store.deliveries(notices.map((n) => n.id));
    const drafts = new Map<string, Candidate[]>();
    for (const n of notices.filter((x) => x.status === 'draft')) drafts.set(n.id, await this.candidates(tenants.find((t) => t.id === n.tenantId)!, incident.id, n.selection));
    const events = await this.store.events(incident.id);
    return {
      ...incident,
      clock: incidentClock(incident.discoveredAt, views.map((v) => v.controller.clock), now),
      tenants: views,
      customers: noticeCounts(counts.filter((c) => c.recipient === 'customer')),
      notices: notices.map((n) => this.toNoticeView(n, tenants.find((t) => t.id === n.tenantId)!, deliveries, drafts.get(n.id) ?? null, now)),
      events: events.map(({ tenantId, noticeId, actorName, action, detail, occurredAt }) => ({ tenantId, noticeId, actorName, action, detail, occurredAt })),
    };
  }
}

/** The same recipients (a frozen list, in any order; none and empty alike). */
function sameIds(a: string[] | null, b: string[] | null): boolean {
  const [x, y] = [[...(a ?? [])].sort(), [...(b ?? [])].sort()];
  return x.length === y.length && x.every((id, i) => id === y[i]);
}
