// What an erasure deletes, in one place. An erasure runs the steps below in this order inside one transaction,
// both when staff complete an erasure request (RequestsService) and when a restore of a backup brings back
// someone erased after the backup was taken (BackupService, through the platform's erasure ledger).
//
// Kept, by law or as a record without the person in it: issued invoices and credit notes with their buyer
// snapshot (Accounting Act), the bank's records of payments for them (accounting vouchers; retention deletes
// both after their period), the requests without their free text, the audit trail (it names fields, never
// values), the tenant's and the platform's erasure ledgers (ids only), and the suppression list of objections
// (hashed addresses, so that an objection outlives the record). A test walks every table after an erasure
// (test/gdpr-journey.e2e-spec.ts), so a new table holding personal data cannot be forgotten here.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type Actor, actorKey } from '@app/core';
import { ErasureLedgerService } from '@app/backup';
import { billingErasure } from '@app/billing';
import { customersErasure } from '@app/customers';
import { type CustomerErasureStep, type TenantScope, type TenantTransaction } from '@app/tenancy';
import { RequestsRepository, requestsErasure } from './requests.repository';

/**
 * The order matters: each step may still need the rows a later one deletes; the customer record goes last.
 * Each step is defined, with its `does` text and its statements, in its module's repository file, and takes the
 * transaction as a `TenantTransaction` (bind parameters `$1, $2`): a restore runs the steps on its own connection,
 * where no tenant context is bound.
 *
 * billingErasure is in libs/billing/src/billing.repository.ts, requestsErasure in requests.repository.ts (here),
 * customersErasure in libs/customers/src/customers.repository.ts; each opens with its `does` text.
 * After them: the tenant's erasure ledger row and an audit entry per person (below), and when staff complete a
 * request, the platform's ledger row (RequestsService).
 */
export const ERASURE_STEPS: readonly CustomerErasureStep[] = [billingErasure, requestsErasure, customersErasure];

export interface ErasedCustomer {
  customerId: string;
  requestId: string | null;
  erasedAt?: Date;
}

@Injectable()
export class CustomerErasure implements OnModuleInit {
  constructor(
    private readonly ledger: ErasureLedgerService,
    private readonly repository: RequestsRepository,
  ) {}

  /** A restore re-applies the platform's ledger through this very list. */
  onModuleInit(): void {
    this.ledger.useReapply((actor, execute, tenant) => this.reapply(actor, this.repository.restoreTransaction(execute, tenant.schema), tenant));
  }

  /**
   * Erases these customers in the open transaction of the tenant in scope (`TenantContext.transaction()`): every
   * step, then the tenant's ledger row (ids and the count of invoices kept) and an audit entry per person. The
   * caller has checked the preconditions.
   */
  async erase(actor: Actor, people: ErasedCustomer[]): Promise<void> {
    await this.eraseWith(this.repository.erasureTransaction(), people, actorKey(actor), 'customer.erased');
  }

  private async eraseWith(tx: TenantTransaction, people: ErasedCustomer[], actor: string, action: string): Promise<void> {
    const ids = people.map((p) => p.customerId);
    if (ids.length === 0) return;
    const retained = await billingErasure.retainedInvoices(tx, ids);
    for (const step of ERASURE_STEPS) await step.eraseCustomers(tx, ids);
    const rows = people.map((p) => ({ customer_id: p.customerId, request_id: p.requestId, erased_at: (p.erasedAt ?? new Date()).toISOString(), invoices_retained: retained.get(p.customerId) ?? 0 }));
    await this.repository.recordErasures(tx, rows);
    await this.repository.auditErasures(tx, ids, actor, action);
  }

  /**
   * Inside a restore's transaction, on the restored and migrated schema: everyone in the platform's erasure
   * ledger whose record the backup brought back is erased again, and an erasure request the backup still shows
   * open is marked completed. The platform's rows are read first and handed over as values (on Citus the
   * platform tables live on the coordinator). Returns the customers erased again.
   */
  private async reapply(actor: Actor, tx: TenantTransaction, tenant: TenantScope): Promise<string[]> {
    const by = actorKey(actor);
    const ledger = await this.ledger.entries(tenant.tenantId, tx.execute);
    if (ledger.length === 0) return [];
    const done = ledger.filter((l) => l.requestId).map((l) => ({ request_id: l.requestId!, erased_at: l.erasedAt.toISOString() }));
    await this.repository.completeErasedRequests(tx, by, done);
    const present = await customersErasure.present(tx, ledger.map((l) => l.customerId));
    const back = ledger.filter((l) => present.has(l.customerId));
    await this.eraseWith(tx, back, by, 'customer.erasure_reapplied');
    return back.map((l) => l.customerId);
  }
}
