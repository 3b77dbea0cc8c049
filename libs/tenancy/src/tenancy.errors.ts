// Failures of tenancy, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum TenancyErrorCode {
  SlugTaken = 'tenant-slug-taken',
  EmailTaken = 'staff-email-taken',
  InvitationInvalid = 'invitation-invalid',
  StaleVersion = 'stale-version',
  CannotDisableSelf = 'cannot-disable-self',
  LastOwner = 'last-owner',
  TenantLeft = 'tenant-left',
}

export class TenancyException extends ProblemException {
  constructor(code: TenancyErrorCode, detail?: string) {
    const [status, title] = TenancyException.describe(code);
    super(status, code, title, detail);
  }

  private static describe(code: TenancyErrorCode): [HttpStatus, string] {
    switch (code) {
      case TenancyErrorCode.SlugTaken:
        return [HttpStatus.CONFLICT, 'That slug is already in use'];
      case TenancyErrorCode.EmailTaken:
        return [HttpStatus.CONFLICT, 'That e-mail address already belongs to a member of staff'];
      case TenancyErrorCode.InvitationInvalid:
        return [HttpStatus.BAD_REQUEST, 'The invitation is invalid, used or expired'];
      case TenancyErrorCode.StaleVersion:
        return [HttpStatus.CONFLICT, 'The resource has changed since you read it'];
      case TenancyErrorCode.CannotDisableSelf:
        return [HttpStatus.CONFLICT, 'You cannot disable your own account'];
      case TenancyErrorCode.LastOwner:
        return [HttpStatus.CONFLICT, 'The business must keep at least one owner'];
      case TenancyErrorCode.TenantLeft:
        return [HttpStatus.CONFLICT, 'The business has left the platform and its register is deleted'];
      default:
        return assertUnreachable(code);
    }
  }
}
