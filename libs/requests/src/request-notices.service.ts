// What the tenant's owners and staff are told about data-subject requests: that one arrived, and (nightly)
// that one is due within a week or overdue. Each mail goes through the outbox with an id made from the
// tenant, the request, the event (with the due date it is about) and the recipient, so a repeated run, or a
// retried arrival, queues nothing new; an extended deadline is a new due date and is told again when it nears.
// The mails name no person: the request's type, its dates and its address in the console are enough.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@app/core';
import { OutboxService, type OutboxItem } from '@app/mail';
import { TenancyService, TenantContext, TenantMembersService } from '@app/tenancy';
import type { DataSubjectRequest } from './request.entity';
import { asMailLang, staffArrivalMail, staffDeadlineMail } from './request-mails';
import type { RequestView } from './requests.service';
import { RequestsRepository } from './requests.repository';

export const REQUEST_STAFF_TOPIC = 'request-staff';

/** A UUID that is the same for the same name: the outbox queues an id once. */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

@Injectable()
export class RequestNoticesService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: RequestsRepository,
    private readonly tenancy: TenancyService,
    private readonly members: TenantMembersService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Owners and staff who can sign in: those who handle requests. */
  async handlers(): Promise<{ id: string; email: string }[]> {
    return (await this.members.list()).filter((m) => m.status === 'active').map((m) => ({ id: m.id, email: m.email }));
  }

  /** Tells the handlers that this request arrived, in the open transaction (`TenantContext.transaction()`). */
  async arrived(request: DataSubjectRequest, tenant: { legalName: string; language: string }, handlers: { id: string; email: string }[]): Promise<void> {
    const lang = asMailLang(tenant.language);
    const items: OutboxItem[] = handlers.map((h) => ({
      id: nameUuid(`${this.context.tenant.tenantId}:${request.id}:arrived:${h.id}`),
      ref: `${request.id}:arrived`,
      message: staffArrivalMail({ to: h.email, lang, controller: tenant.legalName, type: request.type, dueAt: request.dueAt, url: this.consoleUrl(request.id), channel: request.channel, verified: request.state !== 'received' }),
    }));
    await this.outbox.enqueueMany(REQUEST_STAFF_TOPIC, items);
  }

  /**
   * For the tenant in scope: each open request due within a week, and each overdue one, told to every handler
   * once for that due date.
   */
  async remindDeadlines(soon: RequestView[], overdue: RequestView[]): Promise<void> {
    if (!soon.length && !overdue.length) return;
    const [tenant, handlers] = await Promise.all([this.tenancy.get(this.context.tenant.slug), this.handlers()]);
    const lang = asMailLang(tenant.language);
    const items: OutboxItem[] = [];
    for (const [event, rows] of [['due-soon', soon], ['overdue', overdue]] as const) {
      for (const r of rows) {
        for (const h of handlers) {
          items.push({
            id: nameUuid(`${this.context.tenant.tenantId}:${r.id}:${event}:${isoDay(r.dueAt)}:${h.id}`),
            ref: `${r.id}:${event}:${isoDay(r.dueAt)}`,
            message: staffDeadlineMail({ to: h.email, lang, controller: tenant.legalName, type: r.type, dueAt: r.dueAt, url: this.consoleUrl(r.id), event }),
          });
        }
      }
    }
    await this.outbox.enqueueMany(REQUEST_STAFF_TOPIC, items);
  }

  private consoleUrl(requestId: string): string {
    return `${this.origin()}/t/${this.context.tenant.slug}/requests/${requestId}`;
  }

  origin(): string {
    return this.config.publicOrigin ?? `http://localhost:${this.config.port}`;
  }
}
