// Behind a trusted proxy the access log takes the client address that proxy saw, and only that one: an
// address the client itself put into X-Forwarded-For is not believed. (An app of its own: passport is a singleton.)
import { AccessLogService } from '@app/access-log';
import { TestContext } from '@app/testing';

describe('IP access log behind a trusted proxy', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ trustProxy: 'loopback' });
  });
  afterAll(() => ctx.close());

  const ipOf = async (requestId: string) =>
    (await ctx.sql<{ ip: string }>('select host(ip) as ip from platform.access_log where request_id = ?', [requestId])).map((r) => r.ip);

  it('records the address the trusted proxy forwarded, not one the client forged in front of it', async () => {
    // The client sent "X-Forwarded-For: 198.51.100.23"; the proxy on loopback appended the peer it saw.
    const proxied = await ctx.http().get('/api/health').set('X-Forwarded-For', '198.51.100.23, 203.0.113.5').expect(200);
    const direct = await ctx.http().get('/api/health').expect(200);
    const garbage = await ctx.http().get('/api/health').set('X-Forwarded-For', 'not-an-address').expect(200);
    await ctx.get(AccessLogService).flush();
    expect(await ipOf(proxied.headers['x-request-id'])).toEqual(['203.0.113.5']);
    expect(await ipOf(direct.headers['x-request-id'])).toEqual(['127.0.0.1']);
    // Whatever a proxy forwards that is not an address is kept as unknown rather than losing the row.
    expect(await ipOf(garbage.headers['x-request-id'])).toEqual([null]);

    const investigator = await ctx.loginPlatform(await ctx.newPlatformStaff(['access_log_investigator']));
    const justification = 'Checking the proxy configuration against a reported request.';
    const found = await investigator.post('/api/platform/access-log/searches').send({ filters: { ip: '203.0.113.5' }, justification }).expect(201);
    expect(found.body.rows.map((r: { requestId: string }) => r.requestId)).toEqual([proxied.headers['x-request-id']]);
    const forged = await investigator.post('/api/platform/access-log/searches').send({ filters: { ip: '198.51.100.23' }, justification }).expect(201);
    expect(forged.body.rowCount).toBe(0);
  });
});
