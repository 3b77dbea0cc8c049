// Failures of consent handling, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum ConsentErrorCode {
  ChannelNotOffered = 'consent-channel-not-offered',
  ObjectionNeedsOwnConsent = 'objection-needs-own-consent',
  UnsubscribeLinkInvalid = 'unsubscribe-link-invalid',
}

const PROBLEMS: ProblemTable<ConsentErrorCode> = {
  [ConsentErrorCode.ChannelNotOffered]: { status: HttpStatus.CONFLICT, title: 'The register settings do not list this marketing channel' },
  [ConsentErrorCode.ObjectionNeedsOwnConsent]: { status: HttpStatus.CONFLICT, title: "The person has objected to direct marketing: only the person's own new consent lifts it" },
  [ConsentErrorCode.UnsubscribeLinkInvalid]: { status: HttpStatus.NOT_FOUND, title: 'This unsubscribe link is invalid or has expired' },
};

export class ConsentException extends ProblemException {
  constructor(code: ConsentErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}
