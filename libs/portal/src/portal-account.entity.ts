// A customer's portal account and its one-time invitations. Both live in the tenant's schema and are
// keyed by the customer id (no ORM relation: the customer record belongs to the customers module).
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const PortalAccount = defineEntity({
  name: 'PortalAccount',
  tableName: 'portal_account',
  schema: '*',
  properties: {
    customerId: p.uuid().primary(),
    passwordHash: p.text().nullable().hidden().lazy(),
    disabledAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PortalAccount = InferEntity<typeof PortalAccount>;

export const PortalInvitation = defineEntity({
  name: 'PortalInvitation',
  tableName: 'portal_invitation',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    customerId: p.uuid(),
    tokenHash: p.string().hidden(),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PortalInvitation = InferEntity<typeof PortalInvitation>;
