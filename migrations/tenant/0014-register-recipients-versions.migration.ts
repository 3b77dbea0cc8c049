// Recipients and processors of the register (GDPR Art. 13(1)(e)), and every version of the register
// settings kept: the statement and the Art. 30 record of version N are generated from the settings of
// version N, so they must never be overwritten. A trigger keeps the copy, whatever code writes the row.
import type { MigrationContext, SchemaMigration } from '@app/database';

/** The platform's own processors, which every tenant's register uses (an owner adds its own or changes these). */
export const DEFAULT_RECIPIENTS_JSON = JSON.stringify([
  { name: 'Rekisteri', role: 'platform_operator', country: 'FI', safeguard: null },
  { name: 'UpCloud Oy (Helsinki)', role: 'hosting', country: 'FI', safeguard: null },
  { name: 'Rekisteri (SMTP)', role: 'email', country: 'FI', safeguard: null },
]);

export const tenantRegisterRecipientsVersions: SchemaMigration = {
  name: '0014-register-recipients-versions',
  async up(db: MigrationContext) {
    // Column and check apart, the check named as PostgreSQL would name it (Citus refuses unnamed ones).
    await db.execute(`alter table register_settings add column recipients jsonb not null default '${DEFAULT_RECIPIENTS_JSON}'::jsonb`);
    await db.execute(`
      alter table register_settings add constraint register_settings_recipients_check
        check (jsonb_typeof(recipients) = 'array' and jsonb_array_length(recipients) <= 30)`);
    await db.execute(`
      create table register_settings_version (
        notice_version integer primary key,
        -- The whole row as it was (column names as keys), so later columns need no change here.
        settings jsonb not null,
        recorded_at timestamptz(3) not null default now()
      )`);
    await db.execute(`
      create function register_settings_keep_version() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' or new.notice_version <> old.notice_version then
          -- Qualified by the trigger's own schema: the session's search_path is not the tenant's.
          execute format('insert into %I.register_settings_version (notice_version, settings, recorded_at) values ($1, $2, $3)
            on conflict (notice_version) do nothing', tg_table_schema)
            using new.notice_version, to_jsonb(new), new.updated_at;
        end if;
        return new;
      end $$`);
    await db.execute(`
      create trigger register_settings_versioned after insert or update on register_settings
        for each row execute function register_settings_keep_version()`);
    // Kept versions are history: never changed or deleted (leaving the platform drops the schema with them).
    await db.execute(`
      create function register_settings_version_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'register_settings_version is append-only' using errcode = 'P0001';
      end $$`);
    await db.execute(`create trigger register_settings_version_append_only before update or delete on register_settings_version for each row execute function register_settings_version_append_only()`);
    // Row by row: on Citus an INSERT ... SELECT with a whole-row value of a table altered in the same transaction
    // is sent to the worker as SQL it cannot parse ("syntax error at or near NOT"); a value made here is not.
    await db.execute(`
      do $$ declare r record; begin
        for r in select * from register_settings loop
          insert into register_settings_version (notice_version, settings, recorded_at) values (r.notice_version, to_jsonb(r), r.updated_at);
        end loop;
      end $$`);
  },
};
