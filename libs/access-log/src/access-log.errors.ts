// Failures of the access log's searches, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum AccessLogErrorCode {
  SelectorRequired = 'access-log-selector-required',
  WindowInvalid = 'access-log-window-invalid',
  SearchTooBroad = 'access-log-search-too-broad',
}

export class AccessLogException extends ProblemException {
  constructor(code: AccessLogErrorCode, detail?: string) {
    const [status, title] = AccessLogException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: AccessLogErrorCode): [HttpStatus, string] {
    switch (code) {
      case AccessLogErrorCode.SelectorRequired:
        return [HttpStatus.BAD_REQUEST, 'Say whose traffic to search: an address or network, a tenant, or a principal'];
      case AccessLogErrorCode.WindowInvalid:
        return [HttpStatus.BAD_REQUEST, 'The time window of the search is invalid'];
      case AccessLogErrorCode.SearchTooBroad:
        return [HttpStatus.UNPROCESSABLE_ENTITY, 'The search took too long; narrow the network or the window'];
      default:
        return assertUnreachable(code);
    }
  }
}
