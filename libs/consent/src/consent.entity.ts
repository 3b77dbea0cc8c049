// One event of the consent ledger: given or withdrawn, when, how, by whom, under which notice version.
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const PURPOSES = ['marketing_email', 'marketing_sms'] as const;
export type Purpose = (typeof PURPOSES)[number];
export type ConsentChannel = 'portal' | 'staff_written_request' | 'email_link' | 'objection' | 'import';

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
  },
});
export type ConsentEvent = InferEntity<typeof ConsentEvent>;
