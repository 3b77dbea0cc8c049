// Breach notices the business approves (issue 14 item 9): a notice is drafted per affected tenant by platform
// admins (its text in Finnish and English and the customers it goes to), sent for the tenant owner's approval,
// approved or rejected with a reason, and only then sent; or, when the owner has not answered by the approval
// deadline, sent by a platform admin with a recorded justification. Any number of follow-ups, each approved on
// its own. Each notification row names the notice it belongs to, so delivery is shown per customer and notice.
// incident_event is the incident's audit trail: who did what, when, on which tenant's notice.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformIncidentNotices: SchemaMigration = {
  name: '0012-incident-notices',
  async up(db: MigrationContext) {
    await db.execute(`
      create table incident_notice (
        id uuid primary key,
        incident_id uuid not null,
        tenant_id uuid not null,
        kind text not null check (kind in ('initial', 'follow_up')),
        status text not null default 'draft' check (status in ('draft', 'pending_approval', 'approved', 'rejected', 'sent')),
        text_fi text not null check (char_length(text_fi) between 10 and 10000),
        text_en text not null check (char_length(text_en) between 10 and 10000),
        selection jsonb not null,
        -- Frozen when sent for approval: the owner approves exactly these customers, and only they are sent to.
        recipient_ids uuid[],
        created_by uuid not null references platform_staff (id),
        created_at timestamptz(3) not null,
        submitted_by uuid references platform_staff (id),
        submitted_at timestamptz(3),
        approval_due_at timestamptz(3),
        decided_by uuid,
        decided_at timestamptz(3),
        rejection_reason text check (char_length(rejection_reason) between 3 and 2000),
        sent_by uuid references platform_staff (id),
        sent_at timestamptz(3),
        send_justification text check (char_length(send_justification) between 20 and 2000),
        version integer not null default 1,
        foreign key (incident_id, tenant_id) references incident_tenant (incident_id, tenant_id),
        check ((status = 'draft') or (recipient_ids is not null and submitted_at is not null and approval_due_at is not null)),
        check ((status = 'rejected') = (rejection_reason is not null)),
        check ((status = 'sent') = (sent_at is not null)),
        -- Sent without an approval only with a justification.
        check (status <> 'sent' or decided_at is not null or send_justification is not null)
      )`);
    await db.execute(`create index incident_notice_incident_idx on incident_notice (incident_id, tenant_id, created_at)`);
    await db.execute(`create index incident_notice_tenant_idx on incident_notice (tenant_id, status)`);
    await db.execute(`alter table incident_notification add column notice_id uuid references incident_notice (id)`);
    // The old key allowed one initial notice and one follow-up per customer; now each notice reaches a customer once.
    await db.execute(`
      do $$ declare c text; begin
        select conname into c from pg_constraint where conrelid = 'incident_notification'::regclass and contype = 'u';
        if c is not null then execute format('alter table incident_notification drop constraint %I', c); end if;
      end $$`);
    await db.execute(`create unique index incident_notification_notice_key on incident_notification (notice_id, customer_id) where notice_id is not null`);
    await db.execute(`create unique index incident_notification_controller_key on incident_notification (incident_id, tenant_id, kind) where recipient = 'controller'`);
    await db.execute(`create unique index incident_notification_legacy_key on incident_notification (incident_id, tenant_id, kind, customer_id) where notice_id is null and recipient = 'customer'`);
    await db.execute(`create index incident_notification_notice_idx on incident_notification (notice_id)`);
    await db.execute(`
      create table incident_event (
        id bigint generated always as identity primary key,
        incident_id uuid not null references incident (id),
        tenant_id uuid,
        notice_id uuid references incident_notice (id),
        actor text not null,
        actor_name text not null,
        action text not null,
        detail text check (char_length(detail) <= 2000),
        occurred_at timestamptz(3) not null
      )`);
    await db.execute(`create index incident_event_incident_idx on incident_event (incident_id, id)`);
  },
};
