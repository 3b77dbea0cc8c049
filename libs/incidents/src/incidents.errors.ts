// Failures of breach notification, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum IncidentsErrorCode {
  NotNotified = 'incident-not-notified',
  NoticeNotEditable = 'incident-notice-not-editable',
  NoticeNotDraft = 'incident-notice-not-draft',
  NoticeNoRecipients = 'incident-notice-no-recipients',
  NoticeNotPending = 'incident-notice-not-pending',
  NoticeNotApproved = 'incident-notice-not-approved',
  NoticeSent = 'incident-notice-sent',
  NoticeChanged = 'incident-notice-changed',
}

const PROBLEMS: ProblemTable<IncidentsErrorCode> = {
  [IncidentsErrorCode.NotNotified]: { status: HttpStatus.CONFLICT, title: 'Send the initial notice to this tenant’s customers before a follow-up' },
  [IncidentsErrorCode.NoticeNotEditable]: { status: HttpStatus.CONFLICT, title: 'Only a draft or a rejected notice can be changed' },
  [IncidentsErrorCode.NoticeNotDraft]: { status: HttpStatus.CONFLICT, title: 'Only a draft can be sent for approval' },
  [IncidentsErrorCode.NoticeNoRecipients]: { status: HttpStatus.CONFLICT, title: 'The selection reaches no customer with an e-mail address' },
  [IncidentsErrorCode.NoticeNotPending]: { status: HttpStatus.CONFLICT, title: 'The notice is not awaiting approval' },
  [IncidentsErrorCode.NoticeNotApproved]: { status: HttpStatus.CONFLICT, title: 'The owner has not approved the notice' },
  [IncidentsErrorCode.NoticeSent]: { status: HttpStatus.CONFLICT, title: 'The notice has been sent' },
  [IncidentsErrorCode.NoticeChanged]: { status: HttpStatus.CONFLICT, title: 'The notice has changed since it was read' },
};

export class IncidentsException extends ProblemException {
  constructor(code: IncidentsErrorCode, detail?: string) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail);
  }
}
