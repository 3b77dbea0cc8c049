// Failures of breach notification, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum IncidentsErrorCode {
  NotNotified = 'incident-not-notified',
  FollowedUp = 'incident-followed-up',
  FollowUpDiffers = 'incident-follow-up-differs',
}

export class IncidentsException extends ProblemException {
  constructor(code: IncidentsErrorCode, detail?: string) {
    const [status, title] = IncidentsException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: IncidentsErrorCode): [HttpStatus, string] {
    switch (code) {
      case IncidentsErrorCode.NotNotified:
        return [HttpStatus.CONFLICT, 'Notify the affected people before sending a follow-up'];
      case IncidentsErrorCode.FollowedUp:
        return [HttpStatus.CONFLICT, 'The follow-up has been sent; the incident takes no new notices'];
      case IncidentsErrorCode.FollowUpDiffers:
        return [HttpStatus.CONFLICT, 'A follow-up with other countermeasures has been sent already'];
      default:
        return assertUnreachable(code);
    }
  }
}
