// Failures of the customer portal, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum PortalErrorCode {
  InvitationInvalid = 'invitation-invalid',
  EmailRequired = 'portal-email-required',
  AccountDisabled = 'portal-account-disabled',
}

const PROBLEMS: ProblemTable<PortalErrorCode> = {
  [PortalErrorCode.InvitationInvalid]: { status: HttpStatus.BAD_REQUEST, title: 'The invitation is invalid, used or expired' },
  [PortalErrorCode.EmailRequired]: { status: HttpStatus.CONFLICT, title: 'The customer has no e-mail address to sign in with' },
  [PortalErrorCode.AccountDisabled]: { status: HttpStatus.CONFLICT, title: "The customer's portal account is disabled" },
};

export class PortalException extends ProblemException {
  constructor(code: PortalErrorCode, detail?: string) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail);
  }
}
