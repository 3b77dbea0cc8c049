// Failures of data-subject request handling, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum RequestsErrorCode {
  NotOpen = 'request-not-open',
  NotVerified = 'request-not-verified',
  AlreadyExtended = 'request-already-extended',
  AccessLimitReached = 'access-limit-reached',
  UnpaidInvoices = 'unpaid-invoices',
  OverrideNotAllowed = 'override-not-allowed',
  ExportUnavailable = 'export-unavailable',
  CustomerErased = 'customer-erased',
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
      case RequestsErrorCode.AccessLimitReached:
        return [HttpStatus.CONFLICT, 'The yearly limit of free access requests is reached'];
      case RequestsErrorCode.UnpaidInvoices:
        return [HttpStatus.CONFLICT, 'The customer has unpaid invoices'];
      case RequestsErrorCode.OverrideNotAllowed:
        return [HttpStatus.FORBIDDEN, 'Only an owner can override the yearly limit'];
      case RequestsErrorCode.ExportUnavailable:
        return [HttpStatus.CONFLICT, 'An export exists only for a completed access request of a customer still on record'];
      case RequestsErrorCode.CustomerErased:
        return [HttpStatus.CONFLICT, 'The customer has been erased'];
      default:
        return assertUnreachable(code);
    }
  }
}
