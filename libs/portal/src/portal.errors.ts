// Failures of the customer portal, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum PortalErrorCode {
  InvitationInvalid = 'invitation-invalid',
  EmailRequired = 'portal-email-required',
  AccountDisabled = 'portal-account-disabled',
}

export class PortalException extends ProblemException {
  constructor(code: PortalErrorCode, detail?: string) {
    const [status, title] = PortalException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: PortalErrorCode): [HttpStatus, string] {
    switch (code) {
      case PortalErrorCode.InvitationInvalid:
        return [HttpStatus.BAD_REQUEST, 'The invitation is invalid, used or expired'];
      case PortalErrorCode.EmailRequired:
        return [HttpStatus.CONFLICT, 'The customer has no e-mail address to sign in with'];
      case PortalErrorCode.AccountDisabled:
        return [HttpStatus.CONFLICT, "The customer's portal account is disabled"];
      default:
        return assertUnreachable(code);
    }
  }
}
