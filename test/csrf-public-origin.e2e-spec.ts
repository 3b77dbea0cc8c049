// The CSRF origin check when PUBLIC_ORIGIN is set: browsers reach the app there, so that origin alone may
// change state, whatever Host the request carries. (A file of its own: one app per test file, as passport's
// serializers are process-wide.)
import { problemOf, TestContext, type Agent } from '@app/testing';

describe('HTTP conventions behind a configured public origin (PUBLIC_ORIGIN)', () => {
  const PUBLIC_ORIGIN = 'https://rekisteri.example';
  let ctx: TestContext;
  let admin: Agent;

  beforeAll(async () => {
    ctx = await TestContext.create({ publicOrigin: PUBLIC_ORIGIN });
    admin = await ctx.newPlatformAdminAgent();
  });
  afterAll(() => ctx.close());

  const tenantBody = (slug: string) => ({ slug, legalName: 'X', businessId: '2832233-5', streetAddress: 'S', postalCode: '02320', city: 'E', contactEmail: 'a@b.fi', contactPerson: 'A' });

  it('accepts state changes from the configured origin only, not from the address the request happened to reach', async () => {
    // The Host is what the origin check would fall back to without PUBLIC_ORIGIN: with it set, that is refused too.
    for (const origin of ['https://evil.example', 'http://127.0.0.1', 'http://rekisteri.example', 'https://rekisteri.example:8443', 'https://rekisteri.example.evil.example', 'null']) {
      const res = await admin.post('/api/platform/tenants').set('Host', '127.0.0.1').set('Origin', origin).send(tenantBody('csrf-public'));
      expect({ origin, status: res.status, type: problemOf(res).type }).toEqual({ origin, status: 403, type: expect.stringMatching(/csrf-rejected$/) });
    }
    expect(await ctx.sql(`select 1 from platform.tenant where slug = 'csrf-public'`)).toEqual([]);

    await admin.post('/api/platform/tenants').set('Host', '127.0.0.1').set('Origin', PUBLIC_ORIGIN).set('Sec-Fetch-Site', 'same-origin').send(tenantBody('csrf-public')).expect(201);
    expect(await ctx.sql(`select 1 from platform.tenant where slug = 'csrf-public'`)).toHaveLength(1);
  });

  it('guards the public login the same way', async () => {
    const staff = await ctx.newPlatformStaff();
    const login = (origin: string) => ctx.http().post('/api/platform/login').set('Host', '127.0.0.1').set('Origin', origin).send({ email: staff.email, password: staff.password });
    expect(problemOf(await login('http://127.0.0.1').expect(403)).type).toMatch(/csrf-rejected$/);
    await login(PUBLIC_ORIGIN).expect(200);
  });
});
