// The kinds of customer data, as the API's generated schema names them: what a register keeps (the statement's
// list) and what a breach may concern (those, and the portal credentials and IP addresses the platform holds).
import type { components } from './schema';

export type RegisterDataCategory = components['schemas']['DataCategory'];
export type IncidentDataCategory = components['schemas']['CreateIncidentDto']['dataCategories'][number];

/** A list of every member of the union U: the compiler refuses one that leaves a member out or adds another. */
const everyOf =
  <U extends string>() =>
  <const L extends readonly U[]>(...list: L & ([U] extends [L[number]] ? unknown : { missing: Exclude<U, L[number]> })): L =>
    list;

/** In the statement's order. */
export const REGISTER_DATA_CATEGORIES = everyOf<RegisterDataCategory>()(
  'business_id',
  'company_name',
  'contact_name',
  'email',
  'postal_address',
  'phone',
  'billing_name',
  'last_login',
  'billing_history',
  'marketing_consents',
  'data_subject_requests',
);

export const INCIDENT_DATA_CATEGORIES = everyOf<IncidentDataCategory>()(...REGISTER_DATA_CATEGORIES, 'portal_credentials', 'ip_addresses');
