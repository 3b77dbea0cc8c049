import { describe, expect, it } from 'vitest';
import { platformPaths, safePlatformNext } from './paths';

describe('platform addresses', () => {
  it('returns only to pages of the platform console after sign-in', () => {
    expect(safePlatformNext('/platform/staff', '/platform/tenants')).toBe('/platform/staff');
    expect(safePlatformNext(null, '/platform/tenants')).toBe('/platform/tenants');
    expect(safePlatformNext('/t/acme/customers', '/platform/tenants')).toBe('/platform/tenants');
    expect(safePlatformNext('//evil.example/platform/', '/platform/tenants')).toBe('/platform/tenants');
    expect(safePlatformNext('/platform/login?next=x', '/platform/tenants')).toBe('/platform/tenants');
    expect(safePlatformNext('/platform/invitation#token=x', '/platform/tenants')).toBe('/platform/tenants');
    expect(safePlatformNext('/platform/reset-password#token=x', '/platform/tenants')).toBe('/platform/tenants');
    expect(safePlatformNext('/platform/forgot-password', '/platform/tenants')).toBe('/platform/tenants');
  });

  it('keeps the search of the tenant list in its address', () => {
    expect(platformPaths.tenants({ q: 'salon & spa', status: 'suspended' })).toBe('/platform/tenants?q=salon+%26+spa&status=suspended');
    expect(platformPaths.tenants()).toBe('/platform/tenants');
  });
});
