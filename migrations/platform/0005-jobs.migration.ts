// The e-mail outbox's record of every message: when it was queued, attempts, delivery or the final
// failure. Personal data stays out: the address and text ride only in the job (pg-boss's own `pgboss`
// schema, which pg-boss installs and upgrades itself), and a completed job is deleted after a day.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformJobs: SchemaMigration = {
  name: '0005-jobs',
  async up(db: MigrationContext) {
    await db.execute(`
      create table outbox_message (
        id uuid primary key,
        topic text not null check (topic ~ '^[a-z][a-z0-9-]{0,62}$'),
        ref text check (char_length(ref) <= 200),
        queued_at timestamptz(3) not null default now(),
        attempts integer not null default 0 check (attempts >= 0),
        delivered_at timestamptz(3),
        failed_at timestamptz(3),
        last_error text check (char_length(last_error) <= 200)
      )`);
    await db.execute(`create index outbox_message_undelivered_idx on outbox_message (queued_at) where delivered_at is null`);
    await db.execute(`create index outbox_message_ref_idx on outbox_message (topic, ref)`);
  },
};
