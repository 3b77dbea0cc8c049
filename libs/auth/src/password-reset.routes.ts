// The two password reset routes as each realm's controller declares them: one set of decorators for all three.
import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNoContentResponse } from '@nestjs/swagger';
import { ApiProblems, Public, PublicTenant } from '@app/core';
import { CompletePasswordResetDto, RequestPasswordResetDto } from './dto/login.dto';

/** Platform staff's routes are plain public ones; a tenant realm's have their tenant bound from the path. */
type RouteRealm = 'platform' | 'tenant';
const access = (realm: RouteRealm) => (realm === 'platform' ? Public() : PublicTenant());

/** `POST …/password-reset`: e-mails a reset link if the address has an account; the same 202 either way. */
export function PasswordResetRequestRoute(realm: RouteRealm): MethodDecorator {
  return applyDecorators(
    Post('password-reset'),
    access(realm),
    HttpCode(202),
    ApiBody({ type: RequestPasswordResetDto }),
    ApiAcceptedResponse({ description: 'The same answer whether or not the address has an account; if it has, a link that works once for an hour is e-mailed.' }),
    ApiProblems(400, 429),
  );
}

/** `POST …/password-reset/complete`: the token from the link and the new password. */
export function PasswordResetCompleteRoute(realm: RouteRealm): MethodDecorator {
  return applyDecorators(
    Post('password-reset/complete'),
    access(realm),
    HttpCode(204),
    ApiBody({ type: CompletePasswordResetDto }),
    ApiNoContentResponse({ description: 'The password is set and every session of the account has ended; sign in with the new password.' }),
    ApiProblems(400),
  );
}
