// A data-subject request (GDPR Art. 15-21) with its deadline and decisions.
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'objection'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_CHANNELS = ['portal', 'email', 'letter'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const REQUEST_STATES = ['received', 'verified', 'in_progress', 'completed', 'rejected'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const OPEN_STATES: string[] = ['received', 'verified', 'in_progress'];

export const DataSubjectRequest = defineEntity({
  name: 'DataSubjectRequest',
  tableName: 'data_subject_request',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    customerId: p.uuid().nullable(),
    type: p.string(),
    channel: p.string(),
    receivedAt: p.datetime(),
    dueAt: p.datetime(),
    extendedAt: p.datetime().nullable(),
    extensionReason: p.text().nullable(),
    state: p.string().default('received'),
    verifiedBy: p.string().nullable(),
    verifiedAt: p.datetime().nullable(),
    verificationMethod: p.string().nullable(),
    decidedBy: p.string().nullable(),
    decidedAt: p.datetime().nullable(),
    rejectionReason: p.text().nullable(),
    overrideReason: p.text().nullable(),
    details: p.text().nullable(),
    recordedBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});
export type DataSubjectRequest = InferEntity<typeof DataSubjectRequest>;

export const ErasureLedgerEntry = defineEntity({
  name: 'ErasureLedgerEntry',
  tableName: 'erasure_ledger',
  schema: '*',
  properties: {
    customerId: p.uuid().primary(),
    requestId: p.uuid().nullable(),
    erasedAt: p.datetime().onCreate(() => new Date()),
    invoicesRetained: p.integer(),
  },
});
export type ErasureLedgerEntry = InferEntity<typeof ErasureLedgerEntry>;
