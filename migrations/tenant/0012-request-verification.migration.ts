// Identity verification of data-subject requests (GDPR Art. 12(6)) and the owner's decision on repeat access
// requests (Art. 12(5), 15(3)). A verification is one of a fixed list of methods (the portal's session, a
// one-time code sent to the address on record, or a staff check of a named kind), never free text: open
// requests "verified" by free text go back to awaiting verification. Codes are kept only as hashes, with the
// address they went to as a hash too.
import type { MigrationContext, SchemaMigration } from '@app/database';

const METHODS = `'portal_session', 'email_code', 'id_document_in_person', 'call_back_registered_phone', 'signed_letter_matching_register', 'legacy_free_text'`;

export const tenantRequestVerification: SchemaMigration = {
  name: '0012-request-verification',
  async up(db: MigrationContext) {
    await db.execute(`alter table data_subject_request drop constraint data_subject_request_channel_check`);
    await db.execute(`alter table data_subject_request add constraint data_subject_request_channel_check check (channel in ('portal', 'email', 'letter', 'phone'))`);
    await db.execute(`alter table data_subject_request add column verification_note text`);
    // Column and check apart, the check named as PostgreSQL would name it: Citus refuses an unnamed constraint
    // added with a column ("all constraints in Citus must have explicit names").
    await db.execute(`alter table data_subject_request add column repeat_decision text`);
    await db.execute(`alter table data_subject_request add constraint data_subject_request_repeat_decision_check check (repeat_decision in ('serve', 'fee', 'refuse'))`);
    await db.execute(`alter table data_subject_request add column fee_invoice_id uuid`);
    await db.execute(`update data_subject_request set verification_method = 'portal_session' where channel = 'portal' and verification_method = 'portal sign-in'`);
    await db.execute(`
      update data_subject_request
         set state = 'received', verification_note = 'Free-text check before codes: ' || verification_method,
             verification_method = null, verified_by = null, verified_at = null
       where state in ('verified', 'in_progress') and verification_method not in (${METHODS})`);
    await db.execute(`
      update data_subject_request set verification_note = verification_method, verification_method = 'legacy_free_text'
       where verification_method is not null and verification_method not in (${METHODS})`);
    await db.execute(`alter table data_subject_request add constraint data_subject_request_verification_method_check check (verification_method in (${METHODS}))`);
    await db.execute(`
      create table request_verification_code (
        id uuid primary key,
        request_id uuid not null references data_subject_request (id) on delete cascade,
        email_hash text not null,
        code_hash text not null,
        created_at timestamptz(3) not null,
        expires_at timestamptz(3) not null,
        used_at timestamptz(3),
        failed_attempts integer not null default 0,
        sent_by text not null
      )`);
    await db.execute(`create index request_verification_code_email_idx on request_verification_code (email_hash, created_at)`);
    await db.execute(`create index request_verification_code_request_idx on request_verification_code (request_id, created_at)`);
  },
};
