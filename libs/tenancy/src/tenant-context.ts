// The one place tenant data is reached from. The scope is set once per request by the access guard (from the
// session, or from the path of a public tenant route) or explicitly by the CLI; reading it when unset throws
// instead of guessing.
import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { assertSchemaName, boundSql, contextSlots, DatabaseContext, quoteIdent } from '@app/database';

export interface TenantScope {
  tenantId: string;
  slug: string;
  schema: string;
  /** Set only where a route asked for a suspended tenant too (staff login, to say why nobody can sign in). */
  suspended?: true;
}

// The slot of the current async context is libs/database's (DatabaseContext): the tenant bound here and the one open
// transaction, a tenant's or a platform one, live in it together.
const storage = contextSlots;

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
  constructor(
    private readonly orm: MikroORM,
    private readonly database: DatabaseContext,
  ) {}

  /** Opens an empty slot for a request; the guard fills it once it has checked the session. */
  static enter<T>(fn: () => T): T {
    return storage.run({}, fn);
  }

  /**
   * Whose traffic the current request is, read later from its slot (the access log reads it when the response is
   * done): the bound tenant's, on public tenant routes too (a failed login, the privacy notice).
   */
  static trafficOfCurrentRequest(): () => string | undefined {
    const slot = storage.getStore();
    return () => slot?.tenant?.tenantId;
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

  get tenant(): TenantScope {
    const tenant = storage.getStore()?.tenant;
    if (!tenant) throw new TenantContextMissing();
    return tenant;
  }

  /** On a public tenant route: the tenant the guard bound, or null when the path named none that is active. */
  get tenantIfBound(): TenantScope | null {
    return storage.getStore()?.tenant ?? null;
  }

  get isBound(): boolean {
    return storage.getStore()?.tenant !== undefined;
  }

  /**
   * Runs fn inside one transaction of the bound tenant's schema. The transaction travels in the context: every
   * repository reached from fn writes through it (`em()` and `sql()` answer it), so services never pass an
   * EntityManager along. A nested call joins the open transaction; the outermost one commits or rolls back.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.isBound) throw new TenantContextMissing();
    return this.database.transaction(fn);
  }

  /**
   * Runs fn in the open transaction on an empty unit of work of its own (a batch that flushes entry by entry, so a
   * flush never carries what the steps before it loaded). Outside a transaction, on a fresh manager of the tenant.
   */
  withEmptyUnitOfWork<T>(fn: () => Promise<T>): Promise<T> {
    const slot = storage.getStore();
    if (!slot?.tenant) throw new TenantContextMissing();
    const em = this.em().fork({ schema: slot.tenant.schema, clear: true, keepTransactionContext: true });
    return storage.run({ ...slot, em }, fn);
  }

  /** A table of the bound tenant's schema, quoted for SQL (statements name their schema: no search_path is set). */
  table(name: string): string {
    return `${quoteIdent(this.tenant.schema)}.${quoteIdent(name)}`;
  }

  /** SQL with bind parameters ($1, $2, ...) on the bound tenant's connection, inside its open transaction if any. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]> {
    return boundSql(this.em())<T>(text, values);
  }

  /** An EntityManager whose wildcard-schema entities live in the bound tenant's schema. */
  em(): EntityManager {
    const slot = storage.getStore();
    if (!slot?.tenant) throw new TenantContextMissing();
    slot.em ??= this.orm.em.fork({ schema: slot.tenant.schema });
    return slot.em;
  }
}
