// The one place tenant data is reached from. The scope is set once per request by the access guard
// (from the session) or explicitly by the CLI; reading it when unset throws instead of guessing.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { assertSchemaName } from '@app/database';

export interface TenantScope {
  tenantId: string;
  slug: string;
  schema: string;
}

interface Slot {
  tenant?: TenantScope;
  em?: EntityManager;
  /** A public route resolved this tenant from its URL: the request is its traffic (for the access log only). */
  trafficOf?: string;
}

const storage = new AsyncLocalStorage<Slot>();

export class TenantContextMissing extends Error {
  constructor() {
    super('No tenant context: tenant data can only be reached inside a tenant scope');
  }
}

export function tenantSchemaName(tenantId: string): string {
  return assertSchemaName('tenant_' + tenantId.replace(/-/g, '').toLowerCase());
}

@Injectable()
export class TenantContext {
  constructor(private readonly orm: MikroORM) {}

  /** Opens an empty slot for a request; the guard fills it once it has checked the session. */
  static enter<T>(fn: () => T): T {
    return storage.run({}, fn);
  }

  /**
   * A public route (a login, the privacy notice, an invitation) resolved its tenant from the URL with no one
   * signed in yet: the request is that tenant's traffic, so the access log can say so (and the tenant's access
   * transparency and IP retention cover it). It grants nothing: tenant data still needs a bound scope.
   */
  static attributeTraffic(tenantId: string): void {
    const slot = storage.getStore();
    if (slot && !slot.tenant) slot.trafficOf ??= tenantId;
  }

  /** Whose traffic the current request is, read later from its slot (the access log reads it when the response is done). */
  static trafficOfCurrentRequest(): () => string | undefined {
    const slot = storage.getStore();
    return () => slot?.tenant?.tenantId ?? slot?.trafficOf;
  }

  /** Sets the tenant of the current slot. Refuses to switch tenants within one request. */
  bind(tenant: TenantScope): void {
    const slot = storage.getStore();
    if (!slot) throw new Error('TenantContext.bind outside TenantContext.enter');
    if (slot.tenant && slot.tenant.tenantId !== tenant.tenantId) throw new Error('Tenant context cannot change within a request');
    assertSchemaName(tenant.schema);
    slot.tenant = tenant;
  }

  /** Runs fn with the given tenant bound (CLI, jobs, tests). */
  run<T>(tenant: TenantScope, fn: () => Promise<T>): Promise<T> {
    return storage.run({ tenant }, fn);
  }

  /** Runs fn with the tenant bound to a given EntityManager, e.g. one inside an open transaction. */
  runWith<T>(tenant: TenantScope, em: EntityManager, fn: () => Promise<T>): Promise<T> {
    return storage.run({ tenant, em: em.fork({ schema: tenant.schema, keepTransactionContext: true, clear: false }) }, fn);
  }

  get tenant(): TenantScope {
    const tenant = storage.getStore()?.tenant;
    if (!tenant) throw new TenantContextMissing();
    return tenant;
  }

  get isBound(): boolean {
    return storage.getStore()?.tenant !== undefined;
  }

  /** An EntityManager whose wildcard-schema entities live in the bound tenant's schema. */
  em(): EntityManager {
    const slot = storage.getStore();
    if (!slot?.tenant) throw new TenantContextMissing();
    slot.em ??= this.orm.em.fork({ schema: slot.tenant.schema });
    return slot.em;
  }
}
