// A customer of a tenant: the fields of the privacy statement's section 5.
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const Customer = defineEntity({
  name: 'Customer',
  tableName: 'customer',
  schema: '*',
  properties: {
    id: p.uuid().primary(),
    businessId: p.string().nullable(),
    companyName: p.string().nullable(),
    contactName: p.string().nullable(),
    email: p.string().nullable(),
    phone: p.string().nullable(),
    streetAddress: p.string().nullable(),
    postalCode: p.string().nullable(),
    city: p.string().nullable(),
    country: p.string().default('FI'),
    billingFirstName: p.string().nullable(),
    billingLastName: p.string().nullable(),
    lastLoginAt: p.datetime().nullable(),
    /** Processing restricted (GDPR Art. 18) since then: the record is only stored (migration 0021). */
    restrictedAt: p.datetime().nullable(),
    restrictionReason: p.text().nullable(),
    restrictionRequestId: p.uuid().nullable(),
    /** The last lift of a restriction: when and why. */
    restrictionLiftedAt: p.datetime().nullable(),
    restrictionLiftReason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});
export type Customer = InferEntity<typeof Customer>;
