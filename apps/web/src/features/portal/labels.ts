// The portal's words for the API's codes: purposes, channels, request types and states.
import type { MessageId } from '../../i18n/use-t';

export const PURPOSE_LABELS: Record<string, MessageId> = {
  marketing_email: 'portal.purpose.marketing_email',
  marketing_sms: 'portal.purpose.marketing_sms',
};

export const CHANNEL_LABELS: Record<string, MessageId> = {
  portal: 'portal.channel.portal',
  staff_written_request: 'portal.channel.staff_written_request',
  email_link: 'portal.channel.email_link',
  objection: 'portal.channel.objection',
  booking: 'portal.channel.booking',
  import: 'portal.channel.import',
  email: 'portal.channel.email',
  letter: 'portal.channel.letter',
};

export const REQUEST_TYPE_LABELS: Record<string, MessageId> = {
  access: 'portal.requestType.access',
  rectification: 'portal.requestType.rectification',
  erasure: 'portal.requestType.erasure',
  restriction: 'portal.requestType.restriction',
  objection: 'portal.requestType.objection',
  objection_legitimate_interest: 'portal.requestType.objection_legitimate_interest',
};

export const REQUEST_STATE_LABELS: Record<string, MessageId> = {
  received: 'portal.requestState.received',
  verified: 'portal.requestState.verified',
  in_progress: 'portal.requestState.in_progress',
  completed: 'portal.requestState.completed',
  rejected: 'portal.requestState.rejected',
};
