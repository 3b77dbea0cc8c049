// The customer register itself: every field of the privacy statement's section 5.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantCustomers: SchemaMigration = {
  name: '0002-customers',
  async up(db: MigrationContext) {
    await db.execute(`
      create table customer (
        id uuid primary key,
        business_id text,
        company_name text,
        contact_name text,
        email text,
        phone text,
        street_address text,
        postal_code text,
        city text,
        country char(2) not null default 'FI',
        billing_first_name text,
        billing_last_name text,
        last_login_at timestamptz(3),
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now(),
        version integer not null default 1,
        search_text text generated always as (lower(
          coalesce(company_name, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(billing_first_name, '') || ' ' ||
          coalesce(billing_last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(business_id, ''))) stored,
        constraint customer_has_a_name check (coalesce(company_name, contact_name, billing_last_name, billing_first_name) is not null)
      )`);
    await db.execute(`create unique index customer_email_key on customer (lower(email)) where email is not null`);
    await db.execute(`create index customer_list_idx on customer (created_at desc, id desc)`);
    // Trigram index: substring search over names, company, e-mail and phone stays fast past 10 000 customers.
    await db.execute(`create index customer_search_idx on customer using gin (search_text public.gin_trgm_ops)`);
  },
};
