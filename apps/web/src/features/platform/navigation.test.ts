import { describe, expect, it } from 'vitest';
import { platformHome, platformNavFor } from './navigation';

describe('platform navigation', () => {
  it('shows each role only what it can open', () => {
    expect(platformNavFor(['platform_admin']).map((i) => i.to)).toEqual(['/platform/tenants', '/platform/staff', '/platform/access-log', '/platform/processing-record', '/platform/incidents']);
    expect(platformNavFor(['access_log_investigator']).map((i) => i.to)).toEqual(['/platform/access-log']);
    expect(platformNavFor([])).toEqual([]);
  });

  it('opens the first page the role can use', () => {
    expect(platformHome(['access_log_investigator'])).toBe('/platform/access-log');
    expect(platformHome(['platform_admin', 'access_log_investigator'])).toBe('/platform/tenants');
  });
});
