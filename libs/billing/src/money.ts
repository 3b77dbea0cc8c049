// Invoice arithmetic in integer cents. Line nets are rounded once; VAT is computed per rate on the sum of
// the nets at that rate (as Finnish invoices show it), rounding half away from zero.

export interface LineAmounts {
  quantityMilli: number;
  unitPriceCents: number;
  vatRateBp: number;
}

export interface RateTotal {
  vatRateBp: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
}

export interface InvoiceTotals {
  netCents: number;
  vatCents: number;
  grossCents: number;
  byRate: RateTotal[];
}

/** a / b rounded half away from zero, exactly (BigInt: no floating point anywhere). */
export function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (x * 2n + y) / (y * 2n);
  return negative ? -q : q;
}

export function lineNetCents(line: Pick<LineAmounts, 'quantityMilli' | 'unitPriceCents'>): number {
  return Number(divideRounded(BigInt(line.quantityMilli) * BigInt(line.unitPriceCents), 1000n));
}

export function totals(lines: LineAmounts[]): InvoiceTotals {
  const nets = new Map<number, bigint>();
  for (const line of lines) nets.set(line.vatRateBp, (nets.get(line.vatRateBp) ?? 0n) + BigInt(lineNetCents(line)));
  const byRate = [...nets.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatRateBp, net]) => {
      const vat = divideRounded(net * BigInt(vatRateBp), 10_000n);
      return { vatRateBp, netCents: Number(net), vatCents: Number(vat), grossCents: Number(net + vat) };
    });
  const sum = (key: keyof Omit<RateTotal, 'vatRateBp'>) => byRate.reduce((acc, r) => acc + r[key], 0);
  return { netCents: sum('netCents'), vatCents: sum('vatCents'), grossCents: sum('grossCents'), byRate };
}

/** "25.5" or 25.5 (percent) as basis points; null unless it has at most two decimals. */
export function percentToBasisPoints(percent: number): number | null {
  const bp = Math.round(percent * 100);
  return Math.abs(bp - percent * 100) < 1e-6 && bp >= 0 && bp <= 10_000 ? bp : null;
}
