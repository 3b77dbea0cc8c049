// Payment reminders for overdue invoices: sent by staff (manual) or by the nightly job when the tenant has
// turned automatic reminders on. A reminder is an e-mail through the outbox with the invoice PDF attached, a
// row in invoice_reminder and an audit event, all in one transaction. No reminder fee is ever added: the
// Finnish rules on reminder fees (korkolaki 10 §, perintälaki) set conditions this register does not track.
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock, helsinkiDate, NotFoundProblem, requireAccess } from '@app/core';
import { AuditTrailService, TenantContext } from '@app/tenancy';
import { CustomersService } from '@app/customers';
import { OutboxService } from '@app/mail';
import { BillingService, type InvoiceDetail } from './billing.service';
import { InvoiceDocumentService, pdfName } from './invoice-document.service';
import { type DocumentLang, formatDate, formatEuros, groupReference, groupRf, type InvoiceDocument, renderInvoicePdf } from './invoice-pdf';
import { ReminderErrorCode, ReminderProblem } from './reminders.errors';
import { addDays } from './dates';
import type { UpdateReminderSettingsDto } from './dto/reminder.dto';
import { BillingRepository, type ReminderRow, type ReminderSettingsRow as SettingsRow } from './billing.repository';

export const REMINDER_TOPIC = 'invoice-reminder';

export type ReminderKind = 'manual' | 'automatic';

export interface InvoiceReminder {
  id: string;
  ordinal: number;
  kind: ReminderKind;
  sentAt: string;
  actor: string;
  lang: DocumentLang;
  messageId: string;
}

export interface ReminderSettings {
  enabled: boolean;
  daysAfterDue: number;
  maxReminders: number;
  minIntervalDays: number;
  updatedAt: string;
  updatedBy: string | null;
  version: number;
}

export interface ReminderSent {
  reminder: InvoiceReminder;
  to: string;
}

const toReminder = (r: ReminderRow): InvoiceReminder => ({
  id: r.id,
  ordinal: r.ordinal,
  kind: r.kind,
  sentAt: new Date(r.sent_at).toISOString(),
  actor: r.actor,
  lang: r.lang,
  messageId: r.message_id,
});

const toSettings = (r: SettingsRow): ReminderSettings => ({
  enabled: r.enabled,
  daysAfterDue: r.days_after_due,
  maxReminders: r.max_reminders,
  minIntervalDays: r.min_interval_days,
  updatedAt: new Date(r.updated_at).toISOString(),
  updatedBy: r.updated_by,
  version: r.version,
});

