// The words for a request's type, state and channel, and for its deadline (the badge's text carries the meaning).
import type { MessageId, MessageValues } from '../../i18n/use-t';
import { daysLeft, type Deadline, urgencyOf } from './deadlines';

export const TYPE_LABELS: Record<string, MessageId> = {
  access: 'rights.type.access',
  rectification: 'rights.type.rectification',
  erasure: 'rights.type.erasure',
  restriction: 'rights.type.restriction',
  objection: 'rights.type.objection',
  objection_legitimate_interest: 'rights.type.objection_legitimate_interest',
};

export const OBJECTION_DECISION_LABELS: Record<string, MessageId> = {
  upheld: 'rights.objection.upheld',
  rejected: 'rights.objection.rejected',
};

export const STATE_LABELS: Record<string, MessageId> = {
  received: 'rights.state.received',
  verified: 'rights.state.verified',
  in_progress: 'rights.state.inProgress',
  completed: 'rights.state.completed',
  rejected: 'rights.state.rejected',
};

export const CHANNEL_LABELS: Record<string, MessageId> = {
  portal: 'rights.channel.portal',
  email: 'rights.channel.email',
  letter: 'rights.channel.letter',
  phone: 'rights.channel.phone',
};

export const VERIFICATION_LABELS: Record<string, MessageId> = {
  portal_session: 'rights.method.portal_session',
  email_code: 'rights.method.email_code',
  id_document_in_person: 'rights.method.id_document_in_person',
  call_back_registered_phone: 'rights.method.call_back_registered_phone',
  signed_letter_matching_register: 'rights.method.signed_letter_matching_register',
  legacy_free_text: 'rights.method.legacy_free_text',
};

export const REPEAT_LABELS: Record<string, MessageId> = {
  serve: 'rights.repeat.serve',
  fee: 'rights.repeat.fee',
  refuse: 'rights.repeat.refuse',
};

export const MAIL_EVENT_LABELS: Record<string, MessageId> = {
  received: 'rights.mail.received',
  code: 'rights.mail.code',
  extended: 'rights.mail.extended',
  completed: 'rights.mail.completed',
  rejected: 'rights.mail.rejected',
  'repeat-serve': 'rights.mail.repeatDecision',
  'repeat-fee': 'rights.mail.repeatDecision',
  'repeat-refuse': 'rights.mail.repeatDecision',
  'objection-upheld': 'rights.mail.objectionDecision',
  'objection-rejected': 'rights.mail.objectionDecision',
  arrived: 'rights.mail.arrived',
  'due-soon': 'rights.mail.dueSoon',
  overdue: 'rights.mail.overdue',
};

/** The badge's words: "3 days late", "due today", "5 days left"; null once decided. */
export function deadlineText(request: Deadline, now: Date): { id: MessageId; values: MessageValues } | null {
  const urgency = urgencyOf(request, now);
  if (urgency === 'closed') return null;
  const days = daysLeft(request.dueAt, now);
  if (urgency === 'overdue') return days === 0 ? { id: 'rights.deadline.overdueToday', values: {} } : { id: 'rights.deadline.overdue', values: { days: -days } };
  return days === 0 ? { id: 'rights.deadline.today', values: {} } : { id: 'rights.deadline.left', values: { days } };
}
