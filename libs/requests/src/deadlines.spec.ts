import { addMonths } from './deadlines';

describe('request deadlines', () => {
  it.each([
    ['2026-11-25T10:00:00.000Z', 1, '2026-12-25T10:00:00.000Z'],
    ['2026-01-31T08:00:00.000Z', 1, '2026-02-28T08:00:00.000Z'], // no 31 February: the last day
    ['2028-01-31T08:00:00.000Z', 1, '2028-02-29T08:00:00.000Z'], // leap year
    ['2026-12-15T00:00:00.000Z', 1, '2027-01-15T00:00:00.000Z'],
    ['2026-11-30T12:00:00.000Z', 3, '2027-02-28T12:00:00.000Z'], // one month plus the two of an extension
  ])('%s + %i month(s) = %s', (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });
});
