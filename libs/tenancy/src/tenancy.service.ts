// The tenant registry and each tenant's schema lifecycle: onboarding (all-or-nothing) and migrations.
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, NotFoundProblem } from '@app/core';
import { assertSchemaName, SchemaMigration } from '@app/database';
import { tenantMigrations } from '@migrations/tenant';
import type { Tenant } from './tenant.entity';
import { TenantContext, TenantScope, tenantSchemaName } from './tenant-context';
import { type StaffView, staffViewOfRow, TenantMembersService } from './tenant-members.service';
import { type LeavingTenantRow, type SellerDetailsRow, type SellerDetailsUpdate, TenancyRepository } from './tenancy.repository';

export type { LeavingTenantRow, SellerDetailsRow, SellerDetailsUpdate } from './tenancy.repository';
import { TenancyErrorCode, TenancyException } from './tenancy.errors';
import { SchemaPoolService, type SpareMigrationReport } from './schema-pool.service';
import type { OnboardTenantDto, UpdateTenantDto } from './dto/onboard-tenant.dto';

/** `left`: the tenant left the platform and its schema was dropped (only its registry row and archived invoices remain). */
export const TENANT_STATUSES = ['active', 'suspended', 'left'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface TenantView {
  id: string;
  slug: string;
  legalName: string;
  businessId: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  contactEmail: string;
  contactPerson: string;
  language: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface OnboardingResult {
  tenant: TenantView;
  owner: { id: string; email: string; invitationUrl: string; invitationExpiresAt: Date };
}

export interface TenantMigrationReport {
  migrated: { slug: string; applied: string[] }[];
  failed: { slug: string; error: string }[];
  /** The spare schemas onboarding claims (SchemaPoolService), migrated first. */
  spares: SpareMigrationReport;
}

/** Tenants migrated at once by migrateAll: well within the ORM's pool (10); more gains nothing on 2 cores. */
export const TENANT_MIGRATION_CONCURRENCY = 4;

export function toTenantView(t: Tenant): TenantView {
  const { schemaName: _schema, ...view } = t;
  return view as TenantView;
}

export function scopeOf(t: Pick<Tenant, 'id' | 'slug' | 'schemaName'>): TenantScope {
  return { tenantId: t.id, slug: t.slug, schema: t.schemaName };
}

@Injectable()
export class TenancyService {
  private readonly logger = new Logger(TenancyService.name);

  constructor(
    private readonly repository: TenancyRepository,
    private readonly context: TenantContext,
    private readonly members: TenantMembersService,
    private readonly spares: SchemaPoolService,
  ) {}

  /**
   * Creates the tenant row, its schema (migrated), and the owner's invitation in one transaction:
   * PostgreSQL DDL is transactional, so a failure anywhere leaves no schema and no row. The schema is a spare from
   * the pool, renamed, when there is one (a rename and a few small statements); otherwise it is created and migrated here.
   */
  async onboard(actor: Actor, dto: OnboardTenantDto, migrations: readonly SchemaMigration[] = tenantMigrations): Promise<OnboardingResult> {
    const id = randomUUID();
    const schemaName = tenantSchemaName(id);
    // The new tenant's scope is bound for the whole transaction: the registry row, the schema and the owner's
    // invitation (in that schema) are written through the one transaction the context carries.
    const scope: TenantScope = { tenantId: id, slug: dto.slug, schema: schemaName };
    const result = await this.context.run(scope, () =>
      this.context.transaction(async () => {
        const tenant = await this.repository.createTenant({
          id,
          slug: dto.slug,
          schemaName,
          legalName: dto.legalName,
          businessId: dto.businessId,
          streetAddress: dto.streetAddress,
          postalCode: dto.postalCode,
          city: dto.city,
          contactEmail: dto.contactEmail,
          contactPerson: dto.contactPerson,
          language: dto.language ?? 'fi',
        });
        const claimed = await this.spares.claim(migrations);
        if (!claimed) await this.repository.migrateBoundSchema(migrations);
        const owner = { email: dto.ownerEmail ?? dto.contactEmail, name: dto.ownerName ?? dto.contactPerson, role: 'owner' as const };
        // The owner's invitation mail is queued in this transaction: it goes only if the tenant is created.
        const invitation = await this.members.invite(actor, owner, { legalName: dto.legalName });
        return { tenant, invitation, claimed };
      }),
    );
    // Not awaited: the next onboarding finds the pool full again, this one does not wait for it.
    if (result.claimed) void this.spares.refillSoon();
    const { invitation } = result;
    this.logger.log({ tenant: result.tenant.slug, spareSchema: result.claimed }, 'tenant onboarded');
    return {
      tenant: toTenantView(result.tenant),
      owner: { id: invitation.id, email: invitation.email, invitationUrl: invitation.invitationUrl, invitationExpiresAt: invitation.invitationExpiresAt },
    };
  }

  /** Tenants by slug; `q` matches the slug, legal name or business ID (any part, any case), `status` one status. */
  async list(options: { limit: number; after?: string; q?: string; status?: TenantStatus }): Promise<TenantView[]> {
    const tenants = await this.repository.listTenants(options);
    return tenants.map(toTenantView);
  }

  /**
   * Suspends or resumes a tenant. A suspended tenant's staff and customers cannot sign in, their sessions stop
   * working on their next request (the session's principal is re-read with the tenant's status), and its public
   * routes answer 404; nothing in its schema changes, so resuming gives everything back.
   */
  async setStatus(slug: string, status: Exclude<TenantStatus, 'left'>): Promise<TenantView> {
    let changed = false;
    const tenant = await this.repository.changeTenant(slug, (t) => {
      if (t.status === 'left') throw new TenancyException(TenancyErrorCode.TenantLeft);
      if (t.status !== status) {
        t.status = status;
        changed = true;
      }
    });
    if (!tenant) throw new NotFoundProblem('tenant');
    if (changed) this.logger.log({ tenant: tenant.id, status }, 'tenant status changed');
    return toTenantView(tenant);
  }

  async get(slug: string): Promise<TenantView> {
    const tenant = await this.repository.viewRow<TenantView>(slug);
    if (!tenant) throw new NotFoundProblem('tenant');
    return tenant;
  }

  async update(slug: string, dto: UpdateTenantDto): Promise<TenantView> {
    const { version, ...changes } = dto;
    const tenant = await this.repository.changeTenant(slug, (t) => {
      if (t.version !== version) throw new TenancyException(TenancyErrorCode.StaleVersion);
      Object.assign(t, changes);
    });
    if (!tenant) throw new NotFoundProblem('tenant');
    return toTenantView(tenant);
  }

  /** The tenants with these slugs or ids, in slug order (unknown ones are left out): for work across tenants. */
  async findMany(by: { slugs?: string[]; ids?: string[] }): Promise<TenantView[]> {
    const tenants = await this.repository.findTenants(by);
    return tenants.map(toTenantView);
  }

  /**
   * The scope of an active tenant by its slug (or a suspended one, marked so, when asked), null when there is none:
   * one plain statement. The access guard binds public tenant routes' tenants with it; jobs and tests find theirs.
   */
  async findScope(slug: string, options: { orSuspended?: boolean } = {}): Promise<TenantScope | null> {
    const statuses: TenantStatus[] = options.orSuspended ? ['active', 'suspended'] : ['active'];
    const row = await this.repository.scopeRow(slug, statuses);
    if (!row) return null;
    const scope: TenantScope = { tenantId: row.id, slug: row.slug, schema: assertSchemaName(row.schema_name) };
    return row.status === 'suspended' ? { ...scope, suspended: true } : scope;
  }

  /**
   * An active member of staff of an active tenant, in one statement: the session's principal is re-read on every
   * request, so this is on the hot path. The schema derives from the tenant id; the join reads the registry row.
   */
  async findActiveStaff(tenantId: string, staffId: string): Promise<(StaffView & { scope: TenantScope }) | null> {
    const schema = tenantSchemaName(tenantId);
    const row = await this.repository.activeStaffRow(tenantId, schema, staffId);
    return row ? { ...staffViewOfRow(row), scope: { tenantId, slug: row.slug, schema } } : null;
  }

  async findScopeById(id: string): Promise<TenantScope | null> {
    const tenant = await this.repository.findActiveTenantById(id);
    return tenant ? scopeOf(tenant) : null;
  }

  /**
   * Applies pending tenant migrations to every tenant, each in its own transaction; one failure stops no other.
   * A few tenants at a time, each on its own pooled connection: one at a time leaves PostgreSQL waiting on each
   * round trip and commit (bench/README.md, "tenants").
   */
  async migrateAll(
    onProgress: (done: number, total: number, slug: string, outcome: 'ok' | 'failed') => void = () => undefined,
    migrations = tenantMigrations,
    concurrency = TENANT_MIGRATION_CONCURRENCY,
  ): Promise<TenantMigrationReport> {
    // Spares before tenants: one claimed meanwhile is a tenant by the time the tenants are listed.
    const spares = await this.spares.migrateSpares(migrations);
    // A tenant that has left has no schema to migrate (migrating would create an empty one again).
    const tenants = await this.repository.tenantsWithSchemas();
    const report: TenantMigrationReport = { migrated: [], failed: [], spares };
    let done = 0;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < tenants.length; i = next++) {
        const tenant = tenants[i];
        try {
          const applied = await this.repository.migrateSchema(tenant.schemaName, migrations);
          report.migrated.push({ slug: tenant.slug, applied });
          onProgress(++done, tenants.length, tenant.slug, 'ok');
        } catch (error) {
          report.failed.push({ slug: tenant.slug, error: error instanceof Error ? error.message : String(error) });
          onProgress(++done, tenants.length, tenant.slug, 'failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tenants.length)) }, worker));
    const bySlug = (a: { slug: string }, b: { slug: string }) => a.slug.localeCompare(b.slug);
    report.migrated.sort(bySlug);
    report.failed.sort(bySlug);
    return report;
  }

  /** The bound tenant as the seller on its invoices (billing), in the open transaction if there is one; null when gone. */
  sellerDetails(): Promise<SellerDetailsRow | null> {
    return this.repository.sellerDetails();
  }

  /** Changes the bound tenant's seller details in the open transaction; null when `version` is stale (nothing changed). */
  updateSellerDetails(details: SellerDetailsUpdate): Promise<SellerDetailsRow | null> {
    return this.repository.updateSellerDetails(details);
  }

  /** Every tenant that still has a schema (not left), by slug: for platform jobs that visit each tenant. */
  async scopesWithSchemas(): Promise<TenantScope[]> {
    return (await this.repository.tenantsWithSchemas()).map(scopeOf);
  }

  // ---- leaving the platform (retention's LeavingService): the leaving columns of the tenant's row ----

  /** The tenant's row with its leaving columns; null when there is none. */
  leavingRow(tenantId: string): Promise<LeavingTenantRow | null> {
    return this.repository.leavingRow(tenantId);
  }

  /** Records the request to leave in the open transaction; false when it was already requested or the tenant has left. */
  requestLeave(tenantId: string, input: { requestedAt: Date; leaveAfter: Date; requestedBy: string; reason: string | null }): Promise<boolean> {
    return this.repository.requestLeave(tenantId, input);
  }

  /** Cancels the request to leave in the open transaction; false when none was pending. */
  cancelLeave(tenantId: string): Promise<boolean> {
    return this.repository.cancelLeave(tenantId);
  }

  /** Tenants whose grace period is over by `now`, the earliest first. */
  dueToLeave(now: Date): Promise<{ id: string; slug: string; schema_name: string }[]> {
    return this.repository.dueToLeave(now);
  }

  /** The bound tenant's row, locked for the drop in the open transaction; null when there is none. */
  lockForLeaving(tenantId: string): Promise<LeavingTenantRow | null> {
    return this.repository.lockForLeaving(tenantId);
  }

  /** Marks the tenant left, in the open transaction (its schema dropped in the same one). */
  markLeft(tenantId: string, at: Date): Promise<void> {
    return this.repository.markLeft(tenantId, at);
  }
}
