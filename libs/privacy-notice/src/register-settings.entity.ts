// The tenant's register settings: one row in the tenant's own schema (`schema: '*'` is bound per fork).
import { defineEntity, InferEntity, p } from '@mikro-orm/core';
import type { Recipient } from './register-settings.types';

/** The primary key of the only row (the table's check constraint allows no other). */
export const SETTINGS_ID = 1;

export const RegisterSettings = defineEntity({
  name: 'RegisterSettings',
  tableName: 'register_settings',
  schema: '*',
  properties: {
    id: p.smallint().primary(),
    registerName: p.text().nullable(),
    purposesFi: p.text(),
    purposesEn: p.text(),
    dataCategories: p.array(),
    dataSourcesFi: p.text(),
    dataSourcesEn: p.text(),
    disclosuresFi: p.text(),
    disclosuresEn: p.text(),
    transfersOutsideEea: p.boolean(),
    transferSafeguardsFi: p.text().nullable(),
    transferSafeguardsEn: p.text().nullable(),
    customerReviewAfterMonths: p.integer(),
    invoiceRetentionYears: p.integer(),
    accessRequestsPerYear: p.integer(),
    ipLogRetentionDays: p.integer(),
    marketingChannels: p.array(),
    securityMeasuresFi: p.text(),
    securityMeasuresEn: p.text(),
    cookiesFi: p.text(),
    cookiesEn: p.text(),
    requestContactName: p.text().nullable(),
    requestContactEmail: p.text().nullable(),
    recipients: p.json<Recipient[]>(),
    noticeVersion: p.integer(),
    updatedAt: p.datetime().onUpdate(() => new Date()),
    updatedBy: p.text().nullable(),
    version: p.integer().version(),
  },
});
export type RegisterSettings = InferEntity<typeof RegisterSettings>;
