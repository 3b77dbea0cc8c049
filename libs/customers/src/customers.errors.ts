// Failures of the customer register, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum CustomersErrorCode {
  EmailTaken = 'customer-email-taken',
  StaleVersion = 'stale-version',
  NameRequired = 'customer-name-required',
  Restricted = 'customer-restricted',
  NotRestricted = 'customer-not-restricted',
}

const PROBLEMS: ProblemTable<CustomersErrorCode> = {
  [CustomersErrorCode.EmailTaken]: { status: HttpStatus.CONFLICT, title: 'Another customer already has that e-mail address' },
  [CustomersErrorCode.StaleVersion]: { status: HttpStatus.CONFLICT, title: 'The customer has changed since you read it' },
  [CustomersErrorCode.NameRequired]: { status: HttpStatus.BAD_REQUEST, title: 'A customer needs a name: company, contact person, or billing name' },
  [CustomersErrorCode.Restricted]: { status: HttpStatus.CONFLICT, title: 'Processing of this customer is restricted (GDPR Art. 18): the record is only stored' },
  [CustomersErrorCode.NotRestricted]: { status: HttpStatus.CONFLICT, title: 'Processing of this customer is not restricted' },
};

export class CustomersException extends ProblemException {
  constructor(code: CustomersErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}
