// Failures of the customer register, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum CustomersErrorCode {
  EmailTaken = 'customer-email-taken',
  StaleVersion = 'stale-version',
  NameRequired = 'customer-name-required',
}

export class CustomersException extends ProblemException {
  constructor(code: CustomersErrorCode, detail?: string) {
    const [status, title] = CustomersException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: CustomersErrorCode): [HttpStatus, string] {
    switch (code) {
      case CustomersErrorCode.EmailTaken:
        return [HttpStatus.CONFLICT, 'Another customer already has that e-mail address'];
      case CustomersErrorCode.StaleVersion:
        return [HttpStatus.CONFLICT, 'The customer has changed since you read it'];
      case CustomersErrorCode.NameRequired:
        return [HttpStatus.BAD_REQUEST, 'A customer needs a name: company, contact person, or billing name'];
      default:
        return assertUnreachable(code);
    }
  }
}
