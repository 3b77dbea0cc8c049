// The register settings behind the privacy statement (one row per tenant schema), with the defaults the
// statement of a new tenant starts from. The numbers here are the ones the system enforces.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantRegisterSettings: SchemaMigration = {
  name: '0004-register-settings',
  async up(db: MigrationContext) {
    await db.execute(`
      create table register_settings (
        -- Exactly one row: the primary key can only ever be 1.
        id smallint primary key default 1 check (id = 1),
        -- Null: derived from the controller's legal name ("<legal name> asiakasrekisteri").
        register_name text check (length(register_name) between 1 and 200),
        purposes_fi text not null default 'Rekisterin käyttötarkoitus on asiakassuhteen hoitaminen ja parantaminen sekä laskutustietojen ylläpito. Henkilötietoja käytetään asiakassuhteen ylläpitoon, laskutukseen sekä palvelun edellyttämien yhteydenottojen ja viestien mahdollistamiseen.',
        purposes_en text not null default 'The register is used to manage and improve the customer relationship and to keep billing information. Personal data is used to maintain the customer relationship, for billing, and to make possible the contacts and messages that the service requires.',
        data_categories text[] not null default '{business_id,company_name,contact_name,email,postal_address,phone,billing_name,last_login,billing_history,marketing_consents,data_subject_requests}'
          check (data_categories <@ '{business_id,company_name,contact_name,email,postal_address,phone,billing_name,last_login,billing_history,marketing_consents,data_subject_requests}'::text[]),
        data_sources_fi text not null default 'Tiedot kerätään rekisteröidyiltä itseltään.',
        data_sources_en text not null default 'The data is collected from the data subjects themselves.',
        disclosures_fi text not null default 'Tietoja ei luovuteta säännönmukaisesti kolmansille osapuolille.',
        disclosures_en text not null default 'The data is not regularly disclosed to third parties.',
        transfers_outside_eea boolean not null default false,
        transfer_safeguards_fi text,
        transfer_safeguards_en text,
        customer_review_after_months integer not null default 36 check (customer_review_after_months between 1 and 120),
        invoice_retention_years integer not null default 6 check (invoice_retention_years between 6 and 20),
        access_requests_per_year integer not null default 1 check (access_requests_per_year between 1 and 12),
        ip_log_retention_days integer not null default 90 check (ip_log_retention_days between 1 and 365),
        marketing_channels text[] not null default '{email,sms}' check (marketing_channels <@ '{email,sms}'::text[]),
        security_measures_fi text not null default 'Rekisterin ylläpitoon käytettävä verkkopalvelu on suojattu salasanoin, ja tietokantapalvelin sekä muut palvelimet on suojattu palomuurein, salasanoin ja muin teknisin keinoin.',
        security_measures_en text not null default 'The online service used to keep the register is protected by passwords, and the database server and the other servers are protected by firewalls, passwords and other technical means.',
        cookies_fi text not null default 'Eväste on pieni, käyttäjän selaimelle talletettava ja siellä säilytettävä merkintä. Evästeet eivät vahingoita käyttäjien tietokoneita tai tiedostoja. Evästeet voi estää selaimen asetuksista, mutta tällöin palveluun kirjautuminen ei onnistu.',
        cookies_en text not null default 'A cookie is a small piece of data that is stored in the user''s browser. Cookies do not harm users'' computers or files. Cookies can be blocked in the browser''s settings, but then signing in to the service is not possible.',
        -- Null: the controller's contact person and e-mail.
        request_contact_name text check (length(request_contact_name) between 1 and 200),
        request_contact_email text check (length(request_contact_email) between 3 and 254),
        notice_version integer not null default 1,
        updated_at timestamptz(3) not null default now(),
        updated_by text,
        version integer not null default 1,
        constraint register_settings_contact_whole check ((request_contact_name is null) = (request_contact_email is null)),
        constraint register_settings_safeguards check (
          not transfers_outside_eea or (transfer_safeguards_fi is not null and transfer_safeguards_en is not null))
      )`);
    await db.execute('insert into register_settings default values');
  },
};
