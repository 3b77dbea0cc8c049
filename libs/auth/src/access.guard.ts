// The global guard: every route declares who may call it (fail closed), roles are checked against the
// principal freshly loaded from the database, and a tenant path must match the session's tenant (else 404).
import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_KEY, type AccessRule, ForbiddenProblem, NotFoundProblem, type Principal, UnauthenticatedProblem } from '@app/core';
import { TenantContext, tenantSchemaName } from '@app/tenancy';

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly context: TenantContext,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!rule) {
      this.logger.error({ requestId: req.id, route: req.route?.path }, 'route without an access rule refused');
      throw new ForbiddenProblem();
    }
    if (rule.realm === 'public') return true;
    const principal = req.user as Principal | undefined;
    if (!principal) throw new UnauthenticatedProblem();
    req.principal = principal;
    if (rule.realm === 'platform') {
      if (principal.kind !== 'platform') throw this.deny(req, principal);
      if (rule.roles?.length && !rule.roles.some((role) => principal.roles.includes(role))) throw this.deny(req, principal);
      return true;
    }
    // Another tenant's path answers exactly like a missing one.
    if (principal.kind !== 'tenant-staff' || principal.tenantSlug !== req.params.tenant) throw new NotFoundProblem();
    if (rule.roles?.length && !rule.roles.includes(principal.role)) throw this.deny(req, principal);
    this.context.bind({ tenantId: principal.tenantId, slug: principal.tenantSlug, schema: tenantSchemaName(principal.tenantId) });
    req.tenantSlug = principal.tenantSlug;
    return true;
  }

  private deny(req: Request, principal: Principal): ForbiddenProblem {
    this.logger.warn({ requestId: req.id, route: req.route?.path, principal: `${principal.kind}:${principal.id}` }, 'access denied');
    return new ForbiddenProblem();
  }
}
