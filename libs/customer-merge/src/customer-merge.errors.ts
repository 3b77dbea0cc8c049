// Failures of merging two customers, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum CustomerMergeErrorCode {
  SameCustomer = 'merge-same-customer',
  StaleVersion = 'stale-version',
}

export class CustomerMergeException extends ProblemException {
  constructor(code: CustomerMergeErrorCode, detail?: string) {
    const [status, title] = CustomerMergeException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: CustomerMergeErrorCode): [HttpStatus, string] {
    switch (code) {
      case CustomerMergeErrorCode.SameCustomer:
        return [HttpStatus.BAD_REQUEST, 'A customer cannot be merged into itself'];
      case CustomerMergeErrorCode.StaleVersion:
        return [HttpStatus.CONFLICT, 'One of the customers has changed since you read it: look again before merging'];
      default:
        return assertUnreachable(code);
    }
  }
}
