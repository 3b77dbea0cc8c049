// The IP access log (privacy statement section 12): one partition per UTC day, dropped whole once past
// retention, and the audit of every search of it (who, when, filters, justification, rows, tenants touched).
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformAccessLog: SchemaMigration = {
  name: '0003-access-log',
  async up(db: MigrationContext) {
    // No primary key: an append-only log needs none, and a partitioned key would have to include logged_at.
    // `ip` is null only when a trusted proxy forwarded something that is not an address.
    await db.execute(`
      create table access_log (
        logged_at timestamptz not null,
        ip inet,
        method text not null,
        route text not null,
        status smallint not null,
        latency_ms integer not null,
        tenant_id uuid,
        principal text,
        request_id uuid not null
      ) partition by range (logged_at)`);
    // Partitioned indexes: each day's partition gets its own. The (ip, logged_at) btree serves an address
    // and, through PostgreSQL's network_subset_support, a network (ip <<= '203.0.113.0/24') as a range scan.
    await db.execute(`create index access_log_ip_idx on access_log (ip, logged_at)`);
    await db.execute(`create index access_log_tenant_idx on access_log (tenant_id, logged_at) where tenant_id is not null`);
    await db.execute(`create index access_log_principal_idx on access_log (principal, logged_at) where principal is not null`);

    // Partition upkeep lives in the database so that the migration, the API's schedule and an operator
    // at psql name and bound partitions the same way: access_log_pYYYYMMDD holds [day, day + 1) in UTC.
    await db.execute(`
      create function access_log_ensure_partitions(first_day date, days integer) returns integer
      language plpgsql as $fn$
      declare
        day date;
        part text;
        made integer := 0;
      begin
        for i in 0 .. days - 1 loop
          day := first_day + i;
          part := 'access_log_p' || to_char(day, 'YYYYMMDD');
          if to_regclass(format('platform.%I', part)) is null then
            execute format('create table platform.%I partition of platform.access_log for values from (%L) to (%L)',
              part, to_char(day, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(day + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
            made := made + 1;
          end if;
        end loop;
        return made;
      end
      $fn$`);
    await db.execute(`
      create function access_log_drop_partitions(cutoff timestamptz) returns setof text
      language plpgsql as $fn$
      declare
        part text;
      begin
        for part in
          select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'platform.access_log'::regclass and c.relname ~ '^access_log_p[0-9]{8}$'
          order by c.relname
        loop
          -- Only whole days whose every row is older than the cutoff.
          if (to_date(substr(part, 13), 'YYYYMMDD') + 1)::timestamp at time zone 'UTC' <= cutoff then
            execute format('drop table platform.%I', part);
            return next part;
          end if;
        end loop;
      end
      $fn$`);
    await db.execute(`select access_log_ensure_partitions((now() at time zone 'UTC')::date, 8)`);

    await db.execute(`
      create table access_log_search (
        id uuid primary key,
        searched_at timestamptz(3) not null,
        investigator_id uuid not null references platform_staff (id),
        filters jsonb not null,
        justification text not null check (char_length(justification) between 10 and 2000),
        row_count integer not null check (row_count >= 0),
        tenant_ids uuid[] not null default '{}'
      )`);
    await db.execute(`create index access_log_search_at_idx on access_log_search (searched_at desc, id desc)`);
    // Access transparency: a tenant lists the searches whose rows (or filter) touched its traffic.
    await db.execute(`create index access_log_search_tenants_idx on access_log_search using gin (tenant_ids)`);
    // The audit of searches is evidence: the application only ever appends to it.
    await db.execute(`
      create function access_log_search_append_only() returns trigger
      language plpgsql as $fn$
      begin
        raise exception 'access_log_search is append-only' using errcode = 'insufficient_privilege';
      end
      $fn$`);
    await db.execute(`
      create trigger access_log_search_append_only before update or delete on access_log_search
      for each row execute function access_log_search_append_only()`);
  },
};
