// The platform schema: tenant registry, platform staff and their role history, sessions, login throttling.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformInitial: SchemaMigration = {
  name: '0001-initial',
  async up(db: MigrationContext) {
    await db.execute(`
      create table tenant (
        id uuid primary key,
        slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
        schema_name text not null unique check (schema_name ~ '^[a-z0-9_]+$'),
        legal_name text not null,
        business_id text not null,
        street_address text not null,
        postal_code text not null,
        city text not null,
        contact_email text not null,
        contact_person text not null,
        language text not null default 'fi' check (language in ('fi', 'en')),
        status text not null default 'active' check (status in ('active', 'suspended')),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        version integer not null default 1
      )`);
    await db.execute(`
      create table platform_staff (
        id uuid primary key,
        email text not null,
        name text not null,
        password_hash text,
        roles text[] not null default '{}',
        disabled_at timestamptz(3),
        last_login_at timestamptz(3),
        created_at timestamptz(3) not null default now()
      )`);
    await db.execute(`create unique index platform_staff_email_key on platform_staff (lower(email))`);
    await db.execute(`
      create table platform_role_change (
        id bigint generated always as identity primary key,
        staff_id uuid not null references platform_staff (id),
        role text not null,
        action text not null check (action in ('grant', 'revoke')),
        actor_id uuid references platform_staff (id),
        changed_at timestamptz(3) not null default now()
      )`);
    await db.execute(`
      create table platform_invitation (
        id uuid primary key,
        staff_id uuid not null references platform_staff (id),
        token_hash text not null unique,
        expires_at timestamptz(3) not null,
        accepted_at timestamptz(3),
        created_at timestamptz(3) not null default now()
      )`);
    // The table connect-pg-simple expects; `principal` is derived so a user's sessions can be ended at once.
    await db.execute(`
      create table session (
        sid varchar not null collate "default" primary key,
        sess json not null,
        expire timestamp(6) not null,
        principal text generated always as (sess #>> '{passport,user}') stored
      )`);
    await db.execute(`create index session_expire_idx on session (expire)`);
    await db.execute(`create index session_principal_idx on session (principal)`);
    // The table rate-limiter-flexible's PostgreSQL store expects.
    await db.execute(`create table login_throttle (key varchar(255) primary key, points integer not null default 0, expire bigint)`);
  },
};
