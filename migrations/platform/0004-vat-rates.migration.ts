// Finnish VAT rates as dated data: computations look the rate up for the invoice date, never hard-code it.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformVatRates: SchemaMigration = {
  name: '0004-vat-rates',
  async up(db: MigrationContext) {
    await db.execute(`
      create table vat_rate (
        country char(2) not null,
        rate_bp integer not null check (rate_bp between 0 and 10000),
        valid_from date not null,
        valid_to date,
        description text not null,
        primary key (country, rate_bp, valid_from),
        check (valid_to is null or valid_to >= valid_from)
      )`);
    // Basis points: 2550 = 25.5 %. Sources: Verohallinto, arvonlisäverokannat.
    await db.execute(`
      insert into vat_rate (country, rate_bp, valid_from, valid_to, description) values
        ('FI', 2400, '2013-01-01', '2024-08-31', 'general rate'),
        ('FI', 2550, '2024-09-01', null, 'general rate'),
        ('FI', 1400, '2013-01-01', null, 'reduced rate (food and restaurant services until 2025; from 2026 other goods and services at 14 %)'),
        ('FI', 1350, '2026-01-01', null, 'reduced rate (food and restaurant services from 2026)'),
        ('FI', 1000, '2013-01-01', null, 'reduced rate (passenger transport, accommodation, culture, sports and similar)'),
        ('FI', 0, '2013-01-01', null, 'zero rate (exempt and zero-rated supplies)')`);
  },
};
