// The HTTP conventions every route shares: problem+json, request ids, security headers, CSRF, OpenAPI, health.
import { problemOf, TestContext, type Agent } from '@app/testing';

describe('HTTP conventions', () => {
  let ctx: TestContext;
  let admin: Agent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newPlatformAdminAgent();
  });
  afterAll(() => ctx.close());

  it('reports health with the database', async () => {
    const res = await ctx.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers an unknown route with problem+json 404 and a request id matching the header', async () => {
    const res = await ctx.http().get('/api/nothing-here').expect(404);
    const problem = problemOf(res);
    expect(problem).toMatchObject({ status: 404, title: 'Not found' });
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(problem.requestId);
  });

  it('does not take a request id from the client', async () => {
    const res = await ctx.http().get('/api/health').set('X-Request-Id', 'forged').expect(200);
    expect(res.headers['x-request-id']).not.toBe('forged');
  });

  it('sends a strict CSP, no framing, and no-store', async () => {
    const res = await ctx.http().get('/api/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses cross-site state changes (Origin, Fetch Metadata, form bodies) before doing anything', async () => {
    const body = { slug: 'csrf-victim', legalName: 'X', businessId: '2832233-5', streetAddress: 'S', postalCode: '02320', city: 'E', contactEmail: 'a@b.fi', contactPerson: 'A' };
    problemOf(await admin.post('/api/platform/tenants').set('Origin', 'https://evil.example').send(body).expect(403));
    problemOf(await admin.post('/api/platform/tenants').set('Sec-Fetch-Site', 'cross-site').send(body).expect(403));
    problemOf(await admin.post('/api/platform/tenants').type('form').send(body).expect(403));
    problemOf(await admin.post('/api/platform/tenants').set('Content-Type', 'text/plain').send(JSON.stringify(body)).expect(403));
    expect(await ctx.sql(`select 1 from platform.tenant where slug = 'csrf-victim'`)).toEqual([]);
    // The same request from the application's own origin goes through.
    const origin = `http://127.0.0.1`;
    const own = await admin.post('/api/platform/tenants').set('Origin', origin).set('Host', '127.0.0.1').set('Sec-Fetch-Site', 'same-origin').send(body);
    expect(own.status).toBe(201);
  });

  it('serves the OpenAPI document and the UI', async () => {
    const doc = await ctx.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/platform/tenants', '/api/t/{tenant}/login', '/api/health']));
    const ui = await ctx.http().get('/api/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('never puts a stack trace or SQL in a response', async () => {
    const res = await admin.get('/api/platform/tenants?limit=abc').expect(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|select |\.ts:\d+/i);
  });

  it('rejects oversized bodies with 413', async () => {
    const res = await admin.post('/api/platform/tenants').send({ legalName: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    problemOf(res);
  });
});
