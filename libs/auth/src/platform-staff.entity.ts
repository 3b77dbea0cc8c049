// Platform staff: the people who run the platform. Roles live here and are read on every request.
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const PlatformStaff = defineEntity({
  name: 'PlatformStaff',
  tableName: 'platform_staff',
  schema: 'platform',
  properties: {
    id: p.uuid().primary(),
    email: p.string(),
    name: p.string(),
    passwordHash: p.text().nullable().hidden().lazy(),
    roles: p.array().default([]),
    disabledAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PlatformStaff = InferEntity<typeof PlatformStaff>;

export const PlatformRoleChange = defineEntity({
  name: 'PlatformRoleChange',
  tableName: 'platform_role_change',
  schema: 'platform',
  properties: {
    id: p.bigint().primary().autoincrement(),
    staff: () => p.manyToOne(PlatformStaff),
    role: p.string(),
    action: p.string(),
    actorId: p.uuid().nullable(),
    /** The proposal this step belongs to (propose, approve, withdraw). */
    grant: () => p.manyToOne(PlatformRoleGrant).nullable(),
    changedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PlatformRoleChange = InferEntity<typeof PlatformRoleChange>;

export const PlatformInvitation = defineEntity({
  name: 'PlatformInvitation',
  tableName: 'platform_invitation',
  schema: 'platform',
  properties: {
    id: p.uuid().primary(),
    staff: () => p.manyToOne(PlatformStaff),
    tokenHash: p.string().hidden(),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PlatformInvitation = InferEntity<typeof PlatformInvitation>;

/** A role proposed by one platform admin, applied only when a second one approves it. */
export const PlatformRoleGrant = defineEntity({
  name: 'PlatformRoleGrant',
  tableName: 'platform_role_grant',
  schema: 'platform',
  properties: {
    id: p.uuid().primary(),
    staff: () => p.manyToOne(PlatformStaff),
    role: p.string(),
    proposedBy: p.uuid(),
    proposedAt: p.datetime().onCreate(() => new Date()),
    status: p.string().default('pending'),
    decidedBy: p.uuid().nullable(),
    decidedAt: p.datetime().nullable(),
  },
});
export type PlatformRoleGrant = InferEntity<typeof PlatformRoleGrant>;
