// The platform's erasure ledger: every erasure is recorded here too, in the erasure's own transaction, so that
// it outlives any restore of the tenant's schema; a restore re-applies it before it commits.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroORM } from '@mikro-orm/postgresql';
import { quoteIdent, type TransactionExecutor } from '@app/database';
import { TenantContext, type TenantScope } from '@app/tenancy';

export interface ErasureLedgerRecord {
  customerId: string;
  requestId: string | null;
  erasedAt: Date;
}

@Injectable()
export class ErasureLedgerService {
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

  async entries(tenantId: string): Promise<ErasureLedgerRecord[]> {
    const rows = (await this.orm.em
      .fork()
      .execute('select customer_id, request_id, erased_at from platform.erasure_ledger where tenant_id = ? order by erased_at, customer_id', [tenantId])) as {
      customer_id: string;
      request_id: string | null;
      erased_at: Date;
    }[];
    return rows.map((r) => ({ customerId: r.customer_id, requestId: r.request_id, erasedAt: new Date(r.erased_at) }));
  }

  /**
   * Inside a restore's transaction, on the restored (and fully migrated) schema: erases again everyone in the
   * platform ledger whose record the backup brought back. The same steps as an erasure (RequestsService.erase:
   * drafts deleted, issued invoices detached and kept under legal hold, the free text of their requests cleared,
   * the record deleted, so that consent events, portal account and invitations go with it by cascade), set-based,
   * and the tenant's own ledger row written where the backup predates it; an erasure request the backup shows
   * still open is marked completed. Returns the customers erased again.
   */
  async reapply(execute: TransactionExecutor, tenant: TenantScope, actor: string): Promise<string[]> {
    const s = quoteIdent(tenant.schema);
    const back = (await execute(
      `select l.customer_id, l.request_id, l.erased_at from platform.erasure_ledger l join ${s}.customer c on c.id = l.customer_id where l.tenant_id = ?`,
      [tenant.tenantId],
    )) as { customer_id: string; request_id: string | null; erased_at: Date }[];
    // An erasure request the backup still shows open was carried out after it: it is done.
    await execute(
      `update ${s}.data_subject_request r set state = 'completed', decided_by = ?, decided_at = l.erased_at, updated_at = now(), version = r.version + 1
         from platform.erasure_ledger l
        where l.tenant_id = ? and l.request_id = r.id and r.state in ('received', 'verified', 'in_progress')`,
      [actor, tenant.tenantId],
    );
    if (back.length === 0) return [];
    const ids = back.map((r) => r.customer_id);
    await execute(`delete from ${s}.invoice_line where invoice_id in (select id from ${s}.invoice where customer_id = any(?::uuid[]) and status = 'draft')`, [ids]);
    await execute(`delete from ${s}.invoice where customer_id = any(?::uuid[]) and status = 'draft'`, [ids]);
    const kept = (await execute(`select customer_id, count(*)::int as n from ${s}.invoice where customer_id = any(?::uuid[]) group by customer_id`, [ids])) as {
      customer_id: string;
      n: number;
    }[];
    await execute(`update ${s}.invoice set customer_id = null where customer_id = any(?::uuid[])`, [ids]);
    await execute(`update ${s}.data_subject_request set details = null where customer_id = any(?::uuid[])`, [ids]);
    await execute(`delete from ${s}.customer where id = any(?::uuid[])`, [ids]);
    const retained = new Map(kept.map((k) => [k.customer_id, k.n]));
    for (const r of back) {
      await execute(`insert into ${s}.erasure_ledger (customer_id, request_id, erased_at, invoices_retained) values (?, ?, ?, ?) on conflict (customer_id) do nothing`, [
        r.customer_id,
        r.request_id,
        r.erased_at,
        retained.get(r.customer_id) ?? 0,
      ]);
      await execute(`insert into ${s}.audit_event (actor, action, subject_type, subject_id, fields) values (?, 'customer.erasure_reapplied', 'customer', ?, '{}')`, [
        actor,
        r.customer_id,
      ]);
    }
    return ids;
  }
}
