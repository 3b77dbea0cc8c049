// Marketing consent as an append-only ledger, and the suppression list that objections feed.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantConsent: SchemaMigration = {
  name: '0005-consent',
  async up(db: MigrationContext) {
    await db.execute(`
      create table consent_event (
        id bigint generated always as identity primary key,
        customer_id uuid not null references customer (id) on delete cascade,
        purpose text not null check (purpose in ('marketing_email', 'marketing_sms')),
        action text not null check (action in ('granted', 'withdrawn')),
        channel text not null check (channel in ('portal', 'staff_written_request', 'email_link', 'objection')),
        actor text not null,
        notice_version integer not null,
        occurred_at timestamptz(3) not null default now()
      )`);
    await db.execute(`create index consent_event_current_idx on consent_event (customer_id, purpose, id desc)`);
    // The ledger only grows: corrections are new events, never edits.
    await db.execute(`
      create function consent_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'consent_event is append-only';
      end $$`);
    await db.execute(`create trigger consent_event_no_update before update on consent_event for each row execute function consent_event_append_only()`);
    // Addresses that must never receive marketing again (objections), kept as SHA-256 of the lower-cased
    // address so that the list outlives an erasure without holding the address itself.
    await db.execute(`
      create table suppression (
        email_sha256 text primary key,
        reason text not null check (reason in ('objection', 'unsubscribe')),
        created_at timestamptz(3) not null default now()
      )`);
  },
};
