import { describe, expect, it } from 'vitest';
import { currentNavItem, navFor } from './navigation';

describe('currentNavItem', () => {
  const owner = navFor('owner');
  it.each([
    ['invoices', 'invoices'],
    ['invoices/3f2a', 'invoices'],
    ['invoices/bank', 'invoices/bank'],
    ['customers/1/invoices/new', 'customers'],
    ['settings/record', 'settings'],
    ['nowhere', undefined],
  ])('puts %s under %s', (path, area) => expect(currentNavItem(owner, path)?.to).toBe(area));
});
