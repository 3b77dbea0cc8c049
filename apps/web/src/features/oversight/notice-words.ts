// A breach notice's state, as the owner reads it.
import type { MessageId } from '../../i18n/use-t';

export const NOTICE_STATUS: Record<string, MessageId> = {
  pending_approval: 'incidents.notice.status.pending_approval',
  approved: 'incidents.notice.status.approved',
  rejected: 'incidents.notice.status.rejected',
  sent: 'incidents.notice.status.sent',
};
