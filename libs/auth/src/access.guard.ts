// The global guard: every route declares who may call it (fail closed), roles are checked against the
// principal freshly loaded from the database, and a tenant path (staff or portal) must match the session's
// tenant and realm (else 404). A public tenant route (@PublicTenant) gets its tenant bound from the path, so
// that no service looks a tenant up itself.
import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_KEY, accessRefusal, type AccessRule, ForbiddenProblem, NotFoundProblem, type Principal, principalKey, type PublicTenantRule, UnauthenticatedProblem } from '@app/core';
import { TenancyService, TenantContext, tenantSchemaName } from '@app/tenancy';

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly context: TenantContext,
    private readonly tenancy: TenancyService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!rule) {
      this.logger.error({ requestId: req.id, route: req.route?.path }, 'route without an access rule refused');
      throw new ForbiddenProblem();
    }
    if (rule.realm === 'public') return rule.tenant ? this.bindPublicTenant(req, rule.tenant) : true;
    const principal = req.user as Principal | undefined;
    // Tenant staff and customers alike: another tenant's path, or a tenant path of the other realm
    // (a customer on a staff route, staff on a portal route), answers exactly like a missing tenant.
    const tenantId = principal && principal.kind !== 'platform' && principal.tenantSlug === req.params.tenant ? principal.tenantId : '';
    const refusal = accessRefusal(principal, rule.realm === 'platform' ? rule : { ...rule, tenantId });
    if (refusal === 'absent') throw new NotFoundProblem();
    if (refusal || !principal) throw this.deny(req, principal);
    req.principal = principal;
    if (principal.kind !== 'platform') {
      this.context.bind({ tenantId: principal.tenantId, slug: principal.tenantSlug, schema: tenantSchemaName(principal.tenantId) });
      req.tenantSlug = principal.tenantSlug;
    }
    return true;
  }

  // No tenant of that slug binds nothing: the route answers as for an unknown account, never 404 from here (logins
  // and resets must not tell which tenants exist). A bound tenant also makes the request its traffic (access log).
  private async bindPublicTenant(req: Request, rule: PublicTenantRule): Promise<true> {
    const slug = req.params.tenant;
    if (typeof slug !== 'string') throw new Error(`@PublicTenant() on a route without :tenant (${req.route?.path})`);
    const scope = await this.tenancy.findScope(slug, rule);
    if (scope) {
      this.context.bind(scope);
      req.tenantSlug = scope.slug;
    }
    return true;
  }

  // Every refusal is logged, the anonymous ones (401) too; never with the client's address (only the access log has it).
  private deny(req: Request, principal: Principal | undefined): ForbiddenProblem | UnauthenticatedProblem {
    this.logger.warn({ requestId: req.id, route: req.route?.path, principal: principal ? principalKey(principal) : 'anonymous' }, 'access denied');
    return principal ? new ForbiddenProblem() : new UnauthenticatedProblem();
  }
}
