// Failures of the register settings and the privacy notice, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum PrivacyNoticeErrorCode {
  StaleVersion = 'stale-version',
  NotAcceptable = 'privacy-notice-not-acceptable',
}

export class PrivacyNoticeException extends ProblemException {
  constructor(code: PrivacyNoticeErrorCode, detail?: string) {
    const [status, title] = PrivacyNoticeException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: PrivacyNoticeErrorCode): [HttpStatus, string] {
    switch (code) {
      case PrivacyNoticeErrorCode.StaleVersion:
        return [HttpStatus.CONFLICT, 'The register settings have changed since you read them'];
      case PrivacyNoticeErrorCode.NotAcceptable:
        return [HttpStatus.NOT_ACCEPTABLE, 'The privacy notice is available as text/html or application/json'];
      default:
        return assertUnreachable(code);
    }
  }
}
