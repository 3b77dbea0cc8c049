import type { Request } from 'express';
import { requestRow, routeTemplate, UNMATCHED_ROUTE } from './access-log.middleware';

const REQUEST_ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const TENANT = '6f1c1f9e-4a43-4a1e-9d59-7f6f2f2d7c11';
const STAFF = '0f8fad5b-d9cb-469f-a165-70867728950e';

const request = (fields: Partial<Request>) => ({ id: REQUEST_ID, method: 'GET', ip: '::ffff:203.0.113.7', baseUrl: '', ...fields }) as Request;

describe('access log rows', () => {
  it('names the route template, never the URL', () => {
    expect(routeTemplate({ route: { path: '/api/t/:tenant/customers/:id' }, baseUrl: '' } as Request)).toBe('/api/t/:tenant/customers/:id');
    expect(routeTemplate({ route: { path: '/:id' }, baseUrl: '/api/mounted' } as Request)).toBe('/api/mounted/:id');
    expect(routeTemplate({ route: undefined, baseUrl: '' } as Request)).toBe(UNMATCHED_ROUTE);
    expect(routeTemplate({ route: { path: '*path' }, baseUrl: '/api' } as Request)).toBe(UNMATCHED_ROUTE); // Nest's 404 catch-all
  });

  it('takes the tenant and the principal from the principal the guard resolved', () => {
    const req = request({
      route: { path: '/api/t/:tenant/me' },
      principal: { kind: 'tenant-staff', id: STAFF, email: 'e@x.fi', name: 'E', role: 'owner', tenantId: TENANT, tenantSlug: 'x' },
    } as Partial<Request>);
    expect(requestRow(req, 200, new Date(0), 12.6)).toEqual({
      loggedAt: new Date(0),
      ip: '203.0.113.7',
      method: 'GET',
      route: '/api/t/:tenant/me',
      status: 200,
      latencyMs: 13,
      tenantId: TENANT,
      principal: `tenant-staff:${TENANT}:${STAFF}`,
      requestId: REQUEST_ID,
    });
  });

  it('records platform staff without a tenant, the anonymous without either, and an unusable address as null', () => {
    const platform = requestRow(request({ principal: { kind: 'platform', id: STAFF, email: 'e@x.fi', name: 'E', roles: [] } } as Partial<Request>), 403, new Date(), 1);
    expect(platform).toMatchObject({ tenantId: null, principal: `platform:${STAFF}`, route: UNMATCHED_ROUTE, status: 403 });
    const anonymous = requestRow(request({ ip: 'garbage from a proxy' } as Partial<Request>), 401, new Date(), 1);
    expect(anonymous).toMatchObject({ tenantId: null, principal: null, ip: null });
  });

  it('attributes any principal acting within a tenant (a portal customer too) to that tenant', () => {
    const customer = { kind: 'customer', id: STAFF, email: 'c@x.fi', tenantId: TENANT, tenantSlug: 'x' };
    expect(requestRow(request({ principal: customer } as unknown as Partial<Request>), 200, new Date(), 1)).toMatchObject({ tenantId: TENANT, principal: `customer:${TENANT}:${STAFF}` });
    expect(requestRow(request({ user: { nonsense: true } } as unknown as Partial<Request>), 200, new Date(), 1)).toMatchObject({ tenantId: null, principal: null });
  });

  it("attributes an anonymous request to the tenant whose public route it reached, never a platform principal's", () => {
    expect(requestRow(request({}), 401, new Date(), 1, TENANT)).toMatchObject({ tenantId: TENANT, principal: null });
    const platform = { kind: 'platform', id: STAFF, email: 'e@x.fi', name: 'E', roles: [] };
    expect(requestRow(request({ principal: platform } as Partial<Request>), 200, new Date(), 1, TENANT)).toMatchObject({ tenantId: null });
  });

  it('skips a request without a request id rather than write a row the database would refuse', () => {
    expect(requestRow(request({ id: 'forged' } as Partial<Request>), 200, new Date(), 1)).toBeNull();
  });
});
