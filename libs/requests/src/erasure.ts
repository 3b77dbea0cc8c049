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
import { ErasureLedgerService } from '@app/backup';
import { billingErasure } from '@app/billing';
import { customersErasure } from '@app/customers';
import { quoteIdent } from '@app/database';
import { type CustomerErasureStep, inUuids, type TenantScope, type TenantTransaction } from '@app/tenancy';
import { requestsErasure } from './requests.erasure';

/** The order matters: each step may still need the rows a later one deletes; the customer record goes last. */
export const ERASURE_STEPS: readonly CustomerErasureStep[] = [billingErasure, requestsErasure, customersErasure];

export interface ErasedCustomer {
  customerId: string;
  requestId: string | null;
  erasedAt?: Date;
}

@Injectable()
export class CustomerErasure implements OnModuleInit {
  constructor(private readonly ledger: ErasureLedgerService) {}

  /** A restore re-applies the platform's ledger through this very list. */
  onModuleInit(): void {
    this.ledger.useReapply((execute, tenant, actor) => this.reapply({ execute, schema: quoteIdent(tenant.schema) }, tenant, actor));
  }

  /**
   * Erases these customers in the caller's transaction: every step, then the tenant's ledger row (ids and the
   * count of invoices kept) and an audit entry per person. The caller has checked the preconditions.
   */
  async erase(tx: TenantTransaction, people: ErasedCustomer[], actor: string, action = 'customer.erased'): Promise<void> {
    const ids = people.map((p) => p.customerId);
    if (ids.length === 0) return;
    const retained = await billingErasure.retainedInvoices(tx, ids);
    for (const step of ERASURE_STEPS) await step.eraseCustomers(tx, ids);
    const rows = people.map((p) => ({ customer_id: p.customerId, request_id: p.requestId, erased_at: (p.erasedAt ?? new Date()).toISOString(), invoices_retained: retained.get(p.customerId) ?? 0 }));
    await tx.execute(
      `insert into ${tx.schema}.erasure_ledger (customer_id, request_id, erased_at, invoices_retained)
       select customer_id, request_id, erased_at, invoices_retained
         from jsonb_to_recordset(?::jsonb) as r(customer_id uuid, request_id uuid, erased_at timestamptz, invoices_retained int)
       on conflict (customer_id) do nothing`,
      [JSON.stringify(rows)],
    );
    await tx.execute(
      `insert into ${tx.schema}.audit_event (actor, action, subject_type, subject_id, fields)
       select ?, ?, 'customer', id, '{}' from jsonb_array_elements_text(?::jsonb) as id`,
      [actor, action, JSON.stringify(ids)],
    );
  }

  /**
   * Inside a restore's transaction, on the restored and migrated schema: everyone in the platform's erasure
   * ledger whose record the backup brought back is erased again, and an erasure request the backup still shows
   * open is marked completed. The platform's rows are read first and handed over as values (on Citus the
   * platform tables live on the coordinator). Returns the customers erased again.
   */
  private async reapply(tx: TenantTransaction, tenant: TenantScope, actor: string): Promise<string[]> {
    const ledger = await this.ledger.entries(tenant.tenantId, tx.execute);
    if (ledger.length === 0) return [];
    const done = JSON.stringify(ledger.filter((l) => l.requestId).map((l) => ({ request_id: l.requestId, erased_at: l.erasedAt.toISOString() })));
    await tx.execute(
      `update ${tx.schema}.data_subject_request r set state = 'completed', decided_by = ?, decided_at = l.erased_at, updated_at = now(), version = r.version + 1
         from jsonb_to_recordset(?::jsonb) as l(request_id uuid, erased_at timestamptz)
        where l.request_id = r.id and r.state in ('received', 'verified', 'in_progress')`,
      [actor, done],
    );
    const present = new Set(
      ((await tx.execute(`select id from ${tx.schema}.customer where ${inUuids('id')}`, [JSON.stringify(ledger.map((l) => l.customerId))])) as { id: string }[]).map((r) => r.id),
    );
    const back = ledger.filter((l) => present.has(l.customerId));
    await this.erase(tx, back, actor, 'customer.erasure_reapplied');
    return back.map((l) => l.customerId);
  }
}
