import { describe, expect, it } from 'vitest';
import { paths, safeNext } from './paths';

describe('safeNext', () => {
  it('returns to the page inside the same tenant, query included', () => {
    expect(safeNext('salon', '/t/salon/customers?q=maija')).toBe('/t/salon/customers?q=maija');
  });
  it('never leaves the tenant or the site', () => {
    for (const next of ['https://evil.test/', '//evil.test/t/salon/x', '/t/other/customers', '/t/salon', '/t/salon/\\evil']) {
      expect(safeNext('salon', next)).toBe('/t/salon/customers');
    }
  });
  it('does not return to the sign-in or invitation page', () => {
    expect(safeNext('salon', '/t/salon/login?next=x')).toBe('/t/salon/customers');
    expect(safeNext('salon', '/t/salon/forgot-password')).toBe('/t/salon/customers');
    expect(safeNext('salon', '/t/salon/reset-password#token=x')).toBe('/t/salon/customers');
    expect(safeNext('salon', null)).toBe('/t/salon/customers');
  });
});

describe('paths', () => {
  it('puts the search and the page of the customers list in the URL', () => {
    expect(paths.customers('salon', { q: 'Maija M', cursor: 'abc' })).toBe('/t/salon/customers?q=Maija+M&cursor=abc');
    expect(paths.customers('salon', { q: 'a', sort: 'name', cursor: 'c' })).toBe('/t/salon/customers?q=a&sort=name&cursor=c');
    expect(paths.customers('salon', { sort: '-created' })).toBe('/t/salon/customers');
    expect(paths.login('salon', '/t/salon/customers?q=a')).toBe('/t/salon/login?next=%2Ft%2Fsalon%2Fcustomers%3Fq%3Da');
  });
});
