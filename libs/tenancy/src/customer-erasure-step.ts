// What a module that holds a customer's personal data gives to an erasure: one bulk step over its own tables,
// defined in that module's repository file. The steps run in the order `libs/requests/src/erasure.ts` lists,
// inside one transaction, both when staff complete an erasure request and when a restore brings back someone
// erased after the backup was taken.
import type { TransactionExecutor } from '@app/database';

/**
 * The erasure's open transaction and the schema of the tenant it runs in. `execute` takes bind parameters
 * (`$1, $2, ...`; the customers' ids as one array, `id = any($1::uuid[])`): `TenantContext.sql()` when staff
 * complete a request, the restore's own connection when a restore re-applies erasures (no tenant bound there).
 */
export interface TenantTransaction {
  execute: TransactionExecutor;
  /** Already quoted for SQL. */
  schema: string;
}

export interface CustomerErasureStep {
  /** What the step does to these customers' data, for the erasure's one readable list. */
  readonly does: string;
  eraseCustomers(tx: TenantTransaction, customerIds: string[]): Promise<void>;
}
