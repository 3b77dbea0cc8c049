// The Finnish VAT rates in force on a date, read from the dated table (platform.vat_rate).
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';

@Injectable()
export class VatRatesService {
  constructor(private readonly orm: MikroORM) {}

  async ratesOn(date: string): Promise<Set<number>> {
    const rows = (await this.orm.em
      .fork()
      .execute(`select rate_bp from platform.vat_rate where country = 'FI' and valid_from <= ?::date and (valid_to is null or valid_to >= ?::date)`, [date, date])) as { rate_bp: number }[];
    return new Set(rows.map((r) => r.rate_bp));
  }
}
