// pg_trgm powers substring search over customers; extensions are per database, so they live here.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformExtensions: SchemaMigration = {
  name: '0002-extensions',
  async up(db: MigrationContext) {
    await db.execute('create extension if not exists pg_trgm with schema public');
  },
};
