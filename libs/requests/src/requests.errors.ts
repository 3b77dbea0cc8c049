// Failures of data-subject request handling, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum RequestsErrorCode {
  NotOpen = 'request-not-open',
  NotVerified = 'request-not-verified',
  AlreadyExtended = 'request-already-extended',
  UnpaidInvoices = 'unpaid-invoices',
  ExportUnavailable = 'export-unavailable',
  CustomerErased = 'customer-erased',
  RepeatAccessDecision = 'repeat-access-decision-needed',
  NotRepeatAccess = 'not-a-repeat-access-request',
  Overdue = 'request-overdue',
  NoEmailOnRecord = 'no-email-on-record',
  NoPhoneOnRecord = 'no-phone-on-record',
  TooManyCodes = 'too-many-codes',
  CodeInvalid = 'verification-code-invalid',
  ObjectionDecisionNeeded = 'objection-decision-needed',
  NotLegitimateInterestObjection = 'not-a-legitimate-interest-objection',
  ExportLinkUnknown = 'export-link-unknown',
  ExportLinkGone = 'export-link-gone',
}

const PROBLEMS: ProblemTable<RequestsErrorCode> = {
  [RequestsErrorCode.NotOpen]: { status: HttpStatus.CONFLICT, title: 'The request is already decided' },
  [RequestsErrorCode.NotVerified]: { status: HttpStatus.CONFLICT, title: "Verify the requester's identity first" },
  [RequestsErrorCode.AlreadyExtended]: { status: HttpStatus.CONFLICT, title: 'The deadline has already been extended once' },
  [RequestsErrorCode.UnpaidInvoices]: { status: HttpStatus.CONFLICT, title: 'The customer has unpaid invoices' },
  [RequestsErrorCode.ExportUnavailable]: { status: HttpStatus.CONFLICT, title: 'An export exists only for a completed access request of a customer still on record' },
  [RequestsErrorCode.CustomerErased]: { status: HttpStatus.CONFLICT, title: 'The customer has been erased' },
  [RequestsErrorCode.RepeatAccessDecision]: { status: HttpStatus.CONFLICT, title: 'Beyond the free copies a year: the owner decides (serve, serve for a fee, or refuse)' },
  [RequestsErrorCode.NotRepeatAccess]: { status: HttpStatus.CONFLICT, title: 'Only an open access request beyond the free copies a year needs this decision' },
  [RequestsErrorCode.Overdue]: { status: HttpStatus.CONFLICT, title: 'The deadline has passed: an overdue request cannot be extended' },
  [RequestsErrorCode.NoEmailOnRecord]: { status: HttpStatus.CONFLICT, title: 'The register holds no e-mail address for this person' },
  [RequestsErrorCode.NoPhoneOnRecord]: { status: HttpStatus.CONFLICT, title: 'The register holds no phone number to call back' },
  [RequestsErrorCode.TooManyCodes]: { status: HttpStatus.TOO_MANY_REQUESTS, title: 'Too many codes or attempts; try again later' },
  [RequestsErrorCode.CodeInvalid]: { status: HttpStatus.BAD_REQUEST, title: 'The code is wrong, used or expired' },
  [RequestsErrorCode.ObjectionDecisionNeeded]: { status: HttpStatus.CONFLICT, title: 'An objection under Art. 21(1) is weighed: the owner upholds it (saying what stops) or rejects it with compelling grounds' },
  [RequestsErrorCode.NotLegitimateInterestObjection]: { status: HttpStatus.CONFLICT, title: 'Only an open objection to processing based on legitimate interest takes this decision' },
  [RequestsErrorCode.ExportLinkUnknown]: { status: HttpStatus.NOT_FOUND, title: 'No such download link' },
  [RequestsErrorCode.ExportLinkGone]: { status: HttpStatus.GONE, title: 'The download link has been used or has expired; ask the business for a new one' },
};

export class RequestsException extends ProblemException {
  constructor(code: RequestsErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}