/** The outbox id of an automatic reminder: the same for the same tenant, invoice and ordinal, so a rerun queues nothing new. */
function automaticMessageId(tenantId: string, invoiceId: string, ordinal: number): string {
  const h = createHash('sha256').update(`invoice-reminder:${tenantId}:${invoiceId}:${ordinal}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class InvoiceRemindersService {
  constructor(
    private readonly context: TenantContext,
    private readonly billing: BillingService,
    private readonly documents: InvoiceDocumentService,
    private readonly customers: CustomersService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
    private readonly repository: BillingRepository,
  ) {}

  /** Staff send a reminder of an issued, unpaid invoice past its due date (409 otherwise; 422 when the customer has no e-mail). */
  async remind(actor: Actor, id: string, lang?: DocumentLang): Promise<ReminderSent> {
    const invoice = await this.billing.get(id);
    assertRemindable(invoice, this.clock.today());
    const sent = await this.send(invoice, { kind: 'manual', actor: actorKey(actor), lang });
    if (!sent) throw new ReminderProblem(ReminderErrorCode.InvoiceChanged, 'The invoice was paid or changed meanwhile: reload it and try again.');
    return sent;
  }

  /** The reminders of an invoice, oldest first. */
  async history(id: string): Promise<InvoiceReminder[]> {
    if (!(await this.repository.invoiceExists(id))) throw new NotFoundProblem('invoice');
    return (await this.repository.remindersOf(id)).map(toReminder);
  }

  async settings(): Promise<ReminderSettings> {
    return toSettings(await this.repository.reminderSettings());
  }

  /** Owner only. A stale `version` answers 409 and changes nothing. */
  async updateSettings(actor: Actor, dto: UpdateReminderSettingsDto): Promise<ReminderSettings> {
    const by = actorKey(requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId }));
    return this.context.transaction(async () => {
      const row = await this.repository.updateReminderSettings({
        enabled: dto.enabled,
        daysAfterDue: dto.daysAfterDue,
        maxReminders: dto.maxReminders,
        minIntervalDays: dto.minIntervalDays,
        at: this.clock.now(),
        actor: by,
        version: dto.version,
      });
      if (!row) {
        const current = await this.settings();
        throw new ReminderProblem(ReminderErrorCode.SettingsStale, `The reminder settings have changed since you read them (now version ${current.version}).`, { currentVersion: current.version });
      }
      this.audit.record({ actor: by, action: 'reminder_settings.updated', subjectType: 'reminder_settings', subjectId: null, fields: ['enabled', 'daysAfterDue', 'maxReminders', 'minIntervalDays'] });
      return toSettings(row);
    });
  }

  /**
   * The nightly run for the tenant in scope: when automatic reminders are on, reminds of each open invoice at
   * least `daysAfterDue` days past due with fewer than `maxReminders` reminders, the last at least
   * `minIntervalDays` ago (manual ones count too). Skipped: invoices of erased customers, of customers with no
   * e-mail, and of customers whose processing is restricted or whose erasure or restriction request is open.
   * Idempotent: a second run the same day finds the reminder sent and sends nothing.
   */
  async runAutomatic(actor: Actor): Promise<{ sent: string[]; skipped: string[] }> {
    const by = actorKey(actor);
    const settings = await this.settings();
    if (!settings.enabled) return { sent: [], skipped: [] };
    const today = this.clock.today();
    const dueBy = addDays(today, -settings.daysAfterDue);
    // Calendar days in Finland: the job's hour varies a little from night to night.
    const intervalFrom = addDays(today, -settings.minIntervalDays);
    const candidates = await this.repository.reminderCandidates(dueBy, settings.maxReminders, intervalFrom);
    const sent: string[] = [];
    const skipped: string[] = [];
    for (const candidate of candidates) {
      if (candidate.restricted) {
        skipped.push(candidate.id);
        continue;
      }
      try {
        const invoice = await this.billing.get(candidate.id);
        const done = await this.send(invoice, { kind: 'automatic', actor: by, settings: { ...settings, intervalFrom } });
        (done ? sent : skipped).push(candidate.id);
      } catch {
        // No e-mail, no account to be paid to, or gone meanwhile: the next night tries again.
        skipped.push(candidate.id);
      }
    }
    return { sent, skipped };
  }

  /**
   * Renders and queues one reminder and records it, under the invoice's row lock: what was checked before
   * (open, not reminded too often) is checked again inside, so a payment or another run meanwhile wins.
   * Null when, inside, there is nothing to send.
   */
  private async send(
    invoice: InvoiceDetail,
    options: { kind: ReminderKind; actor: string; lang?: DocumentLang; settings?: ReminderSettings & { intervalFrom: string } },
  ): Promise<ReminderSent | null> {
    const customer = invoice.customerId ? await this.customers.get(invoice.customerId) : null;
    if (!customer?.email) throw ReminderProblem.noEmail();
    const doc = await this.documents.document(invoice.id, options.lang);
    const pdf = await renderInvoicePdf(doc);
    const to = customer.email;
    const now = this.clock.now();
    const reminder = await this.context.transaction(async () => {
      const locked = await this.repository.lockOpenAmount(invoice.id);
      if (!locked || !['issued', 'partially_paid'].includes(locked.status) || Number(locked.open) !== doc.outstandingCents) return null;
      const { count, last } = await this.repository.reminderCount(invoice.id);
      if (options.settings && (count >= options.settings.maxReminders || (last && helsinkiDate(new Date(last)) > options.settings.intervalFrom))) return null;
      const ordinal = count + 1;
      const messageId = options.kind === 'automatic' ? automaticMessageId(this.context.tenant.tenantId, invoice.id, ordinal) : randomUUID();
      const id = randomUUID();
      await this.repository.insertReminder({ id, invoiceId: invoice.id, ordinal, kind: options.kind, sentAt: now, actor: options.actor, messageId, lang: doc.lang });
      this.audit.record({ actor: options.actor, action: 'invoice.reminded', subjectType: 'invoice', subjectId: invoice.id, fields: ['email', 'pdf', options.kind] });
      const message = {
        to,
        subject: reminderSubject(doc),
        text: reminderText(doc, ordinal),
        headers: { 'Content-Language': doc.lang },
        attachments: [{ filename: pdfName(doc), contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
      };
      await this.outbox.enqueue(message, { topic: REMINDER_TOPIC, ref: `${invoice.id}:${ordinal}`, id: messageId });
      return toReminder({ id, ordinal, kind: options.kind, sent_at: now, actor: options.actor, lang: doc.lang, message_id: messageId });
    });
    return reminder && { reminder, to };
  }
}

/** 409 unless the invoice is an issued invoice with money owed, past its due date (Finnish calendar). */
export function assertRemindable(invoice: InvoiceDetail, today: string): void {
  if (invoice.kind !== 'invoice') throw ReminderProblem.notAnInvoice();
  if (invoice.status === 'draft' || !invoice.dueDate) throw ReminderProblem.notIssued();
  if (invoice.status === 'credited') throw ReminderProblem.credited();
  if (invoice.status === 'paid' || invoice.outstandingCents <= 0) throw ReminderProblem.paid();
  if (invoice.dueDate >= today) throw ReminderProblem.notDue(invoice.dueDate);
}

export function reminderSubject(d: InvoiceDocument): string {
  return d.lang === 'fi' ? `Maksumuistutus: lasku ${d.number} / ${d.seller.name}` : `Payment reminder: invoice ${d.number} from ${d.seller.name}`;
}

export function reminderText(d: InvoiceDocument, ordinal: number): string {
  const euros = formatEuros(d.outstandingCents, d.lang);
  const due = d.dueDate ? formatDate(d.dueDate, d.lang) : '-';
  if (d.lang === 'fi') {
    return [
      'Hei,',
      '',
      `kirjanpitomme mukaan lasku ${d.number} (${d.seller.name}), jonka eräpäivä oli ${due}, on vielä maksamatta.${ordinal > 1 ? ` Tämä on ${ordinal}. muistutus.` : ''}`,
      'Pyydämme maksamaan avoimen summan mahdollisimman pian. Jos olet jo maksanut laskun, tämä muistutus on aiheeton.',
      '',
      `Laskun numero: ${d.number}`,
      `Alkuperäinen eräpäivä: ${due}`,
      `Avoinna: ${euros}`,
      `Saajan tilinumero (IBAN): ${d.iban ?? '-'}`,
      `BIC: ${d.bic ?? '-'}`,
      `Viitenumero: ${d.referenceNumber ? groupReference(d.referenceNumber) : '-'}`,
      `RF-viite: ${d.rfReference ? groupRf(d.rfReference) : '-'}`,
      '',
      'Muistutuksesta ei peritä maksua. Lasku on liitteenä.',
      '',
      'Ystävällisin terveisin',
      d.seller.name,
    ].join('\n');
  }
  return [
    'Hello,',
    '',
    `according to our records, invoice ${d.number} from ${d.seller.name}, due on ${due}, is still unpaid.${ordinal > 1 ? ` This is reminder no. ${ordinal}.` : ''}`,
    'Please pay the open amount as soon as possible. If you have already paid, please disregard this reminder.',
    '',
    `Invoice number: ${d.number}`,
    `Original due date: ${due}`,
    `Amount open: ${euros}`,
    `Payee's account (IBAN): ${d.iban ?? '-'}`,
    `BIC: ${d.bic ?? '-'}`,
    `Reference: ${d.referenceNumber ? groupReference(d.referenceNumber) : '-'}`,
    `RF reference: ${d.rfReference ? groupRf(d.rfReference) : '-'}`,
    '',
    'There is no fee for this reminder. The invoice is attached.',
    '',
    'Kind regards',
    d.seller.name,
  ].join('\n');
}
