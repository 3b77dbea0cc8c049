// Failures of authentication, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { ProblemException, type ProblemTable } from '@app/core';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid-credentials',
  TooManyAttempts = 'too-many-attempts',
  InvitationInvalid = 'invitation-invalid',
  CsrfRejected = 'csrf-rejected',
  SeparationOfDuties = 'separation-of-duties',
  RoleGrantNotPending = 'role-grant-not-pending',
  TenantSuspended = 'tenant-suspended',
  ResetTokenInvalid = 'reset-token-invalid',
  StaffEmailTaken = 'staff-email-taken',
  StaffDisabled = 'staff-disabled',
  CannotDisableSelf = 'cannot-disable-self',
}

const PROBLEMS: ProblemTable<AuthErrorCode> = {
  [AuthErrorCode.InvalidCredentials]: { status: HttpStatus.UNAUTHORIZED, title: 'Wrong e-mail address or password' },
  [AuthErrorCode.TooManyAttempts]: { status: HttpStatus.TOO_MANY_REQUESTS, title: 'Too many login attempts; try again later' },
  [AuthErrorCode.InvitationInvalid]: { status: HttpStatus.BAD_REQUEST, title: 'The invitation is invalid, used or expired' },
  [AuthErrorCode.CsrfRejected]: { status: HttpStatus.FORBIDDEN, title: 'Cross-site request refused' },
  [AuthErrorCode.SeparationOfDuties]: { status: HttpStatus.FORBIDDEN, title: 'A second platform admin must do this' },
  [AuthErrorCode.RoleGrantNotPending]: { status: HttpStatus.CONFLICT, title: 'The role grant is no longer pending' },
  [AuthErrorCode.TenantSuspended]: { status: HttpStatus.FORBIDDEN, title: "The business's account is suspended" },
  [AuthErrorCode.ResetTokenInvalid]: { status: HttpStatus.BAD_REQUEST, title: 'The password reset link is invalid, used or expired' },
  // Platform staff: the titles stay the generic 'Conflict' these codes have always answered with.
  [AuthErrorCode.StaffEmailTaken]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
  [AuthErrorCode.StaffDisabled]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
  [AuthErrorCode.CannotDisableSelf]: { status: HttpStatus.CONFLICT, title: 'Conflict' },
};

export class AuthException extends ProblemException {
  constructor(code: AuthErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const { status, title } = PROBLEMS[code];
    super(status, code, title, detail, extensions);
  }
}
