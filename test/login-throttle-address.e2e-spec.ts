// Per-address login throttling, in a file of its own: it needs an app with a low address limit
// (passport is a process-wide singleton, so one app per test file).
import { problemOf, TestContext } from '@app/testing';

describe('login throttling per client address', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ loginMaxAttemptsPerAddress: 3 });
  });
  afterAll(() => ctx.close());

  it('answers 429 once an address has used up its attempts, whichever accounts it tries', async () => {
    for (let i = 0; i < 3; i++) await ctx.http().post('/api/platform/login').send({ email: `x${i}@platform.test`, password: 'wrong password!' }).expect(401);
    const res = await ctx.http().post('/api/platform/login').send({ email: 'y@platform.test', password: 'wrong password!' }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    problemOf(res);
  });
});
