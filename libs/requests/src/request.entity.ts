// A data-subject request (GDPR Art. 15-21) with its deadline and decisions.
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

/** `objection` is to direct marketing (Art. 21(2), effective at once); `objection_legitimate_interest` is Art. 21(1), weighed by the owner. */
export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'objection_legitimate_interest'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_CHANNELS = ['portal', 'email', 'letter', 'phone'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const REQUEST_STATES = ['received', 'verified', 'in_progress', 'completed', 'rejected'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const OPEN_STATES: string[] = ['received', 'verified', 'in_progress'];
/** The checks staff may record for a written request (Art. 12(6)); each against what the register holds. */
export const STAFF_CHECK_METHODS = ['id_document_in_person', 'call_back_registered_phone', 'signed_letter_matching_register'] as const;
export type StaffCheckMethod = (typeof STAFF_CHECK_METHODS)[number];
/** Every way a request counts as verified: the portal's session, a one-time code by e-mail, or a staff check. */
export const VERIFICATION_METHODS = ['portal_session', 'email_code', ...STAFF_CHECK_METHODS, 'legacy_free_text'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];
/** The owner's decision on an access request beyond the free copies a year (Art. 12(5), 15(3)). */
export const REPEAT_DECISIONS = ['serve', 'fee', 'refuse'] as const;
export type RepeatDecision = (typeof REPEAT_DECISIONS)[number];
/** The owner's decision on an objection to processing based on legitimate interest (Art. 21(1)). */
export const OBJECTION_DECISIONS = ['upheld', 'rejected'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

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
    verificationNote: p.text().nullable(),
    repeatDecision: p.string().nullable(),
    feeInvoiceId: p.uuid().nullable(),
    decidedBy: p.string().nullable(),
    decidedAt: p.datetime().nullable(),
    rejectionReason: p.text().nullable(),
    overrideReason: p.text().nullable(),
    objectionDecision: p.string().nullable(),
    objectionEffect: p.text().nullable(),
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

/** A one-time code sent to the address on record; only hashes are kept. */
export const VerificationCode = defineEntity({
  name: 'VerificationCode',
  tableName: 'request_verification_code',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    requestId: p.uuid(),
    emailHash: p.text(),
    codeHash: p.text(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    failedAttempts: p.integer().default(0),
    sentBy: p.string(),
  },
});
export type VerificationCode = InferEntity<typeof VerificationCode>;

/** A single-use, expiring link to a completed access request's export; only the token's SHA-256 is kept. */
export const ExportLink = defineEntity({
  name: 'ExportLink',
  tableName: 'request_export_link',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    requestId: p.uuid(),
    tokenHash: p.text().hidden(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdBy: p.string(),
  },
});
export type ExportLink = InferEntity<typeof ExportLink>;
