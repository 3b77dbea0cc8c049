// One event of the consent ledger: given or withdrawn, when, how, by whom, under which notice version, and
// the proof of a grant (the wording the person saw, where it came from, the staff member, the evidence).
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const PURPOSES = ['marketing_email', 'marketing_sms'] as const;
export type Purpose = (typeof PURPOSES)[number];
export type ConsentChannel = 'portal' | 'staff_written_request' | 'email_link' | 'objection' | 'booking' | 'import';
export const CONSENT_CHANNELS: readonly ConsentChannel[] = ['portal', 'staff_written_request', 'email_link', 'objection', 'booking', 'import'];
/** Where the event came from (Art. 7(1) proof); 'import' is a CSV import of consents given elsewhere. Tenant migration 0018 checks the same list. */
export const CONSENT_SOURCES = ['portal', 'staff', 'booking', 'import', 'email_link', 'objection'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** The message channel a purpose uses: what the register settings' marketing channels list. */
export const PURPOSE_MEDIUM: Record<Purpose, 'email' | 'sms'> = { marketing_email: 'email', marketing_sms: 'sms' };

export const ConsentEvent = defineEntity({
  name: 'ConsentEvent',
  tableName: 'consent_event',
  schema: '*',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    customerId: p.uuid(),
    purpose: p.string(),
    action: p.string(),
    channel: p.string(),
    actor: p.string(),
    noticeVersion: p.integer(),
    occurredAt: p.datetime().onCreate(() => new Date()),
    source: p.string(),
    wording: p.text().nullable(),
    wordingLang: p.string().nullable(),
    recordedBy: p.string().nullable(),
    recordedByName: p.string().nullable(),
    evidence: p.text().nullable(),
  },
});
export type ConsentEvent = InferEntity<typeof ConsentEvent>;
