// Who is making a request, as the guard resolved it from the session and the database.
export const PLATFORM_ROLES = ['platform_admin', 'access_log_investigator'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const TENANT_ROLES = ['owner', 'staff'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export interface PlatformPrincipal {
  kind: 'platform';
  id: string;
  email: string;
  name: string;
  roles: PlatformRole[];
}

export interface TenantStaffPrincipal {
  kind: 'tenant-staff';
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  tenantId: string;
  tenantSlug: string;
}

/** A customer of a tenant, signed in to the self-service portal: they reach only their own record. */
export interface CustomerPrincipal {
  kind: 'customer';
  /** The customer's id in the tenant's register. */
  id: string;
  email: string;
  tenantId: string;
  tenantSlug: string;
}

export type Principal = PlatformPrincipal | TenantStaffPrincipal | CustomerPrincipal;
export type Realm = Principal['kind'];

/** The compact form kept in the session: enough to reload the principal, nothing that could go stale. */
export function principalKey(p: { kind: Realm; id: string; tenantId?: string }): string {
  return p.kind === 'platform' ? `platform:${p.id}` : `${p.kind}:${p.tenantId}:${p.id}`;
}
