import { describe, expect, it } from 'vitest';
import { nextSort, sortFrom, tableSort } from './customer-sort';

describe('customer sort', () => {
  it('starts a name A–Ö and dates newest first, and turns the current order round', () => {
    expect(nextSort('-created', 'name')).toBe('name');
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('name', 'updated')).toBe('-updated');
    expect(nextSort('-created', 'created')).toBe('created');
  });
  it('reads the URL, falling back to newest first', () => {
    expect(sortFrom('-updated')).toBe('-updated');
    expect(sortFrom('email')).toBe('-created');
    expect(sortFrom(null)).toBe('-created');
  });
  it('tells the table which header is sorted and how (for aria-sort)', () => {
    expect(tableSort('-name')).toEqual({ column: 'name', direction: 'descending' });
    expect(tableSort('created')).toEqual({ column: 'created', direction: 'ascending' });
  });
});
