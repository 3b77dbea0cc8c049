// Billing's part of an erasure: drafts are no accounting records and go; issued invoices and credit notes are
// kept for their legal period with the buyer snapshot taken at issue, no longer linked to the person.
import { type CustomerErasureStep, inUuids, type TenantTransaction } from '@app/tenancy';

export const billingErasure: CustomerErasureStep & { retainedInvoices(tx: TenantTransaction, customerIds: string[]): Promise<Map<string, number>> } = {
  does: 'draft invoices deleted; issued invoices and credit notes kept under legal hold with their buyer snapshot, unlinked',

  /** How many issued invoices of each customer the erasure keeps (read before the step unlinks them). */
  async retainedInvoices({ execute, schema }, customerIds) {
    const rows = (await execute(`select customer_id, count(*)::int as n from ${schema}.invoice where ${inUuids('customer_id')} and status <> 'draft' group by customer_id`, [
      JSON.stringify(customerIds),
    ])) as { customer_id: string; n: number }[];
    return new Map(rows.map((r) => [r.customer_id, r.n]));
  },

  async eraseCustomers({ execute, schema }, customerIds) {
    const ids = JSON.stringify(customerIds);
    await execute(`delete from ${schema}.invoice_line where invoice_id in (select id from ${schema}.invoice where ${inUuids('customer_id')} and status = 'draft')`, [ids]);
    await execute(`delete from ${schema}.invoice where ${inUuids('customer_id')} and status = 'draft'`, [ids]);
    await execute(`update ${schema}.invoice set customer_id = null where ${inUuids('customer_id')}`, [ids]);
  },
};
