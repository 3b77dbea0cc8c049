// The 72-hour clock and a notice's state in words, for the platform console's incident pages.
import type { MessageId } from '../../i18n/use-t';
import type { ControllerClock } from './incident-queries';

type T = (id: MessageId, values?: Record<string, string | number>) => string;

const hours = (seconds: number | null) => Math.max(0, Math.round((seconds ?? 0) / 3600));

/** "Inform by Mon 12:00 (about 40 hours left)", "Overdue by about 5 hours", "Informed 21.11. 10:00, in time". */
export function clockWords(t: T, clock: ControllerClock, informedAt: string | null, when: (value: string) => string): string {
  switch (clock.state) {
    case 'pending':
      return t('platform.incidents.clock.pending', { deadline: when(clock.deadline), hours: hours(clock.remainingSeconds) });
    case 'overdue':
      return t('platform.incidents.clock.overdue', { deadline: when(clock.deadline), hours: hours(clock.overdueSeconds) });
    case 'informed_late':
      return t('platform.incidents.clock.informedLate', { at: informedAt ? when(informedAt) : '–', hours: hours(clock.overdueSeconds) });
    default:
      return t('platform.incidents.clock.informedInTime', { at: informedAt ? when(informedAt) : '–' });
  }
}

export const NOTICE_STATUS: Record<string, MessageId> = {
  draft: 'platform.notice.status.draft',
  pending_approval: 'platform.notice.status.pending_approval',
  approved: 'platform.notice.status.approved',
  rejected: 'platform.notice.status.rejected',
  sent: 'platform.notice.status.sent',
};

export const DELIVERY_STATUS: Record<string, MessageId> = {
  queued: 'platform.notice.delivery.queued',
  sent: 'platform.notice.delivery.sent',
  failed: 'platform.notice.delivery.failed',
};

export const INCIDENT_STATUS: Record<string, MessageId> = { open: 'incidents.status.open', notified: 'incidents.status.notified', followed_up: 'incidents.status.followed_up' };
