import { accessRefusal, actorKey, requireAccess, systemActor } from './access';
import { ForbiddenProblem, NotFoundProblem, UnauthenticatedProblem } from './problem';
import type { CustomerPrincipal, PlatformPrincipal, TenantStaffPrincipal } from './principal';

const admin: PlatformPrincipal = { kind: 'platform', id: 'p1', email: 'a@x.fi', name: 'A', roles: ['platform_admin'] };
const owner: TenantStaffPrincipal = { kind: 'tenant-staff', id: 's1', email: 'o@x.fi', name: 'O', role: 'owner', tenantId: 't1', tenantSlug: 'one' };
const staff: TenantStaffPrincipal = { ...owner, id: 's2', role: 'staff' };
const customer: CustomerPrincipal = { kind: 'customer', id: 'c1', email: 'c@x.fi', tenantId: 't1', tenantSlug: 'one' };

describe('the one access check', () => {
  it('allows the realm and role asked for', () => {
    expect(accessRefusal(admin, { realm: 'platform', roles: ['platform_admin'] })).toBeNull();
    expect(accessRefusal(owner, { realm: 'tenant-staff', roles: ['owner'], tenantId: 't1' })).toBeNull();
    expect(accessRefusal(staff, { realm: 'tenant-staff' })).toBeNull();
    expect(accessRefusal(customer, { realm: 'customer', tenantId: 't1' })).toBeNull();
  });

  it('refuses a missing role with 403, another tenant or realm with 404, nobody with 401', () => {
    expect(accessRefusal(staff, { realm: 'tenant-staff', roles: ['owner'] })).toBe('forbidden');
    expect(accessRefusal({ ...admin, roles: [] }, { realm: 'platform', roles: ['platform_admin'] })).toBe('forbidden');
    expect(accessRefusal(owner, { realm: 'platform' })).toBe('forbidden');
    expect(accessRefusal(owner, { realm: 'tenant-staff', tenantId: 't2' })).toBe('absent');
    expect(accessRefusal(customer, { realm: 'tenant-staff', tenantId: 't1' })).toBe('absent');
    expect(accessRefusal(admin, { realm: 'customer' })).toBe('absent');
    expect(accessRefusal(undefined, { realm: 'customer' })).toBe('unauthenticated');
    expect(accessRefusal(systemActor('scheduled'), { realm: 'platform' })).toBe('unauthenticated');
  });

  it('throws the problem the guard would answer, and narrows the principal', () => {
    expect(requireAccess(owner, { realm: 'tenant-staff', roles: ['owner'] }).role).toBe('owner');
    expect(() => requireAccess(staff, { realm: 'tenant-staff', roles: ['owner'] })).toThrow(ForbiddenProblem);
    expect(() => requireAccess(owner, { realm: 'tenant-staff', tenantId: 't2' })).toThrow(NotFoundProblem);
    expect(() => requireAccess(undefined, { realm: 'platform' })).toThrow(UnauthenticatedProblem);
  });

  it('lets the system through only where the rule says so, and still checks the people', () => {
    const rule = { realm: 'tenant-staff', roles: ['owner'], tenantId: 't1', orSystem: true } as const;
    expect(requireAccess(systemActor('cli'), rule)).toEqual(systemActor('cli'));
    expect(accessRefusal(owner, rule)).toBeNull();
    expect(accessRefusal(staff, rule)).toBe('forbidden');
    expect(accessRefusal({ ...owner, tenantId: 't2' }, rule)).toBe('absent');
    expect(accessRefusal(undefined, rule)).toBe('unauthenticated');
    expect(accessRefusal(systemActor('cli'), { ...rule, orSystem: false })).toBe('unauthenticated');
  });

  it('records a person by their principal key and the system by its name', () => {
    expect(actorKey(owner)).toBe('tenant-staff:t1:s1');
    expect(actorKey(admin)).toBe('platform:p1');
    expect(actorKey(systemActor('scheduled'))).toBe('scheduled');
  });
});
