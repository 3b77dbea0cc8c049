// The platform's copy of every tenant's erasure ledger: it lives outside the tenant schemas, so restoring a
// tenant from a backup cannot take it back, and the restore re-applies it (nobody erased comes back).
// Ids and a time only: no personal data. No reference into a tenant schema (they stay self-contained).
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformErasureLedger: SchemaMigration = {
  name: '0007-erasure-ledger',
  async up(db: MigrationContext) {
    await db.execute(`
      create table erasure_ledger (
        tenant_id uuid not null references tenant (id) on delete cascade,
        customer_id uuid not null,
        request_id uuid,
        erased_at timestamptz(3) not null default now(),
        primary key (tenant_id, customer_id)
      )`);
    // Erasures done before this table existed: copied from each tenant's own ledger, once.
    await db.execute(`
      do $$
      declare t record;
      begin
        for t in select id, schema_name from platform.tenant loop
          if to_regclass(format('%I.erasure_ledger', t.schema_name)) is not null then
            execute format(
              'insert into platform.erasure_ledger (tenant_id, customer_id, request_id, erased_at)
               select %L::uuid, customer_id, request_id, erased_at from %I.erasure_ledger on conflict do nothing',
              t.id, t.schema_name);
          end if;
        end loop;
      end $$`);
  },
};
