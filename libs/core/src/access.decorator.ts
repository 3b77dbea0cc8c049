// Route access metadata, read by the global access guard. A route without it is refused (fail closed).
import { applyDecorators, SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiCookieAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import type { PlatformRole, Principal, TenantRole } from './principal';

export const ACCESS_KEY = 'rekisteri:access';

export type AccessRule =
  | { realm: 'public' }
  | { realm: 'platform'; roles?: PlatformRole[] }
  | { realm: 'tenant-staff'; roles?: TenantRole[] };

/** Anyone may call this route. */
export const Public = () => SetMetadata(ACCESS_KEY, { realm: 'public' } satisfies AccessRule);

/** Signed-in platform staff; with roles, only those holding one of them (checked against the database on every request). */
export const PlatformAccess = (...roles: PlatformRole[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'platform', roles } satisfies AccessRule), ApiCookieAuth());

/** Signed-in staff of the tenant named in the path; with roles, only those holding one of them. */
export const TenantStaffAccess = (...roles: TenantRole[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, { realm: 'tenant-staff', roles } satisfies AccessRule), ApiCookieAuth());

/** The principal the guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<Request>().principal;
});
