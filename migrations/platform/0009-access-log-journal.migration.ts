// How far each API process's local access-log journal has reached the database: written in the same statement as
// each batch of rows, so that replaying a crashed process's journal from here writes nothing twice.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformAccessLogJournal: SchemaMigration = {
  name: '0009-access-log-journal',
  async up(db: MigrationContext) {
    await db.execute(`
      create table access_log_journal (
        journal uuid primary key,
        seq bigint not null,
        updated_at timestamptz(3) not null default now()
      )`);
  },
};
