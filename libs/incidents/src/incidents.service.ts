// Breach notification (privacy statement section 9; GDPR Art. 33-34): platform admins open an incident,
// notify every affected customer and each affected controller through the e-mail outbox, track the
// 72-hour clock for the controllers, and later send the same people a follow-up on what was done.
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, CLOCK_SKEW_MS, decodeCursor, type FieldError, ForbiddenProblem, NotFoundProblem, type Page, type PlatformPrincipal, type Principal, toPage, ValidationProblem } from '@app/core';
import { CustomersService } from '@app/customers';
import { OutboxService, type MailMessage, type OutboxItem } from '@app/mail';
import { TenancyService, TenantContext, tenantSchemaName, type TenantScope, type TenantView } from '@app/tenancy';
import { controllerClock, incidentClock } from './incident-clock';
import { controllerFollowUp, controllerNotice, customerFollowUp, customerNotice, type ControllerFacts, type IncidentFacts, type Lang, type NoticeText } from './incident-texts';
import { asLang, type IncidentTenantView, type IncidentView, noticeCounts, type TenantIncidentView } from './incident-views';
import { IncidentsErrorCode, IncidentsException } from './incidents.errors';
import { type IncidentRow, IncidentsStore, type NewNotification, type NoticeKind } from './incidents.store';
import type { CreateIncidentDto, FollowUpDto } from './dto/incident.dto';

/** The outbox topic of incident notices: their delivery outcomes come back to this module. */
export const INCIDENT_TOPIC = 'incident';

function requireAdmin(actor: Principal | undefined): PlatformPrincipal {
  if (actor?.kind !== 'platform' || !actor.roles.includes('platform_admin')) throw new ForbiddenProblem();
  return actor;
}

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

function mail(to: string, notice: NoticeText, lang: Lang, incidentId: string): MailMessage {
  return {
    to,
    subject: notice.subject,
    text: notice.text,
    headers: { 'Content-Language': lang, 'Auto-Submitted': 'auto-generated', 'X-Rekisteri-Incident': incidentId },
  };
}

@Injectable()
export class IncidentsService implements OnModuleInit {
  private readonly logger = new Logger('Incidents');

