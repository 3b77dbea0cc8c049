// Failures of the register settings and the privacy notice, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum PrivacyNoticeErrorCode {
  StaleVersion = 'stale-version',
  NotAcceptable = 'privacy-notice-not-acceptable',
  FeedbackUnavailable = 'accessibility-feedback-unavailable',
  FeedbackTooMany = 'too-many-attempts',
}

const PROBLEMS: ProblemTable<PrivacyNoticeErrorCode> = {
  [PrivacyNoticeErrorCode.StaleVersion]: { status: HttpStatus.CONFLICT, title: 'The register settings have changed since you read them' },
  [PrivacyNoticeErrorCode.NotAcceptable]: { status: HttpStatus.NOT_ACCEPTABLE, title: 'The privacy notice is available as text/html or application/json' },
  [PrivacyNoticeErrorCode.FeedbackUnavailable]: { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'Accessibility feedback cannot be received here now' },
  [PrivacyNoticeErrorCode.FeedbackTooMany]: { status: HttpStatus.TOO_MANY_REQUESTS, title: 'Too many messages' },
};

export class PrivacyNoticeException extends ProblemException {
  constructor(code: PrivacyNoticeErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}
