import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney } from './format';

// Intl separates thousands and the currency sign with no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes Finnish money as 1 234,56 €', () => {
    expect(plain(formatMoney(123456, 'fi'))).toBe('1 234,56 €');
  });
  it('keeps cents exact and shows negative amounts', () => {
    expect(plain(formatMoney(5, 'fi'))).toBe('0,05 €');
    expect(plain(formatMoney(-1999, 'fi'))).toBe('−19,99 €');
  });
  it('writes English money the English way', () => {
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
  });
});

describe('formatDate', () => {
  it('writes Finnish dates as 1.12.2026', () => {
    expect(formatDate('2026-12-01T10:00:00Z', 'fi')).toBe('1.12.2026');
  });
  it('uses Finnish time: late evening UTC is already the next day in Helsinki', () => {
    expect(formatDate('2026-11-30T22:30:00Z', 'fi')).toBe('1.12.2026');
  });
  it('writes English dates day first', () => {
    expect(formatDate('2026-12-01T10:00:00Z', 'en')).toBe('01/12/2026');
  });
  it('adds the time of day', () => {
    expect(plain(formatDateTime('2026-12-01T10:05:00Z', 'fi'))).toBe('1.12.2026 klo 12.05');
  });
});
