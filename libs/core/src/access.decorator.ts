// Route access metadata, read by the global access guard. A route without it is refused (fail closed).
import { applyDecorators, SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiCookieAuth, ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import type { PlatformRole, Principal, TenantRole } from './principal';
import { ApiProblems } from './openapi';

export const ACCESS_KEY = 'rekisteri:access';

export type AccessRule =
  | { realm: 'public'; tenant?: PublicTenantRule }
  | { realm: 'platform'; roles?: PlatformRole[] }
  | { realm: 'tenant-staff'; roles?: TenantRole[] }
  | { realm: 'customer' };

/** How the guard binds the tenant of a public route under `/t/:tenant/…` (see PublicTenant). */
export interface PublicTenantRule {
  /** Staff login only: a suspended tenant is bound too, so that its staff (with the right password) are told why they cannot sign in. */
  orSuspended: boolean;
}

/** The `:tenant` path segment of tenant routes, documented even where the handler does not read it. */
export const ApiTenantParam = () => ApiParam({ name: 'tenant', description: "The tenant's slug; must match the session's tenant (else 404).", type: String });

/** Anyone may call this route. */
export const Public = () => SetMetadata(ACCESS_KEY, { realm: 'public' } satisfies AccessRule);

/**
 * Anyone may call this route under `/t/:tenant/…` (a login, an invitation, the privacy notice): before anything
 * else runs, the guard finds the active tenant of that slug and binds it, as it binds a session's tenant. With no
 * such tenant it binds nothing, and the route answers as it answers for an unknown account or token (so that
 * logins and resets tell no one which tenants exist). A route without `:tenant` is refused (a programming error).
 */
export const PublicTenant = (options: Partial<PublicTenantRule> = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { realm: 'public', tenant: { orSuspended: options.orSuspended ?? false } } satisfies AccessRule),
    ApiParam({ name: 'tenant', description: "The tenant's slug; without an active tenant of that slug the route answers as for an unknown account, invitation or link.", type: String }),
  );

/** Signed-in platform staff; with roles, only those holding one of them (checked against the database on every request). */
export const PlatformAccess = (...roles: PlatformRole[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'platform', roles } satisfies AccessRule), ApiCookieAuth(), ApiProblems(400, 401, 403));

/** Signed-in staff of the tenant named in the path; with roles, only those holding one of them. */
export const TenantStaffAccess = (...roles: TenantRole[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'tenant-staff', roles } satisfies AccessRule), ApiCookieAuth(), ApiTenantParam(), ApiProblems(400, 401, 403, 404));

/** A customer of the tenant named in the path, signed in to the portal; the route acts on their own record only. */
export const CustomerAccess = () => applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'customer' } satisfies AccessRule), ApiCookieAuth(), ApiTenantParam(), ApiProblems(400, 401, 404));

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
