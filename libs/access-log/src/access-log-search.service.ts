// Reading the access log: only investigators search it, each search justified and recorded in the same
// transaction as the read; the audit of searches; and each tenant's view of searches that touched it.
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, AppConfig, decodeCursor, type Page, ProblemException, requireAccess, toPage } from '@app/core';
import { TenantContext } from '@app/tenancy';
import { PlatformStaffService } from '@app/auth';
import { AccessLogErrorCode, AccessLogException } from './access-log.errors';
import { type AuditRow, AccessLogRepository, type FoundRow, type TransparencyRow } from './access-log.repository';
import { errorCode } from './access-log.writer';
import { filtersForAudit, type FilterInput, resolveFilters, resolveJustification, retentionCutoff, type SearchFilters } from './search-filters';

const DEFAULT_LIMIT = 100;
const STATEMENT_TIMEOUT = '57014';

export interface SearchInput {
  filters: FilterInput;
  justification: string;
  limit?: number;
}

export interface SearchResult {
  id: string;
  searchedAt: Date;
  rowCount: number;
  /** More rows matched than `limit`: narrow the search to see them. */
  truncated: boolean;
  rows: FoundRow[];
}

export interface AuditEntryView {
  id: string;
  searchedAt: Date;
  investigator: { id: string; email: string; name: string };
  filters: Record<string, unknown>;
  justification: string;
  rowCount: number;
  tenantIds: string[];
}

export type TransparencyEntry = TransparencyRow;

/** The tenants whose traffic a search looked at: those of the rows returned, and the one it was filtered by. */
export function touchedTenants(rows: Pick<FoundRow, 'tenantId'>[], filters: Pick<SearchFilters, 'tenantId'>): string[] {
  const ids = new Set(rows.map((r) => r.tenantId).filter((id): id is string => id !== null));
  if (filters.tenantId) ids.add(filters.tenantId);
  return [...ids].sort();
}

@Injectable()
export class AccessLogSearchService {
  private readonly logger = new Logger('AccessLog');

  constructor(
    private readonly store: AccessLogRepository,
    private readonly context: TenantContext,
    private readonly config: AppConfig,
    private readonly platformStaff: PlatformStaffService,
  ) {}

  async search(actor: Actor, input: SearchInput, now: Date = new Date()): Promise<SearchResult> {
    const investigator = requireAccess(actor, { realm: 'platform', roles: ['access_log_investigator'] });
    const filters = resolveFilters(input.filters, now);
    const justification = resolveJustification(input.justification);
    const limit = input.limit ?? DEFAULT_LIMIT;
    // Rows past retention are not there to be read, even if their partition waits for the next upkeep.
    const cutoff = retentionCutoff(now, this.config.accessLogRetentionDays);
    const window = { ...filters, from: filters.from < cutoff ? cutoff : filters.from };
    const id = randomUUID();
    try {
      const found = await this.store.searchAndRecord(window.from < window.to ? window : null, limit + 1, (found) => {
        const rows = found.slice(0, limit);
        return {
          id,
          searchedAt: now,
          investigatorId: investigator.id,
          filters: filtersForAudit(filters, limit),
          justification,
          rowCount: rows.length,
          tenantIds: touchedTenants(rows, filters),
        };
      });
      const rows = found.slice(0, limit);
      return { id, searchedAt: now, rowCount: rows.length, truncated: found.length > limit, rows };
    } catch (error) {
      throw this.searchFailure(error);
    }
  }

  async audit(actor: Actor, page: { limit?: number; cursor?: string }): Promise<Page<AuditEntryView>> {
    const reader = requireAccess(actor, { realm: 'platform', roles: ['access_log_investigator', 'platform_admin'] });
    // Admins oversee that searches happen for good reasons; only investigators see which addresses were sought.
    const seesAddresses = reader.roles.includes('access_log_investigator');
    const limit = page.limit ?? 50;
    const searches = await this.store.auditPage(limit + 1, page.cursor ? decodeCursor(page.cursor) : undefined);
    // Every search names its investigator (a member is never deleted, only disabled): the names come from auth.
    const staff = await this.platformStaff.staffRefs(searches.map((s) => s.investigatorId));
    const rows: AuditRow[] = searches.map((s) => ({ ...s, investigatorEmail: staff.get(s.investigatorId)?.email ?? '', investigatorName: staff.get(s.investigatorId)?.name ?? '' }));
    const result = toPage(rows, limit, (r) => ({ at: r.searchedAt, id: r.id }));
    return { items: result.items.map((r) => toAuditView(r, seesAddresses)), nextCursor: result.nextCursor };
  }

  /** The bound tenant's searches: when, and why. Never the filters (they hold addresses) nor other tenants'. */
  async transparency(page: { limit?: number; cursor?: string }): Promise<Page<TransparencyEntry>> {
    const { tenantId } = this.context.tenant;
    const limit = page.limit ?? 50;
    const rows = await this.store.transparencyPage(tenantId, limit + 1, page.cursor ? decodeCursor(page.cursor) : undefined);
    return toPage(rows, limit, (r) => ({ at: r.searchedAt, id: r.id }));
  }

  // A database error can quote the values it choked on; only its code goes further.
  private searchFailure(error: unknown): Error {
    if (error instanceof ProblemException) return error;
    const code = errorCode(error);
    if (code === STATEMENT_TIMEOUT) return new AccessLogException(AccessLogErrorCode.SearchTooBroad);
    this.logger.error({ code }, 'access log search failed');
    return new Error('access log search failed');
  }
}

function toAuditView(row: AuditRow, seesAddresses: boolean): AuditEntryView {
  const filters = { ...row.filters };
  if (!seesAddresses && 'ip' in filters) filters.ip = '[redacted]';
  return {
    id: row.id,
    searchedAt: row.searchedAt,
    investigator: { id: row.investigatorId, email: row.investigatorEmail, name: row.investigatorName },
    filters,
    justification: row.justification,
    rowCount: row.rowCount,
    tenantIds: row.tenantIds,
  };
}
