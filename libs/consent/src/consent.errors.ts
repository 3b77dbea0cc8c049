// Failures of consent handling, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum ConsentErrorCode {
  ChannelNotOffered = 'consent-channel-not-offered',
  ObjectionNeedsOwnConsent = 'objection-needs-own-consent',
}

export class ConsentException extends ProblemException {
  constructor(code: ConsentErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = ConsentException.describe(code);
    super(status, code, title, detail, extensions);
  }

  private static describe(code: ConsentErrorCode): [HttpStatus, string] {
    switch (code) {
      case ConsentErrorCode.ChannelNotOffered:
        return [HttpStatus.CONFLICT, 'The register settings do not list this marketing channel'];
      case ConsentErrorCode.ObjectionNeedsOwnConsent:
        return [HttpStatus.CONFLICT, "The person has objected to direct marketing: only the person's own new consent lifts it"];
      default:
        return assertUnreachable(code);
    }
  }
}
