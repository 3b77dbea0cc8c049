// Proof of consent (GDPR Art. 7(1)): each consent event keeps the wording the person saw (and its language),
// where it came from (portal, staff, booking, import, an e-mail link, an objection), the staff member who
// recorded it and, for a written consent, how it is evidenced. The notice version was already kept (0005);
// the settings of every version are kept since 0014, so the purposes in force at a grant can be read back.
// And the objection to processing based on legitimate interest (Art. 21(1)): a request type the owner weighs,
// with the decision (upheld or rejected) and what it means kept on the request.
import type { MigrationContext, SchemaMigration } from '@app/database';

/** As this migration wrote them: a later list is a later migration. */
const CONSENT_SOURCES = ['portal', 'staff', 'booking', 'import', 'email_link', 'objection'] as const;

export const tenantConsentProofObjections: SchemaMigration = {
  name: '0018-consent-proof-objections',
  async up(db: MigrationContext) {
    // Columns first, then each check by name in its own statement: Citus refuses an unnamed constraint added with
    // its column, and an ADD CONSTRAINT beside other subcommands.
    await db.execute(`
      alter table consent_event
        add column source text, add column wording text, add column wording_lang text,
        add column recorded_by text, add column recorded_by_name text, add column evidence text`);
    await db.execute(`alter table consent_event add constraint consent_event_source_check check (source in (${CONSENT_SOURCES.map((s) => `'${s}'`).join(', ')}))`);
    await db.execute(`alter table consent_event add constraint consent_event_wording_check check (length(wording) between 1 and 2000)`);
    await db.execute(`alter table consent_event add constraint consent_event_wording_lang_check check (wording_lang in ('fi', 'en'))`);
    await db.execute(`alter table consent_event add constraint consent_event_evidence_check check (length(evidence) between 1 and 1000)`);
    // Events of a booking or an import come through their own channels, besides the ones there were.
    await db.execute(`alter table consent_event drop constraint consent_event_channel_check`);
    await db.execute(`alter table consent_event add constraint consent_event_channel_check
      check (channel in ('portal', 'staff_written_request', 'email_link', 'objection', 'booking', 'import'))`);
    // The ledger stays append-only; only this migration fills in the source of the events before it.
    await db.execute(`alter table consent_event disable trigger consent_event_no_update`);
    await db.execute(`
      update consent_event set
        source = case channel when 'staff_written_request' then 'staff' else channel end,
        recorded_by = case when channel = 'staff_written_request' then actor end`);
    await db.execute(`alter table consent_event enable trigger consent_event_no_update`);
    await db.execute(`alter table consent_event alter column source set not null`);

    await db.execute(`alter table data_subject_request drop constraint data_subject_request_type_check`);
    await db.execute(`alter table data_subject_request add constraint data_subject_request_type_check
      check (type in ('access', 'rectification', 'erasure', 'restriction', 'objection', 'objection_legitimate_interest'))`);
    // Upheld: what stops for the person (legitimate-interest processing), as the owner wrote it. Rejected: the
    // compelling legitimate grounds, which the person is sent.
    await db.execute(`alter table data_subject_request add column objection_decision text, add column objection_effect text`);
    await db.execute(`alter table data_subject_request add constraint data_subject_request_objection_decision_check check (objection_decision in ('upheld', 'rejected'))`);
    await db.execute(`alter table data_subject_request add constraint data_subject_request_objection_effect_check check (length(objection_effect) between 1 and 2000)`);
    await db.execute(`alter table data_subject_request add constraint data_subject_request_objection_decision check (objection_decision is null or type = 'objection_legitimate_interest')`);
  },
};
