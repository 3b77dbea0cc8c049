// The Finnish VAT rates in force on a date, read from the dated table (platform.vat_rate).
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';

export interface VatRateRow {
  rateBp: number;
  description: string;
  validFrom: string;
  validTo: string | null;
}

@Injectable()
export class VatRatesService {
  constructor(private readonly orm: MikroORM) {}

  async ratesOn(date: string): Promise<Set<number>> {
    return new Set((await this.listOn(date)).map((r) => r.rateBp));
  }

  /** The rates in force on `date`, highest first. */
  async listOn(date: string): Promise<VatRateRow[]> {
    const rows = (await this.orm.em.fork().execute(
      `select rate_bp, description, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to
         from platform.vat_rate where country = 'FI' and valid_from <= ?::date and (valid_to is null or valid_to >= ?::date)
         order by rate_bp desc`,
      [date, date],
    )) as { rate_bp: number; description: string; valid_from: string; valid_to: string | null }[];
    return rows.map((r) => ({ rateBp: r.rate_bp, description: r.description, validFrom: r.valid_from, validTo: r.valid_to }));
  }
}
