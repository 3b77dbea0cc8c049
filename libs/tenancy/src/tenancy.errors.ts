// Failures of tenancy, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum TenancyErrorCode {
  SlugTaken = 'tenant-slug-taken',
  EmailTaken = 'staff-email-taken',
  InvitationInvalid = 'invitation-invalid',
  StaleVersion = 'stale-version',
  CannotDisableSelf = 'cannot-disable-self',
  LastOwner = 'last-owner',
  TenantLeft = 'tenant-left',
}

const PROBLEMS: ProblemTable<TenancyErrorCode> = {
  [TenancyErrorCode.SlugTaken]: { status: HttpStatus.CONFLICT, title: 'That slug is already in use' },
  [TenancyErrorCode.EmailTaken]: { status: HttpStatus.CONFLICT, title: 'That e-mail address already belongs to a member of staff' },
  [TenancyErrorCode.InvitationInvalid]: { status: HttpStatus.BAD_REQUEST, title: 'The invitation is invalid, used or expired' },
  [TenancyErrorCode.StaleVersion]: { status: HttpStatus.CONFLICT, title: 'The resource has changed since you read it' },
  [TenancyErrorCode.CannotDisableSelf]: { status: HttpStatus.CONFLICT, title: 'You cannot disable your own account' },
  [TenancyErrorCode.LastOwner]: { status: HttpStatus.CONFLICT, title: 'The business must keep at least one owner' },
  [TenancyErrorCode.TenantLeft]: { status: HttpStatus.CONFLICT, title: 'The business has left the platform and its register is deleted' },
};

export class TenancyException extends ProblemException {
  constructor(code: TenancyErrorCode, detail?: string) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail);
  }
}
