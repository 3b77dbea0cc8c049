// Tenant staff (owner or staff). Lives in the tenant's own schema (`schema: '*'` is bound per fork).
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const StaffUser = defineEntity({
  name: 'StaffUser',
  tableName: 'staff_user',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    email: p.string(),
    name: p.string(),
    role: p.string(),
    passwordHash: p.text().nullable().hidden().lazy(),
    disabledAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    version: p.integer().version(),
  },
});
export type StaffUser = InferEntity<typeof StaffUser>;

export const Invitation = defineEntity({
  name: 'Invitation',
  tableName: 'invitation',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    staffUser: () => p.manyToOne(StaffUser),
    tokenHash: p.string().hidden(),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Invitation = InferEntity<typeof Invitation>;

export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  schema: '*',
  properties: {
    id: p.bigint().primary().autoincrement(),
    occurredAt: p.datetime().onCreate(() => new Date()),
    actor: p.string(),
    action: p.string(),
    subjectType: p.string(),
    subjectId: p.string().nullable(),
    fields: p.array().default([]),
  },
});
export type AuditEvent = InferEntity<typeof AuditEvent>;
