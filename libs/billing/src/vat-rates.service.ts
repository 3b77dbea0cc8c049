// The Finnish VAT rates in force on a date, read from the dated table (platform.vat_rate).
import { Injectable } from '@nestjs/common';
import { BillingRepository } from './billing.repository';

export interface VatRateRow {
  rateBp: number;
  description: string;
  validFrom: string;
  validTo: string | null;
}

@Injectable()
export class VatRatesService {
  constructor(private readonly repository: BillingRepository) {}

  async ratesOn(date: string): Promise<Set<number>> {
    return new Set((await this.listOn(date)).map((r) => r.rateBp));
  }

  /** The rates in force on `date`, highest first. */
  async listOn(date: string): Promise<VatRateRow[]> {
    const rows = await this.repository.vatRatesOn(date);
    return rows.map((r) => ({ rateBp: r.rate_bp, description: r.description, validFrom: r.valid_from, validTo: r.valid_to }));
  }
}
