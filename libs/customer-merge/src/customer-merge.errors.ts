// Failures of merging two customers, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum CustomerMergeErrorCode {
  SameCustomer = 'merge-same-customer',
  StaleVersion = 'stale-version',
}

const PROBLEMS: ProblemTable<CustomerMergeErrorCode> = {
  [CustomerMergeErrorCode.SameCustomer]: { status: HttpStatus.BAD_REQUEST, title: 'A customer cannot be merged into itself' },
  [CustomerMergeErrorCode.StaleVersion]: { status: HttpStatus.CONFLICT, title: 'One of the customers has changed since you read it: look again before merging' },
};

export class CustomerMergeException extends ProblemException {
  constructor(code: CustomerMergeErrorCode, detail?: string) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail);
  }
}
