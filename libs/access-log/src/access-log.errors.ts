// Failures of the access log's searches, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum AccessLogErrorCode {
  SelectorRequired = 'access-log-selector-required',
  WindowInvalid = 'access-log-window-invalid',
  SearchTooBroad = 'access-log-search-too-broad',
}

const PROBLEMS: ProblemTable<AccessLogErrorCode> = {
  [AccessLogErrorCode.SelectorRequired]: { status: HttpStatus.BAD_REQUEST, title: 'Say whose traffic to search: an address or network, a tenant, or a principal' },
  [AccessLogErrorCode.WindowInvalid]: { status: HttpStatus.BAD_REQUEST, title: 'The time window of the search is invalid' },
  [AccessLogErrorCode.SearchTooBroad]: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'The search took too long; narrow the network or the window' },
};

export class AccessLogException extends ProblemException {
  constructor(code: AccessLogErrorCode, detail?: string) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail);
  }
}
