// Failures of data-subject request handling, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

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

export class RequestsException extends ProblemException {
  constructor(code: RequestsErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = RequestsException.describe(code);
    super(status, code, title, detail, extensions);
  }

  private static describe(code: RequestsErrorCode): [HttpStatus, string] {
    switch (code) {
      case RequestsErrorCode.NotOpen:
        return [HttpStatus.CONFLICT, 'The request is already decided'];
      case RequestsErrorCode.NotVerified:
        return [HttpStatus.CONFLICT, "Verify the requester's identity first"];
      case RequestsErrorCode.AlreadyExtended:
        return [HttpStatus.CONFLICT, 'The deadline has already been extended once'];
      case RequestsErrorCode.UnpaidInvoices:
        return [HttpStatus.CONFLICT, 'The customer has unpaid invoices'];
      case RequestsErrorCode.ExportUnavailable:
        return [HttpStatus.CONFLICT, 'An export exists only for a completed access request of a customer still on record'];
      case RequestsErrorCode.CustomerErased:
        return [HttpStatus.CONFLICT, 'The customer has been erased'];
      case RequestsErrorCode.RepeatAccessDecision:
        return [HttpStatus.CONFLICT, 'Beyond the free copies a year: the owner decides (serve, serve for a fee, or refuse)'];
      case RequestsErrorCode.NotRepeatAccess:
        return [HttpStatus.CONFLICT, 'Only an open access request beyond the free copies a year needs this decision'];
      case RequestsErrorCode.Overdue:
        return [HttpStatus.CONFLICT, 'The deadline has passed: an overdue request cannot be extended'];
      case RequestsErrorCode.NoEmailOnRecord:
        return [HttpStatus.CONFLICT, 'The register holds no e-mail address for this person'];
      case RequestsErrorCode.NoPhoneOnRecord:
        return [HttpStatus.CONFLICT, 'The register holds no phone number to call back'];
      case RequestsErrorCode.TooManyCodes:
        return [HttpStatus.TOO_MANY_REQUESTS, 'Too many codes or attempts; try again later'];
      case RequestsErrorCode.CodeInvalid:
        return [HttpStatus.BAD_REQUEST, 'The code is wrong, used or expired'];
      case RequestsErrorCode.ObjectionDecisionNeeded:
        return [HttpStatus.CONFLICT, 'An objection under Art. 21(1) is weighed: the owner upholds it (saying what stops) or rejects it with compelling grounds'];
      case RequestsErrorCode.NotLegitimateInterestObjection:
        return [HttpStatus.CONFLICT, 'Only an open objection to processing based on legitimate interest takes this decision'];
      case RequestsErrorCode.ExportLinkUnknown:
        return [HttpStatus.NOT_FOUND, 'No such download link'];
      case RequestsErrorCode.ExportLinkGone:
        return [HttpStatus.GONE, 'The download link has been used or has expired; ask the business for a new one'];
      default:
        return assertUnreachable(code);
    }
  }
}
