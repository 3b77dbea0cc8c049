import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { checkSearch, containsIpAddress, EMPTY_SEARCH, isIpFilter, searchServerErrors, toSearchBody } from './access-log-search';

const justification = 'Abuse report 2026-114 from the hosting provider';

describe('access-log search form', () => {
  it('reads addresses and networks as the API does', () => {
    for (const ok of ['203.0.113.7', '203.0.113.0/24', '2001:db8::1', '2001:db8::/32', '::1']) expect(isIpFilter(ok)).toBe(true);
    for (const bad of ['203.0.113', '203.0.113.256', '203.0.113.0/33', 'example.org', '2001:db8::/129', '1.2.3.4/24/1']) expect(isIpFilter(bad)).toBe(false);
  });

  it('finds an address hidden in a justification', () => {
    expect(containsIpAddress('Spam from 203.0.113.7, see ticket')).toBe(true);
    expect(containsIpAddress('network (2001:db8::/32) abused')).toBe(true);
    expect(containsIpAddress('address 203.0.113.7:443.')).toBe(true);
    expect(containsIpAddress(justification)).toBe(false);
    expect(containsIpAddress('Version 1.2.3 at 12:30')).toBe(false);
  });

  it('requires whose traffic, and a justification of 10 to 2000 characters without addresses', () => {
    expect(checkSearch({ ...EMPTY_SEARCH, justification })).toEqual({ selector: 'platform.accessLog.error.selector' });
    expect(checkSearch({ ...EMPTY_SEARCH, ip: '203.0.113.7', justification: '   too short  ' })).toEqual({ justification: 'platform.accessLog.error.justificationLength' });
    expect(checkSearch({ ...EMPTY_SEARCH, ip: '203.0.113.7', justification: 'x'.repeat(2001) })).toEqual({ justification: 'platform.accessLog.error.justificationLength' });
    expect(checkSearch({ ...EMPTY_SEARCH, ip: '203.0.113.7', justification: 'Abuse from 203.0.113.7 reported' })).toEqual({ justification: 'platform.accessLog.error.justificationIp' });
    expect(checkSearch({ ...EMPTY_SEARCH, tenantId: 'not-a-uuid', justification })).toEqual({ tenantId: 'platform.accessLog.error.tenantId' });
    expect(checkSearch({ ...EMPTY_SEARCH, ip: '203.0.113.7', justification })).toEqual({});
  });

  it('sends the window as instants with their zone', () => {
    const body = toSearchBody({ ...EMPTY_SEARCH, tenantId: ' 0B9E3F1A-1111-4222-8333-944455556666 ', from: '2026-11-01T08:00', justification: `  ${justification} ` });
    expect(body.filters.tenantId).toBe('0b9e3f1a-1111-4222-8333-944455556666');
    expect(body.filters.from).toMatch(/^2026-1[01]-\d\dT\d\d:00:00\.000Z$/);
    expect(body.justification).toBe(justification);
  });

  it('puts the API refusals beside the fields', () => {
    const problem = new ApiError('validation', 400, { type: 'x/validation', title: 'x', status: 400, errors: [{ field: 'filters.ip', message: 'ip must be' }, { field: 'justification', message: 'justification must not contain IP addresses (tenants see it)' }] });
    expect(searchServerErrors(problem)).toEqual({ ip: 'platform.accessLog.error.ip', justification: 'platform.accessLog.error.justificationIp' });
  });
});
