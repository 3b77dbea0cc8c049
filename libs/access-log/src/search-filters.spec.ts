import { ProblemException } from '@app/core';
import { DAY_MS, filtersForAudit, resolveFilters, retentionCutoff, utcDay } from './search-filters';

const now = new Date('2026-11-25T12:00:00.000Z');
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof ProblemException ? error.code : 'not a problem';
  }
  return undefined;
};

describe('search filters', () => {
  it('defaults to the 30 days before now', () => {
    const filters = resolveFilters({ ip: '203.0.113.7' }, now);
    expect(filters.to).toEqual(now);
    expect(filters.from).toEqual(new Date(now.getTime() - 30 * DAY_MS));
  });

  it('defaults `from` to 30 days before a given `to`', () => {
    const filters = resolveFilters({ ip: '203.0.113.7', to: '2026-10-01T00:00:00Z' }, now);
    expect(filters.from.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it.each([
    [{ ip: '203.0.113.7', from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, undefined], // 31 days
    [{ ip: '203.0.113.7', from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:01Z' }, 'access-log-window-invalid'],
    [{ ip: '203.0.113.7', from: '2026-11-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'access-log-window-invalid'],
    [{ ip: '203.0.113.7', from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'access-log-window-invalid'],
    [{ from: '2026-11-01T00:00:00Z' }, 'access-log-selector-required'],
    [{ ip: 'nonsense' }, 'validation'],
    [{ tenantId: '6f1c1f9e-4a43-4a1e-9d59-7f6f2f2d7c11' }, undefined],
    [{ principal: 'platform:6f1c1f9e-4a43-4a1e-9d59-7f6f2f2d7c11' }, undefined],
  ])('%j -> %s', (input, code) => {
    expect(codeOf(() => resolveFilters(input, now))).toBe(code);
  });

  it('records what was searched, with ISO times and without absent keys', () => {
    const filters = resolveFilters({ ip: '203.0.113.0/24', tenantId: '6F1C1F9E-4A43-4A1E-9D59-7F6F2F2D7C11', from: '2026-11-01T02:00:00+02:00', to: '2026-11-02T00:00:00Z' }, now);
    expect(filtersForAudit(filters, 100)).toEqual({
      ip: '203.0.113.0/24',
      tenantId: '6f1c1f9e-4a43-4a1e-9d59-7f6f2f2d7c11',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
      limit: 100,
    });
  });

  it('computes the retention cutoff and UTC days', () => {
    expect(retentionCutoff(now, 90).toISOString()).toBe('2026-08-27T12:00:00.000Z');
    expect(utcDay(new Date('2026-11-25T23:30:00-02:00'))).toBe('2026-11-26');
  });
});