  constructor(
    private readonly store: IncidentsStore,
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
  async create(actor: Principal | undefined, dto: CreateIncidentDto, now: Date = this.clock.now()): Promise<IncidentView> {
    const admin = requireAdmin(actor);
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
    await this.store.transaction((tx) => this.store.insert(tx, incident, tenants.map((t) => t.id)));
    this.logger.log({ incident: id, tenants: tenants.length }, 'incident opened');
    return this.view(await this.find(id), now);
  }

  async get(actor: Principal | undefined, id: string, now: Date = this.clock.now()): Promise<IncidentView> {
    requireAdmin(actor);
    return this.view(await this.find(id), now);
  }

  /** Every incident, newest first, each with its clock and delivery counts. */
  async list(actor: Principal | undefined, page: { limit?: number; cursor?: string }, now: Date = this.clock.now()): Promise<Page<IncidentView>> {
    requireAdmin(actor);
    const limit = page.limit ?? 50;
    const rows = await this.store.page(limit + 1, page.cursor ? decodeCursor(page.cursor) : undefined);
    const result = toPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
    return { items: await Promise.all(result.items.map((row) => this.view(row, now))), nextCursor: result.nextCursor };
  }

  /**
   * Queues the notice to every customer with an e-mail address in each affected tenant, and to each
   * tenant's controller. Idempotent: a person already notified is never notified again, so running it
   * again only reaches those missed (a tenant that failed, a customer added since).
   */
  async notify(actor: Principal | undefined, id: string): Promise<IncidentView> {
    requireAdmin(actor);
    const incident = await this.find(id);
    if (incident.status === 'followed_up') throw new IncidentsException(IncidentsErrorCode.FollowedUp);
    for (const tenant of await this.affectedTenants(id)) {
      const recipients = await this.context.run(scopeOf(tenant), () => this.customers.emailRecipients());
      const queued = await this.send(incident, tenant, 'initial', recipients);
      this.logger.log({ incident: id, tenant: tenant.slug, queued }, 'incident notices queued');
    }
    await this.store.markNotified(id);
    return this.view(await this.find(id), this.clock.now());
  }

  /**
   * Records the countermeasures and sends the follow-up to exactly those who got the initial notice
   * (at their current address; erased customers are skipped), once. Repeating it with the same text
   * completes an interrupted run; other text is refused.
   */
  async followUp(actor: Principal | undefined, id: string, dto: FollowUpDto): Promise<IncidentView> {
    requireAdmin(actor);
    const countermeasures = { fi: dto.countermeasures.fi, en: dto.countermeasures.en };
    const incident = await this.store.transaction(async (tx) => {
      const row = await this.store.find(id, tx);
      if (!row) throw new NotFoundProblem('incident');
      const links = await this.store.tenants(id);
      if (!row.notifiedAt || links.some((l) => !l.controllerNotifiedAt)) throw new IncidentsException(IncidentsErrorCode.NotNotified);
      if (row.countermeasures) {
        if (row.countermeasures.fi !== countermeasures.fi || row.countermeasures.en !== countermeasures.en) throw new IncidentsException(IncidentsErrorCode.FollowUpDiffers);
        return row;
      }
      await this.store.recordFollowUp(tx, id, countermeasures);
      return { ...row, countermeasures };
    });
    for (const tenant of await this.affectedTenants(id)) {
      const notified = await this.store.initialRecipients(id, tenant.id);
      const recipients = notified.length ? await this.context.run(scopeOf(tenant), () => this.customers.emailRecipients(notified)) : [];
      const queued = await this.send(incident, tenant, 'follow_up', recipients);
      this.logger.log({ incident: id, tenant: tenant.slug, queued }, 'incident follow-ups queued');
    }
    return this.view(await this.find(id), this.clock.now());
  }

  /** The incidents that concern the tenant in scope, newest first; never another tenant's. */
  async forTenant(page: { limit?: number; cursor?: string }, now: Date = this.clock.now()): Promise<Page<TenantIncidentView>> {
    const { tenantId } = this.context.tenant;
    const limit = page.limit ?? 50;
    const rows = await this.store.pageForTenant(tenantId, limit + 1, page.cursor ? decodeCursor(page.cursor) : undefined);
    const result = toPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
    const counts = await this.store.deliveryCounts(result.items.map((r) => r.id), tenantId);
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
    }));
    return { items, nextCursor: result.nextCursor };
  }

  /**
   * Records and queues one kind of notice for one tenant, in one transaction under the tenant's row lock:
   * the notification rows and their outbox jobs exist together or not at all. Returns how many were queued.
   */
  private async send(incident: IncidentRow, tenant: TenantView, kind: NoticeKind, recipients: { id: string; email: string }[]): Promise<number> {
    const lang = asLang(tenant.language);
    const facts = factsOf(incident);
    const controller = controllerOf(tenant);
    const [customerText, controllerText] =
      kind === 'initial'
        ? [customerNotice(facts, controller, lang), controllerNotice(facts, controller, lang, recipients.length)]
        : [customerFollowUp(facts, controller, lang), controllerFollowUp(facts, controller, lang, recipients.length)];
    const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
    return this.store.transaction(async (tx) => {
      const link = await this.store.lockTenant(tx, incident.id, tenant.id);
      if (kind === 'follow_up' && link.followUpSentAt) return 0;
      const wanted: NewNotification[] = [
        ...recipients.map((r) => ({ id: randomUUID(), recipient: 'customer' as const, customerId: r.id })),
        { id: randomUUID(), recipient: 'controller', customerId: null },
      ];
      const inserted = await this.store.insertNotifications(tx, incident.id, tenant.id, kind, wanted);
      const items: OutboxItem[] = inserted.map((n) => ({
        id: n.id,
        ref: n.id,
        message: n.customerId ? mail(emailOf.get(n.customerId)!, customerText, lang, incident.id) : mail(tenant.contactEmail, controllerText, lang, incident.id),
      }));
      await this.outbox.enqueueMany(INCIDENT_TOPIC, items, tx);
      await this.store.markTenant(tx, incident.id, tenant.id, kind === 'initial' ? 'controller_notified_at' : 'follow_up_sent_at');
      return items.length;
    });
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
        },
        customers: noticeCounts(counts.filter((c) => c.tenantId === tenant.id && c.recipient === 'customer')),
      };
    });
    return {
      ...incident,
      clock: incidentClock(incident.discoveredAt, views.map((v) => v.controller.clock), now),
      tenants: views,
      customers: noticeCounts(counts.filter((c) => c.recipient === 'customer')),
    };
  }
}
