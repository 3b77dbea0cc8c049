// Tenant schemas made ahead of need (issue 18): migrated, empty schemas that onboarding claims and renames inside its
// own transaction instead of creating and migrating one while the platform admin waits.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformSpareSchemas: SchemaMigration = {
  name: '0016-spare-schemas',
  async up(db: MigrationContext) {
    await db.execute(`
      create table spare_schema (
        schema_name text not null,
        created_at timestamptz(3) not null default now(),
        constraint spare_schema_pkey primary key (schema_name),
        constraint spare_schema_name_check check (schema_name ~ '^spare_[0-9a-f]{32}$')
      )`);
  },
};
