// The platform's erasure ledger: every erasure is recorded here too, in the erasure's own transaction, so that
// it outlives any restore of the tenant's schema; a restore re-applies it before it commits.
import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/core';
import type { TransactionExecutor } from '@app/database';
import type { TenantScope } from '@app/tenancy';
import { BackupRepository } from './backup.repository';

export interface ErasureLedgerRecord {
  customerId: string;
  requestId: string | null;
  erasedAt: Date;
}

interface LedgerEntry {
  customerId: string;
  requestId: string | null;
}

export type ReapplyErasures = (actor: Actor, execute: TransactionExecutor, tenant: TenantScope) => Promise<string[]>;

@Injectable()
export class ErasureLedgerService {
  private reapplyErasures?: ReapplyErasures;

  constructor(private readonly repository: BackupRepository) {}

  /**
   * Inside an erasure's transaction, for the tenant in scope: the one `TenantContext.transaction()` holds open.
   * Idempotent.
   */
  async record(entry: LedgerEntry): Promise<void> {
    await this.repository.recordErasure(entry);
  }

  /** The tenant's erasures, oldest first; `execute` reads them inside a restore's transaction. */
  async entries(tenantId: string, execute?: TransactionExecutor): Promise<ErasureLedgerRecord[]> {
    const rows = await this.repository.erasureLedger(tenantId, execute);
    return rows.map((r) => ({ customerId: r.customer_id, requestId: r.request_id, erasedAt: new Date(r.erased_at) }));
  }

  /**
   * Inside a restore's transaction, on the restored and migrated schema: erases again everyone in the platform's
   * ledger whose record the backup brought back, through the one erasure list (`libs/requests/src/erasure.ts`,
   * which registers itself here: the requests module sits above backups). Returns the customers erased again.
   */
  async reapply(actor: Actor, execute: TransactionExecutor, tenant: TenantScope): Promise<string[]> {
    // Without it a restore would bring erased people back: refuse rather than restore.
    if (!this.reapplyErasures) throw new Error('the erasure list is not loaded: a restore needs RequestsModule');
    return this.reapplyErasures(actor, execute, tenant);
  }

  useReapply(reapply: ReapplyErasures): void {
    this.reapplyErasures = reapply;
  }
}
