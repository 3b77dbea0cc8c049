// Failures of authentication, each with a stable code.
import { HttpStatus } from '@nestjs/common';
import { assertUnreachable, ProblemException } from '@app/core';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid-credentials',
  TooManyAttempts = 'too-many-attempts',
  InvitationInvalid = 'invitation-invalid',
  CsrfRejected = 'csrf-rejected',
  SeparationOfDuties = 'separation-of-duties',
  RoleGrantNotPending = 'role-grant-not-pending',
  TenantSuspended = 'tenant-suspended',
  ResetTokenInvalid = 'reset-token-invalid',
}

export class AuthException extends ProblemException {
  constructor(code: AuthErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    const [status, title] = AuthException.describe(code);
    super(status, code, title, detail, extensions);
  }

  private static describe(code: AuthErrorCode): [HttpStatus, string] {
    switch (code) {
      case AuthErrorCode.InvalidCredentials:
        return [HttpStatus.UNAUTHORIZED, 'Wrong e-mail address or password'];
      case AuthErrorCode.TooManyAttempts:
        return [HttpStatus.TOO_MANY_REQUESTS, 'Too many login attempts; try again later'];
      case AuthErrorCode.InvitationInvalid:
        return [HttpStatus.BAD_REQUEST, 'The invitation is invalid, used or expired'];
      case AuthErrorCode.CsrfRejected:
        return [HttpStatus.FORBIDDEN, 'Cross-site request refused'];
      case AuthErrorCode.SeparationOfDuties:
        return [HttpStatus.FORBIDDEN, 'A second platform admin must do this'];
      case AuthErrorCode.RoleGrantNotPending:
        return [HttpStatus.CONFLICT, 'The role grant is no longer pending'];
      case AuthErrorCode.TenantSuspended:
        return [HttpStatus.FORBIDDEN, "The business's account is suspended"];
      case AuthErrorCode.ResetTokenInvalid:
        return [HttpStatus.BAD_REQUEST, 'The password reset link is invalid, used or expired'];
      default:
        return assertUnreachable(code);
    }
  }
}
