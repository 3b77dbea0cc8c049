import { describe, expect, it } from 'vitest';
import { portalPaths, safePortalNext } from '../../app/paths';
import { unpaidInvoicesOf } from './queries';

describe('safePortalNext', () => {
  it('returns to the page inside the same portal, query included', () => {
    expect(safePortalNext('salon', '/t/salon/portal/requests?x=1')).toBe('/t/salon/portal/requests?x=1');
    expect(safePortalNext('salon', '/t/salon/portal')).toBe('/t/salon/portal');
  });
  it('never leaves the portal: not to the staff console, another business or another site', () => {
    for (const next of ['https://evil.test/', '//evil.test/t/salon/portal', '/t/other/portal', '/t/salon/customers', '/t/salon/portalx', '/t/salon/portal/\\evil']) {
      expect(safePortalNext('salon', next)).toBe('/t/salon/portal');
    }
  });
  it('does not return to the sign-in or invitation page', () => {
    expect(safePortalNext('salon', '/t/salon/portal/login?next=x')).toBe('/t/salon/portal');
    expect(safePortalNext('salon', '/t/salon/portal/invitation')).toBe('/t/salon/portal');
    expect(safePortalNext('salon', '/t/salon/portal/reset-password')).toBe('/t/salon/portal');
    expect(safePortalNext('salon', '/t/salon/portal/forgot-password?x=1')).toBe('/t/salon/portal');
    expect(safePortalNext('salon', null)).toBe('/t/salon/portal');
  });
  it('builds the fixed addresses of SPEC 9', () => {
    expect(portalPaths.login('salon', '/t/salon/portal/marketing')).toBe('/t/salon/portal/login?next=%2Ft%2Fsalon%2Fportal%2Fmarketing');
    expect(portalPaths.invitation('salon')).toBe('/t/salon/portal/invitation');
    expect(portalPaths.resetPassword('salon')).toBe('/t/salon/portal/reset-password');
    expect(portalPaths.privacy('salon', 'en')).toBe('/t/salon/privacy?lang=en');
    expect(portalPaths.accessibility()).toBe('/accessibility');
  });
});

describe('unpaidInvoicesOf', () => {
  it('reads the invoices an erasure refusal lists, and ignores anything malformed', () => {
    const good = { id: 'a', number: 7, dueDate: '2026-12-15', outstandingCents: 7530, overdue: false };
    expect(unpaidInvoicesOf({ unpaidInvoices: [good, { number: '8' }, null] })).toEqual([good]);
    expect(unpaidInvoicesOf({ unpaidInvoices: 'no' })).toEqual([]);
    expect(unpaidInvoicesOf(null)).toEqual([]);
  });
});
