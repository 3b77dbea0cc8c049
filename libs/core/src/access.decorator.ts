// Route access metadata, read by the global access guard. A route without it is refused (fail closed).
import { applyDecorators, SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiCookieAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import type { PlatformRole, Principal, TenantRole } from './principal';

export const ACCESS_KEY = 'rekisteri:access';

export type AccessRule =
  | { realm: 'public' }
  | { realm: 'platform'; roles?: PlatformRole[] }
  | { realm: 'tenant-staff'; roles?: TenantRole[] }
  | { realm: 'customer' };

/** Anyone may call this route. */
export const Public = () => SetMetadata(ACCESS_KEY, { realm: 'public' } satisfies AccessRule);

/** Signed-in platform staff; with roles, only those holding one of them (checked against the database on every request). */
export const PlatformAccess = (...roles: PlatformRole[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'platform', roles } satisfies AccessRule), ApiCookieAuth());

/** Signed-in staff of the tenant named in the path; with roles, only those holding one of them. */
export const TenantStaffAccess = (...roles: TenantRole[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'tenant-staff', roles } satisfies AccessRule), ApiCookieAuth());

/** A customer of the tenant named in the path, signed in to the portal; the route acts on their own record only. */
export const CustomerAccess = () => applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'customer' } satisfies AccessRule), ApiCookieAuth());

/** The principal the guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<Request>().principal;
});

export const CSRF_EXEMPT_KEY = 'rekisteri:csrf-exempt';

/**
 * The request carries its own proof of intent (a signed, single-purpose token in the URL), and must be
 * callable cross-site: RFC 8058 one-click unsubscribe is POSTed by the mail client, not by our pages.
 */
export const CsrfExempt = (reason: 'signed-token') => SetMetadata(CSRF_EXEMPT_KEY, reason);
