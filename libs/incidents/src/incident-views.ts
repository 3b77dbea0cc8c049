// The shapes incidents are shown in, and the pure helpers that build them.
import type { ControllerClock } from './incident-clock';
import type { IncidentDataCategory, Lang } from './incident-texts';
import type { DeliveryCountRow, DeliveryRow, IncidentRow, IncidentStatus, NoticeKind, NoticeStatus, RecipientSelection } from './incidents.repository';

export interface DeliveryCounts {
  queued: number;
  delivered: number;
  /** Given up on after the last retry. */
  failed: number;
  /** Queued, not yet delivered, still being retried. */
  pending: number;
}

export interface NoticeCounts {
  initial: DeliveryCounts;
  followUp: DeliveryCounts;
}

export interface IncidentTenantView {
  tenantId: string;
  slug: string;
  legalName: string;
  language: Lang;
  controller: {
    /** When the controller's notice was queued. */
    notifiedAt: Date | null;
    /** When it was delivered: this stops the tenant's 72-hour clock. */
    informedAt: Date | null;
    followUpSentAt: Date | null;
    /** The SMTP error of a notice to the controller that failed for good. */
    deliveryErrors: { initial: string | null; followUp: string | null };
    clock: ControllerClock;
    /** The controller's own 72 hours towards the authority (Art. 33), from when it was informed. */
    authorityDeadline: Date | null;
  };
  customers: NoticeCounts;
}

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

/** One customer's notification of a notice: queued in the outbox, sent (accepted by SMTP), or failed for good. */
export interface CustomerDelivery {
  customerId: string;
  status: DeliveryStatus;
  queuedAt: Date;
  deliveredAt: Date | null;
  error: string | null;
}

/** A notice to one tenant's customers, as platform admins see it: customers by id only. */
export interface NoticeView {
  id: string;
  incidentId: string;
  tenantId: string;
  slug: string;
  legalName: string;
  kind: NoticeKind;
  status: NoticeStatus;
  text: Record<Lang, string>;
  /** The language the tenant's customers get it in. */
  language: Lang;
  selection: RecipientSelection;
  /** For a draft: whom the selection reaches now, and how many it selects without an address; once sent for approval: the frozen list (unreachable null). */
  recipients: { reachable: number; unreachable: number | null };
  createdAt: Date;
  submittedAt: Date | null;
  approvalDueAt: Date | null;
  /** Past the approval deadline without an answer: a platform admin may send with a justification. */
  approvalOverdue: boolean;
  decidedAt: Date | null;
  rejectionReason: string | null;
  sentAt: Date | null;
  sendJustification: string | null;
  version: number;
  delivery: DeliveryCounts;
  deliveries: CustomerDelivery[];
}

/** What the owner approves: the text, and each recipient by name and address, with delivery once sent. */
export interface TenantNoticeView extends Omit<NoticeView, 'deliveries' | 'slug' | 'legalName' | 'tenantId'> {
  incidentTitle: string;
  recipientList: { customerId: string; name: string | null; email: string | null; delivery: DeliveryStatus | null }[];
}

export interface IncidentEventView {
  tenantId: string | null;
  noticeId: string | null;
  actorName: string;
  action: string;
  detail: string | null;
  occurredAt: Date;
}

/** An incident as platform staff see it: its record, with its clock and its tenants. */
export interface IncidentView extends IncidentRow {
  /** The incident's 72-hour clock: the worst of its tenants'. */
  clock: ControllerClock;
  tenants: IncidentTenantView[];
  /** Notices to customers, over all tenants. */
  customers: NoticeCounts;
  notices: NoticeView[];
  /** The incident's audit trail, oldest first. */
  events: IncidentEventView[];
}

/** What a tenant's owners see of an incident that concerns their register. */
export interface TenantIncidentView {
  id: string;
  title: string;
  whatHappened: Record<Lang, string>;
  occurredAt: Date;
  discoveredAt: Date;
  dataCategories: IncidentDataCategory[];
  status: IncidentStatus;
  notifiedAt: Date | null;
  countermeasures: Record<Lang, string> | null;
  followedUpAt: Date | null;
  controllerInformedAt: Date | null;
  clock: ControllerClock;
  /** Notices to this tenant's customers. */
  customers: NoticeCounts;
  /** The notices sent for this business's approval (drafts are not shown). */
  notices: { id: string; kind: NoticeKind; status: NoticeStatus; submittedAt: Date | null; approvalDueAt: Date | null; recipients: number; sentAt: Date | null }[];
}

const zero = (): DeliveryCounts => ({ queued: 0, delivered: 0, failed: 0, pending: 0 });

/** Adds up count rows (already filtered to the customers or controller wanted) into initial and follow-up. */
export function noticeCounts(rows: Pick<DeliveryCountRow, 'kind' | 'queued' | 'delivered' | 'failed'>[]): NoticeCounts {
  const counts: NoticeCounts = { initial: zero(), followUp: zero() };
  for (const row of rows) {
    const target = row.kind === 'initial' ? counts.initial : counts.followUp;
    target.queued += row.queued;
    target.delivered += row.delivered;
    target.failed += row.failed;
    target.pending += row.queued - row.delivered - row.failed;
  }
  return counts;
}

export function asLang(language: string): Lang {
  return language === 'en' ? 'en' : 'fi';
}

export function deliveryStatus(row: Pick<DeliveryRow, 'deliveredAt' | 'error'>): DeliveryStatus {
  return row.deliveredAt ? 'sent' : row.error ? 'failed' : 'queued';
}

/** Adds up one notice's deliveries. */
export function deliveryCounts(rows: Pick<DeliveryRow, 'deliveredAt' | 'error'>[]): DeliveryCounts {
  const counts = zero();
  for (const row of rows) {
    counts.queued += 1;
    const status = deliveryStatus(row);
    if (status === 'sent') counts.delivered += 1;
    else if (status === 'failed') counts.failed += 1;
    else counts.pending += 1;
  }
  return counts;
}
