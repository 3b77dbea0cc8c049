// What a module that holds a customer's personal data gives to an erasure: one bulk step over its own tables.
// The steps run in the order `libs/requests/src/erasure.ts` lists, inside one transaction, both when staff
// complete an erasure request and when a restore brings back someone erased after the backup was taken.
import type { TransactionExecutor } from '@app/database';

/** The erasure's open transaction and the schema of the tenant it runs in (`?` placeholders). */
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

/** `column in (...)` for uuids given as one JSON array parameter: both executors (the ORM's and a restore's) take it alike. */
export const inUuids = (column: string): string => `${column} in (select (jsonb_array_elements_text(?::jsonb))::uuid)`;
