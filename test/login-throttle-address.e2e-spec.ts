// Per-address login throttling, in a file of its own: it needs an app with a low address limit
// (passport is a process-wide singleton, so one app per test file). Behind a trusted proxy on loopback, so
// that each test signs in from its own client address.
import { problemOf, TestContext } from '@app/testing';

describe('login throttling per client address', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ loginMaxFailuresPerAddress: 3, trustProxy: 'loopback' });
  });
  afterAll(() => ctx.close());

  const login = (address: string, body: { email: string; password: string }) => ctx.http().post('/api/platform/login').set('X-Forwarded-For', address).send(body);

  it('answers 429 once an address has used up its failures, whichever accounts it tries', async () => {
    for (let i = 0; i < 3; i++) await login('203.0.113.20', { email: `x${i}@platform.test`, password: 'wrong password!' }).expect(401);
    const res = await login('203.0.113.20', { email: 'y@platform.test', password: 'wrong password!' }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    problemOf(res);
  });

  it('never counts successful logins: an office behind one address signs in all day', async () => {
    const { email, password } = await ctx.newPlatformStaff();
    const staff = { email, password };
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await login('198.51.100.30', staff)).status);
    expect([...statuses]).toEqual([200]);
    // Failures from that address still throttle it, and then its right passwords too.
    for (let i = 0; i < 3; i++) await login('198.51.100.30', { email: `z${i}@platform.test`, password: 'wrong password!' }).expect(401);
    problemOf(await login('198.51.100.30', staff).expect(429));
  });

  it('counts wrong request-verification codes per client address too: refused before the code is hashed', async () => {
    const tenant = await ctx.newTenant();
    const enter = (address: string) => ctx.http().post(`/api/t/${tenant.slug}/verify`).set('X-Forwarded-For', address).send({ email: 'henkilo@example.fi', code: '12345678' });
    for (let i = 0; i < 3; i++) await enter('203.0.113.40').expect(400);
    const res = await enter('203.0.113.40').expect(429);
    expect(problemOf(res).type).toMatch(/too-many-attempts$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else's address is still answered: the limit is the client's, not the e-mail address's.
    await enter('203.0.113.41').expect(400);
  });
});
