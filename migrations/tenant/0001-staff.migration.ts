// A tenant's own staff, their invitations, register settings and audit trail. No reference leaves the schema.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantStaff: SchemaMigration = {
  name: '0001-staff',
  async up(db: MigrationContext) {
    await db.execute(`
      create table staff_user (
        id uuid primary key,
        email text not null,
        name text not null,
        role text not null check (role in ('owner', 'staff')),
        password_hash text,
        disabled_at timestamptz(3),
        last_login_at timestamptz(3),
        created_at timestamptz(3) not null default now(),
        version integer not null default 1
      )`);
    await db.execute(`create unique index staff_user_email_key on staff_user (lower(email))`);
    await db.execute(`
      create table invitation (
        id uuid primary key,
        staff_user_id uuid not null references staff_user (id),
        token_hash text not null unique,
        expires_at timestamptz(3) not null,
        accepted_at timestamptz(3),
        created_at timestamptz(3) not null default now()
      )`);
    await db.execute(`
      create table audit_event (
        id bigint generated always as identity primary key,
        occurred_at timestamptz(3) not null default now(),
        actor text not null,
        action text not null,
        subject_type text not null,
        subject_id text,
        fields text[] not null default '{}'
      )`);
    await db.execute(`create index audit_event_subject_idx on audit_event (subject_type, subject_id, occurred_at)`);
  },
};
