// The shapes incidents are shown in, and the pure helpers that build them.
import type { ControllerClock } from './incident-clock';
import type { IncidentDataCategory, Lang } from './incident-texts';
import type { DeliveryCountRow, IncidentStatus } from './incidents.store';

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
  };
  customers: NoticeCounts;
}

export interface IncidentView {
  id: string;
  title: string;
  whatHappened: Record<Lang, string>;
  occurredAt: Date;
  discoveredAt: Date;
  dataCategories: IncidentDataCategory[];
  status: IncidentStatus;
  createdBy: string;
  createdAt: Date;
  notifiedAt: Date | null;
  countermeasures: Record<Lang, string> | null;
  followedUpAt: Date | null;
  /** The incident's 72-hour clock: the worst of its tenants'. */
  clock: ControllerClock;
  tenants: IncidentTenantView[];
  /** Notices to customers, over all tenants. */
  customers: NoticeCounts;
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
