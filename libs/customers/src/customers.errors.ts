// Failures of the customer register, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum CustomersErrorCode {
  EmailTaken = 'customer-email-taken',
  StaleVersion = 'stale-version',
  NameRequired = 'customer-name-required',
  Restricted = 'customer-restricted',
  NotRestricted = 'customer-not-restricted',
}

export class CustomersException extends ProblemException {
  constructor(code: CustomersErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = CustomersException.describe(code);
    super(status, code, title, detail, extensions);
  }

  private static describe(code: CustomersErrorCode): [HttpStatus, string] {
    switch (code) {
      case CustomersErrorCode.EmailTaken:
        return [HttpStatus.CONFLICT, 'Another customer already has that e-mail address'];
      case CustomersErrorCode.StaleVersion:
        return [HttpStatus.CONFLICT, 'The customer has changed since you read it'];
      case CustomersErrorCode.NameRequired:
        return [HttpStatus.BAD_REQUEST, 'A customer needs a name: company, contact person, or billing name'];
      case CustomersErrorCode.Restricted:
        return [HttpStatus.CONFLICT, 'Processing of this customer is restricted (GDPR Art. 18): the record is only stored'];
      case CustomersErrorCode.NotRestricted:
        return [HttpStatus.CONFLICT, 'Processing of this customer is not restricted'];
      default:
        return assertUnreachable(code);
    }
  }
}
