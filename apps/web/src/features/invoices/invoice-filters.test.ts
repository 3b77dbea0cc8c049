import { describe, expect, it } from 'vitest';
import { apiQueryOf, filtersFrom, rangeIsReversed, searchOf } from './invoice-filters';

const id = '0b7c2a52-6f0e-4a3e-9a7e-2d1f6b0c9e11';

describe('invoice filters', () => {
  it('reads the URL and writes it back the same', () => {
    const search = `status=overdue&from=2026-01-01&to=2026-12-31&customer=${id}&offset=50`;
    const filters = filtersFrom(new URLSearchParams(search));
    expect(filters).toEqual({ status: 'overdue', from: '2026-01-01', to: '2026-12-31', customer: id, offset: 50 });
    expect(searchOf(filters)).toBe(search);
  });

  it('drops what the API would refuse', () => {
    expect(filtersFrom(new URLSearchParams('status=late&from=1.1.2026&to=&customer=x&offset=-5'))).toEqual({});
    expect(filtersFrom(new URLSearchParams('offset=abc'))).toEqual({});
    expect(searchOf({})).toBe('');
  });

  it('asks the API for overdue as its own filter, and for open ones as not overdue', () => {
    expect(apiQueryOf({ status: 'overdue' }, 50)).toEqual({ limit: 50, overdue: 'true' });
    expect(apiQueryOf({ status: 'issued' }, 50)).toEqual({ limit: 50, status: 'issued', overdue: 'false' });
    expect(apiQueryOf({ status: 'paid', customer: id, from: '2026-01-01', offset: 50 }, 50)).toEqual({ limit: 50, status: 'paid', customerId: id, from: '2026-01-01', offset: 50 });
  });

  it('notices a reversed date range', () => {
    expect(rangeIsReversed({ from: '2026-02-01', to: '2026-01-01' })).toBe(true);
    expect(rangeIsReversed({ from: '2026-01-01', to: '2026-01-01' })).toBe(false);
    expect(rangeIsReversed({ from: '2026-01-01' })).toBe(false);
  });
});
