// Breach notification (privacy statement section 9, GDPR Art. 33-34): the incident, the tenants it
// concerns (with the 72-hour clock for informing each controller), and one row per notification sent.
// Customers are named by id only: their addresses stay in their tenant's schema, and no tenant schema
// refers to these tables.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformIncidents: SchemaMigration = {
  name: '0006-incidents',
  async up(db: MigrationContext) {
    await db.execute(`
      create table incident (
        id uuid primary key,
        title text not null check (char_length(title) between 3 and 200),
        what_happened_fi text not null check (char_length(what_happened_fi) between 10 and 5000),
        what_happened_en text not null check (char_length(what_happened_en) between 10 and 5000),
        occurred_at timestamptz(3) not null,
        discovered_at timestamptz(3) not null,
        data_categories text[] not null check (cardinality(data_categories) > 0),
        status text not null default 'open' check (status in ('open', 'notified', 'followed_up')),
        created_by uuid not null references platform_staff (id),
        created_at timestamptz(3) not null default now(),
        notified_at timestamptz(3),
        countermeasures_fi text check (char_length(countermeasures_fi) between 10 and 5000),
        countermeasures_en text check (char_length(countermeasures_en) between 10 and 5000),
        followed_up_at timestamptz(3),
        check (occurred_at <= discovered_at),
        check ((countermeasures_fi is null) = (followed_up_at is null) and (countermeasures_en is null) = (followed_up_at is null))
      )`);
    await db.execute(`create index incident_created_idx on incident (created_at desc, id desc)`);
    await db.execute(`
      create table incident_tenant (
        incident_id uuid not null references incident (id),
        tenant_id uuid not null references tenant (id),
        controller_notified_at timestamptz(3),
        controller_informed_at timestamptz(3),
        follow_up_sent_at timestamptz(3),
        primary key (incident_id, tenant_id)
      )`);
    await db.execute(`create index incident_tenant_tenant_idx on incident_tenant (tenant_id, incident_id)`);
    // One row per message: customer_id names a customer in the tenant's schema (no foreign key can
    // reach there); the controller's own message has none. The unique key makes notifying idempotent.
    await db.execute(`
      create table incident_notification (
        id uuid primary key,
        incident_id uuid not null,
        tenant_id uuid not null,
        recipient text not null check (recipient in ('customer', 'controller')),
        customer_id uuid,
        kind text not null check (kind in ('initial', 'follow_up')),
        queued_at timestamptz(3) not null default now(),
        delivered_at timestamptz(3),
        error text check (char_length(error) <= 200),
        foreign key (incident_id, tenant_id) references incident_tenant (incident_id, tenant_id),
        check ((recipient = 'customer') = (customer_id is not null)),
        unique nulls not distinct (incident_id, tenant_id, kind, customer_id)
      )`);
  },
};
