// Failures of breach notification, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

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

export class IncidentsException extends ProblemException {
  constructor(code: IncidentsErrorCode, detail?: string) {
    const [status, title] = IncidentsException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: IncidentsErrorCode): [HttpStatus, string] {
    switch (code) {
      case IncidentsErrorCode.NotNotified:
        return [HttpStatus.CONFLICT, 'Send the initial notice to this tenant’s customers before a follow-up'];
      case IncidentsErrorCode.NoticeNotEditable:
        return [HttpStatus.CONFLICT, 'Only a draft or a rejected notice can be changed'];
      case IncidentsErrorCode.NoticeNotDraft:
        return [HttpStatus.CONFLICT, 'Only a draft can be sent for approval'];
      case IncidentsErrorCode.NoticeNoRecipients:
        return [HttpStatus.CONFLICT, 'The selection reaches no customer with an e-mail address'];
      case IncidentsErrorCode.NoticeNotPending:
        return [HttpStatus.CONFLICT, 'The notice is not awaiting approval'];
      case IncidentsErrorCode.NoticeNotApproved:
        return [HttpStatus.CONFLICT, 'The owner has not approved the notice'];
      case IncidentsErrorCode.NoticeSent:
        return [HttpStatus.CONFLICT, 'The notice has been sent'];
      case IncidentsErrorCode.NoticeChanged:
        return [HttpStatus.CONFLICT, 'The notice has changed since it was read'];
      default:
        return assertUnreachable(code);
    }
  }
}
