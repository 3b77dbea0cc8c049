// The request log, switched on and read line by line: one structured line per request with its id, method,
// route template, status and tenant, and never a client address (only the IP access log holds those), a
// password, a cookie or a session id.
import { AccessLogService } from '@app/access-log';
import { sessionCookieName } from '@app/auth';
import { AppConfig } from '@app/core';
import { TestContext } from '@app/testing';

/** Client addresses as the app sees them: forwarded by the trusted proxy, and the loopback peer itself. */
const FORWARDED = ['203.0.113.77', '2001:db8:77::5'];
const LOOPBACK = ['127.0.0.1', '::ffff:127.0.0.1', '::1'];
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/;

interface LogLine {
  level: number;
  msg?: string;
  req?: { id: string; method: string };
  res?: { statusCode: number };
  route?: string;
  tenant?: string;
  responseTime?: number;
}

describe('request log', () => {
  let ctx: TestContext;
  const written: string[] = [];

  beforeAll(async () => {
    // Logging on, and the loopback peer trusted as a proxy, so X-Forwarded-For sets the client address.
    ctx = await TestContext.create({ logLevel: 'info', trustProxy: 'loopback' }, { logTo: { write: (line: string) => void written.push(line) } });
  });
  afterAll(() => ctx.close());

  /** The completion line of a request, once pino has written it (it does so when the response finishes). */
  const completionOf = async (requestId: string): Promise<LogLine> => {
    for (let i = 0; i < 50; i++) {
      const line = written.map((l) => JSON.parse(l) as LogLine).find((l) => l.req?.id === requestId && l.res);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no log line for request ${requestId}`);
  };

  it('writes one line per request with what an operator needs, and no client address, password, cookie or session id', async () => {
    const tenant = await ctx.newTenant();
    const staff = await ctx.newTenantStaff(tenant, 'staff');
    const [v4, v6] = FORWARDED;
    const health = await ctx.http().get('/api/health').set('X-Forwarded-For', v4).expect(200);
    const login = await ctx.http().post(`/api/t/${tenant.slug}/login`).set('X-Forwarded-For', v6).send({ email: staff.email, password: staff.password }).expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(sessionCookieName(ctx.get(AppConfig))))!.split(';')[0];
    const me = await ctx.http().get(`/api/t/${tenant.slug}/me`).set('Cookie', cookie).set('X-Forwarded-For', v4).expect(200);
    const refused = await ctx.http().post('/api/platform/access-log/searches').set('Cookie', cookie).set('X-Forwarded-For', v4).send({}).expect(403);
    const wrong = await ctx.http().post(`/api/t/${tenant.slug}/login`).set('X-Forwarded-For', v4).send({ email: staff.email, password: 'not the password at all' }).expect(401);
    const missing = await ctx.http().get('/api/no/such/route').set('X-Forwarded-For', v6).expect(404);

    // The addresses were really there to be logged: the IP access log, which alone may hold them, has them.
    await ctx.get(AccessLogService).flush();
    const [{ ip }] = await ctx.sql<{ ip: string }>('select host(ip) as ip from platform.access_log where request_id = ?', [health.headers['x-request-id']]);
    expect(ip).toBe(v4);

    expect(await completionOf(health.headers['x-request-id'])).toMatchObject({ req: { id: health.headers['x-request-id'], method: 'GET' }, res: { statusCode: 200 }, route: '/api/health' });
    expect(await completionOf(login.headers['x-request-id'])).toMatchObject({ req: { method: 'POST' }, res: { statusCode: 200 }, route: '/api/t/:tenant/login' });
    expect(await completionOf(me.headers['x-request-id'])).toMatchObject({ res: { statusCode: 200 }, route: '/api/t/:tenant/me', tenant: tenant.slug });
    expect(await completionOf(refused.headers['x-request-id'])).toMatchObject({ res: { statusCode: 403 }, route: '/api/platform/access-log/searches' });
    expect(await completionOf(wrong.headers['x-request-id'])).toMatchObject({ res: { statusCode: 401 } });
    expect(await completionOf(missing.headers['x-request-id'])).toMatchObject({ res: { statusCode: 404 } });
    for (const res of [health, login, me]) expect((await completionOf(res.headers['x-request-id'])).responseTime).toEqual(expect.any(Number));

    const all = written.join('');
    for (const address of [...FORWARDED, ...LOOPBACK]) expect(all).not.toContain(address);
    expect(all).not.toMatch(IPV4);
    expect(all).not.toContain(staff.password);
    expect(all).not.toContain('not the password at all');
    expect(all).not.toContain(cookie.split('=')[1]);
    expect(all).not.toContain(decodeURIComponent(cookie.split('=')[1]).slice(2).split('.')[0]); // the bare session id
  });
});
