// A business on the platform, with the controller details its privacy statement names (sections 1 and 2).
import { defineEntity, InferEntity, p } from '@mikro-orm/core';

export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  schema: 'platform',
  properties: {
    id: p.uuid().primary(),
    slug: p.string(),
    schemaName: p.string(),
    legalName: p.string(),
    businessId: p.string(),
    streetAddress: p.string(),
    postalCode: p.string(),
    city: p.string(),
    contactEmail: p.string(),
    contactPerson: p.string(),
    language: p.string().default('fi'),
    status: p.string().default('active'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});
export type Tenant = InferEntity<typeof Tenant>;
