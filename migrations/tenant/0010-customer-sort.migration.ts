// Sorting the register by name or by last change, page after page: a name to sort by (as the list shows it) and
// keyset indexes for both orders, so every page is an index range whatever the register's size.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantCustomerSort: SchemaMigration = {
  name: '0010-customer-sort',
  async up(db: MigrationContext) {
    // The name the console shows: the company, else the billing name, else the contact person.
    await db.execute(`
      alter table customer add column sort_name text generated always as (lower(coalesce(
        company_name,
        nullif(btrim(coalesce(billing_first_name, '') || ' ' || coalesce(billing_last_name, '')), ''),
        contact_name,
        ''))) stored`);
    await db.execute(`create index customer_name_idx on customer (sort_name, id)`);
    await db.execute(`create index customer_updated_idx on customer (updated_at, id)`);
  },
};
