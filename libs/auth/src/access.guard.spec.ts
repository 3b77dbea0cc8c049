// The access guard's public tenant routes, without HTTP: what it binds, and that a marker on a route without
// `:tenant` fails closed.
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, PublicTenant } from '@app/core';
import type { TenancyService, TenantContext, TenantScope } from '@app/tenancy';
import { AccessGuard } from './access.guard';

class Routes {
  @PublicTenant()
  notice() {}

  @PublicTenant({ orSuspended: true })
  login() {}

  @Public()
  health() {}
}

const scope: TenantScope = { tenantId: '0b6f1c2e-6a55-4a7e-9a43-3f0f7d3c1a11', slug: 'studio', schema: 'tenant_0b6f1c2e6a554a7e9a433f0f7d3c1a11' };

function setUp(found: TenantScope | null) {
  const bind = jest.fn();
  const findScope = jest.fn().mockResolvedValue(found);
  const guard = new AccessGuard(new Reflector(), { bind } as unknown as TenantContext, { findScope } as unknown as TenancyService);
  const call = (handler: keyof Routes, params: Record<string, string>) => {
    const req = { params, route: { path: '/api/t/:tenant/x' } } as unknown as Record<string, unknown>;
    const ctx = { getHandler: () => Routes.prototype[handler], getClass: () => Routes, switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
    return { result: guard.canActivate(ctx), req };
  };
  return { bind, findScope, call };
}

describe('AccessGuard on public tenant routes', () => {
  it('binds the active tenant named in the path before the route runs', async () => {
    const { bind, findScope, call } = setUp(scope);
    const { result, req } = call('notice', { tenant: 'studio' });
    await expect(result).resolves.toBe(true);
    expect(findScope).toHaveBeenCalledWith('studio', { orSuspended: false });
    expect(bind).toHaveBeenCalledWith(scope);
    expect(req.tenantSlug).toBe('studio');
  });

  it('binds nothing for an unknown tenant and lets the route answer as for an unknown account', async () => {
    const { bind, call } = setUp(null);
    await expect(call('notice', { tenant: 'nobody' }).result).resolves.toBe(true);
    expect(bind).not.toHaveBeenCalled();
  });

  it('asks for a suspended tenant too only where the route says so', async () => {
    const { findScope, call } = setUp(null);
    await call('login', { tenant: 'studio' }).result;
    expect(findScope).toHaveBeenCalledWith('studio', { orSuspended: true });
  });

  it('refuses a marked route without :tenant (a programming error) and looks nothing up', async () => {
    const { bind, findScope, call } = setUp(scope);
    await expect(call('notice', {}).result).rejects.toThrow(/without :tenant/);
    expect(findScope).not.toHaveBeenCalled();
    expect(bind).not.toHaveBeenCalled();
  });

  it('leaves plain public routes alone', async () => {
    const { findScope, call } = setUp(scope);
    await expect(call('health', { tenant: 'studio' }).result).resolves.toBe(true);
    expect(findScope).not.toHaveBeenCalled();
  });
});
