import { divideRounded, lineNetCents, percentToBasisPoints, totals } from './money';

describe('invoice arithmetic', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n], // half away from zero, symmetric for credit notes
    [4n, 3n, 1n],
    [249n, 100n, 2n],
    [250n, 100n, 3n],
  ])('%p / %p rounds to %p', (a, b, q) => {
    expect(divideRounded(a, b)).toBe(q);
  });

  it('rounds a line net once, from exact quantity times price', () => {
    expect(lineNetCents({ quantityMilli: 1500, unitPriceCents: 3333 })).toBe(5000); // 49.995 -> 50.00
    expect(lineNetCents({ quantityMilli: 1000, unitPriceCents: 4990 })).toBe(4990);
    expect(lineNetCents({ quantityMilli: -1000, unitPriceCents: 4990 })).toBe(-4990);
  });

  it('computes VAT per rate on the summed nets and totals per rate', () => {
    const t = totals([
      { quantityMilli: 1000, unitPriceCents: 6000, vatRateBp: 2550 }, // a massage, 60.00 + 25.5 %
      { quantityMilli: 2000, unitPriceCents: 1099, vatRateBp: 2550 },
      { quantityMilli: 1000, unitPriceCents: 1500, vatRateBp: 1000 }, // a gym visit at 10 %
      { quantityMilli: 1000, unitPriceCents: 799, vatRateBp: 1350 },
    ]);
    expect(t.byRate).toEqual([
      { vatRateBp: 2550, netCents: 8198, vatCents: 2090, grossCents: 10288 }, // 81.98 * 0.255 = 20.9049
      { vatRateBp: 1350, netCents: 799, vatCents: 108, grossCents: 907 }, // 7.99 * 0.135 = 1.07865
      { vatRateBp: 1000, netCents: 1500, vatCents: 150, grossCents: 1650 },
    ]);
    expect(t).toMatchObject({ netCents: 10497, vatCents: 2348, grossCents: 12845 });
  });

  it.each([
    [25.5, 2550],
    [14, 1400],
    [13.5, 1350],
    [0, 0],
    [25.55, 2555],
    [25.555, null],
    [-1, null],
    [101, null],
  ])('%p %% is %p basis points', (percent, bp) => {
    expect(percentToBasisPoints(percent)).toBe(bp);
  });
});
