// The platform's erasure ledger: every erasure is recorded here too, in the erasure's own transaction, so that
// it outlives any restore of the tenant's schema; a restore re-applies it before it commits.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroORM } from '@mikro-orm/postgresql';
import type { TransactionExecutor } from '@app/database';
import { TenantContext, type TenantScope } from '@app/tenancy';

export interface ErasureLedgerRecord {
  customerId: string;
  requestId: string | null;
  erasedAt: Date;
}

export type ReapplyErasures = (execute: TransactionExecutor, tenant: TenantScope, actor: string) => Promise<string[]>;

@Injectable()
export class ErasureLedgerService {
  private reapplyErasures?: ReapplyErasures;

  constructor(
    private readonly context: TenantContext,
    private readonly orm: MikroORM,
  ) {}

  /** Inside an erasure's transaction (`em`), for the tenant in scope. Idempotent. */
  async record(em: EntityManager, entry: { customerId: string; requestId: string | null }): Promise<void> {
    await em.execute(
      'insert into platform.erasure_ledger (tenant_id, customer_id, request_id) values (?, ?, ?) on conflict (tenant_id, customer_id) do nothing',
      [this.context.tenant.tenantId, entry.customerId, entry.requestId],
    );
  }

  /** The tenant's erasures, oldest first; `execute` reads them inside a restore's transaction. */
  async entries(tenantId: string, execute: TransactionExecutor = (sql, params) => this.orm.em.fork().execute(sql, params ?? [])): Promise<ErasureLedgerRecord[]> {
    const rows = (await execute('select customer_id, request_id, erased_at from platform.erasure_ledger where tenant_id = ? order by erased_at, customer_id', [tenantId])) as {
      customer_id: string;
      request_id: string | null;
      erased_at: Date;
    }[];
    return rows.map((r) => ({ customerId: r.customer_id, requestId: r.request_id, erasedAt: new Date(r.erased_at) }));
  }

  /**
   * Inside a restore's transaction, on the restored and migrated schema: erases again everyone in the platform's
   * ledger whose record the backup brought back, through the one erasure list (`libs/requests/src/erasure.ts`,
   * which registers itself here: the requests module sits above backups). Returns the customers erased again.
   */
  async reapply(execute: TransactionExecutor, tenant: TenantScope, actor: string): Promise<string[]> {
    // Without it a restore would bring erased people back: refuse rather than restore.
    if (!this.reapplyErasures) throw new Error('the erasure list is not loaded: a restore needs RequestsModule');
    return this.reapplyErasures(execute, tenant, actor);
  }

  useReapply(reapply: ReapplyErasures): void {
    this.reapplyErasures = reapply;
  }
}
