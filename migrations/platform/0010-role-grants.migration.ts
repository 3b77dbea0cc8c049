// Separation of duties for platform roles: a grant is proposed by one platform admin and applied only when a
// second one approves it (never the proposer, never the grantee). The role history records every step.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformRoleGrants: SchemaMigration = {
  name: '0010-role-grants',
  async up(db: MigrationContext) {
    await db.execute(`
      create table platform_role_grant (
        id uuid primary key,
        staff_id uuid not null references platform_staff (id),
        role text not null,
        proposed_by uuid not null references platform_staff (id),
        proposed_at timestamptz(3) not null default now(),
        status text not null default 'pending' check (status in ('pending', 'approved', 'withdrawn')),
        decided_by uuid references platform_staff (id),
        decided_at timestamptz(3),
        -- The rule holds in the database too, whatever a future code path does.
        constraint platform_role_grant_not_self check (proposed_by <> staff_id),
        constraint platform_role_grant_second_admin check (status <> 'approved' or (decided_by <> proposed_by and decided_by <> staff_id)),
        constraint platform_role_grant_decided check ((status = 'pending') = (decided_at is null and decided_by is null))
      )`);
    await db.execute(`create unique index platform_role_grant_pending_key on platform_role_grant (staff_id, role) where status = 'pending'`);
    await db.execute(`alter table platform_role_change add column grant_id uuid references platform_role_grant (id)`);
    await db.execute(`alter table platform_role_change drop constraint platform_role_change_action_check`);
    await db.execute(`
      alter table platform_role_change add constraint platform_role_change_action_check
        check (action in ('grant', 'propose', 'approve', 'withdraw', 'revoke'))`);
    await db.execute(`create index platform_role_change_staff_idx on platform_role_change (staff_id, id)`);
  },
};
